/**
 * Cost bench: the database requests of every action of the contract, generated like the role test
 * (test/functions/access.test.ts) from the same samples. For each action, on a fresh demo town
 * seeded as the tests seed it (functions from source, the tests' clock), the first persona the
 * contract allows runs the action's sample setup, then calls the action once; only that call's DB
 * requests are counted. The hot actions (report steps, approve, redeem, sign-up, vote, new report)
 * run their call with a simulated round trip of 20 ms per request (localCloud.rttMs), so their wall
 * time is what the cloud would show. Actions whose call fails record nothing and are listed on stderr.
 *
 * Figures: cost.<action>.dbRequests, cost.<action>.dbWrites (requests that write: insert, update,
 * remove, transaction start/commit; 0 = the call only read), cost.<action>.msAt20msRtt (hot ones),
 * cost.actions, cost.failedActions, cost.dbRequestsMax, cost.unindexedQueries.
 *
 * COST_TRACE=reports.dispatch,deeds.approve (or COST_ONLY=…) prints each request of those calls
 * (kind and collection, in order) to find where a call's requests go; COST_ONLY measures only those.
 */
import '../local-cloud/preload'
import { ACTION_NAMES, contract, type ActionName } from '../src/contract'
import { localCloud } from '../local-cloud'
import { callAs, freshTown } from '../test/helpers/town'
import { TOWN_NOW } from '../test/helpers/clock'
import { expectedAllowed, PERSONAS, SAMPLES } from '../test/helpers/access-samples'

const RTT_MS = 20
/** Shown at 20 ms per request: the steps people take most often. */
const HOT: ActionName[] = [
  'reports.create',
  'reports.accept',
  'reports.dispatch',
  'reports.sign',
  'reports.rectify',
  'reports.verify',
  'deeds.approve',
  'deeds.redeem',
  'volunteers.signup',
  'honour.vote'
]
const WRITE_REQUESTS = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.startTransaction',
  'database.commitTransaction',
  'database.addCollection'
])

interface FakeClock {
  now: number
}
// the clock jest's modern fake timers use (test/helpers/clock.ts); the bench runs without jest
const { withGlobal } = require('@sinonjs/fake-timers') as { withGlobal(g: typeof globalThis): { install(config: { now: Date; toFake: string[] }): FakeClock } }

/** As clockFrom in test/helpers/clock.ts: Date starts at `at` and runs on with real time; timers stay real. */
function clockFrom(at: Date): void {
  withGlobal(globalThis).install({ now: at, toFake: ['Date'] })
  const clock = (Date as unknown as { clock: FakeClock }).clock
  let base = clock.now - performance.now()
  Object.defineProperty(clock, 'now', {
    configurable: true,
    get: () => Math.floor(base + performance.now()),
    set: (value: number) => {
      base = value - performance.now()
    }
  })
}

const listed = (name: string) =>
  new Set(
    (process.env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  )
const TRACED = new Set([...listed('COST_TRACE'), ...listed('COST_ONLY')])
const ONLY = listed('COST_ONLY')

/** A request in a line: its collection and, for a transaction step, the transaction. */
function describeRequest(params: unknown): string {
  const p = (params ?? {}) as Record<string, unknown>
  const name = p.collectionName ?? p.collection ?? ''
  const tx = p.transactionId ? ' (事务内)' : ''
  return `${String(name)}${tx}`
}

interface Measured {
  action: ActionName
  persona: string
  dbRequests: number
  dbWrites: number
  ms: number
  hot: boolean
  /** queries of the call that no declared index served */
  unindexed: number
}

async function measure(action: ActionName): Promise<Measured | string> {
  const persona = PERSONAS.find((p) => expectedAllowed(action, p))
  if (!persona) return '合约不允许任何测试身份调用'
  await freshTown()
  let input: unknown
  try {
    input = await SAMPLES[action](persona.key)
  } catch (e) {
    return `样例准备失败：${e instanceof Error ? e.message : String(e)}`
  }
  const hot = HOT.includes(action)
  let writes = 0
  const trace: string[] = []
  const stop = localCloud.onSend((req, params) => {
    if (WRITE_REQUESTS.has(req)) writes++
    if (TRACED.has(action)) trace.push(`${req.replace(/^database\./, '')} ${describeRequest(params)}`)
  })
  const seen = localCloud.warnings.length
  localCloud.rttMs = hot ? RTT_MS : 0
  const started = performance.now()
  try {
    const { res, dbRequests } = await callAs(persona.key, action, input)
    const ms = performance.now() - started
    if (!res.ok) return `${res.code} ${res.message}`
    if (trace.length) console.log(`\n${action}（${persona.key}）：${trace.length} 次请求\n  ${trace.map((line, i) => `${i + 1}. ${line}`).join('\n  ')}`)
    const unindexed = localCloud.warnings.slice(seen).filter((w) => !w.allowed).length
    return { action, persona: persona.key, dbRequests, dbWrites: writes, ms, hot, unindexed }
  } catch (e) {
    return `调用抛出异常：${e instanceof Error ? e.message : String(e)}`
  } finally {
    localCloud.rttMs = 0
    stop()
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10
/** Pads to a display width, counting CJK characters as two columns. */
function pad(s: string, width: number, right = false): string {
  const w = [...s].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0)
  const fill = ' '.repeat(Math.max(0, width - w))
  return right ? fill + s : s + fill
}

const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s)

async function main(): Promise<void> {
  const t0 = performance.now()
  clockFrom(TOWN_NOW)
  localCloud.open({ dataDir: null, rttMs: 0 })
  const measured: Measured[] = []
  const failed: Array<[ActionName, string]> = []
  for (const action of ACTION_NAMES) {
    if (ONLY.size && !ONLY.has(action)) continue
    const m = await measure(action)
    if (typeof m === 'string') failed.push([action, m])
    else measured.push(m)
  }
  localCloud.close()
  const unindexed = measured.filter((m) => m.unindexed > 0)

  const figures: Record<string, number> = {}
  for (const m of measured) {
    figures[`cost.${m.action}.dbRequests`] = m.dbRequests
    figures[`cost.${m.action}.dbWrites`] = m.dbWrites
    if (m.hot) figures[`cost.${m.action}.msAt20msRtt`] = round1(m.ms)
  }
  const max = Math.max(0, ...measured.map((m) => m.dbRequests))
  Object.assign(figures, { 'cost.actions': measured.length, 'cost.failedActions': failed.length, 'cost.dbRequestsMax': max, 'cost.unindexedQueries': unindexed.reduce((n, m) => n + m.unindexed, 0) })

  const byCost = [...measured].sort((a, b) => b.dbRequests - a.dbRequests || a.action.localeCompare(b.action))
  console.log(`\n每个操作一次调用的数据库请求（合约中 ${ACTION_NAMES.length} 个操作，测得 ${measured.length} 个；每个操作在新的示例镇上由合约允许的第一个测试身份调用，不含样例准备）`)
  console.log(`  最贵的 15 个：`)
  console.log(`  ${pad('操作', 30)}${pad('说明', 28)}${pad('调用身份', 24)}${pad('请求', 6, true)}${pad('写', 5, true)}${pad('20ms 往返', 12, true)}`)
  for (const m of byCost.slice(0, 15)) {
    const ms = m.hot ? `${Math.round(m.ms)} ms` : '—'
    console.log(`  ${pad(m.action, 30)}${pad(clip(contract[m.action].title, 13), 28)}${pad(m.persona, 24)}${pad(String(m.dbRequests), 6, true)}${pad(String(m.dbWrites), 5, true)}${pad(ms, 12, true)}`)
  }
  console.log(`  常用操作在每次数据库请求往返 ${RTT_MS} ms 时的耗时：`)
  for (const action of HOT) {
    const m = measured.find((x) => x.action === action)
    console.log(`    ${pad(action, 22)}${m ? `${pad(String(m.dbRequests), 3, true)} 次请求  ${pad(String(Math.round(m.ms)), 5, true)} ms` : '（未测得）'}`)
  }
  const reads = measured.filter((m) => m.dbWrites === 0)
  console.log(`  只读操作 ${reads.length} 个（最多 ${Math.max(0, ...reads.map((m) => m.dbRequests))} 次请求），写操作 ${measured.length - reads.length} 个（最多 ${max} 次请求）`)
  if (unindexed.length) console.log(`  ⚠ 有未走索引的查询：${unindexed.map((m) => `${m.action} ${m.unindexed} 次`).join('，')}`)
  console.log(`  用时 ${round1((performance.now() - t0) / 1000)} 秒`)
  if (failed.length) console.error(`✖ 以下 ${failed.length} 个操作调用失败，未记录：\n${failed.map(([a, why]) => `  ${a}: ${why}`).join('\n')}`)
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
