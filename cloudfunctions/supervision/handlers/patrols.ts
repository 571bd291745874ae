/** A patroller's patrols (今日巡查), one patrol, submitting, and the counts. */
import type { ActionName, InfoVillageHalfCounts, Page, ParsedInputOf, PatrolCounts, PatrolDayCounts, PatrolDetail, PatrolSummary } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { chinaDay } from '@/domain/china-time'
import { halfMonth } from '@/domain/half-month'
import { C } from '../../_shared/collections'
import { tempUrls } from '../../_shared/files'
import { mapPage, offsetPage } from '../../_shared/paging'
import { requireManageVillage, requireSee } from '../access'
import type { CountsDoc } from '../docs'
import type { InfoCountsDoc } from '../info'
import { countsWithin, patrolsOf, requirePatrol } from '../repo'
import { monthRange } from '../rules'
import { toDetail, toSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

export async function mine(input: In<'supervision.mine'>, ctx: Ctx): Promise<Page<PatrolSummary>> {
  const today = chinaDay(ctx.now())
  const page = await offsetPage(input, (skip, limit) => patrolsOf(ctx.store, ctx.userId, input.when, today, skip, limit))
  return mapPage(page, (rows) => rows.map((p) => toSummary(p, ctx)))
}

export async function patrol(input: In<'supervision.patrol'>, ctx: Ctx): Promise<PatrolDetail> {
  const p = await requirePatrol(ctx.store, input.patrolId)
  requireSee(ctx, p)
  const urls = await tempUrls((p.results ?? []).flatMap((r) => r.photos))
  return toDetail(p, ctx, urls, chinaDay(ctx.now()))
}

const FIELDS = ['scheduled', 'done', 'missed', 'late', 'findings', 'deductions', 'problemsCreated', 'problemsLinked', 'cleaningFindings', 'cleaningWithdrawn', 'deductionYuan'] as const
/** The most rows one server read returns: a month of every village (31 × villages) is read this many at a time. */
const READ_LIMIT = 1000

/** Every village's days of the month, page after page: 31 days × villages may pass one read's limit. */
async function allVillagesWithin(ctx: Ctx, from: string, to: string): Promise<CountsDoc[]> {
  const out: CountsDoc[] = []
  for (;;) {
    const page = await countsWithin(ctx.store, undefined, from, to, READ_LIMIT, out.length)
    out.push(...page)
    if (page.length < READ_LIMIT) return out
  }
}

/** A town has tens of villages: a month's two half months of every village fit one read. */
const MAX_INFO_ROWS = 200

/** The villages' 信息 counts of the month's two half months (one indexed read: half, kind, village). */
async function villageInfoCounts(ctx: Ctx, villageId: string | undefined, year: number, month: number): Promise<InfoVillageHalfCounts[]> {
  const halves = [halfMonth(year, month, 1).key, halfMonth(year, month, 2).key]
  const filter = { half: ctx.store.op.in(halves), submitterKind: 'village', ...(villageId ? { submitterId: villageId } : {}) }
  // (no sort in the query: the `in` on half leaves the index unable to give the order; the rows are few)
  const rows = await ctx.store.find<InfoCountsDoc>(C.info_counts, filter, { limit: MAX_INFO_ROWS })
  rows.sort((a, b) => a.half.localeCompare(b.half) || a.submitterId.localeCompare(b.submitterId))
  return rows.map((r) => ({
    villageId: r.submitterId,
    villageName: r.submitterName,
    half: r.half,
    submitted: r.submitted,
    pending: r.pending,
    returned: r.returned,
    adopted: r.adopted,
    adoptedByLevel: { town: r.adoptedTown, county: r.adoptedCounty, city: r.adoptedCity }
  }))
}

function infoTotalsOf(rows: InfoVillageHalfCounts[]): PatrolCounts['infoTotals'] {
  const sum = (pick: (r: InfoVillageHalfCounts) => number) => rows.reduce((s, r) => s + pick(r), 0)
  return {
    submitted: sum((r) => r.submitted),
    pending: sum((r) => r.pending),
    returned: sum((r) => r.returned),
    adopted: sum((r) => r.adopted),
    adoptedByLevel: { town: sum((r) => r.adoptedByLevel.town), county: sum((r) => r.adoptedByLevel.county), city: sum((r) => r.adoptedByLevel.city) }
  }
}

export async function counts(input: In<'supervision.counts'>, ctx: Ctx): Promise<PatrolCounts> {
  if (input.villageId) requireManageVillage(ctx, input.villageId)
  const { from, to } = monthRange(input.year, input.month)
  // one village's month is at most 31 documents (one per day)
  const [rows, info] = await Promise.all([
    input.villageId ? countsWithin(ctx.store, input.villageId, from, to, 31) : allVillagesWithin(ctx, from, to),
    villageInfoCounts(ctx, input.villageId, input.year, input.month)
  ])
  const days: PatrolDayCounts[] = rows.map((r) => ({ villageId: r.villageId, date: r.date, ...Object.fromEntries(FIELDS.map((f) => [f, r[f] ?? 0])) }) as PatrolDayCounts)
  const totals = Object.fromEntries(FIELDS.map((f) => [f, days.reduce((s, d) => s + d[f], 0)])) as PatrolCounts['totals']
  return { days, totals, info, infoTotals: infoTotalsOf(info) }
}
