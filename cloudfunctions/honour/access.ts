/**
 * Who manages and who sees (decided from data; the contract only says which roles may call):
 * - a town-level board or selection (villageId null): the town office manages it; everyone sees it;
 * - a village's: that village's admins and the town office manage it; its residents (and managers) see it.
 */
import type { Ctx } from '../_shared/router'
import { isVillageAdminOf } from '../_shared/access'
import { fail } from '../_shared/errors'
import { notManagerMessage } from '@/domain/selection-flow'
import { TOWN_SCOPE } from './docs'

/** The town office, or an admin of the village (a town-level board or selection: the town office only). */
export const mayManage = isVillageAdminOf

export function requireManage(ctx: Ctx, villageId: string | null): void {
  if (!mayManage(ctx, villageId)) fail('FORBIDDEN', notManagerMessage(villageId))
}

export function maySee(ctx: Ctx, villageId: string | null): boolean {
  return villageId === null || ctx.user?.villageId === villageId || mayManage(ctx, villageId)
}

/** The scopes a resident's lists cover: their village (if any) and the town. */
export function scopesOf(ctx: Ctx): string[] {
  const v = ctx.user?.villageId
  return v ? [v, TOWN_SCOPE] : [TOWN_SCOPE]
}
