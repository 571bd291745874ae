/** The organiser's rotating code and the volunteer's scan: first scan checks in, the second checks out. */
import type { ActionName, CheckinCode, ParsedInputOf, ScanResult, VolunteerSettings } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import { fail } from '../../_shared/errors'
import { mayManageActivity, requireManageActivity } from '../access'
import type { ActivityDoc, SignupDoc } from '../docs'
import { signupPointsInTx } from '../hours-points'
import { fileInTx, hoursRequest, OWN_HOURS_REASON } from '../hours-requests'
import { loadActivity, loadSettings, loadSignup, requireActivity } from '../repo'
import {
  checkinWindowProblem,
  checkoutWindowProblem,
  distanceM,
  hoursBetween,
  makeCode,
  parseCode,
  RESCAN_GUARD_MS,
  slotOf,
  verifyCode,
  type ParsedCode
} from '../rules'

type In<A extends ActionName> = ParsedInputOf<A>

export const UNREADABLE_CODE = '签到码无法识别，请扫描活动现场组织者出示的签到二维码'
export const OTHER_ACTIVITY_CODE = '这是其他活动的签到码，请扫描本活动的签到二维码'
export const INVALID_CODE = '签到码无效，请扫描组织者手机上显示的最新二维码'
export const EXPIRED_CODE = '签到码已过期，请扫描组织者手机上显示的最新二维码'

export async function checkinCode(input: In<'volunteers.checkinCode'>, ctx: Ctx): Promise<CheckinCode> {
  const [a, settings] = await Promise.all([requireActivity(ctx.store, input.activityId, true), loadSettings(ctx.store)])
  await requireManageActivity(ctx, a)
  if (a.status !== 'published') fail('CONFLICT', a.status === 'cancelled' ? '活动已取消，不能签到' : '活动尚未发布，不能签到')
  const slot = slotOf(ctx.now(), settings.rotateSeconds)
  return {
    activityId: a._id,
    code: makeCode(a._id, a.codeSecret, slot),
    expiresAt: new Date((slot + 1) * settings.rotateSeconds * 1000).toISOString(),
    rotateSeconds: settings.rotateSeconds
  }
}

/** The activity of a genuine, current code. */
function checkCode(parsed: ParsedCode, a: ActivityDoc | null, settings: VolunteerSettings, now: Date): ActivityDoc {
  if (!a) return fail('INVALID_INPUT', INVALID_CODE)
  const verdict = verifyCode(parsed, a.codeSecret, now, settings.rotateSeconds)
  if (verdict === 'forged') fail('INVALID_INPUT', INVALID_CODE)
  if (verdict === 'expired') fail('INVALID_INPUT', EXPIRED_CODE)
  if (a.status !== 'published') fail('CONFLICT', '活动已取消，不能签到')
  return a
}

function checkPerson(s: SignupDoc | null): SignupDoc {
  if (!s || s.status !== 'signed') return fail('FORBIDDEN', s?.status === 'waitlisted' ? '您还在候补中，没有正式名额，不能签到' : '您没有报名这个活动，不能签到')
  return s
}

function checkPlace(a: ActivityDoc, at: { lng: number; lat: number }, settings: VolunteerSettings): void {
  const d = distanceM(a.venue.location, at)
  if (d > settings.maxDistanceM) fail('INVALID_INPUT', `您距离活动地点约 ${Math.round(d)} 米，超出 ${settings.maxDistanceM} 米的签到范围，请到现场后再扫码`)
}

const span = (a: ActivityDoc) => ({ startAt: new Date(a.startAt), endAt: new Date(a.endAt), hoursCredit: a.hoursCredit })

async function checkIn(ctx: Ctx, a: ActivityDoc, s: SignupDoc, settings: VolunteerSettings, now: Date): Promise<ScanResult> {
  const problem = checkinWindowProblem(span(a), now, settings.checkinOpensMinutes)
  if (problem) fail('CONFLICT', problem)
  const _ = ctx.store.db.command
  const done = await ctx.store.updateWhere(C.activity_signups, { _id: s._id, status: 'signed', checkInAt: null }, { checkInAt: now, updatedAt: now, rev: _.inc(1) })
  if (done !== 1) {
    // scanned twice at once: the other scan checked in
    const cur = await loadSignup(ctx.store, a._id, ctx.userId)
    if (!cur?.checkInAt) return fail('CONFLICT', '签到状态刚刚发生变化，请再扫一次')
    return { kind: 'checkin', at: new Date(cur.checkInAt).toISOString(), hours: null, activityTitle: a.title }
  }
  return { kind: 'checkin', at: now.toISOString(), hours: null, activityTitle: a.title }
}

/**
 * An organiser's own check-out: nobody counts their own hours. The check-out is filed as a request
 * another organiser (or the town office) approves, as a manual check-out is; a second scan finds it.
 */
async function checkOutForReview(ctx: Ctx, a: ActivityDoc, s: SignupDoc, hours: number, now: Date): Promise<ScanResult> {
  const req = hoursRequest(a, s, { kind: 'manual_checkout', at: now, hours, reason: OWN_HOURS_REASON, by: { userId: ctx.userId, name: ctx.user?.name ?? '' } }, now)
  const filed = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<SignupDoc>(C.activity_signups, s._id)
    if (!cur || cur.status !== 'signed') return fail('CONFLICT', '您没有正式报名这个活动')
    if (cur.checkOutAt) return { at: cur.checkOutAt, hours: cur.hours, pending: false }
    if (cur.pendingId) return { at: now, hours, pending: true }
    await fileInTx(tx, cur, req, (detail) => auditEntry(ctx, 'volunteer_signup', cur._id, 'hours.request', detail), now)
    return { at: now, hours, pending: true }
  })
  return { kind: 'checkout', at: new Date(filed.at).toISOString(), hours: filed.hours, activityTitle: a.title, ...(filed.pending ? { pendingReview: true as const } : {}) }
}

/** Check-out: hours counted at once, written with their audit entry in one transaction. */
async function checkOut(ctx: Ctx, a: ActivityDoc, s: SignupDoc, settings: VolunteerSettings, now: Date): Promise<ScanResult> {
  const problem = checkoutWindowProblem(span(a), now)
  if (problem) fail('CONFLICT', problem)
  const checkInAt = new Date(s.checkInAt as Date)
  const hours = hoursBetween(checkInAt, now, span(a), settings.roundingHours)
  // the caller's grants are at hand: only a team activity costs a read (its leader)
  if (a.organiserId === ctx.userId || (await mayManageActivity(ctx, a))) return checkOutForReview(ctx, a, s, hours, now)
  const result = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<SignupDoc>(C.activity_signups, s._id)
    if (!cur || cur.checkOutAt) return { at: cur?.checkOutAt ?? now, hours: cur?.hours ?? 0 }
    // hours approved before the check-out (a correction) may be more than the scan counts: then points go back
    const points = await signupPointsInTx(ctx.store, tx, cur, { refId: cur._id, toHours: hours, operatorId: ctx.userId, note: `志愿服务：${a.title}`, takeBackNote: `志愿服务：${a.title}（签退时长少于已记时长，扣回积分）` }, now)
    await tx.update(C.activity_signups, s._id, { checkOutAt: now, hours, hoursStatus: cur.pendingId ? 'pending' : 'counted', ...points.fields, updatedAt: now, rev: cur.rev + 1 })
    await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_signup', s._id, 'hours', { source: 'scan', from: cur.hours, to: hours, checkInAt, checkOutAt: now, ...points.audit }))
    return { at: now, hours }
  })
  return { kind: 'checkout', at: new Date(result.at).toISOString(), hours: result.hours, activityTitle: a.title }
}

export async function scan(input: In<'volunteers.scan'>, ctx: Ctx): Promise<ScanResult> {
  const now = ctx.now()
  const parsed = parseCode(input.code) ?? fail('INVALID_INPUT', UNREADABLE_CODE)
  if (input.activityId && input.activityId !== parsed.activityId) fail('INVALID_INPUT', OTHER_ACTIVITY_CODE)
  const [found, settings, signup] = await Promise.all([
    loadActivity(ctx.store, parsed.activityId, true),
    loadSettings(ctx.store),
    loadSignup(ctx.store, parsed.activityId, ctx.userId)
  ])
  const a = checkCode(parsed, found, settings, now)
  const s = checkPerson(signup)
  checkPlace(a, input.location, settings)
  if (!s.checkInAt) return checkIn(ctx, a, s, settings, now)
  if (s.checkOutAt) fail('CONFLICT', `您已签退，本次服务时长 ${s.hours} 小时`)
  if (now.getTime() - new Date(s.checkInAt).getTime() < RESCAN_GUARD_MS) {
    return { kind: 'checkin', at: new Date(s.checkInAt).toISOString(), hours: null, activityTitle: a.title }
  }
  return checkOut(ctx, a, s, settings, now)
}
