/** Team figures for the lists and dashboards: three grouped reads for any number of teams. */
import { C } from '../_shared/collections'
import type { Store } from '../_shared/store'
import type { TeamDoc } from './docs'
import { chinaMonthSpan } from '@/domain/china-time'
import { toTeam, type TeamFigures } from './view'
import type { Team } from '@/contract'

const MAX_GROUPS = 1000

interface Group {
  _id: string
  n: number
}

/** Approved members, published activities starting this month and hours counted on them, per team. */
export async function teamFigures(store: Store, teamIds: string[], now: Date): Promise<Map<string, TeamFigures>> {
  const out = new Map<string, TeamFigures>(teamIds.map((id) => [id, { memberCount: 0, activitiesThisMonth: 0, hoursThisMonth: 0 }]))
  if (teamIds.length === 0) return out
  const _ = store.db.command
  const $ = _.aggregate
  const { from, to } = chinaMonthSpan(now)
  const month = _.gte(from).and(_.lt(to))
  const [members, activities, hours] = await Promise.all([
    store.aggregate<Group>(C.team_members, (a) => a.match({ teamId: _.in(teamIds), status: 'approved' }).group({ _id: '$teamId', n: $.sum(1) }).limit(MAX_GROUPS)),
    store.aggregate<Group>(C.volunteer_activities, (a) => a.match({ teamId: _.in(teamIds), startAt: month, status: 'published' }).group({ _id: '$teamId', n: $.sum(1) }).limit(MAX_GROUPS)),
    store.aggregate<Group>(C.activity_signups, (a) => a.match({ teamId: _.in(teamIds), activityStartAt: month }).group({ _id: '$teamId', n: $.sum('$hours') }).limit(MAX_GROUPS))
  ])
  for (const g of members) out.get(g._id)!.memberCount = g.n
  for (const g of activities) out.get(g._id)!.activitiesThisMonth = g.n
  for (const g of hours) out.get(g._id)!.hoursThisMonth = g.n
  return out
}

export async function teamsWithFigures(store: Store, teams: TeamDoc[], now: Date): Promise<Team[]> {
  const figures = await teamFigures(store, teams.map((t) => t._id), now)
  return teams.map((t) => toTeam(t, figures.get(t._id)!))
}
