/**
 * Deed approval benchmark: residents declare deeds, the village admin approves them one by one
 * through the whole stack (router, real wx-server-sdk, local requester, engine). Prints DB requests
 * per approval (the deed, the rule table, the balances, the entry, the audit in one transaction)
 * and per redemption, and checks the ledger invariant at the end.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { finish } from './finish'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { seedDemoVolunteers } from '../local-server/seed-volunteers'
import { seedDemoDeeds } from '../local-server/seed-deeds'
import { userIdFor } from '../cloudfunctions/_shared/ids'

const APPROVALS = Number(process.env.BENCH_DEED_APPROVALS ?? 50)

interface Reply {
  ok: boolean
  message?: string
  data?: { id?: string }
}

async function call(action: string, data: unknown, who: string): Promise<{ reply: Reply; dbRequests: number; ms: number }> {
  const t = performance.now()
  const { result, dbRequests } = await invoke('deeds', { action, data }, { openid: demoOpenid(who) })
  return { reply: result as Reply, dbRequests, ms: performance.now() - t }
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
const round2 = (x: number) => Math.round(x * 100) / 100

/** Every cached balance equals the sum of its ledger entries. */
function checkInvariant(): void {
  const sums = new Map<string, number>()
  const add = (id: string, delta: number) => sums.set(id, (sums.get(id) ?? 0) + delta)
  for (const e of localCloud.engine.all('point_entries') as Array<{ userId: string | null; householdId: string | null; delta: number }>) {
    if (e.userId) add(`p_${e.userId}`, e.delta)
    if (e.householdId) add(`h_${e.householdId}`, e.delta)
  }
  for (const b of localCloud.engine.all('point_balances') as Array<{ _id: string; balance: number }>) {
    if ((sums.get(b._id) ?? 0) !== b.balance) throw new Error(`balance ${b._id} = ${b.balance} ≠ ledger ${sums.get(b._id)}`)
  }
}

async function main(): Promise<void> {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  await seedDemoDeeds(localCloud)
  await seedDemoVolunteers(localCloud)
  loadFunctions('build')
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  // one resident declares every deed of the benchmark: the town office raises the daily cap for it
  const caps = await invoke(
    'org',
    { action: 'org.saveSafeguards', data: { correctionThreshold: 50, reportsPerDay: 10, declarationsPerDay: Math.min(1000, Math.max(10, APPROVALS)), nominationsPerDay: 5 } },
    { openid: demoOpenid('town-admin') }
  )
  if (!(caps.result as Reply).ok) throw new Error(`saveSafeguards: ${JSON.stringify(caps.result)}`)
  const requests: number[] = []
  const times: number[] = []
  for (let i = 0; i < APPROVALS; i++) {
    const declared = await call(
      'deeds.declare',
      {
        subjectUserId: userIdFor(demoOpenid(i % 2 ? 'resident-2' : 'volunteer-1')),
        category: 'helping',
        title: `基准善行 ${i}`,
        occurredOn: day,
        place: '东山村',
        description: '帮助邻居修好了漏水的屋顶。',
        photos: []
      },
      'resident-1'
    )
    if (!declared.reply.ok || !declared.reply.data?.id) throw new Error(`declare: ${JSON.stringify(declared.reply)}`)
    const approved = await call('deeds.approve', { deedId: declared.reply.data.id }, 'village-admin-dongshan')
    if (!approved.reply.ok) throw new Error(`approve: ${JSON.stringify(approved.reply)}`)
    requests.push(approved.dbRequests)
    times.push(approved.ms)
  }
  await call('deeds.correct', { userId: userIdFor(demoOpenid('resident-1')), delta: 50, reason: '基准用积分' }, 'village-admin-dongshan')
  const redeemed = await call('deeds.redeem', { goodsId: 'gd_ds_towel' }, 'resident-1')
  if (!redeemed.reply.ok) throw new Error(`redeem: ${JSON.stringify(redeemed.reply)}`)
  checkInvariant()
  const figures = {
    'deeds.approve.count': APPROVALS,
    'deeds.approve.dbRequests': round2(mean(requests)),
    'deeds.approve.dbRequestsMax': Math.max(...requests),
    'deeds.approve.meanMs': round2(mean(times)),
    'deeds.redeem.dbRequests': redeemed.dbRequests
  }
  console.log(`\n善行审核基准（${APPROVALS} 条善行逐条审核通过）`)
  console.log(`  每次审核的数据库请求：平均 ${figures['deeds.approve.dbRequests']}，最多 ${figures['deeds.approve.dbRequestsMax']}；平均耗时 ${figures['deeds.approve.meanMs']} ms`)
  console.log(`  每次兑换的数据库请求：${figures['deeds.redeem.dbRequests']}；账本与余额一致`)
  finish('deeds', figures)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
