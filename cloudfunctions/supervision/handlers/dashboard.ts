/**
 * 数据看板: a thin reader around src/domain/dashboard.ts. Three requests whatever the history:
 * 1. the caller's profile with everything keyed by period (prefetch): villages, units, the village's
 *    grids, the categories, the month documents of problem_counts, the patrols' daily counts and the
 *    信息 and 走访 counts;
 * 2. 在办/超期 now: one aggregate of the open problems of the scope (facets, status index), grouped
 *    by village × unit × grid × category × overdue;
 * 3. the first overdue problems — the ledger's own 超期 query, so the list and its total agree.
 * Who sees what: the town office any scope; a village admin their village; unit staff their unit.
 * Another village or unit is answered as not found, so ids cannot be probed.
 */
import { REPORT_STATUS_LABELS, DASHBOARD_OVERDUE_ROWS, type DashboardOverdueItem, type DashboardView, type ParsedInputOf } from '@/contract'
import { chinaDay, fromChinaDay } from '@/domain/china-time'
import { buildDashboard, daysNeeded, dashboardDefinitions, type CountCell, type DashboardScope, type GaugeCell, type InfoHalf, type PatrolDay, type VisitMonth } from '@/domain/dashboard'
import { monthOf, rangeOf, weekOf, type Period } from '@/domain/indicators'
import { isVillageAdminOf } from '../../_shared/access'
import { C, TOWN_ID } from '../../_shared/collections'
import type { GridDoc, UnitDoc, VillageDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { withPrefetch, type PlanOf, type PrefetchPlan } from '../../_shared/prefetch'
import type { Ctx } from '../../_shared/router'
import type { Store } from '../../_shared/store'
import { listQuery } from '../../reports/access'
import { monthsBetween, rowsOf, type ProblemCountsDoc } from '../../reports/counts'
import type { CategorySettingsDoc, ReportDoc } from '../../reports/docs'
import { OPEN_STATUSES } from '../../reports/model'
import { findReports, SETTINGS_ID } from '../../reports/repo'
import { DEFAULT_REPORT_CATEGORIES } from '@/contract'
import type { CountsDoc, VisitCountsDoc } from '../docs'
import type { InfoCountsDoc } from '../info'

type In = ParsedInputOf<'supervision.dashboard'>

/** More rows than a town has villages × days of a year's trend, units, grids or months × villages. */
const MANY = 1000
/** More groups of open problems (village × unit × grid × category × overdue) than a town has. */
const MAX_GAUGE_GROUPS = 5000

export function periodOf(input: Pick<In, 'period' | 'from' | 'to'>, now: Date): Period {
  const anchor = input.from ? (fromChinaDay(input.from) ?? now) : now
  if (input.period === 'range') return rangeOf(input.from ?? chinaDay(now), input.to ?? chinaDay(now))
  // noon of the anchor day: the China day whatever the clock
  const noon = new Date(anchor.getTime() + (input.from ? 12 * 3600 * 1000 : 0))
  return input.period === 'week' ? weekOf(noon) : monthOf(noon)
}

const scopeOf = (input: In): DashboardScope => (input.villageId ? { kind: 'village', villageId: input.villageId } : input.unitId ? { kind: 'unit', unitId: input.unitId } : { kind: 'town' })

function requireScope(ctx: Ctx, scope: DashboardScope): void {
  if (ctx.isTown) return
  if (scope.kind === 'town') fail('FORBIDDEN', '全镇数据看板只对镇创建办开放，请选择本村（居）或本单位')
  if (scope.kind === 'village' && !isVillageAdminOf(ctx, scope.villageId)) fail('NOT_FOUND', '没有找到这个村（居）的数据看板')
  if (scope.kind === 'unit' && !(ctx.user?.grants ?? []).some((g) => g.role === 'unit_staff' && g.unitId === scope.unitId)) fail('NOT_FOUND', '没有找到这个单位的数据看板')
}

/** Half months (YYYY-MM-1/2) of the months given. */
const halvesOf = (months: string[]) => months.flatMap((m) => [`${m}-1`, `${m}-2`])

interface Wanted {
  period: Period
  months: string[]
  periodMonths: string[]
  first: string
  last: string
}

function wanted(input: In, now: Date): Wanted {
  const period = periodOf(input, now)
  const { first, last } = daysNeeded(now, period)
  return { period, months: monthsBetween(first, last), periodMonths: monthsBetween(period.first, period.last), first, last }
}

function planFor(input: In, op: Store['op'], now: Date): PrefetchPlan {
  const w = wanted(input, now)
  const village = input.villageId ? { villageId: input.villageId } : {}
  return {
    villages: { coll: C.villages, match: { townId: TOWN_ID }, limit: MANY },
    units: { coll: C.units, match: { townId: TOWN_ID }, limit: MANY },
    grids: { coll: C.grids, match: { villageId: input.villageId ?? '' }, limit: MANY },
    categories: { coll: C.report_settings, match: { _id: SETTINGS_ID } },
    counts: { coll: C.problem_counts, match: { month: op.in(w.months), ...village }, limit: MANY },
    patrols: { coll: C.supervision_counts, match: { date: op.range({ gte: w.period.first, lte: w.period.last }), ...village }, limit: MANY },
    info: { coll: C.info_counts, match: { half: op.in(halvesOf(w.periodMonths)), submitterKind: 'village', ...(input.villageId ? { submitterId: input.villageId } : {}) }, limit: MANY },
    visits: { coll: C.visit_counts, match: { month: op.in(w.periodMonths), ...village }, limit: MANY }
  }
}

const plan: PlanOf<'supervision.dashboard'> = (input, { now, op }) => planFor(input, op, now)

/** Prefetched rows under `key`, or read now (no profile, or a page that came back full). */
async function rowsFor<T>(ctx: Ctx, key: string, p: PrefetchPlan): Promise<T[]> {
  const got = ctx.prefetched?.get(key) as T[] | undefined
  const spec = p[key]
  const limit = spec.limit ?? 1
  if (got && got.length < limit) return got
  const out: T[] = []
  for (;;) {
    const page = await ctx.store.find<T>(spec.coll, spec.match, { limit, skip: out.length })
    out.push(...page)
    if (page.length < limit) return out
  }
}

/** 在办 and 超期 now of the scope, by village × unit × grid × category (one aggregate through (facets, status)). */
async function gaugeCells(store: Store, scope: DashboardScope): Promise<GaugeCell[]> {
  const facet = scope.kind === 'village' ? `v:${scope.villageId}` : scope.kind === 'unit' ? `u:${scope.unitId}` : 'all'
  type Row = { _id: { v: string; u: string | null; g: string | null; c: string; od: boolean | null }; n: number }
  const rows = await store.aggregate<Row>(C.reports, (a) =>
    a
      .match({ facets: facet, status: store.op.in(OPEN_STATUSES) })
      .group({ _id: { v: '$villageId', u: '$unitId', g: '$gridId', c: '$category', od: '$overdue' }, n: store.op.sum(1) })
      .limit(MAX_GAUGE_GROUPS)
  )
  return rows.map((r) => ({ villageId: r._id.v, unitId: r._id.u ?? null, gridId: r._id.g ?? null, category: r._id.c, overdue: r._id.od === true, n: r.n }))
}

/** The first overdue problems of the scope: the query the ledger runs with the same 超期 filter. */
async function overdueItems(store: Store, scope: DashboardScope): Promise<DashboardOverdueItem[]> {
  const filter = { overdue: true, ...(scope.kind === 'village' ? { villageId: scope.villageId } : {}), ...(scope.kind === 'unit' ? { unitId: scope.unitId } : {}) }
  const rows = await findReports(store, listQuery(['all'], filter), 0, DASHBOARD_OVERDUE_ROWS)
  return rows.map((r: ReportDoc) => ({
    id: r._id,
    reportNo: r.no,
    categoryName: r.categoryName,
    villageName: r.villageName,
    unitName: r.unitName,
    address: r.address,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    rectifyDeadline: r.rectifyDeadline,
    reminders: r.reminders,
    createdAt: new Date(r.createdAt).toISOString()
  }))
}

const byOrder = <T extends { order: number }>(rows: T[]) => [...rows].sort((a, b) => a.order - b.order)

export const dashboard = withPrefetch(plan, async (input: In, ctx: Ctx): Promise<DashboardView> => {
  const scope = scopeOf(input)
  requireScope(ctx, scope)
  const now = ctx.now()
  const p = planFor(input, ctx.store.op, now)
  const { period } = wanted(input, now)
  const [villages, units, grids, settings, counts, patrols, info, visits, gauges, overdue] = await Promise.all([
    rowsFor<VillageDoc>(ctx, 'villages', p),
    rowsFor<UnitDoc>(ctx, 'units', p),
    input.villageId ? rowsFor<GridDoc>(ctx, 'grids', p) : Promise.resolve([]),
    rowsFor<CategorySettingsDoc>(ctx, 'categories', p),
    rowsFor<ProblemCountsDoc>(ctx, 'counts', p),
    rowsFor<CountsDoc>(ctx, 'patrols', p),
    rowsFor<InfoCountsDoc>(ctx, 'info', p),
    rowsFor<VisitCountsDoc>(ctx, 'visits', p),
    gaugeCells(ctx.store, scope),
    overdueItems(ctx.store, scope)
  ])
  if (scope.kind === 'village' && !villages.some((v) => v._id === scope.villageId)) fail('NOT_FOUND', '没有找到这个村（居）的数据看板')
  if (scope.kind === 'unit' && !units.some((u) => u._id === scope.unitId)) fail('NOT_FOUND', '没有找到这个单位的数据看板')
  const categories = settings[0]?.items ?? DEFAULT_REPORT_CATEGORIES
  const cells: CountCell[] = counts.flatMap((d) => rowsOf(d))
  const figures = buildDashboard({
    now,
    period,
    scope,
    cells,
    gauges,
    villages: byOrder(villages).map((v) => ({ id: v._id, name: v.name })),
    grids: byOrder(grids).map((g) => ({ id: g._id, name: g.name })),
    units: byOrder(units).map((u) => ({ id: u._id, name: u.name })),
    categories: categories.map((c) => ({ code: c.code, name: c.name })),
    patrols: patrols.map((d): PatrolDay => ({ villageId: d.villageId, date: d.date, scheduled: d.scheduled, done: d.done, findings: d.findings, deductions: d.deductions })),
    info: info.map((d): InfoHalf => ({ villageId: d.submitterId, half: d.half, submitted: d.submitted, adopted: d.adopted })),
    visits: visits.map((d): VisitMonth => ({ villageId: d.villageId, month: d.month, visits: d.visits, visited: d.visited }))
  })
  return { ...figures, overdueList: { total: figures.cards.find((c) => c.key === 'overdue')?.value ?? 0, items: overdue }, definitions: dashboardDefinitions() }
})
