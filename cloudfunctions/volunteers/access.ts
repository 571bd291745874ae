/**
 * Who organises what (decided from data; the contract only says which roles may call):
 * - the town office: every team and activity;
 * - a village admin: the teams and activities of their village(s);
 * - a team leader (a volunteer named leader of a team): that team and its activities only.
 * Approving hours additionally needs a second person: never the one who asked, never the volunteer.
 */
import type { Ctx } from '../_shared/router'
import { grantsAdminVillage, grantsOf } from '../_shared/access'
import type { UserDoc } from '../_shared/docs'
import type { Store } from '../_shared/store'
import { C } from '../_shared/collections'
import { fail } from '../_shared/errors'
import type { ActivityDoc, TeamDoc } from './docs'
import { prefetchedDoc } from '../_shared/prefetch'
import { loadTeam } from './repo'

const MAX_LED_TEAMS = 100

export { adminVillages } from '../_shared/access'

/** Read from the grants (as organisesActivity reads anyone's): the town office, or the village's admin. */
export function isVillageAdminOf(ctx: Ctx, villageId: string): boolean {
  return grantsAdminVillage(grantsOf(ctx), villageId)
}

/** Teams the caller leads (one request, only for volunteers). */
export async function ledTeams(ctx: Ctx): Promise<string[]> {
  if (!ctx.roles.includes('volunteer')) return []
  const rows = await ctx.store.find<TeamDoc>(C.volunteer_teams, { leaderId: ctx.userId }, { limit: MAX_LED_TEAMS })
  return rows.map((t) => t._id)
}

export function mayManageTeam(ctx: Ctx, team: Pick<TeamDoc, '_id' | 'villageId' | 'leaderId'>): boolean {
  return isVillageAdminOf(ctx, team.villageId) || (team.leaderId !== null && team.leaderId === ctx.userId)
}

export function requireManageTeam(ctx: Ctx, team: TeamDoc): void {
  if (!mayManageTeam(ctx, team)) fail('FORBIDDEN', '只有本队队长、本村（居）管理员和镇创建办可以管理这支队伍')
}

/**
 * Whether the caller organises this activity: reads the team only for a possible leader (unless it
 * came with the caller's profile: prefetchActivityTeam).
 */
export async function mayManageActivity(ctx: Ctx, a: Pick<ActivityDoc, 'villageId' | 'teamId'>): Promise<boolean> {
  if (isVillageAdminOf(ctx, a.villageId)) return true
  if (!a.teamId || !ctx.roles.includes('volunteer')) return false
  const seen = prefetchedDoc<TeamDoc>(ctx, 'activityTeam')
  const team = seen && seen._id === a.teamId ? seen : await loadTeam(ctx.store, a.teamId)
  return team !== null && team.leaderId === ctx.userId
}

/**
 * Whether `userId` — not necessarily the caller (the job has none) — organises the activity: its
 * organiser, or whoever may manage it (mayManageActivity's rule, read from their grants and the team).
 */
export async function organisesActivity(store: Store, a: Pick<ActivityDoc, 'organiserId' | 'villageId' | 'teamId'>, userId: string): Promise<boolean> {
  if (a.organiserId === userId) return true
  const user = await store.findOne<UserDoc>(C.users, { _id: userId })
  if (user && grantsAdminVillage(user.grants, a.villageId)) return true
  if (!a.teamId) return false
  return (await loadTeam(store, a.teamId))?.leaderId === userId
}

export async function requireManageActivity(ctx: Ctx, a: Pick<ActivityDoc, 'villageId' | 'teamId'>): Promise<void> {
  if (!(await mayManageActivity(ctx, a))) fail('FORBIDDEN', '只有本村（居）管理员、本队队长和镇创建办可以管理这个活动')
}
