/** Who may decide what, from data (the contract only names the roles). */
import type { Ctx } from '../_shared/router'
import { isVillageAdminOf } from '../_shared/access'
import { fail } from '../_shared/errors'
import type { DeedDoc } from './docs'

export { adminVillages, isGridWorkerOf, isVillageAdminOf } from '../_shared/access'

export function requireVillageAdmin(ctx: Ctx, villageId: string | null): void {
  if (!isVillageAdminOf(ctx, villageId)) fail('FORBIDDEN', '只能处理本村（居）的事项')
}

/** Nobody awards points to themselves or their own household, whatever their role. */
export function requireNotOwn(ctx: Ctx, deed: Pick<DeedDoc, 'declarerId' | 'subjectUserId' | 'householdId'>): void {
  if (deed.declarerId === ctx.userId) fail('FORBIDDEN', '不能审核自己申报的善行，请由其他管理员审核')
  if (deed.subjectUserId === ctx.userId) fail('FORBIDDEN', '不能审核自己的善行')
  if (deed.householdId && ctx.user?.householdId === deed.householdId) fail('FORBIDDEN', '不能审核本家庭的善行')
}
