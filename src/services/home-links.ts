import { REPORT_STATUSES, type HomeTodo, type HomeTodoKey, type ReportStatus } from '@/contract'
import { ROUTES } from './routes'
import { DEED_ROUTES } from './deed-routes'
import { HONOUR_ROUTES } from './honour-routes'
import { SUPERVISION_ROUTES } from './supervision-routes'
import { VOLUNTEER_ROUTES } from './volunteer-routes'

const queue = (query: string) => `${ROUTES.queue}?${query}`

/** Where each count of 首页's 待办 opens: the list page, filtered to what the count counts (query params the page reads). */
export const TODO_ROUTES: Record<HomeTodoKey, string> = {
  submitted: queue('status=submitted'),
  toDispatch: queue('status=accepted'),
  rectified: queue('status=rectified'),
  overdue: queue('overdue=1'),
  toSign: queue('status=dispatched'),
  toAnswer: queue('status=signed'),
  toRectify: queue('status=answered'),
  unitOverdue: queue('overdue=1'),
  deeds: DEED_ROUTES.review,
  hours: VOLUNTEER_ROUTES.hoursReview,
  nominations: HONOUR_ROUTES.selections,
  patrols: SUPERVISION_ROUTES.mine
}

/** The 我的 management entries that carry a badge, and the counts it adds up. */
const ENTRY_BADGES: Record<string, HomeTodoKey[]> = {
  'report-queue': ['submitted', 'toDispatch', 'rectified', 'toSign', 'toAnswer', 'toRectify'],
  'report-ledger': ['overdue'],
  'deed-review': ['deeds'],
  'volunteer-hours': ['hours'],
  'selection-manage': ['nominations'],
  'report-patrol-roster': ['patrols']
}

/** The badge of a 我的 entry: the sum of its counts (0: no badge). */
export function badgeOf(entryKey: string, todo: readonly HomeTodo[] | undefined): number {
  const keys = ENTRY_BADGES[entryKey]
  if (!keys || !todo) return 0
  return todo.filter((t) => keys.includes(t.key)).reduce((s, t) => s + t.count, 0)
}

/** A count as a badge shows it. */
export const badgeText = (n: number) => (n > 99 ? '99+' : String(n))

/**
 * The filters a list link of 首页 opens 问题处置 with (`?status=submitted`, `?overdue=1`); anything
 * else in the query is ignored, and no known filter opens the page as it opens by itself.
 */
export function queueFiltersOf(params: Record<string, string | undefined> | undefined): { status?: ReportStatus; overdue?: true } {
  const status = params?.status
  return {
    ...(status && (REPORT_STATUSES as readonly string[]).includes(status) ? { status: status as ReportStatus } : {}),
    ...(params?.overdue === '1' ? { overdue: true as const } : {})
  }
}
