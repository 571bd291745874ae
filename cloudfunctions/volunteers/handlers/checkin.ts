/**
 * Check-in and check-out, two ways (the activity's checkInMode):
 * - activity_code: the organiser shows the activity's rotating code, the volunteer scans it;
 * - personal_code: the volunteer shows their own rotating code, an organiser of the activity scans it.
 * Either way the first scan checks in and the second checks out, by the same rules. Every scan keeps
 * where it was made; a volunteer's own scan at the same spot as another person's is flagged (../relay.ts).
 */
import type { ActionName, ActivityDetail, CheckinCode, ParsedInputOf, PersonalCode, PersonalScanResult, ScanResult, VolunteerSettings } from '@/contract'
import type { Ctx } from '../../_shared/router'
import type { TxStore } from '../../_shared/store'
import { C } from '../../_shared/collections'
import { auditEntry, updateAudited } from '../../_shared/audit'
import { iso } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { mayManageActivity, organisesActivity, requireManageActivity } from '../access'
import type { ActivityDoc, RelaySuspect, ScanRecord, SettingsDoc, SignupDoc } from '../docs'
import { signupPointsInTx } from '../hours-points'
import { fileInTx, hoursRequest, OWN_HOURS_REASON, RELAY_HOURS_REASON } from '../hours-requests'
import { flagCheckIn, flagOthersInTx, relayMatches, relaySuspectOf } from '../relay'
import { checkInSignup, checkOutPatch, giveBackShortCodeTry, takeShortCodeTry } from '../places-repo'
import { loadActivity, loadSettings, loadSignup, prefetchActivityTeam, prefetchSettings, prefetchSignup, requireActivity, settingsOf } from '../repo'
import { prefetchedDoc, prefetchedOne, withPrefetch, type Prefetch } from '../../_shared/prefetch'
import { checkinWindowProblem, checkoutWindowProblem, distanceProblem, hoursBetween, RESCAN_GUARD_MS, spanOf } from '@/domain/volunteer-rules'
import {
  makeCode,
  makePersonalCode,
  makeShortCode,
  nextShortCodeTries,
  parseCode,
  parsePersonalCode,
  relayCell,
  SHORT_CODE_RE,
  shortCodeLockedMinutes,
  slotOf,
  verifyCode,
  verifyShortCode,
  type ParsedCode
} from '../rules'
import { detailFor } from './activities'

type In<A extends ActionName> = ParsedInputOf<A>

export const UNREADABLE_CODE = '签到码无法识别，请扫描活动现场组织者出示的签到二维码'
export const OTHER_ACTIVITY_CODE = '这是其他活动的签到码，请扫描本活动的签到二维码'
export const INVALID_CODE = '签到码无效，请扫描组织者手机上显示的最新二维码'
export const EXPIRED_CODE = '签到码已过期，请扫描组织者手机上显示的最新二维码'
export const PERSONAL_MODE_ONLY = '本活动要求一人一码签到，不能扫活动签到码：请在本活动页面出示“我的签到码”，由组织者扫码签到或签退'
export const NOT_PERSONAL_MODE = '本活动扫组织者出示的活动签到码签到，不需要个人签到码'
export const UNREADABLE_PERSONAL = '无法识别，请扫描志愿者在活动页面出示的个人签到码'
export const ACTIVITY_CODE_NOT_PERSONAL = '这是活动签到码，不是志愿者的个人签到码，请扫描志愿者手机上的签到码'
export const OTHER_ACTIVITY_PERSONAL = '这是其他活动的个人签到码，请志愿者打开本活动页面的签到码'
export const INVALID_PERSONAL = '签到码无效，请扫描志愿者手机上显示的最新签到码'
export const EXPIRED_PERSONAL = '志愿者的签到码已过期，请志愿者刷新页面后再扫'
export const PERSONAL_CODE_TO_ORGANISER = '这是志愿者的个人签到码，要由活动组织者扫描'
export const OWN_PERSONAL_CODE = '不能扫自己的签到码，请由其他组织者扫码，或请其他组织者办理手工签到'
/** What a person whose hours wait for approval is told (ScanResult.reviewReason). */
export const OWN_HOURS_REVIEW = '组织者本人的服务时长，需另一位组织者或镇创建办审核后计入'
export const SHORT_CODE_NEEDS_ACTIVITY = '数字签到码要在活动页面里输入，请打开本活动后再签到'
export const INVALID_SHORT_CODE = '数字签到码不对，请核对组织者手机上二维码下方的 6 位数字'
export const EXPIRED_SHORT_CODE = '数字签到码已过期，请输入组织者手机上显示的最新 6 位数字'
export const SHORT_CODE_BUSY = '签到太频繁，请稍后再试'
export const shortCodeLocked = (minutes: number) => `数字签到码输错次数过多，请 ${minutes} 分钟后再试，或用相机扫码签到`
export const RELAY_REVIEW = '扫码位置与他人的扫码位置重合，服务时长需组织者核实本人到场后计入'

const modeOf = (a: Pick<ActivityDoc, 'checkInMode'>) => a.checkInMode ?? 'activity_code'

/** A code's current slot, and when the next one starts. */
function rotating(activityId: string, code: string, slot: number, rotateSeconds: number): CheckinCode {
  return { activityId, code, expiresAt: new Date((slot + 1) * rotateSeconds * 1000).toISOString(), rotateSeconds }
}

/** The activity with its code secret (not its queue) and the settings, read with the caller's profile (one request) or on their own. */
async function activityAndSettings(ctx: Ctx, activityId: string): Promise<[ActivityDoc, VolunteerSettings]> {
  if (!ctx.prefetched) return Promise.all([requireActivity(ctx.store, activityId, true), loadSettings(ctx.store)])
  const a = prefetchedDoc<ActivityDoc>(ctx, 'activity') ?? fail('NOT_FOUND', '没有找到这个活动')
  return [a, settingsOf(prefetchedDoc<SettingsDoc>(ctx, 'settings') ?? null)]
}

const withSecret = (activityId: string): Prefetch => ({ coll: C.volunteer_activities, match: { _id: activityId }, omit: ['queue'] })

/** The activity (with its code secret), the settings and the activity's team (who may show the code) come with the caller's profile: one request. */
export const checkinCode = withPrefetch<'volunteers.checkinCode'>(
  (input) => ({ activity: withSecret(input.activityId), settings: prefetchSettings(), activityTeam: prefetchActivityTeam() }),
  async (input, ctx) => showCheckinCode(input, ctx)
)

async function showCheckinCode(input: In<'volunteers.checkinCode'>, ctx: Ctx): Promise<CheckinCode> {
  const [a, settings] = await activityAndSettings(ctx, input.activityId)
  await requireManageActivity(ctx, a)
  if (a.status !== 'published') fail('CONFLICT', a.status === 'cancelled' ? '活动已取消，不能签到' : '活动尚未发布，不能签到')
  if (modeOf(a) === 'personal_code') fail('CONFLICT', '本活动要求一人一码签到，没有活动签到码：请点“扫志愿者签到码”，扫描志愿者手机上的签到码')
  const slot = slotOf(ctx.now(), settings.rotateSeconds)
  return { ...rotating(a._id, makeCode(a._id, a.codeSecret, slot), slot, settings.rotateSeconds), shortCode: makeShortCode(a._id, a.codeSecret, slot) }
}

interface CodeMessages {
  invalid: string
  expired: string
}
const ACTIVITY_CODE_MESSAGES: CodeMessages = { invalid: INVALID_CODE, expired: EXPIRED_CODE }
const PERSONAL_CODE_MESSAGES: CodeMessages = { invalid: INVALID_PERSONAL, expired: EXPIRED_PERSONAL }

/** The activity of a genuine, current code. */
function checkCode(parsed: ParsedCode, a: ActivityDoc | null, settings: VolunteerSettings, now: Date, m: CodeMessages): ActivityDoc {
  if (!a) return fail('INVALID_INPUT', m.invalid)
  const verdict = verifyCode(parsed, a.codeSecret, now, settings.rotateSeconds)
  if (verdict === 'forged') fail('INVALID_INPUT', m.invalid)
  if (verdict === 'expired') fail('INVALID_INPUT', m.expired)
  if (a.status !== 'published') fail('CONFLICT', '活动已取消，不能签到')
  return a
}

/** Whose sign-up a scan is about, for the messages: the caller's own ('您') or the scanned volunteer's. */
interface Subject {
  s: SignupDoc
  /** '您' or the volunteer's name. */
  who: string
  /** Whether the person organises the activity (their hours then wait for someone else). */
  organises: () => Promise<boolean>
}

function checkPerson(s: SignupDoc | null, who: string): SignupDoc {
  if (!s || s.status !== 'signed') {
    const reason = s?.status === 'waitlisted' ? `${who}还在候补中，没有正式名额，不能签到` : `${who}没有报名这个活动，不能签到`
    return fail('FORBIDDEN', reason)
  }
  return s
}

function checkPlace(a: ActivityDoc, at: { lng: number; lat: number }, settings: VolunteerSettings): void {
  const far = distanceProblem(a.venue.location, at, settings.maxDistanceM)
  if (far) fail('INVALID_INPUT', far)
}

function scanRecord(input: { location: { lng: number; lat: number }; accuracy?: number }, ctx: Ctx, by: ScanRecord['by'], now: Date): ScanRecord {
  return { at: now, lng: input.location.lng, lat: input.location.lat, accuracy: input.accuracy ?? null, by, scannedBy: by === 'organiser' ? ctx.userId : null }
}

async function checkIn(ctx: Ctx, a: ActivityDoc, s: SignupDoc, settings: VolunteerSettings, scan: ScanRecord, now: Date): Promise<ScanResult> {
  const problem = checkinWindowProblem(spanOf(a), now, settings.checkinOpensMinutes)
  if (problem) fail('CONFLICT', problem)
  const own = scan.by === 'self'
  if (!(await checkInSignup(ctx.store, s._id, scan, own ? [relayCell(scan)] : null, now))) {
    // scanned twice at once: the other scan checked in
    const cur = await loadSignup(ctx.store, a._id, s.userId)
    if (!cur?.checkInAt) return fail('CONFLICT', '签到状态刚刚发生变化，请再扫一次')
    return { kind: 'checkin', at: new Date(cur.checkInAt).toISOString(), hours: null, activityTitle: a.title }
  }
  // written first, looked up after: of two relayed scans at once, the later one finds the earlier
  if (own) await flagCheckIn(ctx.store, s, scan, now)
  return { kind: 'checkin', at: now.toISOString(), hours: null, activityTitle: a.title }
}

interface CheckedOut {
  at: Date
  hours: number
  /** Why the hours wait for approval; null: counted. */
  review: string | null
}

/** What a check-out scan writes on the sign-up besides the hours: its record, its cell (an own scan), a new flag. */
function checkOutFields(ctx: Ctx, cur: SignupDoc, scan: ScanRecord, suspect: RelaySuspect | null): object {
  return checkOutPatch(ctx.store, scan, scan.by === 'self' ? [...(cur.scanCells ?? []), relayCell(scan)] : null, suspect)
}

interface Out {
  a: ActivityDoc
  cur: SignupDoc
  scan: ScanRecord
  hours: number
  fields: object
  now: Date
}

/** Files the check-out as a request (one pending request per sign-up: with one waiting already, nothing more). */
async function fileCheckOutInTx(ctx: Ctx, tx: TxStore, o: Out, organises: boolean): Promise<CheckedOut> {
  const review = organises ? OWN_HOURS_REVIEW : RELAY_REVIEW
  if (o.cur.pendingId) return { at: o.now, hours: o.hours, review }
  const reason = organises ? OWN_HOURS_REASON : RELAY_HOURS_REASON
  const req = hoursRequest(o.a, o.cur, { kind: 'manual_checkout', at: o.now, hours: o.hours, reason, by: { userId: ctx.userId, name: ctx.user?.name ?? '' } }, o.now)
  await fileInTx(tx, o.cur, req, (detail) => auditEntry(ctx, 'volunteer_signup', o.cur._id, 'hours.request', detail), o.now, o.fields)
  return { at: o.now, hours: o.hours, review }
}

/** Counts the hours: the sign-up, the hours' points and the audit entry. */
async function creditCheckOutInTx(ctx: Ctx, tx: TxStore, o: Out): Promise<CheckedOut> {
  const { a, cur, hours, now } = o
  // hours approved before the check-out (a correction) may be more than the scan counts: then points go back
  const points = await signupPointsInTx(
    ctx.store,
    tx,
    cur,
    { refId: cur._id, toHours: hours, operatorId: ctx.userId, note: `志愿服务：${a.title}`, takeBackNote: `志愿服务：${a.title}（签退时长少于已记时长，扣回积分）` },
    now
  )
  await tx.update(C.activity_signups, cur._id, { checkOutAt: now, hours, hoursStatus: cur.pendingId ? 'pending' : 'counted', ...o.fields, ...points.fields, updatedAt: now, rev: cur.rev + 1 })
  const source = o.scan.by === 'self' ? 'scan' : 'personal_scan'
  await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_signup', cur._id, 'hours', { source, from: cur.hours, to: hours, checkInAt: cur.checkInAt, checkOutAt: now, ...points.audit }))
  return { at: now, hours, review: null }
}

/**
 * Check-out. Counted at once, written with their points and audit entry in one transaction — unless
 * the person organises the activity (nobody counts their own hours) or a scan of theirs looked
 * relayed: then the check-out is filed as a request an organiser (never the person) approves, as a
 * manual check-out is; a second scan finds it.
 */
async function checkOut(ctx: Ctx, a: ActivityDoc, subject: Subject, settings: VolunteerSettings, scan: ScanRecord, now: Date): Promise<ScanResult> {
  const { s } = subject
  const problem = checkoutWindowProblem(spanOf(a), now)
  if (problem) fail('CONFLICT', problem)
  const hours = hoursBetween(new Date(s.checkInAt as Date), now, spanOf(a), settings.roundingHours)
  const [organises, matches] = await Promise.all([subject.organises(), scan.by === 'self' ? relayMatches(ctx.store, a._id, s, scan) : Promise.resolve([])])
  const result = await ctx.store.transaction(async (tx): Promise<CheckedOut> => {
    const cur = await tx.get<SignupDoc>(C.activity_signups, s._id)
    if (!cur || cur.status !== 'signed') return fail('CONFLICT', `${subject.who}没有正式报名这个活动`)
    await flagOthersInTx(ctx.store, tx, matches, cur, now)
    if (cur.checkOutAt) return { at: cur.checkOutAt, hours: cur.hours, review: null }
    const suspect = !cur.relaySuspect && matches.length > 0 ? relaySuspectOf(matches, now) : null
    const out: Out = { a, cur, scan, hours, fields: checkOutFields(ctx, cur, scan, suspect), now }
    return organises || cur.relaySuspect || suspect ? fileCheckOutInTx(ctx, tx, out, organises) : creditCheckOutInTx(ctx, tx, out)
  })
  const review = result.review ? { pendingReview: true as const, reviewReason: result.review } : {}
  return { kind: 'checkout', at: new Date(result.at).toISOString(), hours: result.hours, activityTitle: a.title, ...review }
}

/** The first scan checks in, one within a minute is the same again, the next checks out. */
async function attend(ctx: Ctx, a: ActivityDoc, subject: Subject, settings: VolunteerSettings, scan: ScanRecord, now: Date): Promise<ScanResult> {
  const { s } = subject
  if (!s.checkInAt) return checkIn(ctx, a, s, settings, scan, now)
  if (s.checkOutAt) fail('CONFLICT', `${subject.who}已签退，本次服务时长 ${s.hours} 小时`)
  if (now.getTime() - new Date(s.checkInAt).getTime() < RESCAN_GUARD_MS) {
    return { kind: 'checkin', at: new Date(s.checkInAt).toISOString(), hours: null, activityTitle: a.title }
  }
  return checkOut(ctx, a, subject, settings, scan, now)
}

/**
 * The volunteer types the activity's six-digit code on its page (no camera). A try is counted on the
 * sign-up before the digits are compared and given back when they are right: wrong ones are limited
 * (../rules.ts). Then the same checks and attendance as a scan of the QR code.
 */
async function scanShortCode(input: In<'volunteers.scan'>, ctx: Ctx): Promise<ScanResult> {
  const now = ctx.now()
  const activityId = input.activityId ?? fail('INVALID_INPUT', SHORT_CODE_NEEDS_ACTIVITY)
  const [found, settings, signup] = await Promise.all([loadActivity(ctx.store, activityId, true), loadSettings(ctx.store), loadSignup(ctx.store, activityId, ctx.userId)])
  if (!found) return fail('NOT_FOUND', '没有找到这个活动')
  if (modeOf(found) === 'personal_code') fail('CONFLICT', PERSONAL_MODE_ONLY)
  const s = checkPerson(signup, '您')
  const locked = shortCodeLockedMinutes(s.shortCodeTries, now)
  if (locked !== null) fail('RATE_LIMITED', shortCodeLocked(locked))
  if (!(await takeShortCodeTry(ctx.store, s, nextShortCodeTries(s.shortCodeTries, now), now))) fail('RATE_LIMITED', SHORT_CODE_BUSY)
  const verdict = verifyShortCode(found._id, found.codeSecret, input.code, now, settings.rotateSeconds)
  if (verdict !== 'ok') fail('INVALID_INPUT', verdict === 'expired' ? EXPIRED_SHORT_CODE : INVALID_SHORT_CODE)
  await giveBackShortCodeTry(ctx.store, s._id)
  if (found.status !== 'published') fail('CONFLICT', '活动已取消，不能签到')
  checkPlace(found, input.location, settings)
  const organises = async () => found.organiserId === ctx.userId || (await mayManageActivity(ctx, found))
  return attend(ctx, found, { s, who: '您', organises }, settings, scanRecord(input, ctx, 'self', now), now)
}

/** The volunteer scans the activity's code (or types its six digits: scanShortCode). */
export async function scan(input: In<'volunteers.scan'>, ctx: Ctx): Promise<ScanResult> {
  if (SHORT_CODE_RE.test(input.code.trim())) return scanShortCode(input, ctx)
  const now = ctx.now()
  const parsed = parseCode(input.code) ?? fail('INVALID_INPUT', parsePersonalCode(input.code) ? PERSONAL_CODE_TO_ORGANISER : UNREADABLE_CODE)
  if (input.activityId && input.activityId !== parsed.activityId) fail('INVALID_INPUT', OTHER_ACTIVITY_CODE)
  const [found, settings, signup] = await Promise.all([loadActivity(ctx.store, parsed.activityId, true), loadSettings(ctx.store), loadSignup(ctx.store, parsed.activityId, ctx.userId)])
  const a = checkCode(parsed, found, settings, now, ACTIVITY_CODE_MESSAGES)
  if (modeOf(a) === 'personal_code') fail('CONFLICT', PERSONAL_MODE_ONLY)
  const s = checkPerson(signup, '您')
  checkPlace(a, input.location, settings)
  // the caller's grants are at hand: only a team activity costs a read (its leader)
  const organises = async () => a.organiserId === ctx.userId || (await mayManageActivity(ctx, a))
  return attend(ctx, a, { s, who: '您', organises }, settings, scanRecord(input, ctx, 'self', now), now)
}

/* ---------------------------------------------------------------- personal codes */

/**
 * The volunteer's own rotating code (personal_code activities), with their sign-up as it stands: the
 * page learns from it that the organiser has scanned (after the check-out a scan of it is refused).
 */
/** The activity (with its code secret), the settings and the caller's sign-up come with the caller's profile: one request. */
export const personalCode = withPrefetch<'volunteers.personalCode'>(
  (input, { userId }) => ({ activity: withSecret(input.activityId), settings: prefetchSettings(), signup: prefetchSignup(input.activityId, userId) }),
  async (input, ctx) => showPersonalCode(input, ctx)
)

async function showPersonalCode(input: In<'volunteers.personalCode'>, ctx: Ctx): Promise<PersonalCode> {
  const [[a, settings], signup] = await Promise.all([activityAndSettings(ctx, input.activityId), prefetchedOne<SignupDoc>(ctx, 'signup', () => loadSignup(ctx.store, input.activityId, ctx.userId))])
  if (a.status !== 'published') fail(a.status === 'cancelled' ? 'CONFLICT' : 'NOT_FOUND', a.status === 'cancelled' ? '活动已取消，不能签到' : '没有找到这个活动')
  const s = checkPerson(signup, '您')
  if (modeOf(a) !== 'personal_code') fail('CONFLICT', NOT_PERSONAL_MODE)
  const slot = slotOf(ctx.now(), settings.rotateSeconds)
  const code = rotating(a._id, makePersonalCode(a._id, ctx.userId, a.codeSecret, slot), slot, settings.rotateSeconds)
  return { ...code, checkInAt: iso(s.checkInAt), checkOutAt: iso(s.checkOutAt) }
}

/**
 * An organiser scans a volunteer's personal code: the caller must organise the activity (checked
 * before the code is looked at), the code must be current (this slot or the one before) and the
 * volunteer signed up; then check-in or check-out as the volunteer's own scan would, by the same
 * rules — hours of a person who organises the activity wait for approval. The position kept is
 * the organiser's (the scan happens in front of them); such scans are never flagged as relayed.
 */
export async function scanPersonal(input: In<'volunteers.scanPersonal'>, ctx: Ctx): Promise<PersonalScanResult> {
  const now = ctx.now()
  const parsed = parsePersonalCode(input.code) ?? fail('INVALID_INPUT', parseCode(input.code) ? ACTIVITY_CODE_NOT_PERSONAL : UNREADABLE_PERSONAL)
  if (input.activityId && input.activityId !== parsed.activityId) fail('INVALID_INPUT', OTHER_ACTIVITY_PERSONAL)
  const [found, settings, signup] = await Promise.all([loadActivity(ctx.store, parsed.activityId, true), loadSettings(ctx.store), loadSignup(ctx.store, parsed.activityId, parsed.userId)])
  if (!found) return fail('INVALID_INPUT', INVALID_PERSONAL)
  await requireManageActivity(ctx, found)
  if (parsed.userId === ctx.userId) fail('FORBIDDEN', OWN_PERSONAL_CODE)
  const a = checkCode(parsed, found, settings, now, PERSONAL_CODE_MESSAGES)
  const s = checkPerson(signup, '该志愿者')
  checkPlace(a, input.location, settings)
  const organises = () => organisesActivity(ctx.store, a, s.userId)
  const result = await attend(ctx, a, { s, who: s.name, organises }, settings, scanRecord(input, ctx, 'organiser', now), now)
  return { ...result, userId: s.userId, name: s.name }
}

/* ---------------------------------------------------------------- the mode */

/**
 * The town office sets how an activity's volunteers check in (requiring personal codes where
 * relayed codes are a worry); the change and its audit entry in one transaction. Not the
 * organisers: it is the office's check on them.
 */
export async function setCheckInMode(input: In<'volunteers.setCheckInMode'>, ctx: Ctx): Promise<ActivityDetail> {
  const now = ctx.now()
  const { read } = await updateAudited<ActivityDoc>(ctx, C.volunteer_activities, input.activityId, 'volunteer_activity', 'checkInMode', (cur) => {
    if (!cur) return fail('NOT_FOUND', '没有找到这个活动')
    if (cur.status === 'cancelled') return fail('CONFLICT', '活动已取消，不能修改签到方式')
    if (modeOf(cur) === input.mode) return null
    return { patch: { checkInMode: input.mode, updatedAt: now }, detail: { from: modeOf(cur), to: input.mode } }
  })
  const a = read as ActivityDoc
  return detailFor(ctx, { ...a, checkInMode: input.mode }, await loadSignup(ctx.store, a._id, ctx.userId), true)
}
