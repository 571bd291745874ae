/**
 * 待我处理: which open problems wait for a staff member — the statuses whose next step of the loop
 * (src/domain/report-flow.ts) their role takes: 受理 and 验收 for 网格员, also 派单 for 村（居）管理员
 * and 镇创建办, 签收/答复/整改 for 责任单位. 挂起 problems wait for nobody. Pure: the queue's query
 * and counts (cloudfunctions/reports) and the page's chips read the same table.
 */
import type { ReportStatus, RoleGrant } from '@/contract'

const RESPONDER: readonly ReportStatus[] = ['submitted', 'rectified']
const DISPATCHER: readonly ReportStatus[] = ['submitted', 'accepted', 'returned', 'rectified']
const UNIT: readonly ReportStatus[] = ['dispatched', 'signed', 'answered']

/** The statuses each staff role moves on. */
export const AWAITING_ROLE: Readonly<Partial<Record<RoleGrant['role'], readonly ReportStatus[]>>> = {
  grid_worker: RESPONDER,
  village_admin: DISPATCHER,
  town_admin: DISPATCHER,
  unit_staff: UNIT
}

/** One part of a person's work: the problems of a scope (`all`, `v:<village>`, `u:<unit>`) in these statuses. */
export interface WorkScope {
  scope: string
  statuses: ReportStatus[]
}

/** A person's work by scope (the same scope keys as the queue's lists), statuses in the loop's order. */
export function workScopes(viewer: { isTown: boolean; grants: readonly RoleGrant[] }): WorkScope[] {
  const by = new Map<string, Set<ReportStatus>>()
  const add = (scope: string, statuses: readonly ReportStatus[] | undefined) => {
    const set = by.get(scope) ?? by.set(scope, new Set()).get(scope)!
    for (const s of statuses ?? []) set.add(s)
  }
  if (viewer.isTown) add('all', AWAITING_ROLE.town_admin)
  for (const g of viewer.grants) {
    if ((g.role === 'village_admin' || g.role === 'grid_worker') && g.villageId && !viewer.isTown) add(`v:${g.villageId}`, AWAITING_ROLE[g.role])
    if (g.role === 'unit_staff' && g.unitId) add(`u:${g.unitId}`, AWAITING_ROLE.unit_staff)
  }
  const order = ['submitted', 'accepted', 'returned', 'dispatched', 'signed', 'answered', 'rectified'] as const
  return [...by.entries()].filter(([, set]) => set.size > 0).map(([scope, set]) => ({ scope, statuses: order.filter((s) => set.has(s)) }))
}

/** Whether a problem (its status, village and unit) waits for the person whose work this is. */
export function awaits(work: readonly WorkScope[], r: { status: ReportStatus; villageId: string | null; unitId: string | null; suspended?: boolean | null }): boolean {
  if (r.suspended) return false
  return work.some(({ scope, statuses }) => statuses.includes(r.status) && inScope(scope, r))
}

function inScope(scope: string, r: { villageId: string | null; unitId: string | null }): boolean {
  if (scope === 'all') return true
  if (scope.startsWith('v:')) return r.villageId === scope.slice(2)
  return scope.startsWith('u:') && r.unitId === scope.slice(2)
}
