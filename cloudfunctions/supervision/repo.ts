/** Loading what the handlers decide on, and the counts written inside their transactions. */
import type { CategoryItem } from '@/contract'
import { C, type CollectionName } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { fail, sdkErrorKind } from '../_shared/errors'
import { lookupCommandOf, type SubPipeline } from '../_shared/pipeline'
import type { Sort, Store, TxStore } from '../_shared/store'
import { villageWithGrids } from '../_shared/villages'
import { WorkCalendar } from '../_shared/workdays'
import type { PrefetchPlan } from '../_shared/prefetch'
import type { CalendarDayDoc, ReportDoc } from '../reports/docs'
import { OPEN_STATUSES } from '../reports/model'
import { loadCategories } from '../reports/repo'
import { mayPatrolIn } from './access'
import type { CountField, CountsDoc, PatrolDoc, PersonDoc, TemplateDoc, VisitMarkDoc } from './docs'
import { countsIdFor } from './rules'

export async function requireTemplate(store: Store, id: string): Promise<TemplateDoc> {
  return (await store.findOne<TemplateDoc>(C.patrol_templates, { _id: id })) ?? fail('NOT_FOUND', '没有找到这张巡查表')
}

export async function requirePatrol(store: Store, id: string): Promise<PatrolDoc> {
  return (await store.findOne<PatrolDoc>(C.patrols, { _id: id })) ?? fail('NOT_FOUND', '没有找到这次巡查')
}

/** The enabled report categories by code (a checklist item's failure becomes one of them). */
export async function enabledCategories(store: Store): Promise<Map<string, CategoryItem>> {
  return new Map((await loadCategories(store)).filter((c) => c.enabled).map((c) => [c.code, c]))
}

export interface Place {
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
}

/** `known`: the village with its grids when already read (prefetchVillageWithGrids); undefined = read it. */
export async function requirePlace(store: Store, villageId: string, gridId: string | null, known?: Awaited<ReturnType<typeof villageWithGrids>>): Promise<Place> {
  const found = known === undefined ? await villageWithGrids(store, villageId) : known
  if (!found) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  const grid = gridId === null ? null : found.grids.find((g) => g._id === gridId)
  if (grid === undefined) return fail('INVALID_INPUT', '所选网格不属于该村（居）', { gridId: '所选网格不属于该村（居）' })
  return { villageId, villageName: found.village.name, gridId: grid?._id ?? null, gridName: grid?.name ?? null }
}

/** The chosen patrollers, in the order given: each must be staff of the village (its grid workers or admins) or the town office. */
export async function requirePatrollers(store: Store, ids: string[], villageId: string, known?: readonly UserDoc[]): Promise<PersonDoc[]> {
  const users = known ?? (await store.find<UserDoc>(C.users, { _id: store.op.in(ids) }, { limit: ids.length, fields: { _id: true, name: true, grants: true } }))
  const byId = new Map(users.map((u) => [u._id, u]))
  return ids.map((id) => {
    const u = byId.get(id)
    if (!u || !mayPatrolIn(u.grants, villageId)) {
      return fail('INVALID_INPUT', `${u?.name ?? '所选人员'}不是本村（居）的网格员、管理员或镇创建办人员，不能安排巡查`, { patrollerIds: '巡查人员不正确' })
    }
    return { userId: u._id, name: u.name }
  })
}

/** An open problem of a patrol's village, with what linking a failure to it needs. */
export type OpenProblem = Pick<ReportDoc, '_id' | 'no' | 'category' | 'location'>

/** At most this many open problems come with the patrol; a village with more is searched near each failure instead. */
const OPEN_PROBLEM_ROWS = 500

/**
 * A patrol with the working-day corrections of the years its problems' deadlines fall in ($lookup
 * through calendar_days' year index) and — when some items failed — the open problems of its village
 * in those items' categories, in one request: submitting is the busiest write of the module. The
 * problems come through the reports (villageId, status) index: an equality on the `let` variable in
 * `$expr` (the form an index serves in a $lookup pipeline), the statuses as a plain condition; the
 * categories are checked on those rows. `open` is null when the village has more than
 * OPEN_PROBLEM_ROWS of them (the page may have left out one near a failure).
 */
export async function loadForSubmit(store: Store, patrolId: string, failedKeys: string[]): Promise<{ patrol: PatrolDoc; calendar: WorkCalendar; open: OpenProblem[] | null } | null> {
  // a $lookup with let + pipeline has no typed operator: the SDK's command (untyped there: expr, pipeline), here only
  const _ = store.db.command as Store['db']['command'] & { expr(e: unknown): object; aggregate: { pipeline(): SubPipeline } }
  const $ = _.aggregate
  const rows = await store.aggregate<PatrolDoc & { calendarDays: CalendarDayDoc[]; openProblems?: OpenProblem[] }>(C.patrols, (a) => {
    const withCalendar = a.match({ _id: patrolId }).limit(1).lookup({ from: C.calendar_days, localField: 'calendarYears', foreignField: 'year', as: 'calendarDays' })
    if (failedKeys.length === 0) return withCalendar
    const failedItems = $.filter({ input: '$items', as: 'item', cond: $.in(['$$item.key', failedKeys]) })
    return withCalendar.lookup({
      from: C.reports,
      let: { village: '$villageId', categories: $.map({ input: failedItems, as: 'item', in: '$$item.category' }) },
      pipeline: $.pipeline()
        .match(_.and([{ status: store.op.in(OPEN_STATUSES) }, _.expr($.and([$.eq(['$villageId', '$$village']), $.in(['$category', '$$categories'])]))]))
        .project({ no: 1, category: 1, location: 1 })
        .limit(OPEN_PROBLEM_ROWS + 1)
        .done(),
      as: 'openProblems'
    })
  })
  const row = rows[0]
  if (!row) return null
  const { calendarDays, openProblems, ...patrol } = row
  // (the local engine's $lookup puts a null where an array element matched nothing)
  const days = calendarDays.filter((d): d is CalendarDayDoc => d !== null && typeof d === 'object')
  const open = openProblems ?? []
  return { patrol, calendar: new WorkCalendar(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }))), open: open.length > OPEN_PROBLEM_ROWS ? null : open }
}

export type CountChange = Partial<Record<CountField, number>>

const ZERO: Omit<CountsDoc, '_id' | 'villageId' | 'date' | 'updatedAt'> = { scheduled: 0, done: 0, missed: 0, late: 0, findings: 0, deductions: 0, problemsCreated: 0, problemsLinked: 0 }

/** Adds to a village's counts of a day, creating the document: scheduling writes it (read and set in the transaction). */
export async function addCounts(tx: TxStore, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  const id = countsIdFor(villageId, date)
  const cur = (await tx.get<CountsDoc>(C.supervision_counts, id)) ?? { _id: id, villageId, date, ...ZERO, updatedAt: now }
  const next: CountsDoc = { ...ZERO, ...cur, updatedAt: now }
  for (const [k, n] of Object.entries(change) as Array<[CountField, number]>) next[k] = (next[k] ?? 0) + n
  const { _id, ...doc } = next
  void _id
  await tx.set(C.supervision_counts, id, doc)
}

/**
 * Writes the counts of a day that has none yet (a roster's new days) without reading: one insert,
 * which fails as a duplicate if the document was written meanwhile (the caller then runs again).
 */
export async function insertCounts(tx: TxStore, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  await tx.insert(C.supervision_counts, { _id: countsIdFor(villageId, date), villageId, date, ...ZERO, ...change, updatedAt: now })
}

/**
 * Adds to the counts of a day that has a patrol (its scheduling created the document) without
 * reading it: one request, an increment the database applies at commit.
 */
export async function incCounts(store: Store, tx: TxStore, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  const patch: Record<string, unknown> = { updatedAt: now }
  for (const [k, n] of Object.entries(change)) if (n) patch[k] = store.op.inc(n)
  await tx.update(C.supervision_counts, countsIdFor(villageId, date), patch)
}

/**
 * Adds to the counts of a day that most likely has them (a finding's day: its inspection wrote them)
 * in one request, an increment applied at commit; when that changed nothing (no document) it reads
 * and sets them as addCounts does.
 */
export async function bumpCounts(tx: TxStore, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  const patch: Record<string, unknown> = { updatedAt: now }
  for (const [k, n] of Object.entries(change)) if (n) patch[k] = tx.op.inc(n)
  const changed = await tx.update(C.supervision_counts, countsIdFor(villageId, date), patch).catch((e: unknown) => (sdkErrorKind(e) === 'missing' ? 0 : Promise.reject(e)))
  if (changed === 0) await addCounts(tx, villageId, date, change, now)
}

/**
 * Whether a day's counts exist, as read with the caller (before the transaction): 'yes' → one
 * increment (bumpCounts), 'no' → one insert with their id (a duplicate if written meanwhile: the
 * caller runs its write again with 'read'), 'read' → read and set in the transaction (addCounts).
 */
export type CountsKnown = 'yes' | 'no' | 'read'

/** What a prefetched counts document (key `counts`: by id, limit 1) says: 'read' when none was prefetched. */
export function countsKnownOf(ctx: { prefetched?: ReadonlyMap<string, readonly unknown[]> | null }): CountsKnown {
  const rows = ctx.prefetched?.get('counts')
  if (rows === undefined) return 'read'
  return rows.length > 0 ? 'yes' : 'no'
}

export async function writeCounts(tx: TxStore, known: CountsKnown, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  if (known === 'yes') return bumpCounts(tx, villageId, date, change, now)
  if (known === 'no') return insertCounts(tx, villageId, date, change, now)
  return addCounts(tx, villageId, date, change, now)
}

/** A page of a patroller's patrols: of one China day, after it (soonest first) or before it (latest first); results left out. */
export async function patrolsOf(store: Store, userId: string, when: 'today' | 'upcoming' | 'recent', today: string, skip: number, limit: number): Promise<PatrolDoc[]> {
  const spans: Record<typeof when, { date: unknown; sort: Sort }> = {
    today: { date: today, sort: [] },
    upcoming: { date: store.op.gt(today), sort: [['date', 'asc']] },
    recent: { date: store.op.lt(today), sort: [['date', 'desc']] }
  }
  const span = spans[when]
  return store.find<PatrolDoc>(C.patrols, { patrollerIds: userId, date: span.date }, { sort: span.sort, skip, limit, fields: { results: false } })
}

/** The daily counts within [from, to] (China dates): of one village, or of every village; in (date, village) order, so pages (`skip`) follow on. */
export async function countsWithin(store: Store, villageId: string | undefined, from: string, to: string, limit: number, skip = 0): Promise<CountsDoc[]> {
  const date = store.op.range({ gte: from, lte: to })
  return store.find<CountsDoc>(C.supervision_counts, villageId ? { villageId, date } : { date }, {
    sort: villageId
      ? [['date', 'asc']]
      : [
          ['date', 'asc'],
          ['villageId', 'asc']
        ],
    skip,
    limit
  })
}

/** Profiles by id (ids a chunk long), with only the given fields. */
export async function usersByIds<T>(store: Store, ids: string[], fields: Record<string, boolean>): Promise<T[]> {
  return store.find<T>(C.users, { _id: store.op.in(ids) }, { limit: ids.length, fields })
}

/** Patrols whose day closed before `now` (results left out), the longest closed first. */
export async function closedPatrols(store: Store, now: Date, limit: number): Promise<PatrolDoc[]> {
  return store.find<PatrolDoc>(C.patrols, { closeAt: store.op.lt(now) }, { sort: [['closeAt', 'asc']], limit, fields: { results: false } })
}

/** Updates a document in a transaction; the `whole` fields (objects, arrays) are written whole, not merged. */
export async function updateWholeInTx(store: Store, tx: TxStore, coll: CollectionName, id: string, patch: object, whole: Record<string, object>): Promise<void> {
  const sets: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(whole)) sets[k] = store.op.set(v)
  await tx.update(coll, id, { ...patch, ...sets })
}

/** A page of the patrols of a village within [from, to] (China dates), by date; results left out. */
export async function patrolsWithin(store: Store, villageId: string, from: string, to: string, skip: number, limit: number): Promise<PatrolDoc[]> {
  return store.find<PatrolDoc>(C.patrols, { villageId, date: store.op.range({ gte: from, lte: to }) }, { sort: [['date', 'asc']], skip, limit, fields: { results: false } })
}

/** A page of information items sent by these senders (all, when null) of one status (any, when none); text and history left out. */
export async function findInfos<T>(store: Store, keys: string[] | null, status: string | undefined, order: 'asc' | 'desc', skip: number, limit: number): Promise<T[]> {
  const filter: Record<string, unknown> = {}
  if (keys) filter.submitterKey = keys.length === 1 ? keys[0] : store.op.in(keys)
  if (status) filter.status = status
  return store.find<T>(C.info_items, filter, { sort: [['submittedAt', order]], skip, limit, fields: { text: false, history: false } })
}

/** Documents by id (ids a chunk long) of a collection. */
export async function docsByIds<T>(store: Store, coll: CollectionName, ids: string[]): Promise<T[]> {
  return store.find<T>(coll, { _id: store.op.in(ids) }, { limit: ids.length })
}

/** Open problems of a village in these categories within `radius` metres of a point, nearest first (only what linking needs). */
export async function openReportsNear(
  store: Store,
  villageId: string,
  at: readonly [number, number],
  radius: number,
  categories: string[],
  statuses: readonly string[],
  limit: number
): Promise<ReportDoc[]> {
  const { op } = store
  return store.find<ReportDoc>(
    C.reports,
    { location: op.near(at, radius), villageId, category: categories.length === 1 ? categories[0] : op.in(categories), status: op.in(statuses) },
    { limit, fields: { _id: true, no: true, category: true, location: true } }
  )
}

/** The month's visit counts and the village, to come with the caller's profile (../_shared/prefetch.ts): keys counts, village. */
export function prefetchCoverage(villageId: string, countsId: string): PrefetchPlan {
  return { counts: { coll: C.visit_counts, match: { _id: countsId } }, village: { coll: C.villages, match: { _id: villageId } } }
}

/** A half month's info counts (at most `limit`), to come with the caller's profile: key counts. */
export const prefetchInfoCounts = (half: string, limit: number): PrefetchPlan => ({ counts: { coll: C.info_counts, match: { half }, limit } })

/** A household of the visit list with its head (some fields) and its visit mark of the month. */
export type HouseholdWithMark<H, U> = H & { head: U | null; mark: VisitMarkDoc | null }

/**
 * A chunk of a village's households in name order (memberIds left out) with each one's head (`fields`
 * of users, through _id) and visit mark of `month` (its id: household id + '_' + month, a `let`
 * variable: an equality on _id), in ONE request.
 */
export async function householdChunkWithMarks<H, U>(store: Store, villageId: string, month: string, skip: number, limit: number, fields: Record<string, 1>): Promise<Array<HouseholdWithMark<H, U>>> {
  const _ = lookupCommandOf(store)
  const $ = _.aggregate
  const byId = (as: string, from: CollectionName, id: object, project?: object) => {
    const p = $.pipeline().match(_.expr($.eq(['$_id', '$$id'])))
    return { from, let: { id }, pipeline: (project ? p.project(project) : p).limit(1).done(), as }
  }
  const rows = await store.aggregate<H & { heads: unknown; marks: unknown }>(C.households, (a) => {
    let q = a.match({ villageId }).sort({ name: 1 })
    if (skip) q = q.skip(skip)
    type Lookup = Parameters<typeof q.lookup>[0]
    return q
      .limit(limit)
      .project({ memberIds: 0 })
      .lookup(byId('heads', C.users, '$headUserId' as unknown as object, fields) as unknown as Lookup)
      .lookup(byId('marks', C.visit_marks, $.concat(['$_id', `_${month}`])) as unknown as Lookup)
  })
  const first = <T>(v: unknown): T | null => (Array.isArray(v) ? ((v.find((d) => d !== null && typeof d === 'object') as T | undefined) ?? null) : null)
  return rows.map(({ heads, marks, ...h }) => ({ ...(h as unknown as H), head: first<U>(heads), mark: first<VisitMarkDoc>(marks) }))
}
