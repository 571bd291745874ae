/**
 * The big town of the dashboard and bulletin benchmarks: the demo town with its problems (the
 * templates), grown by copies of those problems with their events and the problem_counts documents
 * the functions would have kept for them (one per village × China month, countsOfProblems).
 */
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { seedDemoTown } from '../local-server/seed'
import { seedDemoReports } from '../local-server/seed-reports'
import { facetsOf } from '../cloudfunctions/reports/model'
import { addCells, byMonth, countsOfProblems, type ProblemCountsDoc } from '../cloudfunctions/reports/counts'
import type { EventDoc, ReportDoc } from '../cloudfunctions/reports/docs'

export const DAY = 86_400_000

export interface Template {
  report: ReportDoc
  events: EventDoc[]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * Calls `action` of `fn` as `openid` `calls` times after one untimed call (the first call of a kind
 * pays for loading and warming up): the median time in ms (2 decimals) and the most DB requests.
 */
export async function measureCalls(fn: string, action: string, data: unknown, openid: string, calls: number): Promise<{ ms: number; dbRequests: number }> {
  const times: number[] = []
  let dbRequests = 0
  for (let i = -1; i < calls; i++) {
    const t = process.hrtime.bigint()
    const { result, dbRequests: n } = await invoke(fn, { action, data }, { openid })
    if (i >= 0) times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (!(result as { ok: boolean }).ok) throw new Error(`${action}: ${JSON.stringify(result)}`)
    dbRequests = Math.max(dbRequests, n)
  }
  return { ms: Math.round(median(times) * 100) / 100, dbRequests }
}

/**
 * The demo town with its problems in a fresh in-memory cloud, the functions loaded from source (a
 * build made before an action existed would not know it) and the reports timer run (the month
 * documents of every village exist, overdue problems are flagged); returns each problem with its
 * events. `beforeLoad` runs between seeding and loading the functions.
 */
export async function demoTemplates(beforeLoad?: () => void): Promise<Template[]> {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  await seedDemoReports(localCloud.engine, (path, content) => localCloud.uploadFile(path, content))
  beforeLoad?.()
  loadFunctions('source')
  await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)
  const byReport = new Map<string, EventDoc[]>()
  for (const e of localCloud.engine.all('report_events') as unknown as EventDoc[]) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e])
  return (localCloud.engine.all('reports') as unknown as ReportDoc[]).map((report) => ({ report, events: byReport.get(report._id) ?? [] }))
}

/** Adds the grown problems' counts to the month documents (one per village × month), as the steps would have. */
function addToCounts(grown: Template[]): void {
  const now = new Date()
  for (const [id, d] of byMonth(countsOfProblems(grown))) {
    const cur = localCloud.engine.get('problem_counts', id) as unknown as ProblemCountsDoc | null
    const doc = { villageId: d.villageId, month: d.month, cells: addCells(cur?.cells ?? {}, d.cells), updatedAt: now }
    localCloud.engine.replace('problem_counts', id, doc, { upsert: true })
  }
}

export interface Growth {
  /** Copies number from (inclusive) to (exclusive); copy i is made from template i mod the templates. */
  from: number
  to: number
  /** When copy i was reported. */
  createdAt(i: number): Date
  /** Whether copy i keeps its template's status (otherwise it is closed 3 days after it was reported). */
  live(i: number): boolean
  /** Fields of copy i that replace its template's (its place, say). */
  place?(i: number, t: Template): Partial<ReportDoc>
}

/** Inserts the copies with their events, shifted to their new time, 2 000 at a time, and their counts. */
export function grow(templates: Template[], g: Growth): void {
  const reports: ReportDoc[] = []
  const events: EventDoc[] = []
  let batch: Template[] = []
  const flush = () => {
    if (reports.length) localCloud.engine.insert('reports', reports.splice(0))
    if (events.length) localCloud.engine.insert('report_events', events.splice(0))
    addToCounts(batch)
    batch = []
  }
  for (let i = g.from; i < g.to; i++) {
    const t = templates[i % templates.length]
    const createdAt = g.createdAt(i)
    const live = g.live(i)
    const id = `r_bench_${i}`
    const shift = createdAt.getTime() - new Date(t.report.createdAt).getTime()
    const report: ReportDoc = {
      ...t.report,
      _id: id,
      no: `SSP-2024-${String(i).padStart(6, '0')}`,
      clientKey: `bench-key-${i}`,
      ...g.place?.(i, t),
      status: live ? t.report.status : 'closed',
      overdue: live ? t.report.overdue : false,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + 3 * DAY),
      closedAt: live && t.report.status !== 'closed' ? null : new Date(createdAt.getTime() + 3 * DAY),
      remindAt: null
    }
    report.facets = facetsOf(report)
    const own = t.events.map((e, k) => ({ ...e, _id: `${id}-${String(k + 1).padStart(4, '0')}`, reportId: id, at: new Date(new Date(e.at).getTime() + shift) }))
    reports.push(report)
    events.push(...own)
    batch.push({ report, events: own })
    if (reports.length >= 2000) flush()
  }
  flush()
}
