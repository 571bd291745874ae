/**
 * 随手拍 scale benchmark: a page of the ledger (问题台账) and of "my reports" with 1 000 and with
 * 100 000 problems in the local cloud, through the whole stack. Pages are served by declared
 * indexes, so the time per page should not grow with the collection (ratio ≤ 2).
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { invoke, loadFunctions } from '../local-server/functions'
import { demoOpenid, seedDemoTown } from '../local-server/seed'
import { seedDemoReports } from '../local-server/seed-reports'
import { userIdFor } from '../cloudfunctions/_shared/ids'
import { facetsOf } from '../cloudfunctions/reports/model'
import type { ReportDoc } from '../cloudfunctions/reports/docs'

const SMALL = 1_000
const LARGE = Number(process.env.BENCH_REPORTS ?? 100_000)
const CALLS = 200
/** One problem in ten is the benchmark resident's own, so "my reports" grows with the town too. */
const MINE_EVERY = 10

const resident = demoOpenid('resident-1')
const residentId = userIdFor(resident)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function measure(label: string, fn: string, action: string, data: unknown, openid: string) {
  const times: number[] = []
  let dbRequests = 0
  for (let i = 0; i < CALLS; i++) {
    const t = process.hrtime.bigint()
    const { result, dbRequests: n } = await invoke(fn, { action, data }, { openid })
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
    if (!(result as { ok: boolean }).ok) throw new Error(`${label}: ${JSON.stringify(result)}`)
    dbRequests = Math.max(dbRequests, n)
  }
  return { ms: median(times), dbRequests }
}

function grow(templates: ReportDoc[], from: number, to: number, now: number) {
  const batch: ReportDoc[] = []
  const flush = () => {
    if (batch.length) localCloud.engine.insert('reports', batch.splice(0))
  }
  for (let i = from; i < to; i++) {
    const t = templates[i % templates.length]
    const mine = i % MINE_EVERY === 0
    const doc: ReportDoc = {
      ...t,
      _id: `r_bench_${i}`,
      no: `SSP-2025-${String(i).padStart(6, '0')}`,
      clientKey: `bench-key-${i}`,
      reporterId: mine ? residentId : `u_bench_${i % 997}`,
      reporterOpenid: mine ? resident : `bench-${i % 997}`,
      createdAt: new Date(now - (i + 1) * 60_000),
      updatedAt: new Date(now - (i + 1) * 60_000),
      remindAt: null
    }
    doc.facets = facetsOf(doc)
    batch.push(doc)
    if (batch.length >= 5000) flush()
  }
  flush()
}

async function round(size: number) {
  const ledger = await measure('ledger', 'reports', 'reports.ledger', { pageSize: 20 }, demoOpenid('town-admin'))
  const ledgerVillage = await measure('ledger (village)', 'reports', 'reports.ledger', { villageId: 'v_dongshan', status: 'closed', pageSize: 20 }, demoOpenid('village-admin-dongshan'))
  const mine = await measure('mine', 'reports', 'reports.mine', { pageSize: 20 }, resident)
  console.log(
    `  ${String(size).padStart(7)} 条问题：台账一页 ${ledger.ms.toFixed(2)} ms（${ledger.dbRequests} 次 DB 请求），` +
      `本村已销号一页 ${ledgerVillage.ms.toFixed(2)} ms（${ledgerVillage.dbRequests}），我的随手拍一页 ${mine.ms.toFixed(2)} ms（${mine.dbRequests}）`
  )
  return { ledger, ledgerVillage, mine }
}

async function main() {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  seedDemoTown(localCloud.engine)
  await seedDemoReports(localCloud.engine, (path, content) => localCloud.uploadFile(path, content))
  loadFunctions('build')
  const templates = localCloud.engine.all('reports') as unknown as ReportDoc[]
  const now = Date.now() - 86_400_000
  const seeded = templates.length

  console.log(`\n随手拍规模基准（每项 ${CALLS} 次调用取中位数）`)
  grow(templates, seeded, SMALL, now)
  const small = await round(localCloud.engine.count('reports', {}))
  grow(templates, SMALL, LARGE, now)
  const large = await round(localCloud.engine.count('reports', {}))

  const ratio = (a: { ms: number }, b: { ms: number }) => Math.round((b.ms / a.ms) * 100) / 100
  const figures = {
    'reports.ledgerPage.ms1k': Math.round(small.ledger.ms * 100) / 100,
    'reports.ledgerPage.ms100k': Math.round(large.ledger.ms * 100) / 100,
    'reports.ledgerPage.scaleRatio': Math.max(ratio(small.ledger, large.ledger), ratio(small.ledgerVillage, large.ledgerVillage)),
    'reports.myPage.ms1k': Math.round(small.mine.ms * 100) / 100,
    'reports.myPage.ms100k': Math.round(large.mine.ms * 100) / 100,
    'reports.myPage.scaleRatio': ratio(small.mine, large.mine),
    'reports.dbRequestsPerCallMax': Math.max(...[small, large].flatMap((r) => [r.ledger.dbRequests, r.ledgerVillage.dbRequests, r.mine.dbRequests]))
  }
  console.log(`  台账一页 100k/1k = ${figures['reports.ledgerPage.scaleRatio']}，我的随手拍一页 100k/1k = ${figures['reports.myPage.scaleRatio']}（预算 ≤ 2）`)
  const warnings = localCloud.warnings.filter((w) => !w.allowed)
  if (warnings.length) console.log(`  ⚠ 未走索引的查询 ${warnings.length} 次：${warnings[0].message}`)
  figures['reports.unindexedQueries' as keyof typeof figures] = warnings.length
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
