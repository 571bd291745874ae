/**
 * Repair of the place counters (part of the volunteer job). A sign-up takes its place on the
 * activity's counters first and writes its sign-up after (signups.ts); a function that dies in
 * between leaves signedCount or waitlistCount one too high for good. Here, for every activity still
 * open (published, not ended; paged through the (status, endAt) index), the committed sign-ups are
 * counted per status (one aggregate per page) and compared with the counters:
 * - equal: nothing is written (a stale record is removed; a free place while people wait — a
 *   promotion that died — is given to the head of the line);
 * - different, and not as recorded: the difference is recorded on the activity (`countCheck`), by a
 *   conditional update on the counters and `countsRev` as read — a sign-up in flight looks the same
 *   for a few milliseconds, so nothing is repaired on one look;
 * - different exactly as recorded at least SETTLE_MS ago: one transaction sets the counters to the
 *   recount, with its audit entry, if `countsRev` and both counters are still the recorded ones. Every
 *   counter change bumps `countsRev`, so any sign-up, cancel or promotion since the record makes it a
 *   no-op (the next run starts over); two jobs at once repair once. Then a promotion.
 */
import type { AuditDoc } from '../_shared/docs'
import type { Store } from '../_shared/store'
import type { ActivityDoc, CountCheck } from './docs'
import { activeSignupGroups, clearCountCheck, openActivitiesAfter, recordCountCheck, repairCounts } from './places-repo'
import { NO_QUEUE } from './repo'
import { promote } from './signups'

export const CHECK_PAGE = 50
/** How long a difference must stay unchanged before it is repaired: far beyond a function's 60 s timeout. */
export const SETTLE_MS = 5 * 60_000

export interface Counted {
  signed: number
  waitlisted: number
}

export interface CountCheckResult {
  checked: number
  repaired: number
}

/** Where the previous page ended: its last endAt and every id seen with that endAt (ties). */
interface Cursor {
  endAt: Date
  ids: string[]
}

async function openActivities(store: Store, now: Date, after: Cursor | null): Promise<ActivityDoc[]> {
  return openActivitiesAfter(store, now, after, CHECK_PAGE, NO_QUEUE)
}

function nextCursor(rows: ActivityDoc[], prev: Cursor | null): Cursor {
  const last = new Date(rows[rows.length - 1].endAt)
  const tied = rows.filter((a) => new Date(a.endAt).getTime() === last.getTime()).map((a) => a._id)
  const carried = prev && prev.endAt.getTime() === last.getTime() ? prev.ids : []
  return { endAt: last, ids: [...carried, ...tied] }
}

/** Signed and waiting sign-ups per activity, in one aggregate through the (activity, status, …) index. */
export async function countSignups(store: Store, ids: string[]): Promise<Map<string, Counted>> {
  const rows = await activeSignupGroups(store, ids)
  const out = new Map<string, Counted>(ids.map((id) => [id, { signed: 0, waitlisted: 0 }]))
  for (const r of rows) {
    const c = out.get(r._id.activityId)
    if (c) c[r._id.status] = r.n
  }
  return out
}

const asRecorded = (a: ActivityDoc, n: Counted, r: CountCheck): boolean =>
  r.signedCount === a.signedCount && r.waitlistCount === a.waitlistCount && r.countsRev === (a.countsRev ?? null) && r.signed === n.signed && r.waitlisted === n.waitlisted

async function record(store: Store, a: ActivityDoc, n: Counted, now: Date): Promise<void> {
  const check: CountCheck = { signedCount: a.signedCount, waitlistCount: a.waitlistCount, countsRev: a.countsRev ?? null, signed: n.signed, waitlisted: n.waitlisted, at: now }
  await recordCountCheck(store, a, check)
}

function logRepair(a: ActivityDoc, n: Counted): void {
  const what = `signedCount ${a.signedCount}→${n.signed}, waitlistCount ${a.waitlistCount}→${n.waitlisted}`
  if (n.signed > a.signedCount) {
    console.error(`[volunteers] ${a._id}: ${n.signed} people hold a place but signedCount was ${a.signedCount} (capacity ${a.capacity}): places were given beyond the count; repaired ${what}`)
  } else {
    console.warn(`[volunteers] ${a._id}: counters left behind by an interrupted sign-up, repaired ${what}`)
  }
}

async function repair(store: Store, a: ActivityDoc, n: Counted, r: CountCheck, now: Date): Promise<boolean> {
  const detail = {
    source: 'count_check',
    before: { signedCount: a.signedCount, waitlistCount: a.waitlistCount },
    after: { signedCount: n.signed, waitlistCount: n.waitlisted },
    firstSeenAt: r.at
  }
  const entry: AuditDoc = { targetType: 'volunteer_activity', targetId: a._id, action: 'repair_counts', by: 'system', byRoles: [], at: now, detail }
  // the counters and their audit entry together, or neither
  if (!(await repairCounts(store, a, n, entry))) return false
  logRepair(a, n)
  await promote(store, a._id, now)
  return true
}

/** One activity against its recount; true when its counters were repaired. */
export async function checkActivity(store: Store, a: ActivityDoc, n: Counted, now: Date): Promise<boolean> {
  if (a.signedCount === n.signed && a.waitlistCount === n.waitlisted) {
    if (a.countCheck) await clearCountCheck(store, a)
    else if (a.signedCount < a.capacity && a.waitlistCount > 0) await promote(store, a._id, now)
    return false
  }
  const r = a.countCheck
  if (!r || !asRecorded(a, n, r)) {
    await record(store, a, n, now)
    return false
  }
  if (now.getTime() - new Date(r.at).getTime() < SETTLE_MS) return false
  return repair(store, a, n, r, now)
}

/** Checks every open activity, page by page, until done or `stopAt` (Date.now()) is reached. */
export async function checkCounts(store: Store, now: Date, stopAt: number): Promise<CountCheckResult> {
  const result: CountCheckResult = { checked: 0, repaired: 0 }
  let cursor: Cursor | null = null
  while (Date.now() < stopAt) {
    const rows = await openActivities(store, now, cursor)
    if (rows.length === 0) return result
    const counted = await countSignups(
      store,
      rows.map((a) => a._id)
    )
    for (const a of rows) {
      if (Date.now() >= stopAt) return result
      if (await checkActivity(store, a, counted.get(a._id) ?? { signed: 0, waitlisted: 0 }, now)) result.repaired++
      result.checked++
    }
    if (rows.length < CHECK_PAGE) return result
    cursor = nextCursor(rows, cursor)
  }
  return result
}
