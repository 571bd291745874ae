/** Team figures for the lists and dashboards: one request (a $lookup per figure) for any number of teams. */
import type { Store } from '../_shared/store'
import type { TeamDoc } from './docs'
import { chinaMonthSpan } from '@/domain/china-time'
import { teamsWithGroups, type TeamWithGroups } from './repo'
import { toTeam } from './view'
import type { Team } from '@/contract'

const firstN = (rows: Array<{ n: number } | null> | undefined) => rows?.find((r) => r && typeof r.n === 'number')?.n ?? 0

const withFigures = ({ memberRows, activityRows, hourRows, ...t }: TeamWithGroups): Team =>
  toTeam(t, { memberCount: firstN(memberRows), activitiesThisMonth: firstN(activityRows), hoursThisMonth: firstN(hourRows) })

/** Teams (of a village, or all) with this month's figures, in one request (repo.ts teamsWithGroups). */
export async function listTeamsWithFigures(store: Store, villageId: string | undefined, limit: number, now: Date): Promise<Team[]> {
  const { from, to } = chinaMonthSpan(now)
  const rows = await teamsWithGroups(store, villageId ? { villageId } : {}, limit, from, to)
  return rows.map(withFigures)
}

/** One team (as just written) with this month's figures, in one request. */
export async function teamWithFigures(store: Store, team: TeamDoc, now: Date): Promise<Team> {
  const { from, to } = chinaMonthSpan(now)
  const row = (await teamsWithGroups(store, { _id: team._id }, 1, from, to))[0] as TeamWithGroups | undefined
  return withFigures({ ...team, memberRows: row?.memberRows ?? [], activityRows: row?.activityRows ?? [], hourRows: row?.hourRows ?? [] })
}
