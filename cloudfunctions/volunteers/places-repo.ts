/**
 * The conditional writes on an activity's places and line and on its sign-ups (signups.ts,
 * follow-up.ts, count-check.ts): each one request, each applied only while the document is as read,
 * so concurrent taps and runs never count twice.
 */
import { C } from '../_shared/collections'
import type { AuditDoc } from '../_shared/docs'
import { TxConflict, type Filter, type Store } from '../_shared/store'
import { lookupCommandOf } from '../_shared/pipeline'
import type { ActivityDoc, CountCheck, SignupDoc } from './docs'

export const MAX_WAITLIST = 500
/** Places in line ever handed out per activity (bounds the churn of one activity's line). */
export const MAX_TICKETS = 2000

const ACTIVE = ['signed', 'waitlisted'] as const

const updatedOne = async (n: Promise<number>): Promise<boolean> => (await n) === 1

/** A free place, taken only while nobody waits and the capacity is as read. */
export function takeFreePlace(store: Store, a: ActivityDoc): Promise<boolean> {
  const { op } = store
  const filter = { _id: a._id, status: 'published', capacity: a.capacity, signedCount: op.lt(a.capacity), waitlistCount: 0 }
  return updatedOne(store.updateWhere(C.volunteer_activities, filter, { signedCount: op.inc(1), countsRev: op.inc(1) }))
}

/** A place at the end of the line: only when the activity is full or people already wait. */
export function joinLine(store: Store, a: ActivityDoc): Promise<boolean> {
  const { op } = store
  const filter = op.and([
    { _id: a._id, status: 'published', capacity: a.capacity, waitlistCount: op.lt(MAX_WAITLIST), tickets: op.lt(MAX_TICKETS) },
    op.or([{ signedCount: op.gte(a.capacity) }, { waitlistCount: op.gt(0) }])
  ])
  return updatedOne(store.updateWhere(C.volunteer_activities, filter, { tickets: op.inc(1), waitlistCount: op.inc(1), countsRev: op.inc(1) }))
}

/** The activity's places and line as they are now, and how many wait ahead of `waitSeq`. */
export interface LineNow {
  activity: Pick<ActivityDoc, '_id' | 'status' | 'capacity' | 'signedCount' | 'waitlistCount'>
  ahead: number
}

/**
 * The look after joining the line, in ONE request: the activity's counters (a place freed meanwhile
 * must not stay empty) and the waiting sign-ups ahead of this one (the place in line shown), by a
 * `$lookup` whose sub-pipeline goes through the (activity, status, waitSeq) index. null: no activity.
 */
export async function lineAfterJoin(store: Store, activityId: string, waitSeq: number): Promise<LineNow | null> {
  const { op } = store
  const $ = lookupCommandOf(store).aggregate
  const ahead = $.pipeline()
    .match({ activityId, status: 'waitlisted', waitSeq: op.lt(waitSeq) })
    .count('n')
    .done()
  const rows = await store.aggregate<LineNow['activity'] & { aheadRows: Array<{ n: number }> }>(C.volunteer_activities, (q) => {
    type Lookup = Parameters<typeof q.lookup>[0]
    return q
      .match({ _id: activityId })
      .limit(1)
      .project({ status: 1, capacity: 1, signedCount: 1, waitlistCount: 1 })
      .lookup({ from: C.activity_signups, pipeline: ahead, as: 'aheadRows' } as unknown as Lookup)
  })
  if (!rows[0]) return null
  const { aheadRows, ...activity } = rows[0]
  return { activity, ahead: aheadRows[0]?.n ?? 0 }
}

export async function releasePlace(store: Store, activityId: string): Promise<void> {
  await store.updateWhere(C.volunteer_activities, { _id: activityId, signedCount: store.op.gt(0) }, { signedCount: store.op.inc(-1), countsRev: store.op.inc(1) })
}

export async function leaveLine(store: Store, activityId: string): Promise<void> {
  await store.updateWhere(C.volunteer_activities, { _id: activityId, waitlistCount: store.op.gt(0) }, { waitlistCount: store.op.inc(-1), countsRev: store.op.inc(1) })
}

/** A place for the head of the line: only while one is free and someone waits. */
export function takeQueuedPlace(store: Store, a: ActivityDoc): Promise<boolean> {
  const { op } = store
  const filter = { _id: a._id, status: 'published', capacity: a.capacity, signedCount: op.lt(a.capacity), waitlistCount: op.gt(0) }
  return updatedOne(store.updateWhere(C.volunteer_activities, filter, { signedCount: op.inc(1), waitlistCount: op.inc(-1), countsRev: op.inc(1) }))
}

/** Gives back a place taken for someone who had left the line. */
export async function handBack(store: Store, activityId: string): Promise<void> {
  const { op } = store
  await store.updateWhere(C.volunteer_activities, { _id: activityId }, { signedCount: op.inc(-1), waitlistCount: op.inc(1), countsRev: op.inc(1) })
}

/** Moves a waiting sign-up to signed, only if it still waits with the same key (`waitSeq`). */
export function promoteSignup(store: Store, h: SignupDoc, now: Date): Promise<boolean> {
  return updatedOne(store.updateWhere(C.activity_signups, { _id: h._id, status: 'waitlisted', waitSeq: h.waitSeq }, { status: 'signed', promotedAt: now, updatedAt: now, rev: store.op.inc(1) }))
}

/** How many wait ahead of this key (`waitSeq`) (one count through the (activity, status, waitSeq) index). */
export function countAhead(store: Store, activityId: string, waitSeq: number): Promise<number> {
  return store.count(C.activity_signups, { activityId, status: 'waitlisted', waitSeq: store.op.lt(waitSeq) })
}

/* ---------------------------------------------------------------- follow-ups of an edit or a cancellation */

const activeOf = (store: Store, activityId: string) => ({ activityId, status: store.op.in(ACTIVE) })

/** Cancels every active sign-up of a cancelled activity and marks each as owed notice `rev`. */
export async function cancelActiveSignups(store: Store, activityId: string, at: Date, flag: string, rev: number): Promise<void> {
  const { op } = store
  await store.updateWhere(C.activity_signups, activeOf(store, activityId), { status: 'cancelled', cancelledAt: at, updatedAt: at, flags: op.push([flag]), rev: op.inc(1), noticeDue: rev })
}

/** Marks every active sign-up not yet told of revision `rev` as owed its notice. */
export async function markNoticeDue(store: Store, activityId: string, rev: number): Promise<void> {
  await store.updateWhere(C.activity_signups, { ...activeOf(store, activityId), toldRev: store.op.neq(rev) }, { noticeDue: rev })
}

/** A page of sign-ups owed a notice of revision `rev` or earlier. */
export function noticesDue(store: Store, activityId: string, rev: number, limit: number): Promise<SignupDoc[]> {
  return store.find<SignupDoc>(C.activity_signups, { activityId, noticeDue: store.op.lte(rev) }, { limit })
}

/** Records the notice of revision `rev` as sent to these sign-ups. */
export async function markTold(store: Store, ids: string[], rev: number): Promise<void> {
  const { op } = store
  await store.updateWhere(C.activity_signups, { _id: op.in(ids), noticeDue: op.lte(rev) }, { noticeDue: op.remove(), toldRev: rev })
}

/** Takes over a follow-up: only while its time and count of takers are as read. */
export function claimFollowUpAt(store: Store, read: { _id: string; followUpAt: Date | undefined; tries: number | undefined }, now: Date): Promise<boolean> {
  const { op } = store
  const filter = { _id: read._id, followUpAt: read.followUpAt ?? op.exists(false), 'followUp.tries': read.tries ?? op.exists(false) }
  return updatedOne(store.updateWhere(C.volunteer_activities, filter, { followUpAt: now, 'followUp.tries': op.inc(1) }))
}

/** Clears a finished follow-up, unless a later edit (another revision) has replaced it. */
export async function clearFollowUp(store: Store, activityId: string, rev: number): Promise<void> {
  await store.updateWhere(C.volunteer_activities, { _id: activityId, rev }, { followUp: store.op.remove(), followUpAt: store.op.remove() })
}

/** Follow-ups idle since `before`, oldest first (the (followUpAt) index). */
export function idleFollowUps(store: Store, before: Date, limit: number, fields: Record<string, boolean>): Promise<ActivityDoc[]> {
  return store.find<ActivityDoc>(C.volunteer_activities, { followUpAt: store.op.lte(before) }, { sort: [['followUpAt', 'asc']], limit, fields })
}

/* ---------------------------------------------------------------- the counters' check */

/** A page of open activities by end time, after the previous page's last end time and its ids. */
export function openActivitiesAfter(store: Store, now: Date, after: { endAt: Date; ids: string[] } | null, limit: number, fields: Record<string, boolean>): Promise<ActivityDoc[]> {
  const { op } = store
  const filter = after ? { status: 'published', endAt: op.gte(after.endAt), _id: op.nin(after.ids) } : { status: 'published', endAt: op.gt(now) }
  return store.find<ActivityDoc>(C.volunteer_activities, filter, { sort: [['endAt', 'asc']], limit, fields })
}

/** Signed and waiting sign-ups per activity and status, in one aggregate through the (activity, status, …) index. */
export function activeSignupGroups(store: Store, ids: string[]): Promise<Array<{ _id: { activityId: string; status: 'signed' | 'waitlisted' }; n: number }>> {
  return store.aggregate<{ _id: { activityId: string; status: 'signed' | 'waitlisted' }; n: number }>(C.activity_signups, (q) =>
    q
      .match({ activityId: store.op.in(ids), status: store.op.in(ACTIVE) })
      .group({ _id: { activityId: '$activityId', status: '$status' }, n: store.op.sum(1) })
      .limit(ids.length * 2)
  )
}

/** The activity as read: still published, same counters, same countsRev (none yet when it had none). */
function unchanged(store: Store, a: ActivityDoc): Filter {
  return { _id: a._id, status: 'published', signedCount: a.signedCount, waitlistCount: a.waitlistCount, countsRev: a.countsRev ?? store.op.exists(false) }
}

/** Records a difference seen, while the activity is unchanged. */
export async function recordCountCheck(store: Store, a: ActivityDoc, check: CountCheck): Promise<void> {
  await store.updateWhere(C.volunteer_activities, unchanged(store, a), { countCheck: store.op.set(check) })
}

/** Forgets a recorded difference (the counters agree again), while the activity is unchanged. */
export async function clearCountCheck(store: Store, a: ActivityDoc): Promise<void> {
  await store.updateWhere(C.volunteer_activities, unchanged(store, a), { countCheck: store.op.remove() })
}

/**
 * Sets the counters to the recount and writes `audit` with it, in one transaction: only while the
 * activity is as read (published, the same counters and `countsRev`, as `unchanged` asks). A write to
 * the activity after the transaction read it (a sign-up, another job's repair) ends it in a conflict
 * with nothing written: false, as when it had changed before.
 */
export async function repairCounts(store: Store, a: ActivityDoc, n: { signed: number; waitlisted: number }, audit: AuditDoc): Promise<boolean> {
  try {
    return await store.transaction(async (tx) => {
      const current = await tx.get<ActivityDoc>(C.volunteer_activities, a._id)
      const same = current?.status === 'published' && current.signedCount === a.signedCount && current.waitlistCount === a.waitlistCount && (current.countsRev ?? null) === (a.countsRev ?? null)
      if (!same) return false
      await tx.update(C.volunteer_activities, a._id, { signedCount: n.signed, waitlistCount: n.waitlisted, countsRev: (a.countsRev ?? 0) + 1, countCheck: tx.op.remove() })
      await tx.insert(C.audit_log, audit)
      return true
    })
  } catch (e) {
    if (e instanceof TxConflict) return false
    throw e
  }
}

/* ---------------------------------------------------------------- scans */

/** Checks a sign-up in, only if it holds a place and is not checked in yet (false: another scan did). */
export function checkInSignup(store: Store, signupId: string, scan: object, cells: string[] | null, now: Date): Promise<boolean> {
  const { op } = store
  const patch = { checkInAt: now, checkInScan: op.set(scan), ...(cells ? { scanCells: cells } : {}), updatedAt: now, rev: op.inc(1) }
  return updatedOne(store.updateWhere(C.activity_signups, { _id: signupId, status: 'signed', checkInAt: null }, patch))
}

/**
 * Counts one short-code try on the sign-up as read (false: the sign-up changed meanwhile — another
 * try at the same moment — and this one is not taken). Taken before the code is compared, so tries
 * sent together cannot pass the limit together.
 */
export function takeShortCodeTry(store: Store, s: SignupDoc, tries: { since: Date; n: number }, now: Date): Promise<boolean> {
  const { op } = store
  return updatedOne(store.updateWhere(C.activity_signups, { _id: s._id, rev: s.rev }, { shortCodeTries: op.set(tries), updatedAt: now, rev: op.inc(1) }))
}

/** A right short code was no wrong guess: its try is given back. */
export async function giveBackShortCodeTry(store: Store, signupId: string): Promise<void> {
  const { op } = store
  await store.updateWhere(C.activity_signups, { _id: signupId, 'shortCodeTries.n': op.gt(0) }, { 'shortCodeTries.n': op.inc(-1) })
}

/** What a check-out scan writes on the sign-up besides the hours: its record, its cells (an own scan), a new flag. */
export function checkOutPatch(store: Store, scan: object, cells: string[] | null, suspect: object | null): object {
  return {
    checkOutScan: store.op.set(scan),
    ...(cells ? { scanCells: cells } : {}),
    ...(suspect ? { relaySuspect: store.op.set(suspect) } : {})
  }
}
