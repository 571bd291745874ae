/**
 * Who may do what with patrols (the contract only says which roles may call; the data decides the rest):
 * - the town office: everything, in every village;
 * - a village admin: templates to read; the roster, counts and every patrol of their own village;
 * - a grid worker: the patrols they are assigned to, and the patrols of their own grid (to read);
 * - patrollers are staff of the patrol's village (its grid workers and admins) or the town office;
 * - submitting: a patroller of the patrol, or the town office filling in.
 */
import type { RoleGrant } from '@/contract'
import type { Ctx } from '../_shared/router'
import { gridsOf, isGridWorkerOf, isVillageAdminOf } from '../_shared/access'
import { fail } from '../_shared/errors'
import type { PatrolDoc, VisitDoc } from './docs'

export { gridsOf } from '../_shared/access'

export function managesVillage(ctx: Ctx, villageId: string): boolean {
  return isVillageAdminOf(ctx, villageId)
}

export function requireManageVillage(ctx: Ctx, villageId: string): void {
  if (!managesVillage(ctx, villageId)) fail('FORBIDDEN', '只能安排本村（居）的巡查')
}

export const isPatroller = (ctx: Ctx, p: Pick<PatrolDoc, 'patrollerIds'>) => p.patrollerIds.includes(ctx.userId)

export function maySee(ctx: Ctx, p: Pick<PatrolDoc, 'patrollerIds' | 'villageId' | 'gridId'>): boolean {
  if (isPatroller(ctx, p) || managesVillage(ctx, p.villageId)) return true
  return isGridWorkerOf(ctx, p.gridId)
}

/** A patrol the caller may not see is answered as not found, so ids cannot be probed. */
export function requireSee(ctx: Ctx, p: PatrolDoc): void {
  if (!maySee(ctx, p)) fail('NOT_FOUND', '没有找到这次巡查')
}

export const maySubmit = (ctx: Ctx, p: Pick<PatrolDoc, 'patrollerIds'>) => isPatroller(ctx, p) || ctx.isTown

/** Whether a person with these grants may be put on a patrol of the village. */
export function mayPatrolIn(grants: RoleGrant[], villageId: string): boolean {
  return grants.some((g) => g.role === 'town_admin' || ((g.role === 'village_admin' || g.role === 'grid_worker') && g.villageId === villageId))
}

/* ---------------------------------------------------------------- 民情日记 */

/** A visit to a household: the village's admins and the town office anywhere in it, a grid worker in their grid's households. */
export function mayVisit(ctx: Ctx, villageId: string, gridId: string | null): boolean {
  return managesVillage(ctx, villageId) || (gridId !== null && gridsOf(ctx, villageId).includes(gridId))
}

/** 民情日记 are internal: the visitors, the village's admins and the town office. */
export function maySeeVisit(ctx: Ctx, v: Pick<VisitDoc, 'visitorIds' | 'villageId'>): boolean {
  return v.visitorIds.includes(ctx.userId) || managesVillage(ctx, v.villageId)
}

/** A visit the caller may not see is answered as not found, so ids cannot be probed. */
export function requireSeeVisit(ctx: Ctx, v: VisitDoc): void {
  if (!maySeeVisit(ctx, v)) fail('NOT_FOUND', '没有找到这条走访记录')
}
