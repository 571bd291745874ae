/**
 * Recomputes the daily problem counts (problem_counts) from the raw problems and their events, and
 * compares them with what the functions keep. Independent of the stored shortcuts: 工作提示函 are
 * counted from the events, handling days with the calendar (with the office's corrections), not
 * read from the report. Both sides are tables of cells keyed by countIdOf (day and every dimension);
 * the stored side flattens the village × month documents.
 */
import { localCloud } from '../../local-cloud'
import { FIGURES, tallyProblem, zeroFigures, type ProblemDims, type ProblemFacts } from '../../src/domain/indicators'
import { WorkCalendar } from '../../src/domain/workdays'
import { cellKeyOf, countIdOf, countsDocIdOf, dimsOf, factsOf, rowsOf, type ProblemCountsDoc } from '../../cloudfunctions/reports/counts'
import type { CalendarDayDoc, EventDoc, ReportDoc } from '../../cloudfunctions/reports/docs'

export type CountTable = Record<string, Record<string, number | string | null>>

function add(table: CountTable, id: string, base: Record<string, string | null>, figures: Record<string, number | undefined>): void {
  const row = (table[id] ??= { ...base })
  for (const f of FIGURES) {
    const n = figures[f]
    if (n) row[f] = Number(row[f] ?? 0) + n
  }
}

function withoutZeros(table: CountTable): CountTable {
  const out: CountTable = {}
  for (const [id, row] of Object.entries(table)) {
    const kept: Record<string, number | string | null> = {}
    let any = false
    for (const [k, v] of Object.entries(row)) {
      if ((FIGURES as readonly string[]).includes(k)) {
        if (v !== 0 && v !== undefined) {
          kept[k] = v
          any = true
        }
      } else kept[k] = v
    }
    if (any) out[id] = kept
  }
  return out
}

/** 挂起 now: the last of its 挂起/恢复办理 events is a 挂起 (from the timeline, not the report's flag). */
function suspendedByEvents(events: readonly EventDoc[]): boolean {
  const last = [...events]
    .sort((a, b) => a.seq - b.seq)
    .filter((e) => e.action === 'suspend' || e.action === 'resume')
    .pop()
  return last?.action === 'suspend'
}

/** Every problem in the database as the indicators read it: 工作提示函 counted from its events, 挂起 from its events, handling days left to the calendar. */
export function allFacts(): ProblemFacts[] {
  const engine = localCloud.engine
  const events = new Map<string, EventDoc[]>()
  for (const e of engine.all('report_events') as unknown as EventDoc[]) events.set(e.reportId, [...(events.get(e.reportId) ?? []), e])
  return (engine.all('reports') as unknown as ReportDoc[]).map((r) => {
    const own = events.get(r._id) ?? []
    return { ...factsOf(r, own), reminders: own.filter((e) => e.action === 'remind').length, suspended: suspendedByEvents(own), handlingWorkdays: null }
  })
}

/** The town's calendar with the office's corrections. */
export function townCalendar(): WorkCalendar {
  return new WorkCalendar((localCloud.engine.all('calendar_days') as unknown as CalendarDayDoc[]).map((d) => ({ date: d.date, kind: d.kind })))
}

/**
 * The counts as they should be, from every report and event in the database (handling days with
 * today's calendar: valid as long as the office did not correct a day after a 销号 it covers).
 */
export function recount(): CountTable {
  const calendar = townCalendar()
  const table: CountTable = {}
  for (const facts of allFacts()) {
    const dims = dimsOf(facts)
    for (const t of tallyProblem(facts, calendar)) add(table, countIdOf(t.day, dims), { day: t.day, ...dims }, t.figures)
  }
  return withoutZeros(table)
}

const monthDocs = () => localCloud.engine.all('problem_counts') as unknown as ProblemCountsDoc[]

/** The counts the functions keep, cell by cell; checks the layout: one document per village and month, no figure of 0 in what rowsOf reads (a figure taken back to zero stays stored as 0 and is left out). */
export function storedCounts(): CountTable {
  const table: CountTable = {}
  for (const doc of monthDocs()) {
    expect(doc._id).toBe(countsDocIdOf(doc.villageId, doc.month))
    for (const { day, villageId, unitId, gridId, category, source, ...figures } of rowsOf(doc)) {
      expect(day.slice(0, 7)).toBe(doc.month)
      expect(Object.values(figures).filter((n) => n === 0)).toEqual([])
      const dims: ProblemDims = { villageId, unitId, gridId, category, source }
      add(table, countIdOf(day, dims), { day, ...dims }, figures)
    }
  }
  return withoutZeros(table)
}

/** One stored cell by its countIdOf id (`day|village|unit|grid|category|source`, `-` = none), with its dimensions and every figure (0 when absent). */
export function storedCell(id: string): Record<string, unknown> {
  const [day, villageId, unit, grid, category, source] = id.split('|')
  const dims = { villageId, unitId: unit === '-' ? null : unit, gridId: grid === '-' ? null : grid, category, source } as ProblemDims
  const doc = monthDocs().find((d) => d._id === countsDocIdOf(villageId, day.slice(0, 7)))
  return { day, ...dims, ...zeroFigures(), ...(doc?.cells[cellKeyOf(day, dims)] ?? {}) }
}

/** Fails with a readable diff when the kept counts differ from the recomputation. */
export function expectCountsAgree(): void {
  expect(storedCounts()).toEqual(recount())
}
