/** A patroller's patrols (今日巡查), one patrol, submitting, and the counts. */
import type { ActionName, Page, ParsedInputOf, PatrolCounts, PatrolDayCounts, PatrolDetail, PatrolSummary } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { chinaDay } from '@/domain/china-time'
import { tempUrls } from '../../_shared/files'
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '../../_shared/paging'
import type { Filter, Sort } from '../../_shared/store'
import { requireManageVillage, requireSee } from '../access'
import type { CountsDoc, PatrolDoc } from '../docs'
import { requirePatrol } from '../repo'
import { monthRange } from '../rules'
import { toDetail, toSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

export async function mine(input: In<'supervision.mine'>, ctx: Ctx): Promise<Page<PatrolSummary>> {
  const _ = ctx.store.db.command
  const today = chinaDay(ctx.now())
  const spans: Record<typeof input.when, { date: unknown; sort: Sort }> = {
    today: { date: today, sort: [] },
    upcoming: { date: _.gt(today), sort: [['date', 'asc']] },
    recent: { date: _.lt(today), sort: [['date', 'desc']] }
  }
  const span = spans[input.when]
  const filter: Filter = { patrollerIds: ctx.userId, date: span.date }
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const skip = decodeCursor(input.cursor)
  const rows = await ctx.store.find<PatrolDoc>(C.patrols, filter, { sort: span.sort, skip, limit: size + 1, fields: { results: false } })
  return { items: rows.slice(0, size).map((p) => toSummary(p, ctx)), next: rows.length > size ? encodeCursor(skip + size) : null }
}

export async function patrol(input: In<'supervision.patrol'>, ctx: Ctx): Promise<PatrolDetail> {
  const p = await requirePatrol(ctx.store, input.patrolId)
  requireSee(ctx, p)
  const urls = await tempUrls((p.results ?? []).flatMap((r) => r.photos))
  return toDetail(p, ctx, urls, chinaDay(ctx.now()))
}

const FIELDS = ['scheduled', 'done', 'missed', 'late', 'findings', 'deductions', 'problemsCreated', 'problemsLinked'] as const
/** A month of every village: 31 days × a town's villages stays far below this. */
const MAX_DAYS = 1000

export async function counts(input: In<'supervision.counts'>, ctx: Ctx): Promise<PatrolCounts> {
  if (input.villageId) requireManageVillage(ctx, input.villageId)
  const _ = ctx.store.db.command
  const { from, to } = monthRange(input.year, input.month)
  const date = _.gte(from).and(_.lte(to))
  const rows = input.villageId
    ? await ctx.store.find<CountsDoc>(C.supervision_counts, { villageId: input.villageId, date }, { sort: [['date', 'asc']], limit: 31 })
    : await ctx.store.find<CountsDoc>(C.supervision_counts, { date }, { sort: [['date', 'asc']], limit: MAX_DAYS })
  const days: PatrolDayCounts[] = rows.map((r) => ({ villageId: r.villageId, date: r.date, ...Object.fromEntries(FIELDS.map((f) => [f, r[f] ?? 0])) }) as PatrolDayCounts)
  const totals = Object.fromEntries(FIELDS.map((f) => [f, days.reduce((s, d) => s + d[f], 0)])) as PatrolCounts['totals']
  return { days, totals }
}
