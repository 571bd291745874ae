/** Who may decide what, from data (the contract only names the roles). */
import type { Ctx } from '../_shared/router'
import { fail } from '../_shared/errors'
import type { DeedDoc } from './docs'

export function adminVillages(ctx: Ctx): string[] {
  return (ctx.user?.grants ?? []).filter((g) => g.role === 'village_admin' && g.villageId).map((g) => g.villageId as string)
}

export function isVillageAdminOf(ctx: Ctx, villageId: string | null): boolean {
  return ctx.isTown || (villageId !== null && adminVillages(ctx).includes(villageId))
}

export function requireVillageAdmin(ctx: Ctx, villageId: string | null): void {
  if (!isVillageAdminOf(ctx, villageId)) fail('FORBIDDEN', '只能处理本村（居）的事项')
}

/** Nobody awards points to themselves or their own household, whatever their role. */
export function requireNotOwn(ctx: Ctx, deed: Pick<DeedDoc, 'declarerId' | 'subjectUserId' | 'householdId'>): void {
  if (deed.declarerId === ctx.userId) fail('FORBIDDEN', '不能审核自己申报的善行，请由其他管理员审核')
  if (deed.subjectUserId === ctx.userId) fail('FORBIDDEN', '不能审核自己的善行')
  if (deed.householdId && ctx.user?.householdId === deed.householdId) fail('FORBIDDEN', '不能审核本家庭的善行')
}

export function isGridWorkerOf(ctx: Ctx, gridId: string | null): boolean {
  return gridId !== null && (ctx.user?.grants ?? []).some((g) => g.role === 'grid_worker' && g.gridId === gridId)
}
