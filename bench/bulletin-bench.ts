/**
 * 月通报 drafting benchmark (`supervision.bulletin.ms`): the town office (re)generates last month's
 * draft for a town of 30 villages and 20 units with 100 000 problems and their events, through the
 * whole stack. Problems are copies of the demo problems spread over the villages and units: 5 000 in
 * last month (what the draft reads), the rest older history over the two years before, closed. Their
 * daily counts are written as the functions keep them (one problem_counts document per village ×
 * China month), so the draft reads what a real town's would: the month's count documents, the
 * open problems' gauges, the overdue list and the case candidates — never the history.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { seedDemoReports } from '../local-server/seed-reports'
import { facetsOf } from '../cloudfunctions/reports/model'
import { addCells, byMonth, countsOfProblems, type ProblemCountsDoc } from '../cloudfunctions/reports/counts'
import type { EventDoc, ReportDoc } from '../cloudfunctions/reports/docs'
import { lastPeriod } from '../src/domain/bulletin'
import { fromChinaDay } from '../src/domain/china-time'

const TOTAL = Number(process.env.BENCH_REPORTS ?? 100_000)
const IN_MONTH = 5_000
const VILLAGES = 30
const UNITS = 20
const CALLS = 7
const DAY = 86_400_000
const town = demoOpenid('town-admin')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function addToCounts(grown: Array<{ report: ReportDoc; events: EventDoc[] }>): void {
  const now = new Date()
  for (const [id, d] of byMonth(countsOfProblems(grown))) {
    const cur = localCloud.engine.get('problem_counts', id) as unknown as ProblemCountsDoc | null
    localCloud.engine.replace('problem_counts', id, { villageId: d.villageId, month: d.month, cells: addCells(cur?.cells ?? {}, d.cells), updatedAt: now }, { upsert: true })
  }
}

/** Villages and units up to 30 and 20 (the demo has a few of each). */
function growPlaces(): { villages: Array<{ _id: string; name: string }>; units: Array<{ _id: string; name: string }> } {
  const now = new Date()
  const villages = localCloud.engine.all('villages') as unknown as Array<{ _id: string; name: string }>
  const units = localCloud.engine.all('units') as unknown as Array<{ _id: string; name: string }>
  for (let i = villages.length; i < VILLAGES; i++)
    localCloud.engine.insert('villages', { _id: `v_bench_${i}`, townId: 'town', name: i % 5 === 0 ? `基准${i}社区` : `基准${i}村`, order: 1000 + i, createdAt: now })
  for (let i = units.length; i < UNITS; i++) localCloud.engine.insert('units', { _id: `unit_bench_${i}`, townId: 'town', name: `基准单位${i}`, phone: null, order: 1000 + i, createdAt: now })
  return { villages: localCloud.engine.all('villages') as never, units: localCloud.engine.all('units') as never }
}

function grow(templates: Array<{ report: ReportDoc; events: EventDoc[] }>, places: ReturnType<typeof growPlaces>, monthStart: number, now: number): void {
  const reports: ReportDoc[] = []
  const events: EventDoc[] = []
  let batch: Array<{ report: ReportDoc; events: EventDoc[] }> = []
  const flush = () => {
    if (reports.length) localCloud.engine.insert('reports', reports.splice(0))
    if (events.length) localCloud.engine.insert('report_events', events.splice(0))
    addToCounts(batch)
    batch = []
  }
  for (let i = 0; i < TOTAL; i++) {
    const t = templates[i % templates.length]
    const v = places.villages[i % places.villages.length]
    const u = places.units[(i * 7) % places.units.length]
    const inMonth = i < IN_MONTH
    const createdAt = inMonth ? new Date(monthStart + (i % 28) * DAY + (i % 600) * 60_000) : new Date(now - (70 + (i % 700)) * DAY - (i % 600) * 60_000)
    const id = `r_bench_${i}`
    const shift = createdAt.getTime() - new Date(t.report.createdAt).getTime()
    const report: ReportDoc = {
      ...t.report,
      _id: id,
      no: `SSP-2024-${String(i).padStart(6, '0')}`,
      clientKey: `bench-key-${i}`,
      villageId: v._id,
      villageName: v.name,
      gridId: null,
      gridName: null,
      unitId: t.report.unitId ? u._id : null,
      unitName: t.report.unitId ? u.name : null,
      status: inMonth ? t.report.status : 'closed',
      overdue: inMonth ? t.report.overdue : false,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + 3 * DAY),
      closedAt: inMonth && t.report.status !== 'closed' ? null : new Date(createdAt.getTime() + 3 * DAY),
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
  localCloud.engine.remove('bulletins', {}, { multi: true })
  loadFunctions('source')
  await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)
  const byReport = new Map<string, EventDoc[]>()
  for (const e of localCloud.engine.all('report_events') as unknown as EventDoc[]) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e])
  const templates = (localCloud.engine.all('reports') as unknown as ReportDoc[]).map((report) => ({ report, events: byReport.get(report._id) ?? [] }))
  const now = Date.now()
  const month = lastPeriod('month', new Date(now))
  const places = growPlaces()
  grow(templates, places, fromChinaDay(month.first)!.getTime(), now)
  const times: number[] = []
  let dbRequests = 0
  for (let i = -1; i < CALLS; i++) {
    const t = process.hrtime.bigint()
    const { result, dbRequests: n } = await invoke('supervision', { action: 'supervision.generateBulletin', data: { kind: 'month' } }, { openid: town })
    if (i >= 0) times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (!(result as { ok: boolean }).ok) throw new Error(`generateBulletin: ${JSON.stringify(result)}`)
    dbRequests = Math.max(dbRequests, n)
  }
  const figures: Record<string, number> = {
    'supervision.bulletin.ms': Math.round(median(times) * 100) / 100,
    'supervision.bulletin.dbRequests': dbRequests
  }
  const events = localCloud.engine.count('report_events', {})
  console.log(`\n月通报草稿基准（${places.villages.length} 个村居、${places.units.length} 个单位、${TOTAL} 条问题、${events} 条事件；${CALLS} 次取中位数）`)
  console.log(`  生成上月草稿：${figures['supervision.bulletin.ms']} ms，${dbRequests} 次 DB 请求`)
  const warnings = localCloud.warnings.filter((w) => !w.allowed)
  if (warnings.length) console.log(`  ⚠ 未走索引的查询 ${warnings.length} 次：${warnings[0].message}`)
  figures['supervision.bulletin.unindexedQueries'] = warnings.length
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
