/**
 * Who may do what in 保洁考核 (the contract says which roles may call; the data decides the rest):
 * - the town office: everything, the town centre (集镇) included;
 * - a village admin: their village's cleaners, zones, findings, sheets and exports; appeals;
 * - a grid worker: reads and inspects the zones of their village;
 * - unit staff: the 整改通知 sent to their unit.
 */
import type { RoleGrant } from '@/contract'
import type { Ctx } from '../_shared/router'
import { fail } from '../_shared/errors'
import { managesVillage } from './access'
import { placeIdOf, TOWN_CENTRE_ID, type ZoneDoc } from './cleaning-docs'

const grantsOf = (ctx: Ctx): RoleGrant[] => ctx.user?.grants ?? []

/** The villages where the caller works as an admin (and, with grid workers, as a grid worker). */
export function villagesOf(ctx: Ctx, withGridWorkers: boolean): string[] {
  const roles = withGridWorkers ? ['village_admin', 'grid_worker'] : ['village_admin']
  return [...new Set(grantsOf(ctx).flatMap((g) => (roles.includes(g.role) && g.villageId ? [g.villageId] : [])))]
}

/** A place (a village, or the town centre) the caller manages: its cleaners, zones and findings. */
export function managesPlace(ctx: Ctx, placeId: string): boolean {
  return ctx.isTown || (placeId !== TOWN_CENTRE_ID && managesVillage(ctx, placeId))
}

/** A place whose zones the caller reads and inspects. */
export function worksInPlace(ctx: Ctx, placeId: string): boolean {
  return managesPlace(ctx, placeId) || (placeId !== TOWN_CENTRE_ID && villagesOf(ctx, true).includes(placeId))
}

export const mayInspect = (ctx: Ctx, z: Pick<ZoneDoc, 'placeId'>) => worksInPlace(ctx, z.placeId)

/** Only the village admins of the finding's village appeal (the town centre's findings are the town office's own). */
export function mayAppeal(ctx: Ctx, villageId: string | null): boolean {
  return villageId !== null && grantsOf(ctx).some((g) => g.role === 'village_admin' && g.villageId === villageId)
}

/**
 * The place a list reads: the one asked for (null = the town centre) if the caller may, else FORBIDDEN;
 * none asked: everything for the town office (null answer), the caller's own village for the others.
 */
export function listPlace(ctx: Ctx, villageId: string | null | undefined, withGridWorkers: boolean): string | null {
  const may = withGridWorkers ? worksInPlace : managesPlace
  if (villageId === undefined) {
    if (ctx.isTown) return null
    const own = villagesOf(ctx, withGridWorkers)[0]
    return own ?? fail('FORBIDDEN', '您没有负责的村（居）')
  }
  const placeId = placeIdOf(villageId)
  if (!may(ctx, placeId)) fail('FORBIDDEN', villageId === null ? '集镇的保洁考核由镇创建办负责' : '只能查看本村（居）的保洁考核')
  return placeId
}
