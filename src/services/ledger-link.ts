/**
 * The ledger (问题台账) opened with filters in its address: the dashboard's numbers tap through to
 * the list behind them (`?villageId=…&overdue=1`), and the ledger reads the same parameters back.
 */
import type { ReportStatus } from '@/contract'
import { REPORT_STATUSES } from '@/contract'
import type { ReportFilterValue } from '@/components/report-filters'
import { ROUTES } from './routes'

const TEXT_KEYS = ['villageId', 'gridId', 'unitId', 'category', 'from', 'to'] as const
const ID = /^[A-Za-z0-9_-]{1,64}$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The ledger's address with these filters. */
export function ledgerUrl(filter: ReportFilterValue): string {
  const parts: string[] = []
  for (const key of TEXT_KEYS) {
    const value = filter[key]
    if (value) parts.push(`${key}=${encodeURIComponent(value)}`)
  }
  if (filter.status) parts.push(`status=${filter.status}`)
  if (filter.source) parts.push(`source=${filter.source}`)
  if (filter.overdue) parts.push('overdue=1')
  return parts.length ? `${ROUTES.ledger}?${parts.join('&')}` : ROUTES.ledger
}

/** The filters in the ledger's address (anything malformed is left out). */
export function ledgerFiltersOf(params: Record<string, string | undefined>): ReportFilterValue {
  const out: ReportFilterValue = {}
  for (const key of TEXT_KEYS) {
    const raw = params[key]
    const value = raw ? decodeURIComponent(raw) : ''
    if (value && (key === 'from' || key === 'to' ? DAY.test(value) : ID.test(value))) out[key] = value
  }
  if (params.status && (REPORT_STATUSES as readonly string[]).includes(params.status)) out.status = params.status as ReportStatus
  if (params.source === 'resident' || params.source === 'inspection') out.source = params.source
  if (params.overdue === '1') out.overdue = true
  return out
}
