/**
 * Local-cloud benchmark: a simple read action (users.me) and a write action
 * (users.setPreferences) through the whole stack — function router, real wx-server-sdk, local
 * requester, engine — beside a raw mingo query on the same documents in the same run; and the DB
 * requests every action makes. Prints figures and writes them to bench/results.json.
 */
import '../local-cloud/preload'
import { Query, updateOne } from 'mingo'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { userIdFor } from '../cloudfunctions/_shared/ids'
import { newUserDoc } from '../cloudfunctions/users/repo'
import type { ActionName } from '../src/contract'

const USERS = Number(process.env.BENCH_USERS ?? 1000)
const CALLS = Number(process.env.BENCH_CALLS ?? 2000)
const WARMUP = 200

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  const total = samples.reduce((s, x) => s + x, 0)
  return { mean: total / samples.length, p50: pick(0.5), p95: pick(0.95), perSec: (samples.length / total) * 1000 }
}

async function time(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint()
    await fn(i)
    out.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return out
}

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  loadFunctions('build')
  const now = new Date()
  const openids = Array.from({ length: USERS }, (_, i) => `bench-user-${i}`)
  localCloud.engine.insert(
    'users',
    openids.map((o, i) => ({ ...newUserDoc(userIdFor(o), o, new Date(now.getTime() - i * 1000)), name: `居民${i}`, villageId: 'v_dongshan', villageName: '东山村' }))
  )
  const docs = localCloud.engine.find('users', {}) as Array<{ _id: string }>
  const pickUser = (i: number) => openids[(i * 7919) % USERS]

  const callRead = (i: number) => invoke('users', { action: 'users.me', data: {} }, { openid: pickUser(i) })
  const callWrite = (i: number) => invoke('users', { action: 'users.setPreferences', data: { largeFont: i % 2 === 0 } }, { openid: pickUser(i) })
  // The same work done by mingo alone on the same documents: find one by id; update one by id.
  const rawRead = (i: number) => new Query({ _id: userIdFor(pickUser(i)) }).find(docs).next()
  const rawWrite = (i: number) => updateOne(docs as Array<Record<string, unknown>>, { _id: userIdFor(pickUser(i)) }, { $set: { largeFont: i % 2 === 0 } })

  await time(WARMUP, callRead)
  await time(WARMUP, callWrite)
  await time(WARMUP, rawRead)
  await time(WARMUP, rawWrite)
  // Interleave rounds so machine noise falls on every series alike.
  const read: number[] = []
  const write: number[] = []
  const raw: number[] = []
  const rawW: number[] = []
  for (let round = 0; round < 4; round++) {
    read.push(...(await time(CALLS / 4, callRead)))
    write.push(...(await time(CALLS / 4, callWrite)))
    raw.push(...(await time(CALLS / 4, rawRead)))
    rawW.push(...(await time(CALLS / 4, rawWrite)))
  }
  const r = stats(read)
  const w = stats(write)
  const q = stats(raw)
  const qw = stats(rawW)

  const perAction: Array<[ActionName, string, unknown]> = [
    ['users.me', 'resident-1', {}],
    ['users.setPreferences', 'resident-1', { largeFont: true }],
    ['users.updateProfile', 'resident-1', { villageId: 'v_nanhu', gridId: 'g_nanhu_1' }],
    ['users.acceptPrivacy', 'resident-2', { version: '2026-11' }],
    ['users.list', 'village-admin-dongshan', { villageId: 'v_dongshan' }],
    ['users.assignRole', 'town-admin', { userId: userIdFor(demoOpenid('resident-3')), role: 'grid_worker', gridId: 'g_xigang_1' }],
    ['users.revokeRole', 'town-admin', { userId: userIdFor(demoOpenid('resident-3')), role: 'grid_worker', gridId: 'g_xigang_1' }],
    ['org.overview', 'resident-1', {}],
    ['org.listUnits', 'resident-1', {}],
    ['org.listStaff', 'village-admin-dongshan', { villageId: 'v_dongshan' }],
    ['org.saveGrid', 'village-admin-dongshan', { villageId: 'v_dongshan', name: '基准网格' }]
  ]
  const requests: Record<string, number> = {}
  for (const [action, who, data] of perAction) {
    const { result, dbRequests } = await invoke(action.split('.')[0], { action, data }, { openid: demoOpenid(who) })
    if (!(result as { ok: boolean }).ok) throw new Error(`${action} failed in the benchmark: ${JSON.stringify(result)}`)
    requests[action] = dbRequests
  }
  const readReq = (await invoke('users', { action: 'users.me', data: {} }, { openid: pickUser(1) })).dbRequests
  const writeReq = (await invoke('users', { action: 'users.setPreferences', data: { largeFont: true } }, { openid: pickUser(1) })).dbRequests

  const f = (x: number) => x.toFixed(3)
  console.log(`\n本地云吞吐（${USERS} 位用户，每组 ${CALLS} 次调用）`)
  console.log(`  读操作 users.me            ${r.perSec.toFixed(0).padStart(7)} 次/秒  p50 ${f(r.p50)} ms  p95 ${f(r.p95)} ms  DB 请求 ${readReq}`)
  console.log(`  写操作 users.setPreferences ${w.perSec.toFixed(0).padStart(6)} 次/秒  p50 ${f(w.p50)} ms  p95 ${f(w.p95)} ms  DB 请求 ${writeReq}`)
  console.log(`  原生 mingo 按 _id 查询        ${q.perSec.toFixed(0).padStart(6)} 次/秒  p50 ${f(q.p50)} ms  p95 ${f(q.p95)} ms`)
  console.log(`  原生 mingo 按 _id 更新        ${qw.perSec.toFixed(0).padStart(6)} 次/秒  p50 ${f(qw.p50)} ms  p95 ${f(qw.p95)} ms`)
  console.log(`  读调用 / 原生查询 = ${(r.mean / q.mean).toFixed(2)}，写调用 / 原生更新 = ${(w.mean / qw.mean).toFixed(2)}（预算 ≤ 4）`)
  console.log('每个操作的数据库请求数')
  for (const [a, n] of Object.entries(requests)) console.log(`  ${a.padEnd(24)} ${n}`)

  const round2 = (x: number) => Math.round(x * 100) / 100
  const figures = {
    'cloud.users': USERS,
    'cloud.read.callsPerSec': Math.round(r.perSec),
    'cloud.read.p50ms': round2(r.p50),
    'cloud.read.p95ms': round2(r.p95),
    'cloud.write.callsPerSec': Math.round(w.perSec),
    'cloud.write.p50ms': round2(w.p50),
    'cloud.write.p95ms': round2(w.p95),
    'cloud.rawMingo.queriesPerSec': Math.round(q.perSec),
    'cloud.rawMingo.updatesPerSec': Math.round(qw.perSec),
    'cloud.readCallOverRawRatio': round2(r.mean / q.mean),
    'cloud.writeCallOverRawRatio': round2(w.mean / qw.mean),
    'cloud.dbRequestsPerCallMax': Math.max(readReq, writeReq),
    ...Object.fromEntries(Object.entries(requests).map(([a, n]) => [`cloud.dbRequests.${a}`, n]))
  }
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
