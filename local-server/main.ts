// Entry point of `npm start`'s server: the local cloud, the functions (esbuild bundles), the demo
// town and the H5 build, on one localhost port.
import '../local-cloud/preload'
import { join } from 'node:path'
import { bindRefusal, isLoopback } from './bind'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from './functions'
import { createLocalServer } from './server'
import { seedDemoTown } from './seed'
import { seedDemoReports } from './seed-reports'
import { seedDemoVolunteers } from './seed-volunteers'
import { seedDemoDeeds } from './seed-deeds'
import { seedDemoHonour } from './seed-honour'
import { seedDemoSupervision, seedDemoVisits } from './seed-supervision'
import { seedDemoCleaning } from './seed-cleaning'
import { seedDemoInfo } from './seed-supervision-info'
import { seedDemoBulletins } from './seed-bulletins'

const root = join(__dirname, '..')
const port = Number(process.env.PORT ?? 10086)
const host = process.env.HOST || '127.0.0.1'
const refusal = bindRefusal(host)
if (refusal) {
  console.error(refusal)
  process.exit(1)
}
if (!isLoopback(host)) {
  console.warn(
    `注意：ALLOW_NETWORK=1，本地服务在 ${host} 上对其他设备开放，任何能访问的人都可以不用密码以演示用户登录。` +
      (process.env.LOCAL_CLOUD_PUBLIC_URL ? '' : '其他设备上的图片地址请用 LOCAL_CLOUD_PUBLIC_URL 指定（如 http://192.168.1.5:10086）。')
  )
}
const dataDir = process.env.LOCAL_CLOUD_DATA_DIR ?? join(root, '.local-cloud', 'data')
const origin = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`
process.env.LOCAL_CLOUD_PUBLIC_URL ??= origin

/**
 * Timer triggers, locally every minute: the reports function's overdue job (every 30 minutes in the
 * cloud), the volunteers function's reminders and automatic check-outs (every 10 minutes there) and
 * the supervision function's 缺巡 marking (every 30 minutes there).
 */
const TIMER_EVERY_MS = 60_000

const startedAt = Date.now()
process.stdout.write('▶ 启动本地云 … ')
localCloud.open({ dataDir })
loadFunctions('build')
console.log(`✔ ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
const seedingAt = Date.now()
console.log('▶ 写入演示数据（已有数据时跳过）')
if (seedDemoTown(localCloud.engine)) console.log('已写入演示数据：西岗镇（4 个村居、网格、责任单位和各类角色的演示用户）')
// households first (the hours volunteers earn later go to them too), then the volunteer service; the rest after both
const people = seedDemoDeeds(localCloud)
  .then((n) => n > 0 && console.log('已写入善行档案演示数据：家庭、善行和积分超市商品'))
  .then(() => seedDemoVolunteers(localCloud))
  .then((activities) => activities > 0 && console.log(`已写入志愿服务演示数据：5 支队伍、${activities} 个活动（含报名、候补、签到和待审核时长）`))
  .catch((e: unknown) => console.error('[演示数据] 善行档案或志愿服务写入失败', e))
const honourSeeded = people
  .then(() => seedDemoHonour(localCloud))
  .then(
    (n) => n.boards > 0 && console.log(`已写入光荣榜演示数据：${n.boards} 期光荣榜、${n.selections} 项评选（投票中、提名中各一）`),
    (e: unknown) => console.error('[演示数据] 光荣榜写入失败', e)
  )

async function timer(): Promise<void> {
  // the event a timer trigger delivers, with no caller identity (a client call always has one)
  const { result } = await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)
  const r = result as { ok?: boolean; data?: { reminded?: number } }
  if (r.ok && r.data?.reminded) console.log(`[定时任务] 逾期提醒：发出工作提示函 ${r.data.reminded} 份`)
  else if (!r.ok) console.error('[定时任务] 逾期提醒失败', result)
  const v = await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }, null)
  const vr = v.result as { ok?: boolean; data?: { followUps?: number; reminded?: number; closed?: number; countsRepaired?: number } }
  if (vr.ok && vr.data?.followUps) console.warn(`[定时任务] 志愿活动：${vr.data.followUps} 个活动的修改或取消中途中断，已补做（报名、通知、候补递补）`)
  if (vr.ok && (vr.data?.reminded || vr.data?.closed)) console.log(`[定时任务] 志愿活动：提醒 ${vr.data.reminded ?? 0} 人，自动签退 ${vr.data.closed ?? 0} 人`)
  if (vr.ok && vr.data?.countsRepaired) console.warn(`[定时任务] 志愿活动：${vr.data.countsRepaired} 个活动的报名人数与名单不符（报名中途中断），已按名单修正`)
  else if (!vr.ok) console.error('[定时任务] 志愿活动任务失败', v.result)
  await missedPatrols()
}

/** The supervision function's 缺巡 job. */
async function missedPatrols(): Promise<void> {
  const sv = await invoke('supervision', { Type: 'Timer', TriggerName: 'missed-patrols', Time: new Date().toISOString() }, null)
  const svr = sv.result as { ok?: boolean; data?: { missed?: number } }
  if (svr.ok && svr.data?.missed) console.log(`[定时任务] 督导巡查：${svr.data.missed} 次巡查当天未提交，已记为缺巡`)
  else if (!svr.ok) console.error('[定时任务] 督导巡查缺巡任务失败', sv.result)
}
const timers = setInterval(() => void timer().catch((e: unknown) => console.error('[定时任务]', e)), TIMER_EVERY_MS)
timers.unref()

const restSeeded = people
  .then(() => seedDemoReports(localCloud.engine, (path, content) => localCloud.uploadFile(path, content)))
  .then(async (n) => {
    if (n > 0) console.log(`已写入演示问题 ${n} 条（各个状态，含照片、处理过程和函件）`)
    // after the problems: a patrol's failure next to an open problem of its category is linked to it
    const s = await seedDemoSupervision(localCloud).catch((e: unknown) => (console.error('[演示数据] 督导巡查写入失败', e), { templates: 0, patrols: 0 }))
    if (s.templates > 0) console.log(`已写入督导巡查演示数据：${s.templates} 张巡查表、${s.patrols} 次巡查（含已完成、缺巡、今日和本月排班）`)
    const visits = await seedDemoVisits(localCloud).catch((e: unknown) => (console.error('[演示数据] 民情日记写入失败', e), 0))
    if (visits > 0) console.log(`已写入民情日记演示数据：${visits} 次入户走访（东山村、西岗社区，本月和上月）`)
    const info = await seedDemoInfo(localCloud).catch((e: unknown) => (console.error('[演示数据] 信息报送写入失败', e), 0))
    if (info > 0) console.log(`已写入信息报送演示数据：${info} 条信息（待审、镇级和县级采用、退回；北岭村上半月未报送）`)
    const cleaning = await seedDemoCleaning(localCloud).catch((e: unknown) => (console.error('[演示数据] 保洁考核写入失败', e), { zones: 0, findings: 0 }))
    if (cleaning.zones > 0) console.log(`已写入保洁考核演示数据：${cleaning.zones} 个保洁区域、本月 ${cleaning.findings} 条扣款（一条申诉后撤销、一条申诉待处理、一份整改通知）`)
    const bulletins = await seedDemoBulletins(localCloud).catch((e: unknown) => (console.error('[演示数据] 周通报写入失败', e), 0))
    if (bulletins > 0) console.log('已写入周通报演示数据：上上周的已发布（东山村申诉后采纳），上周的征求意见中')
  })
// the timers' first run after the demo data, before the address (so that the address is the last line)
const seeded = Promise.allSettled([honourSeeded, restSeeded]).then(() => timer().catch((e: unknown) => console.error('[定时任务]', e)))

const server = createLocalServer({ staticDir: join(root, 'dist-h5'), dataDir })
const listening = new Promise<void>((resolve) => server.listen(port, host, resolve))
// last: the address, once the demo town is there (npm start measures its time to this line)
void Promise.all([listening, seeded]).then(() => {
  console.log(`✔ 演示数据就绪（${((Date.now() - seedingAt) / 1000).toFixed(1)} s）`)
  const since = Number(process.env.START_STARTED_AT)
  const took = Number.isFinite(since) && since > 0 ? `，从 npm start 起用时 ${((Date.now() - since) / 1000).toFixed(1)} s` : ''
  console.log(`\n文明创建 本地云已启动${took}。数据目录：${dataDir}，按 Ctrl+C 停止。`)
  console.log('打开网址后先到「本地演示登录」页，选一位演示用户（居民、志愿者、网格员、责任单位、村居管理员、镇创建办）即可进入。')
  console.log(`网址：${origin}/`)
})

const stop = () => {
  server.close()
  localCloud.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
