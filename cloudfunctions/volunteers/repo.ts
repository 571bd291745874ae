/** Loading what the handlers decide on: one request each (the queue of an activity is left out). */
import type { VolunteerSettings } from '@/contract'
import { C } from '../_shared/collections'
import { fail } from '../_shared/errors'
import { lookupCommandOf, type SubPipeline } from '../_shared/pipeline'
import type { Prefetch } from '../_shared/prefetch'
import type { Store, TxStore } from '../_shared/store'
import { SETTINGS_ID, type ActivityDoc, type SettingsDoc, type SignupDoc, type TeamDoc, type VolunteerDoc } from './docs'
import { DEFAULT_SETTINGS } from '@/domain/volunteer-rules'
import { signupIdOf } from './rules'

/** Left out of every read: the old waitlist token array (older activities only, hundreds of entries, no longer read) and the check-in secret. */
export const NO_QUEUE = { queue: false, codeSecret: false }

export async function loadSettings(store: Store): Promise<VolunteerSettings> {
  return settingsOf(await store.findOne<SettingsDoc>(C.volunteer_settings, { _id: SETTINGS_ID }))
}

/** What loadSettings reads, to come with the caller's profile: key settings (settingsOf turns it into the settings). */
export const prefetchSettings = (): Prefetch => ({ coll: C.volunteer_settings, match: { _id: SETTINGS_ID } })

/** The settings of the stored document (the defaults when there is none). */
export function settingsOf(doc: SettingsDoc | null): VolunteerSettings {
  if (!doc) return { ...DEFAULT_SETTINGS }
  const { roundingHours, maxDistanceM, rotateSeconds, checkinOpensMinutes } = doc
  return { roundingHours, maxDistanceM, rotateSeconds, checkinOpensMinutes }
}

/** An activity without its queue; with its code secret only when asked (check-in). */
export async function loadActivity(store: Store, id: string, withSecret = false): Promise<ActivityDoc | null> {
  const [doc] = await store.find<ActivityDoc>(C.volunteer_activities, { _id: id }, { limit: 1, fields: withSecret ? { queue: false } : NO_QUEUE })
  return doc ?? null
}

/** What loadActivity, loadSignup and loadVolunteer read, to come with the caller's profile (../_shared/prefetch.ts). */
export const prefetchActivity = (id: string): Prefetch => ({ coll: C.volunteer_activities, match: { _id: id }, omit: Object.keys(NO_QUEUE) })
export const prefetchSignup = (activityId: string, userId: string): Prefetch => ({ coll: C.activity_signups, match: { _id: signupIdOf(activityId, userId) } })
export const prefetchVolunteer = (userId: string): Prefetch => ({ coll: C.volunteers, match: { _id: userId } })
/** The team of the activity prefetched under `activity` (mayManageActivity reads it): key activityTeam. */
export const prefetchActivityTeam = (): Prefetch => ({ coll: C.volunteer_teams, match: {}, join: { key: 'activity', field: 'teamId', on: '_id' } })
/** A team by id (loadTeam): key team. */
export const prefetchTeam = (teamId: string): Prefetch => ({ coll: C.volunteer_teams, match: { _id: teamId } })

export async function requireActivity(store: Store, id: string, withSecret = false): Promise<ActivityDoc> {
  return (await loadActivity(store, id, withSecret)) ?? fail('NOT_FOUND', '没有找到这个活动')
}

export async function loadSignup(store: Store, activityId: string, userId: string): Promise<SignupDoc | null> {
  return store.findOne<SignupDoc>(C.activity_signups, { _id: signupIdOf(activityId, userId) })
}

export async function loadVolunteer(store: Store, userId: string): Promise<VolunteerDoc | null> {
  return store.findOne<VolunteerDoc>(C.volunteers, { _id: userId })
}

export async function requireVolunteer(store: Store, userId: string): Promise<VolunteerDoc> {
  return (await loadVolunteer(store, userId)) ?? fail('FORBIDDEN', '请先实名注册志愿者')
}

export async function loadTeam(store: Store, teamId: string): Promise<TeamDoc | null> {
  return store.findOne<TeamDoc>(C.volunteer_teams, { _id: teamId })
}

export async function requireTeam(store: Store, teamId: string): Promise<TeamDoc> {
  return (await loadTeam(store, teamId)) ?? fail('NOT_FOUND', '没有找到这支队伍')
}

/** Counted hours of a person (sum over their sign-ups), in one request. */
export async function totalHoursOf(store: Store, userId: string): Promise<number> {
  const rows = await store.aggregate<{ total: number }>(C.activity_signups, (a) =>
    a
      .match({ userId })
      .group({ _id: null, total: store.op.sum('$hours') })
      .limit(1)
  )
  return roundHours(rows[0]?.total ?? 0)
}

/** Sums of halves and quarters stay exact, but keep two decimals whatever happens. */
export const roundHours = (h: number): number => Math.round(h * 100) / 100

/* ---------------------------------------------------------------- named queries of the handlers */

/** In one read, the caller's registration and any registration of these ID-number hashes. */
export async function findRegistrations(store: Store, userId: string, idHashes: string[]): Promise<VolunteerDoc[]> {
  return store.find<VolunteerDoc>(C.volunteers, { $or: [{ _id: userId }, { idHash: store.op.in(idHashes) }] }, { limit: idHashes.length + 1 })
}

/** Writes a new certificate on the registration, inside the transaction that numbered it. */
export async function setCertificateInTx(store: Store, tx: TxStore, volunteerId: string, issued: NonNullable<VolunteerDoc['certificate']>, now: Date): Promise<void> {
  await tx.update(C.volunteers, volunteerId, { certificate: store.op.set(issued), updatedAt: now })
}

/** A page of a person's places in activities that have started, latest first. */
export async function startedSignups(store: Store, userId: string, now: Date, skip: number, limit: number): Promise<SignupDoc[]> {
  return store.find<SignupDoc>(C.activity_signups, { userId, status: 'signed', activityStartAt: store.op.lte(now) }, { sort: [['activityStartAt', 'desc']], skip, limit })
}

/** A person's sign-ups with counted hours, latest first. */
export async function signupsWithHours(store: Store, userId: string, limit: number): Promise<SignupDoc[]> {
  return store.find<SignupDoc>(C.activity_signups, { userId, hours: store.op.gt(0) }, { sort: [['activityStartAt', 'desc']], limit })
}

/** Sign-ups by id (ids a page long). */
export async function signupsByIds(store: Store, ids: string[]): Promise<SignupDoc[]> {
  return store.find<SignupDoc>(C.activity_signups, { _id: store.op.in(ids) }, { limit: ids.length })
}

/** The condition "`field` within [start, end)" (either end open when null). */
export function timeWithin(store: Store, field: string, start: Date | null, end: Date | null): Record<string, unknown> {
  const range = store.op.range({ gte: start ?? undefined, lt: end ?? undefined })
  return range ? { [field]: range } : {}
}

/** Started within [from, before) and not ended at `now`: those still running across `before` (a midnight). */
export function stillRunning(store: Store, from: Date, before: Date, now: Date): Record<string, unknown> {
  return { ...timeWithin(store, 'startAt', from, before), endAt: store.op.gt(now) }
}

/** A page of activities (queue left out), by start time. */
export async function findActivities(store: Store, query: Record<string, unknown>, newestFirst: boolean, skip: number, limit: number): Promise<ActivityDoc[]> {
  return store.find<ActivityDoc>(C.volunteer_activities, query, { sort: [['startAt', newestFirst ? 'desc' : 'asc']], skip, limit, fields: NO_QUEUE })
}

/** Updates an activity in a transaction; the `whole` fields (objects) are written whole, not merged. */
export async function updateActivityInTx(store: Store, tx: TxStore, id: string, patch: object, whole: Partial<Pick<ActivityDoc, 'venue' | 'followUp'>>): Promise<void> {
  const sets: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(whole)) sets[k] = store.op.set(v as object)
  await tx.update(C.volunteer_activities, id, { ...patch, ...sets })
}

/** The members' copies of a team's name that differ from it are brought in step. */
export async function renameTeamInMembers(store: Store, teamId: string, name: string): Promise<void> {
  await store.updateWhere(C.team_members, { teamId, teamName: store.op.neq(name) }, { teamName: name })
}

/** Hours counted per person on a team's activities. */
export async function hoursByMember(store: Store, teamId: string, limit: number): Promise<Array<{ _id: string; n: number }>> {
  return store.aggregate<{ _id: string; n: number }>(C.activity_signups, (a) =>
    a
      .match({ teamId })
      .group({ _id: '$userId', n: store.op.sum('$hours') })
      .limit(limit)
  )
}

/** Other sign-ups of the activity whose own scans fell in these cells (the (activityId, scanCells) index). */
export async function signupsInCells<T>(store: Store, activityId: string, cells: string[], limit: number, fields: Record<string, boolean>): Promise<T[]> {
  return store.find<T>(C.activity_signups, { activityId, scanCells: store.op.in(cells) }, { limit, fields })
}

/** Flags a sign-up as a suspected relayed scan, inside a transaction. */
export async function flagSignupInTx(store: Store, tx: TxStore, signupId: string, suspect: NonNullable<SignupDoc['relaySuspect']>, now: Date): Promise<void> {
  await tx.update(C.activity_signups, signupId, { relaySuspect: store.op.set(suspect), updatedAt: now })
}

/** Which of these hours requests belong to the sign-up. */
export async function requestIdsOfSignup(store: Store, ids: string[], signupId: string): Promise<Array<{ _id: string }>> {
  return store.find<{ _id: string }>(C.hours_requests, { _id: store.op.in(ids), signupId }, { limit: ids.length, fields: { _id: true } })
}

/** Activities whose `field` time passed by `now`, oldest first (they leave the range once handled). */
export async function dueActivities(store: Store, field: 'remindAt' | 'closeAt', now: Date, limit: number): Promise<ActivityDoc[]> {
  return store.find<ActivityDoc>(C.volunteer_activities, { [field]: store.op.lte(now) }, { sort: [[field, 'asc']], limit, fields: NO_QUEUE })
}

/** Marks a sign-up reminded, only if nobody has yet (true: this run sends the reminder). */
export async function claimReminder(store: Store, signupId: string, now: Date): Promise<boolean> {
  return (await store.updateWhere(C.activity_signups, { _id: signupId, remindedAt: null }, { remindedAt: now, rev: store.op.inc(1) })) === 1
}

export interface StatusFigures {
  _id: SignupDoc['status']
  n: number
  checkedIn: number
  flagged: number
  relaySuspect: number
  seqs: Array<number | null>
}

/** Per status of an activity's sign-ups: how many, checked in, flagged, suspected relays, and the tickets (one aggregate). */
export async function rosterFigures(store: Store, activityId: string, statuses: number): Promise<StatusFigures[]> {
  // conditional sums have no typed operator: the SDK's aggregate expressions, here only
  const $ = store.db.command.aggregate
  return store.aggregate<StatusFigures>(C.activity_signups, (q) =>
    q
      .match({ activityId })
      .group({
        _id: '$status',
        n: $.sum(1),
        checkedIn: $.sum($.cond([$.ifNull(['$checkInAt', false]), 1, 0])),
        // what toRosterRow shows as flags: the stored ones, 时长待审核 while a request waits, a suspected relayed scan
        flagged: $.sum($.cond([$.or([$.gt([$.size($.ifNull(['$flags', []])), 0]), $.ifNull(['$pendingId', false]), $.ifNull(['$relaySuspect', false])]), 1, 0])),
        relaySuspect: $.sum($.cond([$.ifNull(['$relaySuspect', false]), 1, 0])),
        seqs: $.push('$waitSeq')
      })
      .limit(statuses)
  )
}

/** Registrations whose idHash lies strictly between `after` and `before`, in idHash order (the unique index). */
export async function hashesBetween<T>(store: Store, after: string, before: string, limit: number, fields: Record<string, boolean>): Promise<T[]> {
  return store.find<T>(C.volunteers, { idHash: store.op.range({ gt: after, lt: before }) }, { sort: [['idHash', 'asc']], limit, fields })
}

/** Replaces a plain ID number by its sealed form, only while the registration still has the old hash. */
export async function sealRegistration(store: Store, id: string, oldHash: string, sealed: object): Promise<boolean> {
  return (await store.updateWhere(C.volunteers, { _id: id, idHash: oldHash }, { ...sealed, idNumber: store.op.remove() })) === 1
}

/** A team with its figures' rows (one row `{ n }` each, none when nothing counts). */
export type TeamWithGroups = TeamDoc & { memberRows: Array<{ n: number }>; activityRows: Array<{ n: number }>; hourRows: Array<{ n: number }> }

/**
 * Teams (`match`: of a village, all, or one by id), oldest first per village, each with its approved members, its
 * published activities starting within [from, to) and the hours counted on them, in ONE request: per
 * team a `$lookup` whose `$expr` equality on teamId (a `let` variable) the teamId indexes serve.
 */
export async function teamsWithGroups(store: Store, match: { villageId?: string; _id?: string }, limit: number, from: Date, to: Date): Promise<TeamWithGroups[]> {
  const { op } = store
  const _ = lookupCommandOf(store)
  const $ = _.aggregate
  const month = op.range({ gte: from, lt: to })
  const ofTeam = (plain: object) => _.and([_.expr($.eq(['$teamId', '$$team'])), plain])
  const rows = await store.aggregate<TeamWithGroups>(C.volunteer_teams, (a) => {
    const q = a.match(match).sort({ villageId: 1, createdAt: 1 }).limit(limit)
    type Lookup = Parameters<typeof q.lookup>[0]
    const lookup = (from: string, match: object, tail: (p: SubPipeline) => SubPipeline, as: string) =>
      ({ from, let: { team: '$_id' }, pipeline: tail($.pipeline().match(ofTeam(match))).done(), as }) as unknown as Lookup
    return q
      .lookup(lookup(C.team_members, { status: 'approved' }, (p) => p.count('n'), 'memberRows'))
      .lookup(lookup(C.volunteer_activities, { startAt: month, status: 'published' }, (p) => p.count('n'), 'activityRows'))
      .lookup(lookup(C.activity_signups, { activityStartAt: month }, (p) => p.group({ _id: null, n: op.sum('$hours') }), 'hourRows'))
  })
  return rows
}
