/**
 * 月通报 drafting benchmark (`supervision.bulletin.ms`): the town office (re)generates last month's
 * draft for a town of 30 villages and 20 units with 100 000 problems and their events, through the
 * whole stack. Problems are copies of the demo problems spread over the villages and units: 5 000 in
 * last month (what the draft reads), the rest older history over the two years before, closed. Their
 * daily counts are written as the functions keep them (one problem_counts document per village ×
 * China month), so the draft reads what a real town's would: the month's count documents, the
 * open problems' gauges, the overdue list and the case candidates — never the history.
 */
import '../local-cloud/preload'
import { localCloud } from '../local-cloud'
import { demoOpenid } from '../local-server/seed'
import { lastPeriod } from '../src/domain/bulletin'
import { fromChinaDay } from '../src/domain/china-time'
import { DAY, demoTemplates, grow, measureCalls } from './big-town'
import { finish } from './finish'

const TOTAL = Number(process.env.BENCH_REPORTS ?? 100_000)
const IN_MONTH = 5_000
const VILLAGES = 30
const UNITS = 20
const CALLS = 7
const town = demoOpenid('town-admin')

type Place = { _id: string; name: string }

/** Villages and units up to 30 and 20 (the demo has a few of each). */
function growPlaces(): { villages: Place[]; units: Place[] } {
  const now = new Date()
  const villages = localCloud.engine.all('villages') as unknown as Place[]
  const units = localCloud.engine.all('units') as unknown as Place[]
  for (let i = villages.length; i < VILLAGES; i++)
    localCloud.engine.insert('villages', { _id: `v_bench_${i}`, townId: 'town', name: i % 5 === 0 ? `基准${i}社区` : `基准${i}村`, order: 1000 + i, createdAt: now })
  for (let i = units.length; i < UNITS; i++) localCloud.engine.insert('units', { _id: `unit_bench_${i}`, townId: 'town', name: `基准单位${i}`, phone: null, order: 1000 + i, createdAt: now })
  return { villages: localCloud.engine.all('villages') as never, units: localCloud.engine.all('units') as never }
}

async function main() {
  const templates = await demoTemplates(() => localCloud.engine.remove('bulletins', {}, { multi: true }))
  const now = Date.now()
  const monthStart = fromChinaDay(lastPeriod('month', new Date(now)).first)!.getTime()
  const places = growPlaces()
  grow(templates, {
    from: 0,
    to: TOTAL,
    createdAt: (i) => (i < IN_MONTH ? new Date(monthStart + (i % 28) * DAY + (i % 600) * 60_000) : new Date(now - (70 + (i % 700)) * DAY - (i % 600) * 60_000)),
    live: (i) => i < IN_MONTH,
    place: (i, t) => {
      const v = places.villages[i % places.villages.length]
      const u = places.units[(i * 7) % places.units.length]
      return { villageId: v._id, villageName: v.name, gridId: null, gridName: null, unitId: t.report.unitId ? u._id : null, unitName: t.report.unitId ? u.name : null }
    }
  })
  const { ms, dbRequests } = await measureCalls('supervision', 'supervision.generateBulletin', { kind: 'month' }, town, CALLS)
  const figures: Record<string, number> = {
    'supervision.bulletin.ms': ms,
    'supervision.bulletin.dbRequests': dbRequests
  }
  const events = localCloud.engine.count('report_events', {})
  console.log(`\n月通报草稿基准（${places.villages.length} 个村居、${places.units.length} 个单位、${TOTAL} 条问题、${events} 条事件；${CALLS} 次取中位数）`)
  console.log(`  生成上月草稿：${figures['supervision.bulletin.ms']} ms，${dbRequests} 次 DB 请求`)
  finish('supervision.bulletin', figures)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
