/**
 * 信息报送: what is stored, who may do what, the counts kept per sender and half month, and the views.
 *
 * - A village's admins send and manage the village's items, a unit's staff the unit's; the town office
 *   reads all and decides (采用 at a level / 退回 with a reason); nobody else sees any. An item outside
 *   the caller's scope is answered as not found.
 * - An item counts in the half month of its first submission (China time), whatever happens later.
 *   Its contribution to that half month's counts is a function of its state alone (countsOf): every
 *   write adds the difference between the new state's contribution and the old one's, in the write's
 *   transaction — so the counts always equal a recomputation from the items.
 */
import { keyedId } from '../_shared/ids'
import {
  INFO_KIND_LABELS,
  INFO_LEVEL_LABELS,
  INFO_STATUS_LABELS,
  type InfoDetail,
  type InfoHistoryEntry,
  type InfoKind,
  type InfoLevel,
  type InfoStatus,
  type InfoSubmitterKind,
  type InfoSummary
} from '@/contract'
import { halfLabel, halfMonthFromKey } from '@/domain/half-month'
import { holdsPlace, placesHeld } from '../_shared/access'
import { C } from '../_shared/collections'
import { iso } from '../_shared/docs'
import { fail, sdkErrorKind } from '../_shared/errors'
import type { Ctx } from '../_shared/router'
import type { Store, TxStore } from '../_shared/store'

/* ---------------------------------------------------------------- stored shapes */

export interface InfoHistoryDoc {
  action: InfoHistoryEntry['action']
  at: Date
  by: string
  byName: string
  note: string | null
}

/** One item sent by a village or a unit. The id follows from the sender and the form's key, so a retry finds it. */
export interface InfoDoc {
  _id: string
  key: string
  submitterKind: InfoSubmitterKind
  submitterId: string
  submitterName: string
  /** `village:<id>` / `unit:<id>`: the lists' index key. */
  submitterKey: string
  kind: InfoKind
  title: string
  text: string
  /** Checked copies (`checked/<sha256>.<ext>`). */
  photos: string[]
  secStatus: 'pass' | 'review'
  status: InfoStatus
  level: InfoLevel | null
  /** The half month it counts in (its first submission), YYYY-MM-1 / YYYY-MM-2. */
  half: string
  /** 1 at the first submission, +1 each time a returned item is sent again: one decision per round. */
  round: number
  firstSubmittedAt: Date
  /** The latest (re)submission: the lists' order. */
  submittedAt: Date
  submittedBy: string
  submittedByName: string
  returnReason: string | null
  decidedAt: Date | null
  decidedBy: string | null
  decidedByName: string | null
  history: InfoHistoryDoc[]
  createdAt: Date
  createdBy: string
  updatedAt: Date
  rev: number
}

export const INFO_COUNT_FIELDS = ['submitted', 'pending', 'returned', 'adopted', 'adoptedTown', 'adoptedCounty', 'adoptedCity'] as const
export type InfoCountField = (typeof INFO_COUNT_FIELDS)[number]
export type InfoCounts = Record<InfoCountField, number>

/** A sender's counts in one half month (`<kind>_<id>_<half>`), kept in the transaction of each change. */
export interface InfoCountsDoc extends InfoCounts {
  _id: string
  half: string
  submitterKind: InfoSubmitterKind
  submitterId: string
  submitterName: string
  updatedAt: Date
}

/* ---------------------------------------------------------------- rules */

export const infoIdFor = (userId: string, key: string) => keyedId('if', userId, key)
export const submitterKeyOf = (kind: InfoSubmitterKind, id: string) => `${kind}:${id}`
export const infoCountsIdFor = (kind: InfoSubmitterKind, id: string, half: string) => `${kind}_${id}_${half}`
/** The audit entries with ids of their own: the first submission, and the one decision of each round. */
export const infoSubmitEntryId = (infoId: string) => `${infoId}.submit`
export const infoDecideEntryId = (infoId: string, round: number) => `${infoId}.${round}.decide`

/** History kept on the item (the audit log keeps everything). */
export const MAX_INFO_HISTORY = 40

export const INFO_LEVEL_FIELD: Record<InfoLevel, InfoCountField> = { town: 'adoptedTown', county: 'adoptedCounty', city: 'adoptedCity' }

export const zeroCounts = (): InfoCounts => ({ submitted: 0, pending: 0, returned: 0, adopted: 0, adoptedTown: 0, adoptedCounty: 0, adoptedCity: 0 })

/** What one item in this state contributes to its half month's counts (a withdrawn item: nothing). */
export function countsOf(item: { status: InfoStatus; level: InfoLevel | null } | null): InfoCounts {
  const out = zeroCounts()
  if (!item || item.status === 'withdrawn') return out
  out.submitted = 1
  if (item.status === 'pending') out.pending = 1
  if (item.status === 'returned') out.returned = 1
  if (item.status === 'adopted') {
    out.adopted = 1
    if (item.level) out[INFO_LEVEL_FIELD[item.level]] = 1
  }
  return out
}

/** The change of the counts when an item moves from one state to another. */
export function countsDelta(from: Parameters<typeof countsOf>[0], to: Parameters<typeof countsOf>[0]): InfoCounts {
  const a = countsOf(from)
  const b = countsOf(to)
  const out = zeroCounts()
  for (const f of INFO_COUNT_FIELDS) out[f] = b[f] - a[f]
  return out
}

/**
 * Adds a change to a sender's half-month counts inside the transaction (creating the document). The
 * document usually exists (the half month's first item created it): one update with increments, which
 * the database applies at commit; only when it changed nothing (no document yet) is it read and set.
 */
export async function addInfoCounts(tx: TxStore, item: Pick<InfoDoc, 'submitterKind' | 'submitterId' | 'submitterName' | 'half'>, delta: InfoCounts, now: Date): Promise<void> {
  if (INFO_COUNT_FIELDS.every((f) => delta[f] === 0)) return
  const id = infoCountsIdFor(item.submitterKind, item.submitterId, item.half)
  const incs: Record<string, unknown> = { updatedAt: now }
  for (const f of INFO_COUNT_FIELDS) if (delta[f] !== 0) incs[f] = tx.op.inc(delta[f])
  // (a missing document: 0 changed — or, should the cloud refuse the update instead, the same)
  const changed = await tx.update(C.info_counts, id, incs).catch((e: unknown) => (sdkErrorKind(e) === 'missing' ? 0 : Promise.reject(e)))
  if (changed > 0) return
  const cur = await tx.get<InfoCountsDoc>(C.info_counts, id)
  const next: Omit<InfoCountsDoc, '_id'> = { half: item.half, submitterKind: item.submitterKind, submitterId: item.submitterId, submitterName: item.submitterName, ...zeroCounts(), updatedAt: now }
  for (const f of INFO_COUNT_FIELDS) next[f] = (cur?.[f] ?? 0) + delta[f]
  await tx.set(C.info_counts, id, next)
}

/* ---------------------------------------------------------------- access */

/** Whether the caller sends for this village (its admin) or unit (its staff). The town office reviews; it does not send. */
export const sendsFor = (ctx: Ctx, kind: InfoSubmitterKind, id: string): boolean => holdsPlace(ctx, kind, id)

/** The senders the caller acts for, as list keys. */
export const senderKeysOf = (ctx: Ctx): string[] => [...new Set(placesHeld(ctx).map((p) => submitterKeyOf(p.kind, p.id)))]

export const maySeeInfo = (ctx: Ctx, i: Pick<InfoDoc, 'submitterKind' | 'submitterId'>) => ctx.isTown || sendsFor(ctx, i.submitterKind, i.submitterId)

export async function requireInfo(store: Store, ctx: Ctx, id: string): Promise<InfoDoc> {
  const doc = await store.findOne<InfoDoc>(C.info_items, { _id: id })
  // an item the caller may not see is answered as not found, so ids cannot be probed
  if (!doc || !maySeeInfo(ctx, doc)) return fail('NOT_FOUND', '没有找到这条信息')
  return doc
}

export function requireSender(ctx: Ctx, i: Pick<InfoDoc, 'submitterKind' | 'submitterId'>): void {
  if (sendsFor(ctx, i.submitterKind, i.submitterId)) return
  fail('FORBIDDEN', i.submitterKind === 'village' ? '只有本村（居）管理员可以修改或撤回本村（居）报送的信息' : '只有本单位人员可以修改或撤回本单位报送的信息')
}

/* ---------------------------------------------------------------- views */

const HISTORY_LABELS: Record<InfoHistoryEntry['action'], string> = { submit: '报送', edit: '修改', resubmit: '修改后重新报送', withdraw: '撤回', adopt: '采用', return: '退回' }

export function toInfoSummary(d: Omit<InfoDoc, 'text' | 'history'>): InfoSummary {
  const h = halfMonthFromKey(d.half)
  return {
    id: d._id,
    kind: d.kind,
    kindLabel: INFO_KIND_LABELS[d.kind],
    title: d.title,
    status: d.status,
    statusLabel: INFO_STATUS_LABELS[d.status],
    level: d.level,
    levelLabel: d.level ? INFO_LEVEL_LABELS[d.level] : null,
    submitter: { kind: d.submitterKind, id: d.submitterId, name: d.submitterName },
    half: d.half,
    halfLabel: h ? halfLabel(h) : d.half,
    submittedAt: iso(d.submittedAt) as string,
    submittedByName: d.submittedByName,
    decidedAt: iso(d.decidedAt),
    photoCount: d.photos.length,
    resubmissions: d.round - 1
  }
}

export function toInfoDetail(d: InfoDoc, ctx: Ctx, urls: Map<string, string>): InfoDetail {
  const sender = sendsFor(ctx, d.submitterKind, d.submitterId)
  return {
    ...toInfoSummary(d),
    text: d.text,
    photos: d.photos.flatMap((f) => (urls.has(f) ? [{ fileId: f, url: urls.get(f) as string }] : [])),
    returnReason: d.returnReason,
    decidedByName: d.decidedByName,
    history: d.history.map((e) => ({ action: e.action, actionLabel: HISTORY_LABELS[e.action], at: iso(e.at) as string, byName: e.byName, note: e.note })),
    rev: d.rev,
    canEdit: sender && (d.status === 'pending' || d.status === 'returned'),
    canWithdraw: sender && d.status === 'pending',
    canDecide: ctx.isTown && d.status === 'pending'
  }
}
