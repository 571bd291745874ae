/**
 * Supervision bench: DB requests of submitting a patrol with 2 failed items (each filed as a new
 * problem; budget 8 + 3 per failed item = 14), over a month of roster in 东山村; then the other
 * patrol actions and the 缺巡 job, counting queries no declared index serves.
 */
import '../local-cloud/preload'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { demoPng } from '../local-server/seed-reports'
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

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  const built = existsSync(join(__dirname, '..', 'build', 'cloudfunctions', 'supervision', 'index.js'))
  loadFunctions(built ? 'build' : 'source')

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
    const p = await call<Patrol>(admin, 'supervision.schedule', { villageId: 'v_dongshan', gridId: `g_dongshan_${(k % 3) + 1}`, date: chinaDay(now), templateId: tpl.data.id, patrollerIds: [userIdFor(worker)] })
    // failures far apart (about 1 km between patrols), so each is filed as a new problem
    const results = p.data.items.map((it, i) =>
      i < FAILED
        ? { itemKey: it.key, result: 'fail', photos: [photos[i]], note: '现场发现问题', location: { lng: 120.5 + k * 0.01 + i * 0.002, lat: 30.6 }, address: '东山村村道' }
        : { itemKey: it.key, result: 'pass' }
    )
    const sent = await call<{ results: Array<{ problem: { linked: boolean } | null }> }>(worker, 'supervision.submitPatrol', { patrolId: p.data.id, key: `bench-key-${k}-000`, version: p.data.version, results })
    if (sent.data.results.filter((r) => r.problem && !r.problem.linked).length !== FAILED) throw new Error('expected every failure to be filed as a new problem')
    total += sent.dbRequests
    max = Math.max(max, sent.dbRequests)
  }
  const mean = Math.round((total / PATROLS) * 100) / 100
  console.log(`  提交一次巡查（${FAILED} 项不合格，各转为新问题）：平均 ${mean} 次、最多 ${max} 次数据库请求（预算 ≤ ${8 + 3 * FAILED}）`)
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
    'supervision.unindexedQueries': warnings.length
  }
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
