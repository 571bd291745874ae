/**
 * Places and the waitlist, without findAndModify and without transactions on the hot document.
 *
 * The activity holds `signedCount` (places taken) and `waitlistCount` (people waiting). Every change
 * of them is a single-document conditional update, which the database applies atomically:
 * - a place:   where({_id, capacity, signedCount < capacity, waitlistCount == 0}) → signedCount + 1
 *              (nobody takes a free place ahead of people already waiting); tried only when the
 *              activity as read shows a free place and nobody waiting;
 * - the line:  where({_id, signedCount >= capacity OR waitlistCount > 0}) → waitlistCount + 1; the
 *              sign-up's `waitSeq` is the moment of joining (waitSeqAt), so the waitlist is ordered
 *              by when each person joined it (one instance's keys strictly increase; two instances in
 *              the same millisecond are ordered by a random tail);
 * - promotion: where({_id, signedCount < capacity, waitlistCount > 0}) → signedCount + 1, waitlistCount − 1,
 *              then the head's sign-up flips waitlisted → signed only if it is still waiting; if it is
 *              not (it cancelled, or another promoter took it), the place is handed back.
 * Requests: a place is the caller's profile (with the activity), the place's update and the sign-up's
 * insert = 3; a place in line is the profile, the line's update, the sign-up's insert and one
 * aggregate that reads the counters again and counts who waits ahead (lineAfterJoin) = 4 (a team
 * activity: + the membership). Races cost more: a place taken between the read and the update adds
 * the refused update; an activity read as full that has a free place again and nobody waiting adds
 * the refused join and a re-read; a place freed just after joining adds the promotion and a re-read.
 * The sign-up itself is keyed (activity, user): of concurrent taps by one person exactly one insert
 * (or one conditional re-activation) wins and the others undo what they took and return it.
 * Whoever changes the line re-checks afterwards (a joiner looks for a free place after writing its
 * sign-up; a canceller promotes after giving its place back), so a place never stays free while
 * someone waits. At rest, signedCount equals the number of 'signed' sign-ups and never exceeds
 * the capacity.
 *
 * A crash between the two steps (taking a place or a place in line, then writing the sign-up: a timeout, a
 * dead instance) leaves a counter one too high: a place nobody holds, or a "line" that keeps free
 * places from being taken. Every counter change above also bumps `countsRev`, and the volunteer job
 * repairs what persists (./count-check.ts): it counts the committed sign-ups of each open activity,
 * records a difference on the activity (`countCheck`), and at least 5 minutes later sets the counters
 * to the recount — one conditional update that applies only if `countsRev`, both counters and the
 * recount are still exactly as recorded — then promotes the head of the line. A sign-up takes
 * milliseconds and a function lives at most 60 s, so no live sign-up can span both looks unseen:
 * any step taken in between changed `countsRev` and the repair does nothing.
 */
import { randomInt } from 'crypto'
import { C } from '../_shared/collections'
import { fail, unlessDuplicate } from '../_shared/errors'
import type { Store } from '../_shared/store'
import type { ActivityDoc, SignupDoc } from './docs'
import { notifyPromoted } from './notify'
import { countAhead, handBack, joinLine, leaveLine, lineAfterJoin, MAX_TICKETS, MAX_WAITLIST, promoteSignup, releasePlace, takeFreePlace, takeQueuedPlace } from './places-repo'
import { loadActivity, loadSignup } from './repo'
import { signupIdOf } from './rules'

const ATTEMPTS = 8
const PROMOTE_BATCH = 10
const PROMOTE_ROUNDS = 8

export interface Joiner {
  userId: string
  openid: string
  name: string
  phone: string
}

function newSignup(a: ActivityDoc, who: Joiner, existing: SignupDoc | null, now: Date, status: 'signed' | 'waitlisted', waitSeq: number | null): SignupDoc {
  return {
    _id: signupIdOf(a._id, who.userId),
    activityId: a._id,
    userId: who.userId,
    openid: who.openid,
    name: who.name,
    phone: who.phone,
    villageId: a.villageId,
    teamId: a.teamId,
    activityTitle: a.title,
    activityStartAt: a.startAt,
    status,
    waitSeq,
    signedAt: now,
    promotedAt: null,
    cancelledAt: null,
    checkInAt: null,
    checkOutAt: null,
    hours: 0,
    hoursStatus: 'none',
    pendingId: null,
    pointsAwarded: 0,
    pointsOwed: 0,
    flags: [],
    autoClosed: false,
    remindedAt: existing?.remindedAt ?? null,
    updatedAt: now,
    rev: (existing?.rev ?? 0) + 1
  }
}

/** Writes the sign-up: a new document, or the re-activation of a cancelled one. false = another tap of the same person won. */
async function writeSignup(store: Store, doc: SignupDoc, existing: SignupDoc | null): Promise<boolean> {
  if (!existing) return unlessDuplicate(() => store.insert(C.activity_signups, doc))
  const { _id, ...rest } = doc
  return (await store.updateWhere(C.activity_signups, { _id, status: 'cancelled', rev: existing.rev }, rest)) === 1
}

let lastWaitSeq = 0
/** How far back (in key units: a thousandth of a millisecond) a drawn key may fall and still be put just after the previous one. */
const SAME_MOMENT = 1_000_000

/**
 * The key of a place in line taken at `at` (the moment the line's update succeeded): that moment in
 * thousandths of a millisecond, with a random tail so that two instances joining in the same
 * millisecond rarely tie (1 in 1000; a tie shows both the same place and the promotion takes
 * either). Within one instance, a key that would not come after the previous one (the same
 * millisecond, or a clock set back by under a second) is put just after it; a clock set back
 * further is followed, so one wrong reading cannot push everyone after it behind the other
 * instances. Across instances the order is as good as their clocks. Keys of older sign-ups (small
 * ticket numbers from the old queue) are lower than any of these, so those people stay ahead.
 */
export function waitSeqAt(at: Date): number {
  const drawn = at.getTime() * 1000 + randomInt(1000)
  const seq = drawn > lastWaitSeq || lastWaitSeq - drawn > SAME_MOMENT ? drawn : lastWaitSeq + 1
  lastWaitSeq = seq
  return seq
}

async function reread(store: Store, a: ActivityDoc, userId: string): Promise<SignupDoc> {
  return (await loadSignup(store, a._id, userId)) ?? fail('CONFLICT', '报名状态刚刚发生变化，请刷新后再试')
}

/** Why the activity no longer takes sign-ups, or null. */
function closedReason(a: ActivityDoc | null): string | null {
  if (!a || a.status !== 'published') return '活动已取消或暂停报名'
  if (a.waitlistCount >= MAX_WAITLIST || a.tickets >= MAX_TICKETS) return '候补人数已满，请关注其他活动'
  return null
}

/** A sign-up as written, and its place in line when it waits (null: not known, count it). */
export interface SignedUp {
  signup: SignupDoc
  position: number | null
}

/** Joins the waitlist (the activity is full or people wait); null when that was not possible just now. */
async function waitlist(store: Store, a: ActivityDoc, who: Joiner, existing: SignupDoc | null, now: Date): Promise<SignedUp | null> {
  if (!(await joinLine(store, a))) return null
  // the key is the moment the line took this person (not when the call began: retries and checks come before)
  const doc = newSignup(a, who, existing, now, 'waitlisted', waitSeqAt(new Date()))
  if (!(await writeSignup(store, doc, existing))) {
    // another tap of this person won: give back the place in line this tap took
    await leaveLine(store, a._id)
    return { signup: await reread(store, a, who.userId), position: null }
  }
  // check after write: a place freed while this person was joining must not stay empty; the same
  // request counts who waits ahead (the place in line shown)
  const line = await lineAfterJoin(store, a._id, doc.waitSeq as number)
  if (line && line.activity.signedCount < line.activity.capacity) {
    await promote(store, a._id, now)
    return { signup: await reread(store, a, who.userId), position: null }
  }
  return { signup: doc, position: line ? line.ahead + 1 : null }
}

/** Nobody waits and a place is free, as far as `a` shows: worth trying for a place before the line. */
const mayHaveFreePlace = (a: ActivityDoc) => a.signedCount < a.capacity && a.waitlistCount === 0

/**
 * Signs `who` up: a place when one is free and nobody waits, else a place in line. The place is
 * tried only when the activity as read shows one (a full activity goes straight to the line; a
 * place freed before the join, with nobody waiting, makes the join's condition fail, and the next
 * round takes it; one freed after the join is filled by the look after joining).
 */
export async function signUp(store: Store, activity: ActivityDoc, who: Joiner, existing: SignupDoc | null, now: Date): Promise<SignedUp> {
  if (existing && existing.status !== 'cancelled') return { signup: existing, position: null }
  let a = activity
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (mayHaveFreePlace(a) && (await takeFreePlace(store, a))) {
      const doc = newSignup(a, who, existing, now, 'signed', null)
      if (await writeSignup(store, doc, existing)) return { signup: doc, position: null }
      await releasePlace(store, a._id)
      await promote(store, a._id, now)
      return { signup: await reread(store, a, who.userId), position: null }
    }
    const waiting = await waitlist(store, a, who, existing, now)
    if (waiting) return waiting
    // neither: capacity changed, a place freed or the activity closed meanwhile — look again
    const fresh = await loadActivity(store, a._id)
    const closed = closedReason(fresh)
    if (closed || !fresh) return fail('CONFLICT', closed ?? '活动已取消')
    a = fresh
  }
  return fail('CONFLICT', '报名的人太多了，请稍后再试')
}

async function promoteHead(store: Store, a: ActivityDoc, h: SignupDoc, now: Date): Promise<'promoted' | 'gone' | 'full'> {
  if (!(await takeQueuedPlace(store, a))) return 'full'
  if (await promoteSignup(store, h, now)) {
    await notifyPromoted(a, h)
    return 'promoted'
  }
  // the head left the line (cancelled, or promoted by someone else, who counted it): give the place back
  await handBack(store, a._id)
  return 'gone'
}

/** Gives free places to the first people in line, in `waitSeq` order; returns how many moved up. */
export async function promote(store: Store, activityId: string, now: Date): Promise<number> {
  let promoted = 0
  for (let round = 0; round < PROMOTE_ROUNDS; round++) {
    const a = await loadActivity(store, activityId)
    if (!a || a.status !== 'published' || a.signedCount >= a.capacity || a.waitlistCount <= 0) return promoted
    const limit = Math.min(a.capacity - a.signedCount, PROMOTE_BATCH)
    const heads = await store.find<SignupDoc>(C.activity_signups, { activityId, status: 'waitlisted' }, { sort: [['waitSeq', 'asc']], limit })
    if (heads.length === 0) return promoted
    let settled = true
    for (const h of heads) {
      const r = await promoteHead(store, a, h, now)
      if (r === 'promoted') promoted++
      else settled = false
      if (r === 'full') break
    }
    if (settled && heads.length < limit) return promoted
  }
  return promoted
}

/** Cancels a sign-up: a waiting person leaves the line; a place is given back and the line moves up. */
export async function withdraw(store: Store, a: ActivityDoc, signup: SignupDoc, now: Date): Promise<SignupDoc> {
  let cur: SignupDoc | null = signup
  for (let attempt = 0; attempt < 3 && cur; attempt++) {
    if (cur.status === 'cancelled') return cur
    if (cur.checkInAt) fail('CONFLICT', '您已签到，不能取消报名')
    const was = cur.status
    const patch = { status: 'cancelled' as const, cancelledAt: now, updatedAt: now, rev: cur.rev + 1 }
    if ((await store.updateWhere(C.activity_signups, { _id: cur._id, status: was, rev: cur.rev }, patch)) === 1) {
      if (was === 'waitlisted') await leaveLine(store, a._id)
      else {
        await releasePlace(store, a._id)
        await promote(store, a._id, now)
      }
      return { ...cur, ...patch }
    }
    // promoted (or cancelled by another tap) meanwhile: decide again on what it is now
    cur = await loadSignup(store, a._id, signup.userId)
  }
  return cur ?? fail('NOT_FOUND', '没有找到您的报名')
}

/** 1-based place in line of a waiting sign-up (one count through the (activity, status, waitSeq) index). */
export async function positionOf(store: Store, s: SignupDoc): Promise<number | null> {
  if (s.status !== 'waitlisted' || s.waitSeq === null) return null
  const ahead = await countAhead(store, s.activityId, s.waitSeq)
  return ahead + 1
}
