/**
 * Activities: browse (published) and the organisers' list, detail, create/edit, publish, cancel.
 * Each change is written with its audit entry in one transaction; what an edit or a cancel then
 * owes the people signed up (their sign-ups, the notices, the line) is kept on the activity as a
 * follow-up until done, so the same call made again, or the job, finishes it (../follow-up.ts).
 */
import { randomBytes } from 'crypto'
import { ACTIVITY_RANGE_OUT_OF_ORDER, type Activity, type ActivityDetail, type ActionName, type Page, type ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C, TOWN_ID } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import type { VillageDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage } from '../../_shared/paging'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { checkText } from '../../_shared/security'
import type { Filter } from '../../_shared/store'
import { adminVillages, isVillageAdminOf, ledTeams, mayManageActivity, requireManageActivity } from '../access'
import type { ActivityDoc, SignupDoc, TeamDoc } from '../docs'
import { cancelFollowUp, claimFollowUp, editFollowUp, runFollowUp } from '../follow-up'
import {
  findActivities,
  loadActivity,
  loadSignup,
  loadTeam,
  prefetchActivity,
  prefetchActivityTeam,
  prefetchSignup,
  requireActivity,
  signupsByIds,
  stillRunning,
  timeWithin,
  updateActivityInTx
} from '../repo'
import { chinaMidnight } from '@/domain/china-time'
import { CHECKOUT_GRACE_MS, REMIND_BEFORE_MS } from '@/domain/volunteer-rules'
import { browseKey, facetsOf, signupIdOf } from '../rules'
import { positionOf } from '../signups'
import { toActivity, toDetail, toMine } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

/** Sign-ups an activity can have (places + waitlist) — the most one roster reads. */
export const MAX_PEOPLE = 2000

/** The caller's own sign-up with its place in line, and whether they organise the activity (when not known yet). */
export async function detailFor(ctx: Ctx, a: ActivityDoc, mine: SignupDoc | null, manages?: boolean, knownPosition: number | null = null): Promise<ActivityDetail> {
  const position = knownPosition !== null || !mine ? Promise.resolve(knownPosition) : positionOf(ctx.store, mine)
  const [place, canManage] = await Promise.all([position, manages === undefined ? mayManageActivity(ctx, a) : Promise.resolve(manages)])
  return toDetail(a, toMine(mine, place), canManage)
}

/** The activity, the caller's sign-up and the activity's team (who may manage it) come with the caller's profile: one request. */
export const activity = withPrefetch<'volunteers.activity'>(
  (input, { userId }) => ({ activity: prefetchActivity(input.activityId), signup: prefetchSignup(input.activityId, userId), activityTeam: prefetchActivityTeam() }),
  async (input, ctx) => {
    const [a, mine] = await Promise.all([
      prefetchedOne<ActivityDoc>(ctx, 'activity', () => loadActivity(ctx.store, input.activityId)),
      prefetchedOne<SignupDoc>(ctx, 'signup', () => loadSignup(ctx.store, input.activityId, ctx.userId))
    ])
    return activityFor(ctx, a ?? fail('NOT_FOUND', '没有找到这个活动'), mine)
  }
)

async function activityFor(ctx: Ctx, a: ActivityDoc, mine: SignupDoc | null): Promise<ActivityDetail> {
  const canManage = await mayManageActivity(ctx, a)
  if (a.status !== 'published' && !canManage && !mine) fail('NOT_FOUND', '没有找到这个活动')
  return detailFor(ctx, a, mine, canManage)
}

/** startAt within [from, to) (to exclusive: the front end sends the next midnight). */
function timeRange(ctx: Ctx, from: string | undefined, to: string | undefined, defaultFrom: Date | null): Record<string, unknown> {
  const start = from ? new Date(from) : defaultFrom
  const end = to ? new Date(to) : null
  // a `from` given is checked by the schema; the default one (today) only here
  if (!from && start && end && start >= end) fail('INVALID_INPUT', ACTIVITY_RANGE_OUT_OF_ORDER, { from: ACTIVITY_RANGE_OUT_OF_ORDER })
  return timeWithin(ctx.store, 'startAt', start, end)
}

/** The organisers' list: every status of what the caller organises, newest first. null = nothing. */
async function managedQuery(ctx: Ctx, input: In<'volunteers.activities'>): Promise<Filter | null> {
  const keys = ctx.isTown ? ['m'] : [...adminVillages(ctx).map((v) => `m:v:${v}`), ...(await ledTeams(ctx)).map((t) => `m:t:${t}`)]
  if (keys.length === 0) return null
  const rest: Filter = { ...timeRange(ctx, input.from, input.to, null) }
  if (input.villageId) rest.villageId = input.villageId
  if (input.category) rest.category = input.category
  const branches = keys.map((facets) => ({ facets, ...rest }))
  return branches.length === 1 ? branches[0] : { $or: branches }
}

async function mineOf(ctx: Ctx, rows: ActivityDoc[]): Promise<Map<string, SignupDoc>> {
  if (!ctx.roles.includes('volunteer') || rows.length === 0) return new Map()
  const ids = rows.map((a) => signupIdOf(a._id, ctx.userId))
  const signups = await signupsByIds(ctx.store, ids)
  return new Map(signups.map((s) => [s.activityId, s]))
}

async function withMine(ctx: Ctx, rows: ActivityDoc[]): Promise<Activity[]> {
  const mine = await mineOf(ctx, rows)
  const positions = await Promise.all(rows.map((a) => (mine.has(a._id) ? positionOf(ctx.store, mine.get(a._id)!) : Promise.resolve(null))))
  return rows.map((a, i) => toActivity(a, toMine(mine.get(a._id) ?? null, positions[i])))
}

/**
 * The browsing list's query: from today on unless `from` says otherwise — and, by default, also
 * what started the day before and is still going on (an activity across midnight stays in the list
 * until it ends: a volunteer standing at it must find it to check in and out).
 */
function browseQuery(ctx: Ctx, input: In<'volunteers.activities'>): Filter {
  const facets = browseKey(input.villageId, input.category)
  const now = ctx.now()
  const midnight = chinaMidnight(now)
  const fromToday = { facets, ...timeRange(ctx, input.from, input.to, midnight) }
  if (input.from) return fromToday
  return { $or: [fromToday, { facets, ...stillRunning(ctx.store, chinaMidnight(now, -1), midnight, now) }] }
}

/**
 * Browsing: published activities (by village and/or category), from today on (with those still
 * running since the day before) unless `from` says otherwise, soonest first. `managed`: what the
 * caller organises, every status, newest first. Both are served by the (facets, startAt) index.
 */
export async function activities(input: In<'volunteers.activities'>, ctx: Ctx): Promise<Page<Activity>> {
  const page = await offsetPage(input, async (skip, limit) => {
    const query = input.managed ? await managedQuery(ctx, input) : browseQuery(ctx, input)
    return query ? findActivities(ctx.store, query, input.managed === true, skip, limit) : []
  })
  return mapPage(page, (rows) => withMine(ctx, rows))
}

/* ---------------------------------------------------------------- create / edit */

function checkTimes(input: In<'volunteers.saveActivity'>, now: Date, isNew: boolean): { startAt: Date; endAt: Date; signupDeadline: Date } {
  const startAt = new Date(input.startAt)
  const endAt = new Date(input.endAt)
  const signupDeadline = new Date(input.signupDeadline)
  // the order of the three times is the schema's (the contract); only what depends on now is checked here
  if (isNew && endAt <= now) fail('INVALID_INPUT', '活动结束时间已过，请重新选择时间', { endAt: '活动结束时间已过' })
  return { startAt, endAt, signupDeadline }
}

/** The village and team of a new activity, and whether the caller may organise there. */
async function placeOf(ctx: Ctx, villageId: string, teamId: string | null): Promise<{ village: VillageDoc; team: TeamDoc | null }> {
  const [village, team] = await Promise.all([ctx.store.findOne<VillageDoc>(C.villages, { _id: villageId, townId: TOWN_ID }), teamId ? loadTeam(ctx.store, teamId) : Promise.resolve(null)])
  if (!village) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  if (teamId && !team) return fail('INVALID_INPUT', '所选队伍不存在', { teamId: '所选队伍不存在' })
  if (team && team.villageId !== villageId) fail('INVALID_INPUT', '所选队伍不属于该村（居）', { teamId: '所选队伍不属于该村（居）' })
  const leads = team !== null && team.leaderId === ctx.userId
  if (!isVillageAdminOf(ctx, villageId) && !leads) fail('FORBIDDEN', '村（居）管理员只能在本村（居）组织活动，队长只能为本队组织活动')
  return { village, team }
}

type Editable = Pick<ActivityDoc, 'title' | 'description' | 'category' | 'venue' | 'startAt' | 'endAt' | 'signupDeadline' | 'capacity' | 'hoursCredit'>

function editableOf(input: In<'volunteers.saveActivity'>, times: { startAt: Date; endAt: Date; signupDeadline: Date }): Editable {
  const { title, description, category, venue, capacity, hoursCredit } = input
  return { title, description, category, venue, capacity, hoursCredit, ...times }
}

/** Reminder and auto-close times of a published activity. */
function schedule(startAt: Date, endAt: Date): Pick<ActivityDoc, 'remindAt' | 'closeAt'> {
  return { remindAt: new Date(startAt.getTime() - REMIND_BEFORE_MS), closeAt: new Date(endAt.getTime() + CHECKOUT_GRACE_MS) }
}

async function create(ctx: Ctx, input: In<'volunteers.saveActivity'>, fields: Editable): Promise<ActivityDoc> {
  const { village, team } = await placeOf(ctx, input.villageId, input.teamId)
  const now = ctx.now()
  const doc: ActivityDoc = {
    _id: newId('va'),
    ...fields,
    villageId: village._id,
    villageName: village.name,
    teamId: team?._id ?? null,
    teamName: team?.name ?? null,
    status: 'draft',
    organiserId: ctx.userId,
    organiserName: ctx.user?.name ?? '',
    signedCount: 0,
    waitlistCount: 0,
    tickets: 0,
    codeSecret: randomBytes(24).toString('base64url'),
    checkInMode: 'activity_code',
    facets: [],
    remindAt: null,
    closeAt: null,
    cancelReason: null,
    publishedAt: null,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
    rev: 1
  }
  doc.facets = facetsOf(doc)
  await ctx.store.transaction(async (tx) => {
    await tx.insert(C.volunteer_activities, doc)
    await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_activity', doc._id, 'create', { title: doc.title, villageId: doc.villageId, teamId: doc.teamId }))
  })
  const { queue: _q, codeSecret: _s, ...shown } = doc
  return shown as ActivityDoc
}

const EDITABLE: Array<keyof Editable> = ['title', 'description', 'category', 'venue', 'startAt', 'endAt', 'signupDeadline', 'capacity', 'hoursCredit']
const NOTICED: Array<keyof Editable> = ['title', 'description', 'venue', 'startAt', 'endAt', 'hoursCredit']
const changedFields = (a: ActivityDoc, fields: Editable, keys: Array<keyof Editable>) => keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(fields[k]))

const EDITED_MEANWHILE = '活动刚被他人修改，请刷新后再试'
const tooFew = (signed: number) => fail('INVALID_INPUT', `已有 ${signed} 人报名，人数不能少于已报名人数`, { capacity: '人数不能少于已报名人数' })

function checkEdit(a: ActivityDoc, input: In<'volunteers.saveActivity'>, fields: Editable): void {
  if (a.villageId !== input.villageId || a.teamId !== input.teamId) fail('INVALID_INPUT', '活动的村（居）和队伍不能修改，请取消后重新发布')
  if (a.status === 'cancelled') fail('CONFLICT', '活动已取消，不能修改')
  if (fields.capacity < a.signedCount) tooFew(a.signedCount)
}

/** Runs the follow-up the change left on `a` (if any); the activity as it is then. */
async function finishFollowUp(ctx: Ctx, a: ActivityDoc): Promise<ActivityDoc> {
  if (!a.followUp) return a
  await runFollowUp(ctx.store, a, ctx.now())
  return a.followUp.promote ? requireActivity(ctx.store, a._id) : a
}

async function edit(ctx: Ctx, input: In<'volunteers.saveActivity'>, id: string, fields: Editable): Promise<ActivityDoc> {
  const a = await requireActivity(ctx.store, id)
  await requireManageActivity(ctx, a)
  checkEdit(a, input, fields)
  const now = ctx.now()
  // the same save again (a retry after a timeout): nothing to write, but finish what the first one left
  if (changedFields(a, fields, EDITABLE).length === 0) return a.followUp && (await claimFollowUp(ctx.store, a, now)) ? finishFollowUp(ctx, a) : a
  const changed = changedFields(a, fields, NOTICED)
  const patch: Partial<ActivityDoc> = { ...fields, facets: facetsOf({ ...a, category: fields.category }), updatedAt: now, rev: a.rev + 1 }
  const moved = changed.includes('startAt') || changed.includes('endAt')
  if (a.status === 'published' && moved) Object.assign(patch, schedule(fields.startAt, fields.endAt))
  const next = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<ActivityDoc>(C.volunteer_activities, a._id)
    if (!cur || cur.rev !== a.rev || cur.status !== a.status) return fail('CONFLICT', EDITED_MEANWHILE)
    if (fields.capacity < cur.signedCount) tooFew(cur.signedCount)
    const parts = { copy: changed.includes('title') || changed.includes('startAt'), notify: changed.length > 0, promote: fields.capacity > cur.capacity }
    const follow = cur.status === 'published' ? editFollowUp(cur.followUp, a.rev + 1, parts) : null
    await updateActivityInTx(ctx.store, tx, a._id, follow ? { ...patch, followUpAt: now } : patch, follow ? { venue: fields.venue, followUp: follow } : { venue: fields.venue })
    await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_activity', a._id, 'update', { changed }))
    return { ...cur, ...patch, venue: fields.venue, ...(follow ? { followUp: follow, followUpAt: now } : {}) }
  })
  return finishFollowUp(ctx, next)
}

export async function saveActivity(input: In<'volunteers.saveActivity'>, ctx: Ctx): Promise<ActivityDetail> {
  const fields = editableOf(input, checkTimes(input, ctx.now(), !input.id))
  await checkText(ctx.openid, [input.title, input.description, input.venue.name, input.venue.address])
  if (!input.id) return toDetail(await create(ctx, input, fields), null, true)
  const a = await edit(ctx, input, input.id, fields)
  return toDetail(a, toMine(await loadSignup(ctx.store, a._id, ctx.userId), null), true)
}

export async function publishActivity(input: In<'volunteers.publishActivity'>, ctx: Ctx): Promise<ActivityDetail> {
  const a = await requireActivity(ctx.store, input.activityId)
  await requireManageActivity(ctx, a)
  const now = ctx.now()
  if (a.status === 'cancelled') fail('CONFLICT', '活动已取消，不能发布')
  if (a.status !== 'draft') return detailFor(ctx, a, await loadSignup(ctx.store, a._id, ctx.userId), true)
  if (new Date(a.endAt) <= now) fail('CONFLICT', '活动结束时间已过，请修改时间后再发布')
  const next = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<ActivityDoc>(C.volunteer_activities, a._id)
    if (!cur || cur.status !== 'draft') return null
    const patch = { status: 'published' as const, publishedAt: now, updatedAt: now, rev: cur.rev + 1, ...schedule(new Date(cur.startAt), new Date(cur.endAt)) }
    const published: ActivityDoc = { ...cur, ...patch, facets: facetsOf({ ...cur, ...patch }) }
    await tx.update(C.volunteer_activities, a._id, { ...patch, facets: published.facets })
    await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_activity', a._id, 'publish', {}))
    return published
  })
  // a draft has no sign-ups: nothing of the caller's to look up
  return detailFor(ctx, next ?? (await requireActivity(ctx.store, a._id)), null, true)
}

/**
 * The activity, the caller's sign-up and the activity's team (who may manage it) come with the
 * caller's profile (one request); the transaction reads the activity again before it writes.
 */
export const cancelActivity = withPrefetch<'volunteers.cancelActivity'>(
  (input, { userId }) => ({ activity: prefetchActivity(input.activityId), signup: prefetchSignup(input.activityId, userId), activityTeam: prefetchActivityTeam() }),
  async (input, ctx) => {
    const [a, mine] = await Promise.all([
      prefetchedOne<ActivityDoc>(ctx, 'activity', () => loadActivity(ctx.store, input.activityId)),
      prefetchedOne<SignupDoc>(ctx, 'signup', () => loadSignup(ctx.store, input.activityId, ctx.userId))
    ])
    return cancelFor(input, ctx, a ?? fail('NOT_FOUND', '没有找到这个活动'), mine)
  }
)

async function cancelFor(input: In<'volunteers.cancelActivity'>, ctx: Ctx, a: ActivityDoc, mine: SignupDoc | null): Promise<ActivityDetail> {
  await requireManageActivity(ctx, a)
  const now = ctx.now()
  if (a.status === 'cancelled') {
    // the same call again: finish what one cut short left (sign-ups still open, people not yet told);
    // one cancelled before follow-ups were kept has no marker: its sign-ups are closed all the same
    if (a.followUp && !(await claimFollowUp(ctx.store, a, now))) return detailFor(ctx, a, mine, true)
    await runFollowUp(ctx.store, { ...a, followUp: a.followUp ?? cancelFollowUp(a.rev, a.cancelReason ?? '') }, now)
    return detailFor(ctx, a, await loadSignup(ctx.store, a._id, ctx.userId), true)
  }
  if (new Date(a.endAt) <= now) fail('CONFLICT', '活动已结束，不能取消')
  await checkText(ctx.openid, [input.reason])
  const next = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<ActivityDoc>(C.volunteer_activities, a._id)
    if (!cur || cur.status !== a.status) return fail('CONFLICT', EDITED_MEANWHILE)
    const follow = cancelFollowUp(cur.rev + 1, input.reason)
    const patch = { status: 'cancelled' as const, cancelReason: input.reason, cancelledAt: now, remindAt: null, closeAt: null, updatedAt: now, rev: follow.rev, followUpAt: now }
    const facets = facetsOf({ ...cur, status: 'cancelled' })
    await updateActivityInTx(ctx.store, tx, a._id, { ...patch, facets }, { followUp: follow })
    await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_activity', a._id, 'cancel', { reason: input.reason, people: cur.signedCount + cur.waitlistCount }))
    return { ...cur, ...patch, facets, followUp: follow }
  })
  await runFollowUp(ctx.store, next, now)
  return detailFor(ctx, next, mine && mine.status !== 'cancelled' ? { ...mine, status: 'cancelled' } : mine, true)
}
