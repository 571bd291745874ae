/**
 * Supervision bench: DB requests of submitting a patrol with 2 failed items (each filed as a new
 * problem; budget 8 + 3 per failed item = 14), over a month of roster in 东山村; then the other
 * patrol actions and the 缺巡 job, counting queries no declared index serves. 民情日记: the coverage page
 * of one village (its figure and 本月未走访) with 1 000 and then 100 000 visits in the town — it reads
 * the month's counts and the households' marks, never the visits, so the ratio stays near 1 (≤ 2).
 */
import '../local-cloud/preload'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { demoPng } from '../local-server/seed-reports'
import { seedDemoDeeds } from '../local-server/seed-deeds'
import { userIdFor } from '../cloudfunctions/_shared/ids'
import { chinaDay } from '../src/domain/china-time'

const PATROLS = 20
const FAILED = 2
const town = demoOpenid('town-admin')
const admin = demoOpenid('village-admin-dongshan')
const worker = demoOpenid('grid-dongshan-1')

async function call<T>(openid: string | null, action: string, data: unknown): Promise<{ data: T; dbRequests: number }> {
  const { result, dbRequests } = await invoke(action.split('.')[0], { action, data }, openid ? { openid } : null)
  const r = result as { ok: boolean; data: T; message?: string }
  if (!r.ok) throw new Error(`${action}: ${JSON.stringify(result)}`)
  return { data: r.data, dbRequests }
}

interface Patrol {
  id: string
  version: number
  items: Array<{ key: string }>
}

const COVERAGE_CALLS = 15
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Visits written straight into the engine: spread over the villages, their households and the past 24 months. */
function growVisits(from: number, to: number, now: Date): void {
  const villages = ['v_dongshan', 'v_xigang', 'v_nanhu', 'v_beiling']
  const visits: object[] = []
  const marks = new Map<string, object>()
  for (let i = from; i < to; i++) {
    const villageId = villages[i % villages.length]
    const at = new Date(now.getTime() - (1 + (i % 720)) * 86_400_000)
    const date = chinaDay(at)
    const householdId = `hh_bench_${villageId}_${i % 500}`
    visits.push({
      _id: `vs_bench_${i}`,
      key: `bench-${i}`,
      villageId,
      villageName: villageId,
      gridId: null,
      gridName: null,
      householdId,
      householdName: '基准家庭',
      date,
      month: date.slice(0, 7),
      visitorIds: ['bench'],
      visitors: [{ userId: 'bench', name: '基准' }],
      situation: '基准走访',
      suggestions: null,
      issues: null,
      problems: [],
      photos: [],
      secStatus: 'pass',
      createdAt: at,
      createdBy: 'bench',
      createdByName: '基准'
    })
    const markId = `${householdId}_${date.slice(0, 7)}`
    marks.set(markId, { _id: markId, householdId, villageId, month: date.slice(0, 7), visits: 1, lastDate: date, lastVisitId: `vs_bench_${i}`, updatedAt: at })
    if (visits.length >= 1000) localCloud.engine.insert('visits', visits.splice(0))
  }
  if (visits.length) localCloud.engine.insert('visits', visits.splice(0))
  const fresh = [...marks.values()].filter((m) => !localCloud.engine.get('visit_marks', (m as { _id: string })._id))
  for (let k = 0; k < fresh.length; k += 1000) localCloud.engine.insert('visit_marks', fresh.slice(k, k + 1000))
}

async function coveragePage(month: { year: number; month: number }): Promise<number> {
  const times: number[] = []
  // one untimed round first: the first call of a kind pays for loading and warming up
  for (let i = -1; i < COVERAGE_CALLS; i++) {
    const t = process.hrtime.bigint()
    await call(admin, 'supervision.visitCoverage', { villageId: 'v_dongshan', ...month })
    await call(admin, 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'unvisited' })
    if (i >= 0) times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return Math.round(median(times) * 100) / 100
}

async function visitCoverageScale(now: Date): Promise<{ small: number; large: number }> {
  const month = { year: Number(chinaDay(now).slice(0, 4)), month: Number(chinaDay(now).slice(5, 7)) }
  // this month's own visits, through the function
  for (const householdId of ['hh_wang', 'hh_li']) {
    await call(admin, 'supervision.recordVisit', { villageId: 'v_dongshan', householdId, date: chinaDay(now), key: `bench-visit-${householdId}`, situation: '基准走访情况' })
  }
  growVisits(0, 1000, now)
  const small = await coveragePage(month)
  growVisits(1000, 100_000, now)
  const large = await coveragePage(month)
  console.log(`  走访覆盖率页（东山村）：全镇 1 000 次走访 ${small} ms，100 000 次 ${large} ms，比值 ${Math.round((large / small) * 100) / 100}（预算 ≤ 2）`)
  return { small, large }
}

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  // the household registry the visits are to
  await seedDemoDeeds(localCloud)
  const built = existsSync(join(__dirname, '..', 'build', 'cloudfunctions', 'supervision', 'index.js'))
  loadFunctions(built ? 'build' : 'source')
  // the reports timer has run, as it does every 30 minutes in the cloud (and at npm start): this month's
  // count documents exist, so a patrol's new problems increment them
  await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)

  console.log(`\n督导巡查基准（${PATROLS} 次巡查，每次 ${FAILED} 项不合格）`)
  // one checklist per patrol: a place, a checklist and a day make one patrol, and every patrol here is today's
  const checklist = (k: number) =>
    call<{ id: string }>(town, 'supervision.saveTemplate', {
      name: `基准巡查表${k}`,
      items: [
        { text: '是否有暴露垃圾', category: 'litter', deduction: 5 },
        { text: '是否有车辆乱停乱放', category: 'parking', deduction: 5 },
        { text: '是否有小广告', category: 'graffiti', deduction: 5 },
        { text: '是否有私搭乱建', category: 'illegal_building', deduction: 5 }
      ],
      enabled: true
    })
  const photos = await Promise.all([0, 1].map((i) => localCloud.uploadFile(`uploads/bench-${i}.png`, demoPng([100 + i * 40, 90, 80]))))
  const now = new Date()
  let total = 0
  let max = 0
  for (let k = 0; k < PATROLS; k++) {
    const tpl = await checklist(k)
    const p = await call<Patrol>(admin, 'supervision.schedule', {
      villageId: 'v_dongshan',
      gridId: `g_dongshan_${(k % 3) + 1}`,
      date: chinaDay(now),
      templateId: tpl.data.id,
      patrollerIds: [userIdFor(worker)]
    })
    // failures far apart (about 1 km between patrols), so each is filed as a new problem
    const results = p.data.items.map((it, i) =>
      i < FAILED
        ? { itemKey: it.key, result: 'fail', photos: [photos[i]], note: '现场发现问题', location: { lng: 120.5 + k * 0.01 + i * 0.002, lat: 30.6 }, address: '东山村村道' }
        : { itemKey: it.key, result: 'pass' }
    )
    const sent = await call<{ results: Array<{ problem: { linked: boolean } | null }> }>(worker, 'supervision.submitPatrol', {
      patrolId: p.data.id,
      key: `bench-key-${k}-000`,
      version: p.data.version,
      results
    })
    if (sent.data.results.filter((r) => r.problem && !r.problem.linked).length !== FAILED) throw new Error('expected every failure to be filed as a new problem')
    total += sent.dbRequests
    max = Math.max(max, sent.dbRequests)
  }
  const mean = Math.round((total / PATROLS) * 100) / 100
  console.log(`  提交一次巡查（${FAILED} 项不合格，各转为新问题）：平均 ${mean} 次、最多 ${max} 次数据库请求（预算 ≤ ${8 + 3 * FAILED}）`)
  const coverage = await visitCoverageScale(now)
  // the rest of the module, for the index check
  const month = { year: Number(chinaDay(now).slice(0, 4)), month: Number(chinaDay(now).slice(5, 7)) }
  await call(admin, 'supervision.roster', { villageId: 'v_dongshan', ...month })
  await call(admin, 'supervision.counts', { villageId: 'v_dongshan', ...month })
  await call(town, 'supervision.counts', month)
  await call(worker, 'supervision.mine', { when: 'today' })
  await call(worker, 'supervision.mine', { when: 'upcoming' })
  await call(worker, 'supervision.mine', { when: 'recent' })
  await call(admin, 'supervision.templates', {})
  await invoke('supervision', { Type: 'Timer', TriggerName: 'missed-patrols', Time: now.toISOString() }, null)
  const warnings = localCloud.warnings.filter((w) => !w.allowed)
  if (warnings.length) console.log(`  ⚠ 未走索引的查询 ${warnings.length} 次：${warnings[0].message}`)
  const figures = {
    'supervision.patrolSubmit.dbRequests': max,
    'supervision.patrolSubmit.dbRequestsMean': mean,
    'supervision.visitCoverage.ms1k': coverage.small,
    'supervision.visitCoverage.ms100k': coverage.large,
    'supervision.visitCoverage.scaleRatio': Math.round((coverage.large / coverage.small) * 100) / 100,
    'supervision.unindexedQueries': warnings.length
  }
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
