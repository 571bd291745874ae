/** Team figures for the lists and dashboards: three grouped reads for any number of teams. */
import type { Store } from '../_shared/store'
import type { TeamDoc } from './docs'
import { chinaMonthSpan } from '@/domain/china-time'
import { teamGroups, teamsWithGroups } from './repo'
import { toTeam, type TeamFigures } from './view'
import type { Team } from '@/contract'

/** Approved members, published activities starting this month and hours counted on them, per team. */
export async function teamFigures(store: Store, teamIds: string[], now: Date): Promise<Map<string, TeamFigures>> {
  const out = new Map<string, TeamFigures>(teamIds.map((id) => [id, { memberCount: 0, activitiesThisMonth: 0, hoursThisMonth: 0 }]))
  if (teamIds.length === 0) return out
  const { from, to } = chinaMonthSpan(now)
  const { members, activities, hours } = await teamGroups(store, teamIds, from, to)
  for (const g of members) out.get(g._id)!.memberCount = g.n
  for (const g of activities) out.get(g._id)!.activitiesThisMonth = g.n
  for (const g of hours) out.get(g._id)!.hoursThisMonth = g.n
  return out
}

export async function teamsWithFigures(store: Store, teams: TeamDoc[], now: Date): Promise<Team[]> {
  const figures = await teamFigures(
    store,
    teams.map((t) => t._id),
    now
  )
  return teams.map((t) => toTeam(t, figures.get(t._id)!))
}

const firstN = (rows: Array<{ n: number } | null> | undefined) => rows?.find((r) => r && typeof r.n === 'number')?.n ?? 0

/** Teams (of a village, or all) with this month's figures, in one request (repo.ts teamsWithGroups). */
export async function listTeamsWithFigures(store: Store, villageId: string | undefined, limit: number, now: Date): Promise<Team[]> {
  const { from, to } = chinaMonthSpan(now)
  const rows = await teamsWithGroups(store, villageId, limit, from, to)
  return rows.map(({ memberRows, activityRows, hourRows, ...t }) => toTeam(t, { memberCount: firstN(memberRows), activitiesThisMonth: firstN(activityRows), hoursThisMonth: firstN(hourRows) }))
}
