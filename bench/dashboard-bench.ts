/**
 * 数据看板 scale benchmark: the town dashboard (supervision.dashboard, this month) with 1 000 and with
 * 100 000 problems and their events in the local cloud, through the whole stack. Problems are copies
 * of the demo problems, each with its events: the first 1 000 spread over the last 100 days (what a
 * view reads: this period and the trend's 12 weeks), the other 99 000 older history, spread over the
 * two years before and closed, as a real town's history mostly is. Their daily counts are written as
 * the functions keep them — one
 * problem_counts document per village × China month, cells summed from the problems and events
 * (countsOfProblems) — so the big town has exactly the count documents a real one would. The
 * dashboard reads counts, never problems or events: the ratio should stay near 1 (≤ 2), and the
 * requests per view ≤ 5.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { demoOpenid } from '../local-server/seed'
import { DAY, demoTemplates, grow, measureCalls, type Template } from './big-town'
import { finish } from './finish'

const SMALL = 1_000
const LARGE = Number(process.env.BENCH_REPORTS ?? 100_000)
const CALLS = 40
const town = demoOpenid('town-admin')

const measure = (data: unknown) => measureCalls('supervision', 'supervision.dashboard', data, town, CALLS)

/** Copies i in [from, to): the first 1 000 (the small town) fill the weeks a view reads; the rest is older history, closed. */
function growTo(templates: Template[], from: number, to: number, now: number): void {
  grow(templates, {
    from,
    to,
    createdAt: (i) => (i < SMALL ? new Date(now - (i % 100) * DAY - (i % 600) * 60_000) : new Date(now - (130 + (i % 700)) * DAY - (i % 600) * 60_000)),
    live: (i) => i < SMALL
  })
}

async function main() {
  const templates = await demoTemplates()
  const now = Date.now()

  console.log(`\n数据看板规模基准（全镇本月，每项 ${CALLS} 次调用取中位数）`)
  growTo(templates, templates.length, SMALL, now)
  const small = await measure({ period: 'month' })
  const docs1 = localCloud.engine.count('problem_counts', {})
  console.log(`  ${SMALL} 条问题（计数文档 ${docs1} 个）：${small.ms} ms，${small.dbRequests} 次 DB 请求`)
  growTo(templates, SMALL, LARGE, now)
  const large = await measure({ period: 'month' })
  const docs2 = localCloud.engine.count('problem_counts', {})
  const events = localCloud.engine.count('report_events', {})
  console.log(`  ${LARGE} 条问题、${events} 条事件（计数文档 ${docs2} 个）：${large.ms} ms，${large.dbRequests} 次 DB 请求`)
  const village = await measure({ villageId: 'v_dongshan', period: 'week' })
  const figures: Record<string, number> = {
    'supervision.dashboard.ms1k': small.ms,
    'supervision.dashboard.ms100k': large.ms,
    'supervision.dashboard.scaleRatio': Math.round((large.ms / small.ms) * 100) / 100,
    'supervision.dashboard.dbRequests': Math.max(small.dbRequests, large.dbRequests, village.dbRequests)
  }
  console.log(`  100k/1k = ${figures['supervision.dashboard.scaleRatio']}（预算 ≤ 2），每次查看数据库请求 ${figures['supervision.dashboard.dbRequests']}（预算 ≤ 5）`)
  finish('supervision.dashboard', figures)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
