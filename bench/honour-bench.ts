/**
 * Honour bench: DB requests per vote, and the honour board page (the first page of a resident's
 * boards — their village's and the town's — plus one board's detail) with 1 000 and with 100 000
 * board entries in the town. Pages are served by declared indexes, so the ratio should stay ≤ 2.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, DEMO_VILLAGES, seedDemoTown } from '../local-server/seed'
import type { BoardDoc } from '../cloudfunctions/honour/docs'

const SMALL = 1_000
const LARGE = Number(process.env.BENCH_HONOUR ?? 100_000)
const ENTRIES_PER_BOARD = 20
const CALLS = 200
const VOTES = 100

const town = demoOpenid('town-admin')
const resident = demoOpenid('resident-1')

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function call<T>(openid: string, action: string, data: unknown): Promise<{ data: T; dbRequests: number }> {
  const { result, dbRequests } = await invoke(action.split('.')[0], { action, data }, { openid })
  const r = result as { ok: boolean; data: T; message?: string }
  if (!r.ok) throw new Error(`${action}: ${JSON.stringify(result)}`)
  return { data: r.data, dbRequests }
}

/** Average DB requests per vote, and those of the selection's page (live counts: the tally's counts, read with the caller's profile). */
async function votes(): Promise<{ perVote: number; selectionPage: number }> {
  const now = Date.now()
  const iso = (h: number) => new Date(now + h * 3600_000).toISOString()
  const sel = await call<{ id: string }>(town, 'honour.saveSelection', {
    villageId: null,
    title: '最美家庭评选',
    rules: '全镇家庭均可参评',
    category: 'filial',
    nominateFrom: iso(-2),
    nominateTo: iso(1),
    voteFrom: iso(-1),
    voteTo: iso(48),
    votesPerDay: 50,
    votesTotal: 100,
    noticeDays: 5,
    winners: 3
  })
  const cand = await call<{ id: string }>(resident, 'honour.nominate', { selectionId: sel.data.id, subject: 'household', name: '王家', story: '孝敬老人，邻里和睦多年' })
  await call(town, 'honour.reviewCandidate', { candidateId: cand.data.id, approve: true })
  let total = 0
  const voters = ['resident-1', 'resident-2', 'resident-3', 'resident-4', 'resident-5'].map(demoOpenid)
  for (let i = 0; i < VOTES; i++) total += (await call(voters[i % voters.length], 'honour.vote', { candidateId: cand.data.id })).dbRequests
  const page = await call<{ candidates: Array<{ votes: number }> }>(resident, 'honour.selection', { selectionId: sel.data.id })
  if (page.data.candidates[0]?.votes !== VOTES) throw new Error(`honour.selection: ${page.data.candidates[0]?.votes} votes counted, ${VOTES} cast`)
  return { perVote: Math.round((total / VOTES) * 100) / 100, selectionPage: page.dbRequests }
}

const SCOPES = [...DEMO_VILLAGES.map((v) => ({ id: v.id as string | null, scope: v.id, name: v.name })), { id: null, scope: 'town', name: '西岗镇' }]

function grow(from: number, to: number, base: number): void {
  const batch: BoardDoc[] = []
  for (let i = from; i < to; i++) {
    const s = SCOPES[i % SCOPES.length]
    const at = new Date(base - (to - i) * 3600_000)
    batch.push({
      _id: `hb_bench_${i}`,
      villageId: s.id,
      scope: s.scope,
      scopeName: s.name,
      title: `第 ${i} 期善行义举四德榜`,
      period: { kind: 'month', year: 2020 + (Math.floor(i / 12) % 80), index: (i % 12) + 1 },
      periodKey: String(i),
      status: 'published',
      entries: Array.from({ length: ENTRIES_PER_BOARD }, (_, k) => ({
        subject: 'person' as const,
        name: `上榜人${k}`,
        userId: null,
        category: 'helping' as const,
        story: '热心帮助邻里，常年义务打扫村道',
        photo: null
      })),
      entryCount: ENTRIES_PER_BOARD,
      selectionId: null,
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at,
      publishedAt: at,
      publishedBy: 'bench',
      rev: 1
    })
    if (batch.length >= 1000) localCloud.engine.insert('honour_boards', batch.splice(0))
  }
  if (batch.length) localCloud.engine.insert('honour_boards', batch.splice(0))
}

async function pageLoad(): Promise<{ ms: number; dbRequests: number }> {
  const times: number[] = []
  let dbRequests = 0
  for (let i = 0; i < CALLS; i++) {
    const t = process.hrtime.bigint()
    const list = await call<{ items: Array<{ id: string }> }>(resident, 'honour.boards', { pageSize: 20 })
    const detail = await call(resident, 'honour.board', { boardId: list.data.items[0].id })
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    dbRequests = Math.max(dbRequests, list.dbRequests + detail.dbRequests)
  }
  return { ms: median(times), dbRequests }
}

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  loadFunctions('build')

  console.log(`\n评选投票与光荣榜基准（每项 ${CALLS} 次调用取中位数）`)
  const { perVote, selectionPage } = await votes()
  console.log(`  每次投票平均数据库请求 ${perVote}（${VOTES} 票）；评选详情页（计票中）${selectionPage} 次 DB 请求`)
  const base = Date.now() - 86_400_000
  const smallBoards = SMALL / ENTRIES_PER_BOARD
  const largeBoards = LARGE / ENTRIES_PER_BOARD
  grow(0, smallBoards, base - largeBoards * 3600_000)
  const small = await pageLoad()
  console.log(`  ${String(SMALL).padStart(7)} 条上榜记录（${smallBoards} 期榜单）：列表首页 + 榜单详情 ${small.ms.toFixed(2)} ms（${small.dbRequests} 次 DB 请求）`)
  grow(smallBoards, largeBoards, base)
  const large = await pageLoad()
  console.log(`  ${String(LARGE).padStart(7)} 条上榜记录（${largeBoards} 期榜单）：列表首页 + 榜单详情 ${large.ms.toFixed(2)} ms（${large.dbRequests} 次 DB 请求）`)
  const warnings = localCloud.warnings.filter((w) => !w.allowed)
  if (warnings.length) console.log(`  ⚠ 未走索引的查询 ${warnings.length} 次：${warnings[0].message}`)
  const figures = {
    'deeds.vote.dbRequests': perVote,
    'honour.selection.dbRequests': selectionPage,
    'honour.page.ms1k': Math.round(small.ms * 100) / 100,
    'honour.page.ms100k': Math.round(large.ms * 100) / 100,
    'honour.page.scaleRatio': Math.round((large.ms / small.ms) * 100) / 100,
    'honour.page.dbRequests': Math.max(small.dbRequests, large.dbRequests),
    'honour.unindexedQueries': warnings.length
  }
  console.log(`  光荣榜一页 100k/1k = ${figures['honour.page.scaleRatio']}（预算 ≤ 2）`)
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
