/**
 * 数据看板 scale benchmark: the town dashboard (supervision.dashboard, this month) with 1 000 and with
 * 100 000 problems and their events in the local cloud, through the whole stack. Problems are copies
 * of the demo problems, each with its events: the first 1 000 spread over the last 100 days (what a
 * view reads: this period and the trend's 12 weeks), the other 99 000 older history, spread over the
 * two years before and closed, as a real town's history mostly is. Their daily counts are written as
 * the functions keep them — one
 * problem_counts document per village × China month, cells summed from the problems and events
 * (countsOfProblems) — so the big town has exactly the count documents a real one would. The
 * dashboard reads counts, never problems or events: the ratio should stay near 1 (≤ 2), and the
 * requests per view ≤ 5.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { seedDemoReports } from '../local-server/seed-reports'
import { facetsOf } from '../cloudfunctions/reports/model'
import { addCells, byMonth, countsOfProblems, type ProblemCountsDoc } from '../cloudfunctions/reports/counts'
import type { EventDoc, ReportDoc } from '../cloudfunctions/reports/docs'

const SMALL = 1_000
const LARGE = Number(process.env.BENCH_REPORTS ?? 100_000)
const CALLS = 40
const DAY = 86_400_000
const town = demoOpenid('town-admin')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function measure(data: unknown): Promise<{ ms: number; dbRequests: number }> {
  const times: number[] = []
  let dbRequests = 0
  // one untimed call first: the first call of a kind pays for loading and warming up
  for (let i = -1; i < CALLS; i++) {
    const t = process.hrtime.bigint()
    const { result, dbRequests: n } = await invoke('supervision', { action: 'supervision.dashboard', data }, { openid: town })
    if (i >= 0) times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (!(result as { ok: boolean }).ok) throw new Error(`dashboard: ${JSON.stringify(result)}`)
    dbRequests = Math.max(dbRequests, n)
  }
  return { ms: Math.round(median(times) * 100) / 100, dbRequests }
}

/** Adds the grown problems' counts to the month documents (one per village × month), as the steps would have. */
function addToCounts(grown: Array<{ report: ReportDoc; events: EventDoc[] }>): void {
  const now = new Date()
  for (const [id, d] of byMonth(countsOfProblems(grown))) {
    const cur = localCloud.engine.get('problem_counts', id) as unknown as ProblemCountsDoc | null
    const doc = { villageId: d.villageId, month: d.month, cells: addCells(cur?.cells ?? {}, d.cells), updatedAt: now }
    localCloud.engine.replace('problem_counts', id, doc, { upsert: true })
  }
}

/** Copies of the demo problems with their events, closed, spread over the past 24 months. */
function grow(templates: Array<{ report: ReportDoc; events: EventDoc[] }>, from: number, to: number, now: number): void {
  const reports: ReportDoc[] = []
  const events: EventDoc[] = []
  let batch: Array<{ report: ReportDoc; events: EventDoc[] }> = []
  const flush = () => {
    if (reports.length) localCloud.engine.insert('reports', reports.splice(0))
    if (events.length) localCloud.engine.insert('report_events', events.splice(0))
    addToCounts(batch)
    batch = []
  }
  for (let i = from; i < to; i++) {
    const t = templates[i % templates.length]
    // the first 1 000 (the small town) fill the weeks a view reads; the rest is older history
    const createdAt = i < SMALL ? new Date(now - (i % 100) * DAY - (i % 600) * 60_000) : new Date(now - (130 + (i % 700)) * DAY - (i % 600) * 60_000)
    const id = `r_bench_${i}`
    const shift = createdAt.getTime() - new Date(t.report.createdAt).getTime()
    const report: ReportDoc = {
      ...t.report,
      _id: id,
      no: `SSP-2024-${String(i).padStart(6, '0')}`,
      clientKey: `bench-key-${i}`,
      status: i < SMALL ? t.report.status : 'closed',
      overdue: i < SMALL ? t.report.overdue : false,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + 3 * DAY),
      closedAt: i < SMALL && t.report.status !== 'closed' ? null : new Date(createdAt.getTime() + 3 * DAY),
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

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  await seedDemoReports(localCloud.engine, (path, content) => localCloud.uploadFile(path, content))
  // from source: a build made before the dashboard existed would not know the action
  loadFunctions('source')
  // the reports timer: the month documents of every village exist, overdue problems are flagged
  await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)
  const byReport = new Map<string, EventDoc[]>()
  for (const e of localCloud.engine.all('report_events') as unknown as EventDoc[]) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e])
  const templates = (localCloud.engine.all('reports') as unknown as ReportDoc[]).map((report) => ({ report, events: byReport.get(report._id) ?? [] }))
  const now = Date.now()

  console.log(`\n数据看板规模基准（全镇本月，每项 ${CALLS} 次调用取中位数）`)
  grow(templates, templates.length, SMALL, now)
  const small = await measure({ period: 'month' })
  const docs1 = localCloud.engine.count('problem_counts', {})
  console.log(`  ${SMALL} 条问题（计数文档 ${docs1} 个）：${small.ms} ms，${small.dbRequests} 次 DB 请求`)
  grow(templates, SMALL, LARGE, now)
  const large = await measure({ period: 'month' })
  const docs2 = localCloud.engine.count('problem_counts', {})
  const events = localCloud.engine.count('report_events', {})
  console.log(`  ${LARGE} 条问题、${events} 条事件（计数文档 ${docs2} 个）：${large.ms} ms，${large.dbRequests} 次 DB 请求`)
  const village = await measure({ villageId: 'v_dongshan', period: 'week' })
  const figures: Record<string, number> = {
    'supervision.dashboard.ms1k': small.ms,
    'supervision.dashboard.ms100k': large.ms,
    'supervision.dashboard.scaleRatio': Math.round((large.ms / small.ms) * 100) / 100,
    'supervision.dashboard.dbRequests': Math.max(small.dbRequests, large.dbRequests, village.dbRequests)
  }
  console.log(`  100k/1k = ${figures['supervision.dashboard.scaleRatio']}（预算 ≤ 2），每次查看数据库请求 ${figures['supervision.dashboard.dbRequests']}（预算 ≤ 5）`)
  const warnings = localCloud.warnings.filter((w) => !w.allowed)
  if (warnings.length) console.log(`  ⚠ 未走索引的查询 ${warnings.length} 次：${warnings[0].message}`)
  figures['supervision.dashboard.unindexedQueries'] = warnings.length
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
