/**
 * What a cancel or an edit of a published activity still has to do after its own write: the
 * sign-ups (cancelled, or their copies of the title and start rewritten), the notices, the line.
 *
 * The change, its audit entry and a `followUp` marker are written in one transaction
 * (handlers/activities.ts); the marker is removed only when every part below is done, so a call
 * that dies half-way leaves it behind. The same call made again, or the volunteer job once the
 * marker has been idle for FOLLOW_UP_SETTLE_MS (job.ts), runs it again. Every part can run twice:
 * - mark: the sign-ups owed a notice get `noticeDue: rev` in one update — for a cancel the same
 *   update cancels them (only those still signed or waiting), for an edit it skips anyone already
 *   told of this change (`toldRev`);
 * - tell: the sign-ups still owed a notice (the (activity, noticeDue) index) are sent it, ten at a
 *   time, each batch then marked told (`toldRev`, `noticeDue` removed). A function that dies between
 *   a batch's sends and its mark sends that batch again next time: a person may hear twice, never
 *   not at all;
 * - the line moves up (edit with more places), and the marker is removed — only if no later
 *   change replaced it (`rev`).
 */
import { C } from '../_shared/collections'
import type { Store } from '../_shared/store'
import type { ActivityDoc, FollowUp } from './docs'
import { notifyCancelled, notifyChanged } from './notify'
import { cancelActiveSignups, claimFollowUpAt, clearFollowUp, idleFollowUps, markNoticeDue, markTold, noticesDue } from './places-repo'
import { NO_QUEUE } from './repo'
import { promote } from './signups'

export const CANCELLED_FLAG = '活动已取消'
/** A follow-up left this long is the job's: far beyond a function's 60 s, so its own call has died. */
export const FOLLOW_UP_SETTLE_MS = 5 * 60_000
/** Activities per page of the job's sweep. */
export const FOLLOW_UP_PAGE = 20
const DUE_PAGE = 100
/** As many as notify.ts sends at once, so a batch is one round of sends and one write. */
const NOTICE_BATCH = 10
/** Pages of notices at most (an activity has at most 2000 sign-ups; stops a page that cannot be marked). */
const MAX_DUE_PAGES = 25

/** The follow-up of an edit, merged with one an earlier edit left unfinished. */
export function editFollowUp(pending: FollowUp | undefined, rev: number, parts: Pick<FollowUp, 'copy' | 'notify' | 'promote'>): FollowUp | null {
  const prev = pending?.kind === 'edit' ? pending : null
  const copy = parts.copy || (prev?.copy ?? false)
  const notify = parts.notify || (prev?.notify ?? false)
  const more = parts.promote || (prev?.promote ?? false)
  if (!copy && !notify && !more) return null
  return { kind: 'edit', rev, copy, notify, promote: more, reason: null, tries: 0 }
}

export function cancelFollowUp(rev: number, reason: string): FollowUp {
  return { kind: 'cancel', rev, copy: false, notify: true, promote: false, reason, tries: 0 }
}

async function mark(store: Store, a: ActivityDoc, f: FollowUp, now: Date): Promise<void> {
  if (f.kind === 'cancel') {
    await cancelActiveSignups(store, a._id, a.cancelledAt ?? now, CANCELLED_FLAG, f.rev)
    return
  }
  if (f.copy) await store.updateWhere(C.activity_signups, { activityId: a._id }, { activityTitle: a.title, activityStartAt: a.startAt })
  if (f.notify) await markNoticeDue(store, a._id, f.rev)
}

/** Sends every notice still owed; how many people were sent one. */
async function tell(store: Store, a: ActivityDoc, f: FollowUp): Promise<number> {
  let told = 0
  for (let page = 0; page < MAX_DUE_PAGES; page++) {
    const due = await noticesDue(store, a._id, f.rev, DUE_PAGE)
    for (let i = 0; i < due.length; i += NOTICE_BATCH) {
      const batch = due.slice(i, i + NOTICE_BATCH)
      if (f.kind === 'cancel') await notifyCancelled(a, batch, f.reason ?? '')
      else await notifyChanged(a, batch)
      await markTold(
        store,
        batch.map((s) => s._id),
        f.rev
      )
      told += batch.length
    }
    if (due.length < DUE_PAGE) break
  }
  return told
}

/**
 * Takes over a follow-up left behind: one conditional update on its time and count of takers as
 * read moves the time to now and counts one more, so of two takers (a retried call and the job, or
 * two job runs) one goes on, and the job waits another FOLLOW_UP_SETTLE_MS.
 */
export async function claimFollowUp(store: Store, a: ActivityDoc, now: Date): Promise<boolean> {
  if (!a.followUp) return false
  return claimFollowUpAt(store, { _id: a._id, followUpAt: a.followUpAt, tries: a.followUp.tries }, now)
}

/**
 * Runs the follow-up of `a` (the activity as it is now, with its marker); returns how many people
 * were sent a notice. `a` must be the latest version: the notice and the copies carry its title.
 */
export async function runFollowUp(store: Store, a: ActivityDoc, now: Date): Promise<number> {
  const f = a.followUp
  if (!f) return 0
  await mark(store, a, f, now)
  const told = await tell(store, a, f)
  if (f.promote && a.status === 'published') await promote(store, a._id, now)
  await clearFollowUp(store, a._id, f.rev)
  return told
}

export interface FollowUpSweep {
  /** Follow-ups finished, and those that failed again (left for a later run). */
  finished: number
  failed: number
}

/**
 * The job's part: follow-ups idle for FOLLOW_UP_SETTLE_MS (the (followUpAt) index), oldest first,
 * page by page until none is left or `stopAt` (Date.now()) is reached. Each is taken over first, so
 * it leaves the range whether it then finishes or fails (a failure is logged and tried again by a
 * run at least FOLLOW_UP_SETTLE_MS later).
 */
export async function sweepFollowUps(store: Store, now: Date, stopAt: number): Promise<FollowUpSweep> {
  const result: FollowUpSweep = { finished: 0, failed: 0 }
  const before = new Date(now.getTime() - FOLLOW_UP_SETTLE_MS)
  const seen = new Set<string>()
  while (Date.now() < stopAt) {
    const rows = await idleFollowUps(store, before, FOLLOW_UP_PAGE, NO_QUEUE)
    const fresh = rows.filter((a) => !seen.has(a._id))
    if (fresh.length === 0) return result
    for (const a of fresh) {
      if (Date.now() >= stopAt) return result
      seen.add(a._id)
      if (!(await claimFollowUp(store, a, now))) continue
      try {
        await runFollowUp(store, a, now)
        result.finished++
      } catch (e) {
        console.error(`[volunteers] follow-up of ${a._id} (${a.followUp?.kind}) failed, left for a later run`, e)
        result.failed++
      }
    }
    if (rows.length < FOLLOW_UP_PAGE) return result
  }
  return result
}
