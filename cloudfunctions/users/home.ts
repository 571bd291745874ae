/**
 * 首页 (users.home): the caller's own state and, for staff, the counts of what waits for them — in ONE
 * request after the caller's profile: an aggregate over `users` (the caller, limit 1) with a `$lookup`
 * + pipeline per figure, each starting with a `$match` an index of its collection serves (the pattern
 * of prefetch.ts). Every count is limited to the caller's own scope: a village admin's 待受理 is their
 * village's, a unit's 待签收 its own; the town office's is the town's.
 */
import { HOME_TODO_LABELS, REPORT_STATUS_LABELS, type HomeReport, type HomeTodo, type HomeTodoKey, type HomeView, type ReportStatus } from '@/contract'
import { earnedThisMonth } from '@/domain/points'
import type { BalanceDoc } from '../_shared/points'
import type { Ctx } from '../_shared/router'
import { fail } from '../_shared/errors'
import { placesOf, readHomeFigures, type Places, type Row } from './home-repo'

const iso = (d: unknown) => new Date(d as string | Date).toISOString()
const countOf = (rows: Row[] | undefined) => Number(rows?.[0]?.n ?? 0)

/** A problem status's count in a by-status group (0 when absent). */
function statusCounts(rows: Row[] | undefined): (status: ReportStatus) => number {
  const by = new Map((rows ?? []).map((r) => [r._id as ReportStatus, Number(r.n ?? 0)]))
  return (status) => by.get(status) ?? 0
}

/** 问题处置's counts: what the caller's villages (or the town) and units wait for. */
function reportTodo(places: Places, got: Map<string, Row[]>): Array<[HomeTodoKey, number]> {
  const out: Array<[HomeTodoKey, number]> = []
  const respond = statusCounts(got.get('respond'))
  if (places.responds) out.push(['submitted', respond('submitted')])
  if (places.dispatches) out.push(['toDispatch', respond('accepted') + respond('returned')])
  if (places.responds) out.push(['rectified', respond('rectified')])
  if (places.responds || places.dispatches) out.push(['overdue', countOf(got.get('overdue'))])
  if (places.units.length) {
    const unit = statusCounts(got.get('unit'))
    out.push(['toSign', unit('dispatched')], ['toAnswer', unit('signed')], ['toRectify', unit('answered')], ['unitOverdue', countOf(got.get('unitOverdue'))])
  }
  return out
}

function todoOf(places: Places, got: Map<string, Row[]>): HomeTodo[] {
  const counts = reportTodo(places, got)
  if (places.administers) {
    const nominations = (got.get('nominations') ?? []).reduce((s, r) => s + countOf(r.pending as Row[]), 0)
    counts.push(['deeds', countOf(got.get('deeds'))], ['hours', countOf(got.get('hours'))], ['nominations', nominations])
  }
  if (places.patrols) counts.push(['patrols', countOf(got.get('patrols'))])
  return counts.map(([key, count]) => ({ key, label: HOME_TODO_LABELS[key], count }))
}

export async function home(_input: object, ctx: Ctx): Promise<HomeView> {
  if (!ctx.user) return fail('UNAUTHENTICATED', '请先登录后再操作')
  const places = placesOf(ctx.user.grants)
  const got = await readHomeFigures(ctx, places)
  const reports: HomeReport[] = (got.get('myReports') ?? []).map((r) => {
    const status = r.status as ReportStatus
    return { id: String(r._id), no: String(r.no), categoryName: String(r.categoryName), status, statusLabel: REPORT_STATUS_LABELS[status], overdue: r.overdue === true, createdAt: iso(r.createdAt) }
  })
  const activity = got.get('nextActivity')?.[0]
  const board = got.get('board')?.[0]
  return {
    openReports: reports,
    openReportCount: countOf(got.get('myReportCount')),
    pointsThisMonth: earnedThisMonth((got.get('balance')?.[0] ?? null) as Partial<BalanceDoc> | null, ctx.now()),
    nextActivity: activity ? { id: String(activity.activityId), title: String(activity.activityTitle), startAt: iso(activity.activityStartAt) } : null,
    board: board ? { id: String(board._id), title: String(board.title), scopeName: String(board.scopeName), publishedAt: iso(board.publishedAt) } : null,
    todo: todoOf(places, got)
  }
}
