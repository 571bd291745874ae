/**
 * Sign-up benchmark: 200 concurrent callers signing up to one activity of 50 places in the local
 * cloud, through the whole stack (router, real wx-server-sdk, local requester, engine). Several
 * rounds, each on a fresh activity; every round must end with exactly 50 signed and 150 waiting.
 * Prints calls/s, p50/p95 per call and DB requests per sign-up.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { finish } from './finish'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { makeIdNumber, seedDemoVolunteers } from '../local-server/seed-volunteers'
import { userIdFor } from '../cloudfunctions/_shared/ids'
import { sealIdNumber } from '../cloudfunctions/volunteers/id-number'
import { PRIVACY_VERSION } from '../src/contract'

const CALLERS = Number(process.env.BENCH_SIGNUP_CALLERS ?? 200)
const CAPACITY = Number(process.env.BENCH_SIGNUP_CAPACITY ?? 50)
const ROUNDS = Number(process.env.BENCH_SIGNUP_ROUNDS ?? 5)
const HOUR = 3600 * 1000

interface Reply {
  ok: boolean
  message?: string
  data?: { id?: string; mine?: { status: string } | null }
}

function crowd(n: number): string[] {
  const now = new Date()
  const openids = Array.from({ length: n }, (_, i) => `bench-volunteer-${i}`)
  localCloud.engine.insert(
    'users',
    openids.map((openid, i) => ({
      _id: userIdFor(openid),
      openid,
      name: `志愿者${i}`,
      phone: `136${String(i).padStart(8, '0')}`,
      villageId: 'v_dongshan',
      villageName: '东山村',
      gridId: null,
      gridName: null,
      grants: [],
      scopeKeys: [],
      isVolunteer: true,
      largeFont: false,
      privacyVersion: PRIVACY_VERSION,
      privacyAcceptedAt: now,
      createdAt: now,
      updatedAt: now,
      rev: 0
    }))
  )
  localCloud.engine.insert(
    'volunteers',
    openids.map((openid, i) => {
      const idNumber = makeIdNumber(10_000 + i)
      return {
        _id: userIdFor(openid),
        userId: userIdFor(openid),
        openid,
        realName: `志愿者${i}`,
        ...sealIdNumber(idNumber),
        phone: `136${String(i).padStart(8, '0')}`,
        skills: [],
        villageId: 'v_dongshan',
        villageName: '东山村',
        registeredAt: now,
        certificate: null,
        updatedAt: now
      }
    })
  )
  return openids
}

async function call(action: string, data: unknown, openid: string): Promise<{ reply: Reply; dbRequests: number }> {
  const { result, dbRequests } = await invoke('volunteers', { action, data }, { openid })
  return { reply: result as Reply, dbRequests }
}

async function freshActivity(round: number): Promise<string> {
  const admin = demoOpenid('village-admin-dongshan')
  const t = Date.now()
  const input = {
    title: `基准活动 ${round + 1}`,
    description: '报名吞吐基准用的活动',
    category: 'environment',
    villageId: 'v_dongshan',
    teamId: null,
    venue: { name: '东山村村委会', address: '东山村村委会门口', location: { lng: 120.31, lat: 30.41 } },
    startAt: new Date(t + 48 * HOUR).toISOString(),
    endAt: new Date(t + 51 * HOUR).toISOString(),
    signupDeadline: new Date(t + 24 * HOUR).toISOString(),
    capacity: CAPACITY,
    hoursCredit: 3
  }
  const created = await call('volunteers.saveActivity', input, admin)
  const id = created.reply.data?.id
  if (!created.reply.ok || !id) throw new Error(`saveActivity: ${JSON.stringify(created.reply)}`)
  const published = await call('volunteers.publishActivity', { activityId: id }, admin)
  if (!published.reply.ok) throw new Error(`publishActivity: ${JSON.stringify(published.reply)}`)
  return id
}

interface Round {
  wallMs: number
  latencies: number[]
  requests: number[]
  signedRequests: number[]
  waitlistedRequests: number[]
}

async function round(openids: string[], r: number): Promise<Round> {
  const activityId = await freshActivity(r)
  const started = process.hrtime.bigint()
  const calls = await Promise.all(
    openids.map(async (openid) => {
      const t = process.hrtime.bigint()
      const out = await call('volunteers.signup', { activityId }, openid)
      return { ...out, ms: Number(process.hrtime.bigint() - t) / 1e6 }
    })
  )
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  const failed = calls.find((c) => !c.reply.ok)
  if (failed) throw new Error(`a sign-up failed: ${JSON.stringify(failed.reply)}`)
  const a = localCloud.engine.get('volunteer_activities', activityId) as { signedCount: number; waitlistCount: number }
  const rows = localCloud.engine.all('activity_signups').filter((s) => s.activityId === activityId)
  const signed = rows.filter((s) => s.status === 'signed').length
  const waiting = rows.filter((s) => s.status === 'waitlisted').length
  if (signed !== CAPACITY || a.signedCount !== CAPACITY || waiting !== CALLERS - CAPACITY || a.waitlistCount !== waiting || rows.length !== CALLERS) {
    throw new Error(`round ${r + 1}: ${signed} signed (count ${a.signedCount}), ${waiting} waiting (count ${a.waitlistCount}), ${rows.length} sign-ups`)
  }
  const status = (c: (typeof calls)[number]) => c.reply.data?.mine?.status
  return {
    wallMs,
    latencies: calls.map((c) => c.ms),
    requests: calls.map((c) => c.dbRequests),
    signedRequests: calls.filter((c) => status(c) === 'signed').map((c) => c.dbRequests),
    waitlistedRequests: calls.filter((c) => status(c) === 'waitlisted').map((c) => c.dbRequests)
  }
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
function pick(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
const round2 = (x: number) => Math.round(x * 100) / 100

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  await seedDemoVolunteers(localCloud)
  loadFunctions('build')
  const openids = crowd(CALLERS)

  await round(openids, -1) // warm-up
  const rounds: Round[] = []
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round(openids, r))

  const latencies = rounds.flatMap((r) => r.latencies)
  const requests = rounds.flatMap((r) => r.requests)
  const totalCalls = latencies.length
  const totalMs = rounds.reduce((s, r) => s + r.wallMs, 0)
  const figures = {
    'volunteers.signup.callers': CALLERS,
    'volunteers.signup.capacity': CAPACITY,
    'volunteers.signup.rounds': ROUNDS,
    'volunteers.signup.callsPerSec': Math.round((totalCalls / totalMs) * 1000),
    'volunteers.signup.p50ms': round2(pick(latencies, 0.5)),
    'volunteers.signup.p95ms': round2(pick(latencies, 0.95)),
    'volunteers.signup.dbRequests': round2(mean(requests)),
    'volunteers.signup.dbRequestsSigned': round2(mean(rounds.flatMap((r) => r.signedRequests))),
    'volunteers.signup.dbRequestsWaitlisted': round2(mean(rounds.flatMap((r) => r.waitlistedRequests))),
    'volunteers.signup.dbRequestsMax': Math.max(...requests)
  }
  console.log(`\n志愿活动报名基准（${CALLERS} 人同时报名 ${CAPACITY} 个名额，${ROUNDS} 轮，每轮一个新活动）`)
  console.log(`  吞吐 ${figures['volunteers.signup.callsPerSec']} 次/秒，每次调用 p50 ${figures['volunteers.signup.p50ms']} ms、p95 ${figures['volunteers.signup.p95ms']} ms（含排队）`)
  console.log(
    `  每次报名的数据库请求：平均 ${figures['volunteers.signup.dbRequests']}（得到名额 ${figures['volunteers.signup.dbRequestsSigned']}，进入候补 ${figures['volunteers.signup.dbRequestsWaitlisted']}，最多 ${figures['volunteers.signup.dbRequestsMax']}）`
  )
  console.log(`  每轮结束：${CAPACITY} 人报名成功，${CALLERS - CAPACITY} 人候补，无重复`)
  finish('volunteers', figures)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
