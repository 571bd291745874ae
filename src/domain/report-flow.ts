/**
 * The closed loop of a report (问题闭环): the only place that decides which step is legal in
 * which state and for whom. Pure and platform-free — the cloud function decides with it, the
 * front end shows buttons with it.
 */
import { FLOW_ACTIONS, REPORT_STATUS_LABELS, type FlowAction, type ReportStatus, type Role, type RoleGrant } from '@/contract'

export interface FlowReport {
  status: ReportStatus
  villageId: string
  gridId: string | null
  /** The unit it is dispatched to (null before dispatch). */
  unitId: string | null
  /** Who filed it: the resident, or the staff member on patrol for an inspection. */
  reporterId: string | null
  closedAt: Date | string | null
  reopenCount: number
  /** Non-null once rated. */
  rating: unknown | null
  /** 挂起 by the town office: every step waits until it is resumed (absent = false). */
  suspended?: boolean
}

export interface FlowActor {
  userId: string
  grants: RoleGrant[]
}

export type Decision = { ok: true; to: ReportStatus; as: Role } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string }

export const REOPEN_WINDOW_DAYS = 30
export const MAX_REOPENS = 2

const DAY_MS = 24 * 60 * 60 * 1000

/** Who may take a step: responders = 网格员/村（居）管理员/镇创建办; dispatchers = 村（居）管理员/镇创建办; town = 镇创建办. */
type Who = 'responder' | 'dispatcher' | 'town' | 'unit' | 'reporter' | 'nobody'

interface Step {
  from: readonly ReportStatus[]
  /** null = stays in the same status. */
  to: ReportStatus | null
  who: Who
  verb: string
}

/** The open states after 受理: the ones the town office may suspend (挂起) a problem in. */
const SUSPENDABLE: readonly ReportStatus[] = ['accepted', 'dispatched', 'signed', 'answered', 'returned', 'rectified']

const STEPS: Record<FlowAction, Step> = {
  submit: { from: [], to: null, who: 'nobody', verb: '提交' },
  accept: { from: ['submitted'], to: 'accepted', who: 'responder', verb: '受理' },
  reject: { from: ['submitted'], to: 'rejected', who: 'responder', verb: '作不予受理处理' },
  markDuplicate: { from: ['submitted', 'accepted'], to: 'duplicate', who: 'responder', verb: '标记为重复问题' },
  changeCategory: { from: ['submitted', 'accepted', 'returned'], to: null, who: 'responder', verb: '更改类别' },
  dispatch: { from: ['accepted', 'returned'], to: 'dispatched', who: 'dispatcher', verb: '派单' },
  sign: { from: ['dispatched'], to: 'signed', who: 'unit', verb: '签收' },
  answer: { from: ['signed'], to: 'answered', who: 'unit', verb: '答复' },
  return: { from: ['dispatched', 'signed'], to: 'returned', who: 'unit', verb: '退单' },
  rectify: { from: ['answered'], to: 'rectified', who: 'unit', verb: '提交整改结果' },
  verifyPass: { from: ['rectified'], to: 'closed', who: 'responder', verb: '验收' },
  verifyFail: { from: ['rectified'], to: 'answered', who: 'responder', verb: '验收' },
  // 挂起/恢复: an accepted problem still open is set aside and taken up again where it was
  suspend: { from: SUSPENDABLE, to: null, who: 'town', verb: '挂起' },
  resume: { from: SUSPENDABLE, to: null, who: 'town', verb: '恢复办理' },
  reopen: { from: ['closed'], to: 'accepted', who: 'reporter', verb: '申请重新处理' },
  rate: { from: ['closed'], to: null, who: 'reporter', verb: '评价' },
  remind: { from: [], to: null, who: 'nobody', verb: '发出工作提示函' },
  recur: { from: [], to: null, who: 'nobody', verb: '记录再次发现' }
}

/** Checked in this order: the first role the actor holds for the report is the one they act in. */
const ROLES_FOR: Record<'responder' | 'dispatcher', readonly RoleGrant['role'][]> = {
  responder: ['grid_worker', 'village_admin', 'town_admin'],
  dispatcher: ['village_admin', 'town_admin']
}

const NOT_ALLOWED: Record<Who, (verb: string) => string> = {
  responder: (verb) => `只有本网格网格员、本村（居）管理员或镇创建办可以${verb}`,
  dispatcher: (verb) => `只有本村（居）管理员或镇创建办可以${verb}`,
  town: (verb) => `只有镇创建办可以${verb}`,
  unit: (verb) => `只有承办该问题的责任单位可以${verb}`,
  reporter: (verb) => `只有提交该问题的人可以${verb}`,
  nobody: () => '该操作不能手动进行'
}

const NOBODY_MESSAGE: Partial<Record<FlowAction, string>> = {
  submit: '新问题请通过随手拍提交',
  remind: '工作提示函由系统按时限自动发出',
  recur: '督导巡查再次发现由巡查提交时自动记录'
}

const OPEN: ReadonlySet<ReportStatus> = new Set<ReportStatus>(['submitted', 'accepted', 'dispatched', 'signed', 'answered', 'returned', 'rectified'])

/** Still waiting for someone to act (the overdue job and the dashboards count these). */
export function isOpen(status: ReportStatus): boolean {
  return OPEN.has(status)
}

/** Whether a grant gives authority over this very report. */
function covers(grant: RoleGrant, report: FlowReport): boolean {
  switch (grant.role) {
    case 'grid_worker':
      return report.gridId !== null && grant.gridId === report.gridId
    case 'village_admin':
      return grant.villageId === report.villageId
    case 'unit_staff':
      return report.unitId !== null && grant.unitId === report.unitId
    case 'town_admin':
      return true
  }
}

function isReporter(report: FlowReport, actor: FlowActor): boolean {
  return report.reporterId !== null && report.reporterId === actor.userId
}

/** Has any business with the report (may learn its state): reporter, or a role over its village, grid or unit. */
function involved(report: FlowReport, actor: FlowActor): boolean {
  return isReporter(report, actor) || actor.grants.some((g) => covers(g, report) || (g.villageId !== undefined && g.villageId === report.villageId))
}

function holds(report: FlowReport, actor: FlowActor, role: RoleGrant['role']): boolean {
  return actor.grants.some((g) => g.role === role && covers(g, report))
}

/** The role the actor takes this step in, or null when they may not take it. */
function actingRole(report: FlowReport, actor: FlowActor, who: Who): Role | null {
  switch (who) {
    case 'reporter':
      return isReporter(report, actor) ? 'resident' : null
    case 'town':
      return holds(report, actor, 'town_admin') ? 'town_admin' : null
    case 'unit':
      return holds(report, actor, 'unit_staff') ? 'unit_staff' : null
    case 'responder':
    case 'dispatcher':
      return ROLES_FOR[who].find((role) => holds(report, actor, role)) ?? null
    case 'nobody':
      return null
  }
}

function closedAtMs(report: FlowReport): number {
  if (report.closedAt === null) return NaN
  return new Date(report.closedAt).getTime()
}

/** Limits on the reporter's own steps, checked once state and role are right. */
function reporterLimit(report: FlowReport, action: FlowAction, now: Date): string | null {
  if (action === 'rate') return report.rating === null ? null : '您已评价过该问题，每个问题只能评价一次'
  if (action !== 'reopen') return null
  if (report.reopenCount >= MAX_REOPENS) return `该问题已重新处理 ${MAX_REOPENS} 次，不能再申请`
  const closed = closedAtMs(report)
  if (Number.isNaN(closed) || now.getTime() - closed > REOPEN_WINDOW_DAYS * DAY_MS) return `销号已超过 ${REOPEN_WINDOW_DAYS} 天，不能再申请重新处理`
  return null
}

/** A suspended problem waits: only 恢复办理 moves it; 挂起 and 恢复 each need the other state. */
function suspensionLimit(report: FlowReport, action: FlowAction, verb: string): string | null {
  const suspended = report.suspended === true
  if (action === 'suspend') return suspended ? '该问题已挂起，不能重复挂起' : null
  if (action === 'resume') return suspended ? null : '该问题没有挂起，不需要恢复办理'
  return suspended ? `该问题已挂起（暂缓办理），恢复办理后才能${verb}` : null
}

function forbidden(message: string): Decision {
  return { ok: false, code: 'FORBIDDEN', message }
}

function conflict(message: string): Decision {
  return { ok: false, code: 'CONFLICT', message }
}

/**
 * Whether `actor` may take `action` on `report` now. Wrong state → CONFLICT (the state named),
 * except for someone with no business with the report, who only ever gets FORBIDDEN, so a
 * stranger learns nothing about it. `submit` (creation) and `remind` (the overdue job) are never
 * a person's step here.
 */
export function decide(report: FlowReport, action: FlowAction, actor: FlowActor, now: Date): Decision {
  const step = STEPS[action]
  if (step.who === 'nobody') return forbidden(NOBODY_MESSAGE[action] ?? NOT_ALLOWED.nobody(step.verb))
  const as = actingRole(report, actor, step.who)
  if (!step.from.includes(report.status)) {
    if (!involved(report, actor)) return forbidden(NOT_ALLOWED[step.who](step.verb))
    return conflict(`该问题当前为「${REPORT_STATUS_LABELS[report.status]}」，不能${step.verb}`)
  }
  if (as === null) return forbidden(NOT_ALLOWED[step.who](step.verb))
  const limit = suspensionLimit(report, action, step.verb) ?? reporterLimit(report, action, now)
  if (limit !== null) return conflict(limit)
  return { ok: true, to: step.to ?? report.status, as }
}

/** The steps `actor` may take now, in FLOW_ACTIONS order. */
export function allowedActions(report: FlowReport, actor: FlowActor, now: Date): FlowAction[] {
  return FLOW_ACTIONS.filter((action) => decide(report, action, actor, now).ok)
}
