/**
 * Town-wide safeguards the town office sets (org.saveSafeguards): the size of a points correction
 * above which a second person approves, and how many 随手拍, good-deed declarations and nominations
 * one person may submit per China day. One settings document; the defaults apply until it is saved.
 */
import { DEFAULT_SAFEGUARDS, type TownSafeguards } from '@/contract'
import { chinaDay } from '@/domain/china-time'
import { C } from './collections'
import { fail, unlessDuplicate } from './errors'
import { prefetchedOne, type Prefetch, type PrefetchPlan, type Prefetched } from './prefetch'
import { countUnderCap } from './repo'
import type { Store } from './store'

export const SAFEGUARDS_ID = 'safeguards'

export interface SafeguardsDoc extends TownSafeguards {
  _id: string
  updatedAt: Date
  updatedBy: string
}

/** The settings as saved, a field the document lacks taking its default. */
export function safeguardsOf(doc: Partial<TownSafeguards> | null): TownSafeguards {
  const d = doc ?? {}
  return {
    correctionThreshold: d.correctionThreshold ?? DEFAULT_SAFEGUARDS.correctionThreshold,
    reportsPerDay: d.reportsPerDay ?? DEFAULT_SAFEGUARDS.reportsPerDay,
    declarationsPerDay: d.declarationsPerDay ?? DEFAULT_SAFEGUARDS.declarationsPerDay,
    nominationsPerDay: d.nominationsPerDay ?? DEFAULT_SAFEGUARDS.nominationsPerDay
  }
}

export async function loadSafeguards(store: Store): Promise<TownSafeguards> {
  return safeguardsOf(await store.findOne<SafeguardsDoc>(C.town_settings, { _id: SAFEGUARDS_ID }))
}

/** What loadSafeguards reads, to come with the caller's profile (./prefetch.ts): key safeguards. */
export const prefetchSafeguards = (): Prefetch => ({ coll: C.town_settings, match: { _id: SAFEGUARDS_ID } })

/** The settings as prefetched with the caller's profile, else loaded. */
export async function safeguardsFor(ctx: { store: Store; prefetched?: Prefetched | null }): Promise<TownSafeguards> {
  return safeguardsOf(await prefetchedOne<SafeguardsDoc>(ctx, 'safeguards', () => ctx.store.findOne<SafeguardsDoc>(C.town_settings, { _id: SAFEGUARDS_ID })))
}

/** Pure: whether a correction of `delta` points waits for a second person. */
export const needsSecondApproval = (delta: number, s: TownSafeguards): boolean => Math.abs(delta) > s.correctionThreshold

export type DailyKind = 'report' | 'declaration' | 'nomination'

const CAP_OF: Record<DailyKind, (s: TownSafeguards) => number> = {
  report: (s) => s.reportsPerDay,
  declaration: (s) => s.declarationsPerDay,
  nomination: (s) => s.nominationsPerDay
}

export const dailyCapMessage: Record<DailyKind, (cap: number) => string> = {
  report: (cap) => `今天已提交 ${cap} 条随手拍，已达每日上限，请明天再来`,
  declaration: (cap) => `今天已申报 ${cap} 条善行，已达每日上限，请明天再来`,
  nomination: (cap) => `今天已提名 ${cap} 次，已达每日上限，请明天再来`
}

/**
 * One person's submissions of one kind on one China day. One document per person and kind: a new
 * day starts it again from zero (so the collection does not grow by a document a day). Only counts:
 * which submissions were made is not kept here. A retry of a submission that was saved is answered
 * by its handler before it gets here; every attempt that reaches the content check counts, refused
 * or not, so retrying a refused submission cannot spend the check's quota past the cap.
 */
export interface DailyCountDoc {
  _id: string
  userId: string
  kind: DailyKind
  day: string
  count: number
  updatedAt: Date
}

export const dailyCountId = (kind: DailyKind, userId: string) => `${kind}_${userId}`

/** Rounds of conditional write → read when the person's other submissions change the count meanwhile. */
const ATTEMPTS = 6

const tryInsert = (store: Store, doc: DailyCountDoc): Promise<boolean> => unlessDuplicate(() => store.insert(C.daily_counts, doc))

/** What the caller already read (with its profile: prefetchDailySlot); undefined = not read. */
export interface DailySlotKnown {
  settings?: TownSafeguards
  /** The person's count document as read (null: there is none yet). */
  count?: DailyCountDoc | null
}

/** Whether the count document, as last seen, is one a conditional increment can count on (undefined: not seen). */
const countable = (cur: DailyCountDoc | null | undefined, day: string, cap: number) => cur === undefined || (cur !== null && cur.day === day && cur.count < cap)

/**
 * Counts one attempt against the person's daily cap, or
 * refuses it with RATE_LIMITED. Atomic: the count rises only by a conditional update (`count < cap`),
 * so simultaneous submissions cannot pass the cap together. Usually two requests (the settings and
 * the update); the first of a day two more at most (a read, then the reset or the creation). When the
 * caller read the settings and the count with its profile (takeDailySlotFor), one request: the
 * update, the reset of an earlier day's count or the creation, each conditional (a race is found
 * there and goes round again); a person already at the cap costs none.
 * Callers take the slot before the content check, so a person at the cap spends no check quota.
 */
export async function takeDailySlot(store: Store, userId: string, kind: DailyKind, now: Date, known: DailySlotKnown = {}): Promise<void> {
  const cap = CAP_OF[kind](known.settings ?? (await loadSafeguards(store)))
  const id = dailyCountId(kind, userId)
  const day = chinaDay(now)
  let cur = known.count
  for (let i = 0; i < ATTEMPTS; i++) {
    if (countable(cur, day, cap)) {
      if ((await countUnderCap(store, id, day, cap, now)) === 1) return
      cur = await store.findOne<DailyCountDoc>(C.daily_counts, { _id: id })
    }
    if (!cur) {
      if (await tryInsert(store, { _id: id, userId, kind, day, count: 1, updatedAt: now })) return
      cur = undefined
    } else if (cur.day !== day) {
      // the first of a new day: start again from this one (only if nobody else started it meanwhile)
      if ((await store.updateWhere(C.daily_counts, { _id: id, day: cur.day }, { day, count: 1, updatedAt: now })) === 1) return
      cur = undefined
    } else if (cur.count >= cap) fail('RATE_LIMITED', dailyCapMessage[kind](cap))
  }
  fail('RATE_LIMITED', '提交的人太多了，请稍后再试')
}

/** What takeDailySlot reads, to come with the caller's profile (./prefetch.ts): keys safeguards, dailyCount. */
export function prefetchDailySlot(kind: DailyKind, userId: string): PrefetchPlan {
  return { safeguards: prefetchSafeguards(), dailyCount: { coll: C.daily_counts, match: { _id: dailyCountId(kind, userId) } } }
}

/** takeDailySlot for the caller, on what prefetchDailySlot read with the profile (what was not prefetched is read). */
export async function takeDailySlotFor(ctx: { store: Store; userId: string; prefetched?: Prefetched | null }, kind: DailyKind, now: Date): Promise<void> {
  const count = ctx.prefetched?.get('dailyCount')
  const known: DailySlotKnown = { settings: await safeguardsFor(ctx), count: count ? ((count[0] as DailyCountDoc | undefined) ?? null) : undefined }
  await takeDailySlot(ctx.store, ctx.userId, kind, now, known)
}
