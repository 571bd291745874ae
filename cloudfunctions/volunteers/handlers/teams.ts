/** Teams (志愿队伍): list and dashboard, create/edit, applications to join and their review. */
import type { ActionName, ParsedInputOf, Team, TeamMember, VolunteerProfile } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C, TOWN_ID } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import type { VillageDoc } from '../../_shared/docs'
import { fail, isDuplicateKeyError } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { checkText } from '../../_shared/security'
import type { TxStore } from '../../_shared/store'
import { requireManageTeam } from '../access'
import type { MemberDoc, TeamDoc, VolunteerDoc } from '../docs'
import { notifyTeamDecision } from '../notify'
import { hoursByMember, loadTeam, loadVolunteer, prefetchTeam, prefetchVolunteer, renameTeamInMembers, requireTeam, requireVolunteer } from '../repo'
import { memberIdOf } from '../rules'
import { listTeamsWithFigures, teamWithFigures } from '../stats'
import { toMember, toTeam } from '../view'
import { profileOf } from './registration'

type In<A extends ActionName> = ParsedInputOf<A>

const MAX_TEAMS = 1000
const MAX_MEMBERS = 1000

/** Teams with this month's figures: one request (stats.ts listTeamsWithFigures). */
async function listTeams(ctx: Ctx, villageId: string | undefined): Promise<Team[]> {
  return listTeamsWithFigures(ctx.store, villageId, MAX_TEAMS, ctx.now())
}

export async function teams(input: In<'volunteers.teams'>, ctx: Ctx): Promise<Team[]> {
  return listTeams(ctx, input.villageId)
}

/** The village and town dashboards: every team with this month's figures and the rules it falls below. */
export async function teamOverview(input: In<'volunteers.teamOverview'>, ctx: Ctx): Promise<Team[]> {
  return listTeams(ctx, input.villageId)
}

function memberDoc(team: TeamDoc, v: VolunteerDoc, now: Date, status: MemberDoc['status'], leader: boolean, by: string | null): MemberDoc {
  return {
    _id: memberIdOf(team._id, v._id),
    teamId: team._id,
    teamName: team.name,
    villageId: team.villageId,
    userId: v._id,
    openid: v.openid,
    name: v.realName,
    phone: v.phone,
    status,
    leader,
    appliedAt: now,
    reviewedAt: status === 'pending' ? null : now,
    reviewedBy: status === 'pending' ? null : by
  }
}

/** The leader is an approved member of their team; a replaced leader stays a member. */
async function seatLeader(tx: TxStore, team: TeamDoc, leader: VolunteerDoc | null, previous: string | null, now: Date, by: string): Promise<void> {
  if (previous && previous !== leader?._id) {
    const was = memberIdOf(team._id, previous)
    if (await tx.get<MemberDoc>(C.team_members, was)) await tx.update(C.team_members, was, { leader: false })
  }
  if (!leader) return
  const { _id, appliedAt, ...rest } = memberDoc(team, leader, now, 'approved', true, by)
  if (await tx.get<MemberDoc>(C.team_members, _id)) await tx.update(C.team_members, _id, rest)
  else await tx.insert(C.team_members, { _id, appliedAt, ...rest })
}

async function leaderOf(ctx: Ctx, leaderId: string | null): Promise<VolunteerDoc | null> {
  if (!leaderId) return null
  const leader = await prefetchedOne<VolunteerDoc>(ctx, 'leader', () => loadVolunteer(ctx.store, leaderId))
  return leader ?? fail('INVALID_INPUT', '队长须为已实名注册的志愿者', { leaderId: '队长须为已实名注册的志愿者' })
}

/** The village, the leader's registration and the team being edited come with the caller's profile (one request). */
export const saveTeam = withPrefetch<'volunteers.saveTeam'>(
  (input) => ({
    village: { coll: C.villages, match: { _id: input.villageId, townId: TOWN_ID } },
    ...(input.leaderId ? { leader: prefetchVolunteer(input.leaderId) } : {}),
    ...(input.id ? { team: prefetchTeam(input.id) } : {})
  }),
  saveTeamFor
)

async function saveTeamFor(input: In<'volunteers.saveTeam'>, ctx: Ctx): Promise<Team> {
  const now = ctx.now()
  const [village, leader, existing] = await Promise.all([
    prefetchedOne<VillageDoc>(ctx, 'village', () => ctx.store.findOne<VillageDoc>(C.villages, { _id: input.villageId, townId: TOWN_ID })),
    leaderOf(ctx, input.leaderId),
    input.id ? prefetchedOne<TeamDoc>(ctx, 'team', () => loadTeam(ctx.store, input.id as string)).then((t) => t ?? fail('NOT_FOUND', '没有找到这支队伍')) : Promise.resolve(null)
  ])
  if (!village) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  if (existing && existing.villageId !== input.villageId) fail('INVALID_INPUT', '队伍不属于该村（居）', { villageId: '队伍不属于该村（居）' })
  await checkText(ctx.openid, [input.name])
  const team: TeamDoc = existing
    ? { ...existing, name: input.name, leaderId: leader?._id ?? null, leaderName: leader?.realName ?? null, updatedAt: now }
    : {
        _id: newId('vt'),
        villageId: village._id,
        villageName: village.name,
        name: input.name,
        leaderId: leader?._id ?? null,
        leaderName: leader?.realName ?? null,
        createdAt: now,
        createdBy: ctx.userId,
        updatedAt: now
      }
  // the team, its leader's membership (and the previous leader's) and the audit entry in one
  // transaction; a save that changes nothing (a retry after a timeout) writes none of them
  await ctx.store.transaction(async (tx) => {
    let previous: string | null = null
    if (existing) {
      const cur = await tx.get<TeamDoc>(C.volunteer_teams, team._id)
      if (!cur) return fail('NOT_FOUND', '没有找到这支队伍')
      if (cur.name === team.name && cur.leaderId === team.leaderId) return
      previous = cur.leaderId
      await tx.update(C.volunteer_teams, team._id, { name: team.name, leaderId: team.leaderId, leaderName: team.leaderName, updatedAt: now })
    } else await tx.insert(C.volunteer_teams, team)
    await seatLeader(tx, team, leader, previous, now, ctx.userId)
    await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_team', team._id, existing ? 'update' : 'create', { name: team.name, leaderId: team.leaderId }))
  })
  // a new team has no activities or hours yet, and its one member is the leader just seated
  if (!existing) return toTeam(team, { memberCount: leader ? 1 : 0, activitiesThisMonth: 0, hoursThisMonth: 0 })
  // the members' copies of the name are many documents, so they follow; a save made again mends them
  await renameTeamInMembers(ctx.store, team._id, team.name)
  return teamWithFigures(ctx.store, team, now)
}

/** Applies to join a team; the leader, a village admin of its village or the town office decides. */
export async function joinTeam(input: In<'volunteers.joinTeam'>, ctx: Ctx): Promise<VolunteerProfile> {
  const now = ctx.now()
  const [team, me] = await Promise.all([requireTeam(ctx.store, input.teamId), requireVolunteer(ctx.store, ctx.userId)])
  const application = memberDoc(team, me, now, 'pending', false, null)
  try {
    await ctx.store.insert(C.team_members, application)
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    // applied before: a refused application may be made again; a pending or approved one stays
    const { _id, ...rest } = application
    await ctx.store.updateWhere(C.team_members, { _id, status: 'rejected' }, rest)
  }
  return profileOf(ctx, me)
}

async function memberRows(ctx: Ctx, team: TeamDoc): Promise<{ rows: MemberDoc[]; list: TeamMember[] }> {
  const [rows, hours] = await Promise.all([
    ctx.store.find<MemberDoc>(C.team_members, { teamId: team._id }, { sort: [['appliedAt', 'asc']], limit: MAX_MEMBERS }),
    hoursByMember(ctx.store, team._id, MAX_MEMBERS)
  ])
  const byUser = new Map(hours.map((h) => [h._id, h.n]))
  return { rows, list: rows.map((m) => toMember(m, byUser.get(m.userId) ?? 0, ctx)) }
}

/** The team comes with the caller's profile (one request). */
const teamPlan = (input: { teamId: string }) => ({ team: prefetchTeam(input.teamId) })

async function managedTeam(ctx: Ctx, teamId: string): Promise<TeamDoc> {
  const team = (await prefetchedOne<TeamDoc>(ctx, 'team', () => loadTeam(ctx.store, teamId))) ?? fail('NOT_FOUND', '没有找到这支队伍')
  requireManageTeam(ctx, team)
  return team
}

export const members = withPrefetch<'volunteers.members'>(teamPlan, async (input, ctx) => (await memberRows(ctx, await managedTeam(ctx, input.teamId))).list)

export const reviewMember = withPrefetch<'volunteers.reviewMember'>(teamPlan, async (input, ctx) => decideMember(input, ctx, await managedTeam(ctx, input.teamId)))

async function decideMember(input: In<'volunteers.reviewMember'>, ctx: Ctx, team: TeamDoc): Promise<TeamMember[]> {
  const now = ctx.now()
  const status = input.approve ? 'approved' : 'rejected'
  const id = memberIdOf(team._id, input.userId)
  // the decision and its audit entry in one transaction; decided already the same way (a retry): nothing to write
  const decided = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<MemberDoc>(C.team_members, id)
    if (!cur) return fail('NOT_FOUND', '没有找到这份入队申请')
    if (cur.status !== 'pending') return cur.status === status ? false : fail('CONFLICT', '这份申请已经处理过了')
    await tx.update(C.team_members, id, { status, reviewedAt: now, reviewedBy: ctx.userId })
    await tx.insert(C.audit_log, auditEntry(ctx, 'team_member', id, input.approve ? 'approve' : 'reject', { teamId: team._id, userId: input.userId }))
    return true
  })
  if (!decided) return (await memberRows(ctx, team)).list
  // the list read anyway carries the applicant's openid: telling them costs no extra request
  const { rows, list } = await memberRows(ctx, team)
  const application = rows.find((m) => m._id === id) ?? (await ctx.store.findOne<MemberDoc>(C.team_members, { _id: id }))
  await notifyTeamDecision(application?.openid, team, input.approve, now)
  return list
}
