/**
 * Daily counts of the problem loop (problem_counts), kept up to date inside the transaction of every
 * write that changes a problem, so a dashboard sums days instead of scanning history.
 *
 * Layout: one document per village × China month (`_id` = `<villageId>|<YYYY-MM>`, fields `villageId`,
 * `month`), holding a sparse map `cells` of day × unit × grid × category × source →
 * the additive figures of src/domain/indicators.ts. A cell's key is
 * `<YYYY-MM-DD>|<unitId or ->|<gridId or ->|<category>|<source>` (ids escaped so a key never holds a
 * `.`, which the cloud forbids in field names, nor the `|` separator).
 *
 * A write adds the difference between the problem's tally after and before it (tallyProblem). The
 * whole difference of a step usually falls in one document even when a dispatch moves the problem to
 * a unit or a 销号 touches three days; only a difference spanning months (a 整改期限 in the next month,
 * a problem submitted last month) touches one more document per month. A difference
 * is one increment of the document, no read (+1; the village's first write of the month writes it
 * whole, +2), also when it takes away (a move to another unit or category: a negative increment of
 * the cell it leaves). A figure that comes to zero stays stored as 0 and rowsOf leaves it out, so the
 * cells a document holds are bounded by the cells its month ever had. Every step of a
 * village in a month writes the same document, so steps racing in one village conflict: the
 * transaction is retried (commitStep), it is never lost or doubled.
 * Reading a period (readCounts) is one query: the month documents of the period, one per village.
 *
 * 在办 and 超期 are states at an instant, not sums: they are counted from the reports themselves
 * with the (facets, status) index — 超期 is the `od` facet the overdue job sets, the same the ledger
 * filters by — so those reads are bounded by the open problems, not by history.
 */
import { FIGURES, tallyProblem, type Figures, type Gauges, type ProblemDims, type ProblemFacts } from '@/domain/indicators'
import { chinaDay, chinaDayAfter } from '@/domain/china-time'
import { C, TOWN_ID } from '../_shared/collections'
import { isDuplicateKeyError } from '../_shared/errors'
import type { Ops } from '../_shared/ops'
import type { Prefetch } from '../_shared/prefetch'
import type { Store, TxStore } from '../_shared/store'
import type { EventDoc, ReportDoc } from './docs'
import { OPEN_STATUSES } from './model'

/** The figures of one day × unit × grid × category × source (absent when never counted; 0 once taken back to zero). */
export type CellFigures = Partial<Figures>

/** One village's counts of one China month. */
export interface ProblemCountsDoc {
  _id: string
  villageId: string
  /** YYYY-MM (China) */
  month: string
  /** cellKeyOf(day, dims) → figures */
  cells: Record<string, CellFigures>
  updatedAt: Date
}

/** One cell as a row: where and which day, and its figures (what sumCounts adds up). */
export type CountRow = ProblemDims & { day: string } & CellFigures

/** Keyed by countIdOf (day and every dimension). */
export type CountDelta = Map<string, { dims: ProblemDims; day: string; figures: CellFigures }>

export function dimsOf(r: Pick<ReportDoc, 'villageId' | 'gridId' | 'unitId' | 'category' | 'source'>): ProblemDims {
  return { villageId: r.villageId, gridId: r.gridId, unitId: r.unitId, category: r.category, source: r.source }
}

const sameDims = (a: ProblemDims, b: ProblemDims) => a.villageId === b.villageId && a.gridId === b.gridId && a.unitId === b.unitId && a.category === b.category && a.source === b.source

const NONE = '-'
/** An id as a part of a key: no `.` (field names), `|` (the separator) or `%` (the escape) left in it. */
const esc = (s: string) => s.replace(/[%.|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
const unesc = (s: string) => s.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
const part = (id: string | null) => (id === null ? NONE : esc(id))
const unpart = (p: string) => (p === NONE ? null : unesc(p))

/** The month document of a village: `<villageId>|<YYYY-MM>`. */
export function countsDocIdOf(villageId: string, month: string): string {
  return `${esc(villageId)}|${month}`
}

/** A cell's field name in its month document. */
export function cellKeyOf(day: string, d: Omit<ProblemDims, 'villageId'>): string {
  return [day, part(d.unitId), part(d.gridId), esc(d.category), esc(d.source)].join('|')
}

/** A cell across the whole town (day and every dimension): the key of a CountDelta and of the tests' tables. */
export function countIdOf(day: string, d: ProblemDims): string {
  return [day, part(d.villageId), part(d.unitId), part(d.gridId), esc(d.category), esc(d.source)].join('|')
}

/** The cells of a month document as rows. */
export function rowsOf(doc: Pick<ProblemCountsDoc, 'villageId' | 'cells'>): CountRow[] {
  const rows: CountRow[] = []
  for (const [key, stored] of Object.entries(doc.cells ?? {})) {
    // a figure a step took back to zero stays in the document as 0 (addCounts does not read it): left out here
    const figures = Object.fromEntries(Object.entries(stored).filter(([, n]) => n)) as CellFigures
    if (Object.keys(figures).length === 0) continue
    const [day, unit, grid, category, source] = key.split('|')
    const dims: ProblemDims = { villageId: doc.villageId, unitId: unpart(unit), gridId: unpart(grid), category: unesc(category), source: unesc(source) as ProblemDims['source'] }
    rows.push({ day, ...dims, ...figures })
  }
  return rows
}

/** What the indicators read of a stored report and the events given. */
export function factsOf(r: ReportDoc, events: readonly EventDoc[]): ProblemFacts {
  return {
    ...dimsOf(r),
    status: r.status,
    createdAt: new Date(r.createdAt),
    closedAt: r.closedAt ? new Date(r.closedAt) : null,
    rectifyDeadline: r.rectifyDeadline,
    reminders: r.reminders,
    rating: r.rating ? { value: r.rating.value, at: new Date(r.rating.at) } : null,
    suspended: r.suspended === true,
    // stored at 销号 (steps.ts), so a later calendar correction never changes what was counted
    handlingWorkdays: r.handlingWorkdays ?? 0,
    events: events.map((e) => ({ action: e.action, at: new Date(e.at), from: e.from, to: e.to }))
  }
}

/** Adds `more` (times sign) to a cell's figures, leaving out the ones that come to zero. */
function addCell(into: CellFigures, more: CellFigures, sign = 1): CellFigures {
  for (const f of FIGURES) {
    const n = (into[f] ?? 0) + sign * (more[f] ?? 0)
    if (n === 0) delete into[f]
    else into[f] = n
  }
  return into
}

const isEmpty = (f: CellFigures) => Object.keys(f).length === 0

function addTally(into: CountDelta, r: ReportDoc, events: readonly EventDoc[], sign: 1 | -1): void {
  const dims = dimsOf(r)
  for (const t of tallyProblem(factsOf(r, events))) {
    const id = countIdOf(t.day, dims)
    const cur = into.get(id) ?? into.set(id, { dims, day: t.day, figures: {} }).get(id)!
    addCell(cur.figures, t.figures, sign)
  }
}

function dropZeros(delta: CountDelta): CountDelta {
  for (const [id, d] of delta) if (isEmpty(d.figures)) delta.delete(id)
  return delta
}

/**
 * What a write changes in the daily counts: the tally after it minus the tally before. `history` =
 * the problem's events before the write; needed only when the write moves the problem to another
 * unit or category (its earlier steps' figures move with it), otherwise they cancel out.
 */
export function countDelta(before: ReportDoc | null, after: ReportDoc, added: readonly EventDoc[], history: readonly EventDoc[] | null): CountDelta {
  const delta: CountDelta = new Map()
  const moved = before !== null && !sameDims(dimsOf(before), dimsOf(after))
  if (moved && history === null) throw new Error('countDelta: a write that moves a problem needs its events')
  const past = moved ? (history ?? []) : []
  if (before) addTally(delta, before, past, -1)
  addTally(delta, after, [...past, ...added], 1)
  return dropZeros(delta)
}

/** A delta by month document: id → the village, the month and the cells it changes. */
export type MonthDelta = Map<string, { villageId: string; month: string; cells: Record<string, CellFigures> }>

export function byMonth(delta: CountDelta): MonthDelta {
  const out: MonthDelta = new Map()
  for (const d of delta.values()) {
    const month = d.day.slice(0, 7)
    const id = countsDocIdOf(d.dims.villageId, month)
    const doc = out.get(id) ?? out.set(id, { villageId: d.dims.villageId, month, cells: {} }).get(id)!
    const key = cellKeyOf(d.day, d.dims)
    doc.cells[key] = addCell(doc.cells[key] ?? {}, d.figures)
  }
  return out
}

/** `cells` plus `more`, cells that come to zero left out (a new object; `cells` is not changed). */
export function addCells(cells: Readonly<Record<string, CellFigures>>, more: Readonly<Record<string, CellFigures>>): Record<string, CellFigures> {
  const out: Record<string, CellFigures> = { ...cells }
  for (const [key, figures] of Object.entries(more)) {
    const sum = addCell({ ...(out[key] ?? {}) }, figures)
    if (isEmpty(sum)) delete out[key]
    else out[key] = sum
  }
  return out
}

/**
 * The counts hook of a step (called by commitStep in the step's transaction): one increment of the
 * month document (addCounts, +1), whether the step adds (a 整改 on its day, a 销号's figures…) or
 * also takes away (a move to another unit or category, a reopening: -1 on the cell it leaves).
 */
export async function countStep(tx: TxStore, before: ReportDoc, after: ReportDoc, event: EventDoc, history: readonly EventDoc[] | null, now: Date): Promise<void> {
  await addCounts(tx, countDelta(before, after, [event], history), now)
}

/**
 * Adds the delta to the month documents without reading them: one increment of each cell's figures
 * per document, negative for what a step takes away (a figure that comes to zero stays stored as 0;
 * rowsOf leaves it out). Only the village's first write of the month finds no document to increment
 * (the update changes nothing); it then writes the document whole — the update has already put the
 * absent document in the transaction, so a concurrent creation conflicts and the transaction runs again.
 */
async function addCounts(tx: TxStore, delta: CountDelta, now: Date): Promise<void> {
  for (const [id, d] of byMonth(delta)) {
    const patch: Record<string, unknown> = { updatedAt: now }
    for (const [key, figures] of Object.entries(d.cells)) for (const [f, n] of Object.entries(figures)) if (n) patch[`cells.${key}.${f}`] = tx.op.inc(n)
    if ((await tx.update(C.problem_counts, id, patch)) === 0) await tx.set(C.problem_counts, id, { villageId: d.villageId, month: d.month, cells: addCells({}, d.cells), updatedAt: now })
  }
}

/** The counts hook of new problems (随手拍, 督导 filed by a patrol or a visit): one request (addCounts). */
export async function countNew(tx: TxStore, filed: ReadonlyArray<{ report: ReportDoc; event: EventDoc }>, now: Date): Promise<void> {
  const delta: CountDelta = new Map()
  for (const f of filed) for (const [id, d] of countDelta(null, f.report, [f.event], null)) mergeInto(delta, id, d)
  await addCounts(tx, delta, now)
}

function mergeInto(delta: CountDelta, id: string, d: CountDelta extends Map<string, infer V> ? V : never): void {
  const cur = delta.get(id)
  if (!cur) delta.set(id, { ...d, figures: { ...d.figures } })
  else addCell(cur.figures, d.figures)
}

/** The months whose documents are kept ready: this China month's, and on its last day also the next one's. */
export function monthsToPrepare(now: Date): string[] {
  const today = chinaDay(now).slice(0, 7)
  const tomorrow = chinaDayAfter(now, 1).slice(0, 7)
  return tomorrow === today ? [today] : [today, tomorrow]
}

/** An empty month document of a village (what prepareMonthDocs writes). */
export const emptyMonthDoc = (villageId: string, month: string, now: Date): ProblemCountsDoc => ({ _id: countsDocIdOf(villageId, month), villageId, month, cells: {}, updatedAt: now })

/**
 * Writes the month documents that do not exist yet, empty, for every village (the overdue job, every
 * 30 minutes), so a new problem's increment finds its document (+1 request) instead of writing it
 * whole after an update that changed nothing (+2). Two reads, and an insert per missing document.
 */
export async function prepareMonthDocs(store: Store, now: Date): Promise<number> {
  const villages = await store.find<{ _id: string }>(C.villages, { townId: TOWN_ID }, { limit: 1000, fields: { _id: true } })
  const wanted = monthsToPrepare(now).flatMap((month) => villages.map((v) => emptyMonthDoc(v._id, month, now)))
  if (wanted.length === 0) return 0
  const have = await store.find<{ _id: string }>(C.problem_counts, { _id: store.op.in(wanted.map((d) => d._id)) }, { limit: 1000, fields: { _id: true } })
  const known = new Set(have.map((d) => d._id))
  const missing = wanted.filter((d) => !known.has(d._id))
  let made = 0
  // one insert per document, never a replace: a step's transaction may create the same document meanwhile,
  // and then its counts must stay (the insert fails as a duplicate and is skipped)
  for (const doc of missing) {
    try {
      await store.insert(C.problem_counts, doc)
      made++
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
    }
  }
  return made
}

/** The counts of whole problems (the demo seed; a rebuild after importing history): apply with byMonth and addCells. */
export function countsOfProblems(problems: ReadonlyArray<{ report: ReportDoc; events: readonly EventDoc[] }>): CountDelta {
  const delta: CountDelta = new Map()
  for (const p of problems) for (const [id, d] of countDelta(null, p.report, p.events, null)) mergeInto(delta, id, d)
  return delta
}

/** The China months (YYYY-MM) from the one of `first` to the one of `last` (YYYY-MM-DD, both included). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = []
  let [y, m] = first.slice(0, 7).split('-').map(Number)
  const end = last.slice(0, 7)
  for (let cur = first.slice(0, 7); cur <= end; cur = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(cur)
    m++
    if (m > 12) [y, m] = [y + 1, 1]
  }
  return out
}

export interface CountsQuery {
  /** YYYY-MM-DD (China), both included */
  from: string
  to: string
  villageId?: string
  unitId?: string
  gridId?: string
}

/** Months asked per query: one document per village and month, so a page holds a year of a town of up to 83 villages. */
const MONTHS_PER_QUERY = 12
const COUNTS_PAGE = 1000

/**
 * What readCounts reads for a period of at most a year (a town's, or a village's), to come with the
 * caller's profile (../_shared/prefetch.ts); pass what it read to readCounts as `known`. null: a longer period.
 */
export function prefetchCounts(op: Ops, q: Pick<CountsQuery, 'from' | 'to' | 'villageId'>): Prefetch | null {
  const months = monthsBetween(q.from, q.to)
  if (months.length > MONTHS_PER_QUERY) return null
  return { coll: C.problem_counts, match: { month: op.in(months), ...(q.villageId ? { villageId: q.villageId } : {}) }, limit: COUNTS_PAGE }
}

/** The month documents of `months` (of one village or all): one query, or one per month if a page would not hold them. */
async function monthDocs(store: Store, months: string[], villageId: string | undefined): Promise<ProblemCountsDoc[]> {
  const filter = { month: store.op.in(months), ...(villageId ? { villageId } : {}) }
  const docs = await store.find<ProblemCountsDoc>(C.problem_counts, filter, { limit: COUNTS_PAGE })
  if (docs.length < COUNTS_PAGE) return docs
  if (months.length === 1) throw new Error(`problem_counts: more than ${COUNTS_PAGE} villages in ${months[0]}`)
  return (await Promise.all(months.map((m) => monthDocs(store, [m], villageId)))).flat()
}

/**
 * The cells of a period (days from..to), of one village, unit or grid or of the whole town, as rows
 * for sumCounts: one query per 12 months of the period (one document per village and month) through
 * the (month, villageId) index; the unit or grid is picked out of the cells.
 */
export async function readCounts(store: Store, q: CountsQuery, known?: readonly ProblemCountsDoc[]): Promise<CountRow[]> {
  const months = monthsBetween(q.from, q.to)
  const rows: CountRow[] = []
  // `known`: the documents prefetchCounts read with the caller, whole when fewer than a page
  if (known && months.length <= MONTHS_PER_QUERY && known.length < COUNTS_PAGE) for (const doc of known) rows.push(...rowsOf(doc))
  else
    for (let i = 0; i < months.length; i += MONTHS_PER_QUERY) {
      for (const doc of await monthDocs(store, months.slice(i, i + MONTHS_PER_QUERY), q.villageId)) rows.push(...rowsOf(doc))
    }
  return rows.filter((r) => r.day >= q.from && r.day <= q.to && (!q.unitId || r.unitId === q.unitId) && (!q.gridId || r.gridId === q.gridId))
}

/** Groups of 在办/超期: the report field to group by. */
export type GaugeField = 'villageId' | 'unitId' | 'gridId' | 'category' | 'source'
/** More groups than any town has villages, units, grids or categories. */
const MAX_GAUGE_GROUPS = 1000

/**
 * 在办 and 超期 now, by group, in one request: the open problems of a scope (`all`, `v:<village>`,
 * `u:<unit>`, `g:<grid>` — the facets the ledger filters by) through the (facets, status, createdAt)
 * index; 超期 is their `overdue` flag, the ledger's 超期 filter. Bounded by open problems, not history.
 */
export async function openGauges(store: Store, by: GaugeField, scope = 'all'): Promise<Map<string, Gauges>> {
  const rows = await store.aggregate<{ _id: { g: string | null; od: boolean }; n: number }>(C.reports, (a) =>
    a
      .match({ facets: scope, status: store.op.in(OPEN_STATUSES) })
      .group({ _id: { g: `$${by}`, od: '$overdue' }, n: store.op.sum(1) })
      .limit(MAX_GAUGE_GROUPS)
  )
  const out = new Map<string, Gauges>()
  for (const r of rows) {
    const key = r._id.g ?? ''
    const g = out.get(key) ?? out.set(key, { open: 0, overdue: 0 }).get(key)!
    g.open += r.n
    if (r._id.od) g.overdue += r.n
  }
  return out
}
