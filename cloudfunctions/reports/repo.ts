import { DEFAULT_REPORT_CATEGORIES, type CategoryItem, type CategoryList } from '@/contract'
import { C } from '../_shared/collections'
import { fail, isDuplicateKeyError } from '../_shared/errors'
import type { Ops } from '../_shared/ops'
import { prefetchedOne, type Prefetch, type PrefetchPlan } from '../_shared/prefetch'
import type { Ctx } from '../_shared/router'
import { TxConflict, type Filter, type Store, type TxStore } from '../_shared/store'
import { WorkCalendar } from '../_shared/workdays'
import type { CalendarDayDoc, CategorySettingsDoc, EventDoc, LetterDoc, ReportDoc } from './docs'
import type { RewardDoc } from './rewards'
import { chinaYear, letterCounterId } from './model'
import { countStep } from './counts'
import { materialize, type StepWrite } from './steps'

/** Events and letters a report may gather; far above any real loop. */
const MAX_RELATED = 500

export interface Loaded {
  report: ReportDoc
  events: EventDoc[]
  letters: LetterDoc[]
}

/** A report with its timeline and letters in one request ($lookup through the reportId indexes). */
export async function loadFull(store: Store, reportId: string): Promise<Loaded | null> {
  const rows = await store.aggregate<ReportDoc & { events: EventDoc[]; letters: LetterDoc[] }>(C.reports, (a) =>
    a
      .match({ _id: reportId })
      .limit(1)
      .lookup({ from: C.report_events, localField: '_id', foreignField: 'reportId', as: 'events' })
      .lookup({ from: C.letters, localField: '_id', foreignField: 'reportId', as: 'letters' })
  )
  const row = rows[0]
  if (!row) return null
  const { events, letters, ...report } = row
  return { report: report as ReportDoc, events: events.slice(0, MAX_RELATED), letters: letters.slice(0, MAX_RELATED) }
}

export async function requireFull(store: Store, reportId: string): Promise<Loaded> {
  return (await loadFull(store, reportId)) ?? fail('NOT_FOUND', '没有找到这个问题')
}

/** What loadFull reads, as documents to come with the caller's profile (../_shared/prefetch.ts): keys report, events, letters. */
export function prefetchFull(reportId: string): PrefetchPlan {
  return {
    report: { coll: C.reports, match: { _id: reportId } },
    events: { coll: C.report_events, match: { reportId }, limit: MAX_RELATED },
    letters: { coll: C.letters, match: { reportId }, limit: MAX_RELATED }
  }
}

/** Another report (a duplicate's original), a unit (dispatch), and the prefetched report's reporter, to come with the caller's profile. */
export const prefetchReport = (reportId: string): Prefetch => ({ coll: C.reports, match: { _id: reportId } })
export const prefetchUnit = (unitId: string): Prefetch => ({ coll: C.units, match: { _id: unitId } })
export const prefetchReporter = (): Prefetch => ({ coll: C.users, match: {}, join: { key: 'report', field: 'reporterId', on: '_id' } })

/** The report prefetchFull read with the caller (null: there is none); undefined when it was not prefetched. */
export function prefetchedFull(ctx: Pick<Ctx, 'prefetched'>): Loaded | null | undefined {
  const p = ctx.prefetched
  if (!p?.has('report')) return undefined
  const [report] = p.get('report') ?? []
  if (!report) return null
  return { report: report as ReportDoc, events: [...(p.get('events') ?? [])] as EventDoc[], letters: [...(p.get('letters') ?? [])] as LetterDoc[] }
}

export const SETTINGS_ID = 'categories'

const categoryListOf = (doc: CategorySettingsDoc | null): CategoryList =>
  doc ? { items: doc.items, rev: doc.rev ?? 0 } : { items: DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c, enabled: true })), rev: 0 }

/** The categories and their revision: the defaults at revision 0 until the town office first saves. */
export async function loadCategoryList(store: Store): Promise<CategoryList> {
  return categoryListOf(await store.findOne<CategorySettingsDoc>(C.report_settings, { _id: SETTINGS_ID }))
}

export async function loadCategories(store: Store): Promise<CategoryItem[]> {
  return (await loadCategoryList(store)).items
}

const enabledCategory = (items: CategoryItem[], code: string): CategoryItem =>
  items.find((c) => c.code === code && c.enabled) ?? fail('INVALID_INPUT', '问题类别不存在或已停用', { category: '问题类别不存在或已停用' })

export async function requireCategory(store: Store, code: string): Promise<CategoryItem> {
  return enabledCategory(await loadCategories(store), code)
}

/** What loadCategoryList reads, to come with the caller's profile (../_shared/prefetch.ts): key categories. */
export const prefetchCategories = (): Prefetch => ({ coll: C.report_settings, match: { _id: SETTINGS_ID } })

/** requireCategory on the categories prefetched with the caller's profile (loaded when they were not). */
export async function requireCategoryFor(ctx: Pick<Ctx, 'prefetched' | 'store'>, code: string): Promise<CategoryItem> {
  const doc = await prefetchedOne<CategorySettingsDoc>(ctx, 'categories', () => ctx.store.findOne<CategorySettingsDoc>(C.report_settings, { _id: SETTINGS_ID }))
  return enabledCategory(categoryListOf(doc).items, code)
}

/** Corrections of three years are far fewer than this. */
const CALENDAR_ROWS = 1000

/** The years whose corrections a deadline set at `now` may need (a deadline never spans more than a year). */
const calendarYears = (now: Date) => [chinaYear(now) - 1, chinaYear(now), chinaYear(now) + 1]

const calendarOf = (days: readonly CalendarDayDoc[]) => new WorkCalendar(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })))

/** The office's corrections of the years around `now`. */
export async function loadCalendar(store: Store, now: Date): Promise<WorkCalendar> {
  return calendarOf(await store.find<CalendarDayDoc>(C.calendar_days, { year: store.op.in(calendarYears(now)) }, { limit: CALENDAR_ROWS }))
}

/** What loadCalendar reads, to come with the caller's profile (key: calendar). */
export const prefetchCalendar = (op: Ops, now: Date): Prefetch => ({ coll: C.calendar_days, match: { year: op.in(calendarYears(now)) }, limit: CALENDAR_ROWS })

/** The calendar prefetchCalendar read with the caller; undefined when it was not prefetched. */
export function prefetchedCalendar(ctx: Pick<Ctx, 'prefetched'>): WorkCalendar | undefined {
  const days = ctx.prefetched?.get('calendar')
  return days ? calendarOf(days as CalendarDayDoc[]) : undefined
}

/** The next number of a series, inside the transaction that uses it: a lost race leaves no gap. */
export async function nextNumber(tx: TxStore, counterId: string): Promise<number> {
  const cur = await tx.get<{ value: number }>(C.counters, counterId)
  const value = (cur?.value ?? 0) + 1
  await tx.set(C.counters, counterId, { value })
  return value
}

/**
 * Runs of a step's transaction: every step of a village in a month writes the village's month counts
 * (counts.ts), so steps on different problems of one village can conflict there; such a transaction
 * is run again after a random pause (longer each time) so the racers spread out. A step racing on
 * the same problem is not retried: it finds the report at another revision (CONFLICT).
 */
const STEP_ATTEMPTS = 10
const STEP_JITTER_MS = 15
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * STEP_JITTER_MS * attempt))

async function retryingConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (e) {
      if (!(e instanceof TxConflict) || attempt >= STEP_ATTEMPTS) throw e
    }
    await pause(attempt)
  }
}

const STALE = '该问题刚被他人处理过，请刷新后再试'

/**
 * Writes one step atomically: the report (only if still at the revision it was decided on), its
 * event, the numbered letter it issues and the daily counts it changes (counts.ts). A lost race →
 * CONFLICT, nothing written.
 *
 * The report is not read again in the transaction: its event is the condition. Every write that
 * moves a report on (a step here, the overdue job's reminder, a patrol's recurrence in
 * supervision/submit.ts) adds the event numbered eventSeq + 1 in the same transaction, and the
 * event's id is (report, seq) — so if the stored report is no longer at the revision the step was
 * decided on, an event with this step's number exists and the insert is refused (duplicate key);
 * a write racing with this transaction makes it conflict. Either way nothing is written.
 * `alsoInTx` writes more in the same transaction (the points an accepted report earns); it gets the
 * report as decided on.
 */
export async function commitStep(store: Store, w: StepWrite, now: Date, alsoInTx?: (tx: TxStore, report: ReportDoc) => Promise<void>): Promise<Written> {
  const { report, event, letter } = materialize(w, now)
  const base = w.report
  const issued = await retryingConflicts(() =>
    store.transaction(async (tx) => {
      // first: a step that is no longer current stops here
      await tx.insert(C.report_events, event)
      let doc: LetterDoc | null = null
      if (letter && w.letter) {
        const year = chinaYear(now)
        doc = letter(year, await nextNumber(tx, letterCounterId(w.letter.kind, year)))
        await tx.insert(C.letters, doc)
      }
      const { facets, eventSeq, updatedAt, rev } = report
      // 0: there is no such report (the patch always changes rev)
      if ((await tx.update(C.reports, base._id, store.op.whole({ ...w.patch, facets, eventSeq, updatedAt, rev }))) === 0) return fail('CONFLICT', STALE)
      await countStep(tx, base, report, event, w.history ?? null, now)
      if (alsoInTx) await alsoInTx(tx, base)
      return doc
    })
  ).catch((e: unknown) => {
    // the event's id is (report, seq): a step taken since (or at the same time) made it a duplicate
    if (isDuplicateKeyError(e)) return fail('CONFLICT', STALE)
    throw e
  })
  return { report, event, letter: issued }
}

export interface Written {
  report: ReportDoc
  event: EventDoc
  letter: LetterDoc | null
}

/** A page of a list's reports, newest first; nothing when the query can match nothing (null). */
export async function findReports(store: Store, query: Filter | null, skip: number, limit: number): Promise<ReportDoc[]> {
  if (!query) return []
  return store.find<ReportDoc>(C.reports, query, { sort: [['createdAt', 'desc']], skip, limit })
}

/** 待我处理 in order of urgency: the earliest deadline first (the most overdue lead), through (facets, status, due.at, createdAt). */
export async function findByUrgency(store: Store, query: Filter | null, skip: number, limit: number): Promise<ReportDoc[]> {
  if (!query) return []
  return store.find<ReportDoc>(C.reports, query, {
    sort: [
      ['due.at', 'asc'],
      ['createdAt', 'asc']
    ],
    skip,
    limit
  })
}

/** The condition "created within [start, end]" (either end open when null). */
export function createdWithin(store: Store, start: Date | null, end: Date | null): Filter {
  const range = store.op.range({ gte: start ?? undefined, lte: end ?? undefined })
  return range ? { createdAt: range } : {}
}

export interface NearbyQuery {
  here: [lng: number, lat: number]
  metres: number
  category: string
  statuses: readonly ReportDoc['status'][]
  since: Date
  limit: number
}

/** Shown problems of a category near a point, reported since `since` (nearest first). */
export async function findNearby(store: Store, q: NearbyQuery): Promise<ReportDoc[]> {
  return store.find<ReportDoc>(
    C.reports,
    { location: store.op.near(q.here, q.metres), category: q.category, status: store.op.in(q.statuses), secStatus: 'pass', createdAt: store.op.gte(q.since) },
    { limit: q.limit }
  )
}

/** Reports whose reminder is due by `now`, the longest due first. */
export async function dueReminders(store: Store, now: Date, limit: number): Promise<ReportDoc[]> {
  return store.find<ReportDoc>(C.reports, { remindAt: store.op.lte(now) }, { sort: [['remindAt', 'asc']], limit })
}

/** Rewards still pending from China days before `today`, oldest day first. */
export async function pendingRewardsBefore(store: Store, today: string, limit: number): Promise<RewardDoc[]> {
  return store.find<RewardDoc>(C.report_rewards, { status: 'pending', day: store.op.lt(today) }, { sort: [['day', 'asc']], limit })
}
