/**
 * Where a number of the dashboard taps through to: the ledger (问题台账) with the same filters, so
 * the list shows exactly the problems the number counts (超期 → overdue=1; 新增 → created in the
 * days; 在办 has no single status in the ledger and 已销号 counts by the day of 销号, which the ledger
 * does not filter by: those two open it filtered by place, 已销号 by status too).
 */
import type { ReportFilterValue } from '@/components/report-filters'
import type { DashboardCard, DashboardScope } from '@/domain/dashboard'
import { ledgerUrl } from '@/services/ledger-link'
import { ROUTES } from '@/services/routes'

/** The ledger's filter for a place of the scope (the scope itself, or a row of a table). */
export function placeFilter(scope: DashboardScope, row?: { kind: 'village' | 'grid' | 'unit'; id: string }): ReportFilterValue {
  const base: ReportFilterValue = scope.kind === 'village' ? { villageId: scope.villageId } : scope.kind === 'unit' ? { unitId: scope.unitId } : {}
  if (!row) return base
  if (row.kind === 'grid') return { ...base, gridId: row.id }
  if (row.kind === 'village') return { ...base, villageId: row.id }
  return { ...base, unitId: row.id }
}

export type Measure = 'created' | 'overdue' | 'open' | 'closed'

/** The ledger of one measure of a place over days (from–to) or now. */
export function measureUrl(filter: ReportFilterValue, measure: Measure, days: { from: string | null; to: string | null } | null): string {
  if (measure === 'overdue') return ledgerUrl({ ...filter, overdue: true })
  if (measure === 'created' && days?.from && days.to) return ledgerUrl({ ...filter, from: days.from, to: days.to })
  // the ledger's dates are submission dates: 已销号 by the day of 销号 has no ledger filter, so it opens every closed one of the place
  if (measure === 'closed') return ledgerUrl({ ...filter, status: 'closed' })
  return ledgerUrl(filter)
}

/**
 * Unit staff have no ledger: their numbers open their own queue (问题处置, only their unit's problems)
 * with what it filters by — 超期 (?overdue=1) and 已销号 (?status=closed).
 */
export function queueUrl(measure: Measure): string {
  if (measure === 'overdue') return `${ROUTES.queue}?overdue=1`
  if (measure === 'closed') return `${ROUTES.queue}?status=closed`
  return ROUTES.queue
}

export const CARD_MEASURE: Record<DashboardCard['key'], Measure> = { createdToday: 'created', createdWeek: 'created', closedToday: 'closed', closedWeek: 'closed', overdue: 'overdue', open: 'open' }

export function cardUrl(scope: DashboardScope, card: DashboardCard): string {
  return measureUrl(placeFilter(scope), CARD_MEASURE[card.key], { from: card.from, to: card.to })
}
