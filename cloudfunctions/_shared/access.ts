/**
 * Who holds a place, from the caller's grants (the contract only says which roles may call; the data
 * decides the rest). Every function asks these the same way; its own access.ts adds what only it
 * knows (a team's leader, a patrol's patrollers) and the Chinese message of a refusal.
 */
import type { RoleGrant } from '@/contract'
import type { Ctx } from './router'

type Caller = Pick<Ctx, 'user' | 'isTown'>
type Grants = ReadonlyArray<Pick<RoleGrant, 'role' | 'villageId' | 'gridId' | 'unitId'>>

export const grantsOf = (ctx: Pick<Ctx, 'user'>): RoleGrant[] => ctx.user?.grants ?? []

/** The villages the caller administers as a village admin (the town office's "all" is not listed). */
export function adminVillages(ctx: Pick<Ctx, 'user'>): string[] {
  return grantsOf(ctx)
    .filter((g) => g.role === 'village_admin' && g.villageId)
    .map((g) => g.villageId as string)
}

/** Whether these grants (anyone's, not only the caller's) administer the village: the town office, or its admin. */
export function grantsAdminVillage(grants: Grants, villageId: string | null): boolean {
  return grants.some((g) => g.role === 'town_admin' || (villageId !== null && g.role === 'village_admin' && g.villageId === villageId))
}

/** The town office, or an admin of this village; a town-level thing (null) is the town office's alone. */
export function isVillageAdminOf(ctx: Caller, villageId: string | null): boolean {
  return ctx.isTown || (villageId !== null && grantsOf(ctx).some((g) => g.role === 'village_admin' && g.villageId === villageId))
}

/** A village or a unit: what a 通报 ranks and what sends 信息. */
export type PlaceKind = 'village' | 'unit'

/** Whether the caller answers for the place: the village's admin or the unit's staff (the town office holds none). */
export function holdsPlace(ctx: Pick<Ctx, 'user'>, kind: PlaceKind, id: string): boolean {
  return grantsOf(ctx).some((g) => (kind === 'village' ? g.role === 'village_admin' && g.villageId === id : g.role === 'unit_staff' && g.unitId === id))
}

/** The places the caller answers for: each village it administers, each unit it is staff of (repeats possible). */
export function placesHeld(ctx: Pick<Ctx, 'user'>): Array<{ kind: PlaceKind; id: string }> {
  return grantsOf(ctx).flatMap((g): Array<{ kind: PlaceKind; id: string }> => {
    if (g.role === 'village_admin' && g.villageId) return [{ kind: 'village', id: g.villageId }]
    if (g.role === 'unit_staff' && g.unitId) return [{ kind: 'unit', id: g.unitId }]
    return []
  })
}

/** A grid worker of this grid. */
export function isGridWorkerOf(ctx: Pick<Ctx, 'user'>, gridId: string | null): boolean {
  return gridId !== null && grantsOf(ctx).some((g) => g.role === 'grid_worker' && g.gridId === gridId)
}

/** The grids of a village the caller works in as a grid worker. */
export const gridsOf = (ctx: Pick<Ctx, 'user'>, villageId: string): string[] => grantsOf(ctx).flatMap((g) => (g.role === 'grid_worker' && g.villageId === villageId && g.gridId ? [g.gridId] : []))
