/**
 * The volunteer job (timer trigger, see config.json; locally every minute):
 * - cancels and edits cut short: activities whose follow-up (sign-ups, notices, the line) has been
 *   left unfinished for 5 minutes are finished (./follow-up.ts);
 * - the day-before reminder: activities whose `remindAt` passed (indexed) — each signed-up person
 *   gets one subscribe message (the sign-up is marked first, by a conditional update, so a person is
 *   reminded once even if two runs overlap); then the activity's remindAt is cleared;
 * - missing check-outs: activities whose `closeAt` (end + 2 h) passed — everyone checked in but not
 *   out is checked out at the end, hours counted to the end and flagged for the organiser, each
 *   with its audit entry (organisers' own hours and those of a sign-up flagged as a relayed scan are
 *   filed for approval instead); then closeAt is cleared;
 * - the place counters: activities still open (published, not ended) whose signedCount /
 *   waitlistCount disagree with their committed sign-ups for at least 5 minutes — left behind by a
 *   sign-up that died half-way — are set to the recount, audited, and the line moves up
 *   (./count-check.ts);
 * - registrations still holding a plain ID number are rewritten encrypted (./id-migration.ts).
 */
import { C } from '../_shared/collections'
import type { AuditDoc } from '../_shared/docs'
import type { Store } from '../_shared/store'
import { checkCounts } from './count-check'
import { sweepFollowUps } from './follow-up'
import type { ActivityDoc, SignupDoc } from './docs'
import { signupPointsInTx } from './hours-points'
import { encryptOldIdNumbers } from './id-migration'
import { organisesActivity } from './access'
import { fileInTx, hoursRequest, OWN_HOURS_REASON, RELAY_HOURS_REASON } from './hours-requests'
import { notifyReminder } from './notify'
import { claimReminder, dueActivities, loadSettings } from './repo'
import { hoursBetween } from '@/domain/volunteer-rules'

export const JOB_PAGE = 50
const PEOPLE = 1000
const JOB_BUDGET_MS = 40_000
export const AUTO_CLOSED_FLAG = '未签退，已自动结束'

export interface VolunteerJobResult {
  /** Follow-ups of cancels and edits finished for calls cut short. */
  followUps: number
  reminded: number
  closed: number
  activities: number
  /** Open activities whose counters were compared with their sign-ups, and how many were repaired. */
  countsChecked: number
  countsRepaired: number
  /** Registrations whose plain ID number was rewritten encrypted. */
  idNumbersEncrypted: number
}

async function signedOf(store: Store, activityId: string): Promise<SignupDoc[]> {
  return store.find<SignupDoc>(C.activity_signups, { activityId, status: 'signed' }, { limit: PEOPLE })
}

async function remind(store: Store, a: ActivityDoc, now: Date): Promise<number> {
  let sent = 0
  if (a.status === 'published' && now < new Date(a.startAt)) {
    for (const s of await signedOf(store, a._id)) {
      if (s.remindedAt) continue
      if ((await claimReminder(store, s._id, now)) && (await notifyReminder(a, s))) sent++
    }
  }
  await store.updateWhere(C.volunteer_activities, { _id: a._id, remindAt: a.remindAt }, { remindAt: null })
  return sent
}

/**
 * An organiser, or a person whose scan looked relayed, who did not check out: the hours up to the
 * end are filed for an organiser's approval (`reason`), not counted.
 */
async function fileForApproval(store: Store, a: ActivityDoc, s: SignupDoc, roundingHours: number, why: string, now: Date): Promise<boolean> {
  const end = new Date(a.endAt)
  const span = { startAt: new Date(a.startAt), endAt: end, hoursCredit: a.hoursCredit }
  return store.transaction(async (tx) => {
    const cur = await tx.get<SignupDoc>(C.activity_signups, s._id)
    if (!cur || cur.status !== 'signed' || !cur.checkInAt || cur.checkOutAt || cur.pendingId) return false
    const hours = hoursBetween(new Date(cur.checkInAt), end, span, roundingHours)
    const reason = `${why}（未签退，活动结束后自动提交）`
    const req = hoursRequest(a, cur, { kind: 'manual_checkout', at: end, hours, reason, by: { userId: 'system', name: '系统' } }, now)
    await fileInTx(tx, cur, req, (detail): AuditDoc => ({ targetType: 'volunteer_signup', targetId: cur._id, action: 'hours.request', by: 'system', byRoles: [], at: now, detail }), now)
    return true
  })
}

async function closeOne(store: Store, a: ActivityDoc, s: SignupDoc, roundingHours: number, now: Date): Promise<boolean> {
  if (s.relaySuspect) return fileForApproval(store, a, s, roundingHours, RELAY_HOURS_REASON, now)
  if (await organisesActivity(store, a, s.userId)) return fileForApproval(store, a, s, roundingHours, OWN_HOURS_REASON, now)
  const end = new Date(a.endAt)
  const span = { startAt: new Date(a.startAt), endAt: end, hoursCredit: a.hoursCredit }
  return store.transaction(async (tx) => {
    const cur = await tx.get<SignupDoc>(C.activity_signups, s._id)
    if (!cur || cur.status !== 'signed' || !cur.checkInAt || cur.checkOutAt) return false
    const hours = hoursBetween(new Date(cur.checkInAt), end, span, roundingHours)
    const note = `志愿服务：${a.title}（未签退，自动结束）`
    const points = await signupPointsInTx(store, tx, cur, { refId: cur._id, toHours: hours, operatorId: 'system', note, takeBackNote: `志愿服务：${a.title}（未签退，自动结束，扣回积分）` }, now)
    await tx.update(C.activity_signups, s._id, {
      checkOutAt: end,
      hours,
      hoursStatus: cur.pendingId ? 'pending' : 'counted',
      autoClosed: true,
      flags: [...cur.flags, AUTO_CLOSED_FLAG],
      ...points.fields,
      updatedAt: now,
      rev: cur.rev + 1
    })
    const entry: AuditDoc = {
      targetType: 'volunteer_signup',
      targetId: s._id,
      action: 'hours',
      by: 'system',
      byRoles: [],
      at: now,
      detail: { source: 'auto_close', from: cur.hours, to: hours, ...points.audit }
    }
    await tx.insert(C.audit_log, entry)
    return true
  })
}

async function close(store: Store, a: ActivityDoc, roundingHours: number, now: Date): Promise<number> {
  let closed = 0
  for (const s of await signedOf(store, a._id)) {
    if (!s.checkInAt || s.checkOutAt) continue
    if (await closeOne(store, a, s, roundingHours, now)) closed++
  }
  await store.updateWhere(C.volunteer_activities, { _id: a._id, closeAt: a.closeAt }, { closeAt: null })
  return closed
}

/** Activities whose `field` time passed, oldest first (they leave the range once handled). */
function due(store: Store, field: 'remindAt' | 'closeAt', now: Date): Promise<ActivityDoc[]> {
  return dueActivities(store, field, now, JOB_PAGE)
}

export async function runVolunteerJob(store: Store, now: Date): Promise<VolunteerJobResult> {
  const result: VolunteerJobResult = { followUps: 0, reminded: 0, closed: 0, activities: 0, countsChecked: 0, countsRepaired: 0, idNumbersEncrypted: 0 }
  const stopAt = Date.now() + JOB_BUDGET_MS
  const { roundingHours } = await loadSettings(store)
  result.followUps = (await sweepFollowUps(store, now, stopAt)).finished
  for (const a of await due(store, 'remindAt', now)) {
    if (Date.now() >= stopAt) return result
    result.reminded += await remind(store, a, now)
    result.activities++
  }
  for (const a of await due(store, 'closeAt', now)) {
    if (Date.now() >= stopAt) return result
    result.closed += await close(store, a, roundingHours, now)
    result.activities++
  }
  const counts = await checkCounts(store, now, stopAt)
  result.countsChecked = counts.checked
  result.countsRepaired = counts.repaired
  result.idNumbersEncrypted = await encryptOldIdNumbers(store, stopAt)
  return result
}
