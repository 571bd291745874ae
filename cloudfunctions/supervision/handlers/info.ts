/**
 * 信息报送: sending (idempotent by the form's key), editing and withdrawing while it waits, sending a
 * returned item again, the town office's decision, the lists and the half-month table. Every write is
 * one transaction: the item, its audit entry and its half month's counts (see ../info.ts).
 */
import {
  INFO_HALF_DEFINITION,
  INFO_LEVELS,
  INFO_STATUS_LABELS,
  type ActionName,
  type InfoDetail,
  type InfoHalfRow,
  type InfoHalfTable,
  type InfoSummary,
  type InfoSubmitterKind,
  type Page,
  type ParsedInputOf
} from '@/contract'
import { halfClosed, halfLabel, halfMonth, halfMonthOf } from '@/domain/half-month'
import { auditEntry } from '../../_shared/audit'
import { C, TOWN_ID } from '../../_shared/collections'
import type { UnitDoc, VillageDoc } from '../../_shared/docs'
import { AppError, fail, isDuplicateKeyError } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { mapPage, offsetPage } from '../../_shared/paging'
import { prefetchedDoc, prefetchedOne, withPrefetch, type PrefetchPlan } from '../../_shared/prefetch'
import type { Ctx } from '../../_shared/router'
import { checkPhotos, checkText, isCheckedPhoto } from '../../_shared/security'
import {
  addInfoCounts,
  countsDelta,
  infoCountsIdFor,
  infoDecideEntryId,
  infoIdFor,
  infoSubmitEntryId,
  INFO_LEVEL_FIELD,
  MAX_INFO_HISTORY,
  requireInfo,
  maySeeInfo,
  requireSender,
  senderKeysOf,
  sendsFor,
  submitterKeyOf,
  toInfoDetail,
  toInfoSummary,
  zeroCounts,
  type InfoCountsDoc,
  type InfoDoc,
  type InfoHistoryDoc
} from '../info'
import { findInfos, prefetchInfoCounts } from '../repo'

type In<A extends ActionName> = ParsedInputOf<A>

/** Attempts when another write to the same half month's counts races this one. */
const WRITE_ATTEMPTS = 6
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt))

async function shown(ctx: Ctx, d: InfoDoc): Promise<InfoDetail> {
  return toInfoDetail(d, ctx, await tempUrls(d.photos))
}

const entry = (ctx: Ctx, action: InfoHistoryDoc['action'], now: Date, note: string | null = null): InfoHistoryDoc => ({ action, at: now, by: ctx.userId, byName: ctx.user?.name ?? '', note })
const withEntry = (d: InfoDoc, e: InfoHistoryDoc) => [...d.history, e].slice(-MAX_INFO_HISTORY)

async function senderName(ctx: Ctx, kind: InfoSubmitterKind, id: string): Promise<string> {
  const coll = kind === 'village' ? C.villages : C.units
  const sender = await prefetchedOne<VillageDoc | UnitDoc>(ctx, 'sender', () => ctx.store.findOne<VillageDoc | UnitDoc>(coll, { _id: id }))
  if (sender) return sender.name
  return kind === 'village' ? fail('INVALID_INPUT', '所选村（居）不存在', { submitterId: '所选村（居）不存在' }) : fail('INVALID_INPUT', '所选单位不存在', { submitterId: '所选单位不存在' })
}

/** The item a write is about, with the caller's profile (prefetch.ts): key info. */
const prefetchInfo = (input: { infoId: string }): PrefetchPlan => ({ info: { coll: C.info_items, match: { _id: input.infoId } } })

/** requireInfo on the prefetched item (read outside the transaction, as requireInfo's own read would be). */
async function requireInfoOf(ctx: Ctx, infoId: string): Promise<InfoDoc> {
  const doc = prefetchedDoc<InfoDoc>(ctx, 'info')
  if (doc === undefined) return requireInfo(ctx.store, ctx, infoId)
  if (!doc || !maySeeInfo(ctx, doc)) return fail('NOT_FOUND', '没有找到这条信息')
  return doc
}

/**
 * The text and the photos checked; photos the item already holds (checked copies) are kept as they
 * are, new uploads are checked and kept as copies.
 */
async function checkedContent(ctx: Ctx, input: { title: string; text: string; photos?: string[] }, held: string[]): Promise<{ photos: string[]; secStatus: 'pass' | 'review' }> {
  const wanted = [...new Set(input.photos ?? [])]
  const fresh = wanted.filter((f) => !held.includes(f))
  if (fresh.some(isCheckedPhoto)) fail('INVALID_INPUT', '图片不存在或已失效，请重新上传', { photos: '图片不正确' })
  const [textVerdict, checked] = await Promise.all([checkText(ctx.openid, [input.title, input.text]), checkPhotos(fresh, [ctx.openid, ctx.userId])])
  const kept = await checked.keep()
  const copyOf = new Map(fresh.map((f, i) => [f, kept[i]]))
  return { photos: [...new Set(wanted.map((f) => copyOf.get(f) ?? f))], secStatus: textVerdict === 'pass' && checked.verdict === 'pass' ? 'pass' : 'review' }
}

/** A transaction that lost to a concurrent one (not a refusal of ours, which carries its own message). */
const isBareConflict = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && e.message === new AppError('CONFLICT').message

/** Runs a write again when a concurrent one took the same counts document first (CONFLICT). */
async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (e) {
      if (!isBareConflict(e) || attempt >= WRITE_ATTEMPTS) throw e
      await pause(attempt)
    }
  }
}

/** The form's item (a retry finds it) and the sender, with the caller's profile: keys again, sender. */
export const submitInfo = withPrefetch<'supervision.submitInfo'>(
  (input, caller) => ({
    again: { coll: C.info_items, match: { _id: infoIdFor(caller.userId, input.key) } },
    sender: { coll: input.submitterKind === 'village' ? C.villages : C.units, match: { _id: input.submitterId } }
  }),
  sendInfo
)

async function sendInfo(input: In<'supervision.submitInfo'>, ctx: Ctx): Promise<InfoDetail> {
  const id = infoIdFor(ctx.userId, input.key)
  const again = await prefetchedOne<InfoDoc>(ctx, 'again', () => ctx.store.findOne<InfoDoc>(C.info_items, { _id: id }))
  if (again) return shown(ctx, again)
  if (!sendsFor(ctx, input.submitterKind, input.submitterId)) {
    fail('FORBIDDEN', input.submitterKind === 'village' ? '只能以本村（居）的名义报送信息' : '只能以本单位的名义报送信息')
  }
  const [name, content] = await Promise.all([senderName(ctx, input.submitterKind, input.submitterId), checkedContent(ctx, input, [])])
  const now = ctx.now()
  const me = ctx.user?.name ?? ''
  const doc: InfoDoc = {
    _id: id,
    key: input.key,
    submitterKind: input.submitterKind,
    submitterId: input.submitterId,
    submitterName: name,
    submitterKey: submitterKeyOf(input.submitterKind, input.submitterId),
    kind: input.kind,
    title: input.title,
    text: input.text,
    photos: content.photos,
    secStatus: content.secStatus,
    status: 'pending',
    level: null,
    half: halfMonthOf(now).key,
    round: 1,
    firstSubmittedAt: now,
    submittedAt: now,
    submittedBy: ctx.userId,
    submittedByName: me,
    returnReason: null,
    decidedAt: null,
    decidedBy: null,
    decidedByName: null,
    history: [entry(ctx, 'submit', now)],
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now,
    rev: 1
  }
  try {
    await retried(() =>
      ctx.store.transaction(async (tx) => {
        await tx.insert(C.audit_log, { _id: infoSubmitEntryId(id), ...auditEntry(ctx, 'info', id, 'submit', { submitter: doc.submitterKey, kind: doc.kind, title: doc.title, half: doc.half }) })
        await tx.insert(C.info_items, doc)
        await addInfoCounts(tx, doc, countsDelta(null, doc), now)
      })
    )
  } catch (e) {
    // the same form sent twice at once: the first one's item
    if (!isDuplicateKeyError(e)) throw e
    const first = await ctx.store.findOne<InfoDoc>(C.info_items, { _id: id })
    if (!first) throw e
    return shown(ctx, first)
  }
  return shown(ctx, doc)
}

/**
 * A change by the sender, conditional on the item's state and revision as the transaction reads them:
 * `allowed` lists the states it applies to, `change` gives the new fields.
 */
async function senderWrite(
  ctx: Ctx,
  infoId: string,
  rev: number,
  action: 'edit' | 'withdraw',
  allowed: InfoDoc['status'][],
  change: (cur: InfoDoc) => Partial<InfoDoc>,
  detail: Record<string, unknown>
): Promise<InfoDoc> {
  const now = ctx.now()
  return retried(() =>
    ctx.store.transaction(async (tx) => {
      const cur = await tx.get<InfoDoc>(C.info_items, infoId)
      if (!cur) return fail('NOT_FOUND', '没有找到这条信息')
      if (!allowed.includes(cur.status)) fail('CONFLICT', `这条信息${INFO_STATUS_LABELS[cur.status]}，不能${action === 'edit' ? '修改' : '撤回'}`)
      if (cur.rev !== rev) fail('CONFLICT', '这条信息刚刚有了变化，请刷新后再操作')
      const patch = change(cur)
      const next: InfoDoc = { ...cur, ...patch, updatedAt: now, rev: cur.rev + 1 }
      const { _id, ...body } = next
      void _id
      await tx.set(C.info_items, infoId, body)
      await tx.insert(C.audit_log, auditEntry(ctx, 'info', infoId, next.history[next.history.length - 1].action, { ...detail, from: cur.status, to: next.status }))
      await addInfoCounts(tx, cur, countsDelta(cur, next), now)
      return next
    })
  )
}

export const editInfo = withPrefetch<'supervision.editInfo'>(prefetchInfo, edit)

async function edit(input: In<'supervision.editInfo'>, ctx: Ctx): Promise<InfoDetail> {
  const cur = await requireInfoOf(ctx, input.infoId)
  requireSender(ctx, cur)
  if (cur.status !== 'pending' && cur.status !== 'returned') fail('CONFLICT', `这条信息${INFO_STATUS_LABELS[cur.status]}，不能修改`)
  const content = await checkedContent(ctx, input, cur.photos)
  const now = ctx.now()
  const written = await senderWrite(
    ctx,
    input.infoId,
    input.rev,
    'edit',
    ['pending', 'returned'],
    (d) => {
      const again = d.status === 'returned'
      const base = { kind: input.kind, title: input.title, text: input.text, photos: content.photos, secStatus: content.secStatus }
      if (!again) return { ...base, history: withEntry(d, entry(ctx, 'edit', now)) }
      // sent again: a new round waits for its own decision
      return { ...base, status: 'pending', round: d.round + 1, submittedAt: now, submittedBy: ctx.userId, submittedByName: ctx.user?.name ?? '', history: withEntry(d, entry(ctx, 'resubmit', now)) }
    },
    { title: input.title, kind: input.kind, photos: content.photos.length }
  )
  return shown(ctx, written)
}

export const withdrawInfo = withPrefetch<'supervision.withdrawInfo'>(prefetchInfo, withdraw)

async function withdraw(input: In<'supervision.withdrawInfo'>, ctx: Ctx): Promise<InfoDetail> {
  const cur = await requireInfoOf(ctx, input.infoId)
  requireSender(ctx, cur)
  const now = ctx.now()
  const written = await senderWrite(ctx, input.infoId, input.rev, 'withdraw', ['pending'], (d) => ({ status: 'withdrawn', history: withEntry(d, entry(ctx, 'withdraw', now)) }), {})
  return shown(ctx, written)
}

/**
 * The town office decides a waiting item once: the transaction reads it waiting, and the decision's
 * audit entry has the round's id, so of two officers deciding at once one wins and the other is told.
 */
export const decideInfo = withPrefetch<'supervision.decideInfo'>(prefetchInfo, decideOne)

async function decideOne(input: In<'supervision.decideInfo'>, ctx: Ctx): Promise<InfoDetail> {
  const first = await requireInfoOf(ctx, input.infoId)
  const now = ctx.now()
  const adopt = input.decision === 'adopt'
  const taken = (d: InfoDoc) => `这条信息${INFO_STATUS_LABELS[d.status]}${d.decidedByName ? `（${d.decidedByName}）` : ''}，不能再审核`
  const decide = () =>
    ctx.store.transaction(async (tx) => {
      const cur = (await tx.get<InfoDoc>(C.info_items, first._id)) ?? fail('NOT_FOUND', '没有找到这条信息')
      if (cur.status !== 'pending') fail('CONFLICT', taken(cur))
      const patch: Partial<InfoDoc> = {
        status: adopt ? 'adopted' : 'returned',
        level: adopt ? (input.level ?? null) : null,
        returnReason: adopt ? cur.returnReason : (input.reason ?? null),
        decidedAt: now,
        decidedBy: ctx.userId,
        decidedByName: ctx.user?.name ?? '',
        history: withEntry(cur, entry(ctx, adopt ? 'adopt' : 'return', now, adopt ? null : (input.reason ?? null))),
        updatedAt: now,
        rev: cur.rev + 1
      }
      const next: InfoDoc = { ...cur, ...patch }
      await tx.insert(C.audit_log, {
        _id: infoDecideEntryId(cur._id, cur.round),
        ...auditEntry(ctx, 'info', cur._id, input.decision, { level: next.level, reason: input.reason ?? null, round: cur.round })
      })
      await tx.update(C.info_items, cur._id, patch)
      await addInfoCounts(tx, cur, countsDelta(cur, next), now)
      return next
    })
  for (let attempt = 1; ; attempt++) {
    try {
      return await shown(ctx, await decide())
    } catch (e) {
      // another officer's decision of this round (its audit entry), or a concurrent write: read again
      if (!isDuplicateKeyError(e) && !isBareConflict(e)) throw e
      const again = await requireInfo(ctx.store, ctx, first._id)
      if (again.status !== 'pending') return fail('CONFLICT', taken(again))
      if (attempt >= WRITE_ATTEMPTS) throw e
      await pause(attempt)
    }
  }
}

/* ---------------------------------------------------------------- reading */

/** The senders a list covers: the one asked for (the caller's own, or any for the town office), else all the caller's. null = all. */
function listKeys(ctx: Ctx, input: In<'supervision.infos'>): string[] | null {
  const asked: string[] = []
  if (input.villageId) asked.push(submitterKeyOf('village', input.villageId))
  if (input.unitId) asked.push(submitterKeyOf('unit', input.unitId))
  if (ctx.isTown) return asked.length ? asked : null
  const own = senderKeysOf(ctx)
  if (asked.some((k) => !own.includes(k))) fail('FORBIDDEN', '只能查看本村（居）或本单位报送的信息')
  return asked.length ? asked : own
}

export async function infos(input: In<'supervision.infos'>, ctx: Ctx): Promise<Page<InfoSummary>> {
  const keys = listKeys(ctx, input)
  if (keys !== null && keys.length === 0) return { items: [], next: null }
  // the review queue is served first come, first served; everything else newest first
  const order = input.status === 'pending' ? 'asc' : 'desc'
  const page = await offsetPage(input, (skip, limit) => findInfos<InfoDoc>(ctx.store, keys, input.status, order, skip, limit))
  return mapPage(page, (rows) => rows.map(toInfoSummary))
}

export async function info(input: In<'supervision.info'>, ctx: Ctx): Promise<InfoDetail> {
  return shown(ctx, await requireInfo(ctx.store, ctx, input.infoId))
}

/** A town has tens of villages and units: one read of each list, and one of the half month's counts (one per sender), bounded by design. */
const MAX_SENDERS = 1000

function rowOf(kind: InfoSubmitterKind, id: string, name: string, c: InfoCountsDoc | undefined, closed: boolean): InfoHalfRow {
  const n = { ...zeroCounts(), ...(c ?? {}) }
  return {
    kind,
    id,
    name,
    submitted: n.submitted,
    pending: n.pending,
    returned: n.returned,
    adopted: n.adopted,
    adoptedByLevel: Object.fromEntries(INFO_LEVELS.map((l) => [l, n[INFO_LEVEL_FIELD[l]]])) as InfoHalfRow['adoptedByLevel'],
    missing: kind === 'village' && closed && n.submitted === 0
  }
}

/**
 * Every village (flagged 未报送 when the half month is over and it sent nothing) and every unit, from
 * the counts alone: the counts with the caller's profile (prefetch.ts), the villages, the units.
 */
export const infoHalf = withPrefetch<'supervision.infoHalf'>((input) => prefetchInfoCounts(halfMonth(input.year, input.month, input.half).key, MAX_SENDERS), halfTable)

async function halfTable(input: In<'supervision.infoHalf'>, ctx: Ctx): Promise<InfoHalfTable> {
  const h = halfMonth(input.year, input.month, input.half)
  const closed = halfClosed(h, ctx.now())
  const byOrder = { sort: [['order', 'asc']] as Array<[string, 'asc']>, limit: MAX_SENDERS, fields: { _id: true, name: true } }
  const prefetched = ctx.prefetched?.get('counts') as InfoCountsDoc[] | undefined
  const [villages, units, counts] = await Promise.all([
    ctx.store.find<Pick<VillageDoc, '_id' | 'name'>>(C.villages, { townId: TOWN_ID }, byOrder),
    ctx.store.find<Pick<UnitDoc, '_id' | 'name'>>(C.units, { townId: TOWN_ID }, byOrder),
    prefetched ?? ctx.store.find<InfoCountsDoc>(C.info_counts, { half: h.key }, { limit: MAX_SENDERS })
  ])
  const byId = new Map(counts.map((c) => [c._id, c]))
  const rows = (kind: InfoSubmitterKind, list: Array<{ _id: string; name: string }>) => list.map((x) => rowOf(kind, x._id, x.name, byId.get(infoCountsIdFor(kind, x._id, h.key)), closed))
  const villageRows = rows('village', villages)
  return {
    year: h.year,
    month: h.month,
    half: h.half,
    key: h.key,
    label: halfLabel(h),
    from: h.from,
    to: h.to,
    closed,
    villages: villageRows,
    units: rows('unit', units),
    missing: villageRows.filter((r) => r.missing).length,
    definition: INFO_HALF_DEFINITION
  }
}
