/**
 * Hours that do not come from a scan — a manual check-in/out or a correction — wait for a second
 * person: another organiser of that village/team or the town office, never the one who asked and
 * never the volunteer. Every change of counted hours is an audit entry written in the same
 * transaction as the change, with the points it awards or takes back (../hours-points.ts).
 */
import type { ActionName, Certificate, HoursDecision, HoursEntry, HoursPendingItem, Page, ParsedInputOf, RosterRow, VolunteerSettings } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C, TOWN_ID } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import type { TownDoc, UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { holderOf, loadRules, prefetchRules, type RulesDoc } from '../../_shared/points'
import { prefetchedDoc, prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { DEFAULT_PAGE_SIZE, mapPage, offsetPage } from '../../_shared/paging'
import type { Filter } from '../../_shared/store'
import { adminVillages, ledTeams, requireManageActivity } from '../access'
import type { ActivityDoc, HoursRequestDoc, RequestKind, SettingsDoc, SignupDoc, VolunteerDoc } from '../docs'
import { signupPointsInTx } from '../hours-points'
import { fileInTx, hoursRequest } from '../hours-requests'
import {
  loadSettings,
  loadSignup,
  loadVolunteer,
  NO_QUEUE,
  prefetchActivity,
  prefetchActivityTeam,
  prefetchSettings,
  prefetchSignup,
  prefetchVolunteer,
  requireActivity,
  roundHours,
  setCertificateInTx,
  settingsOf,
  signupsWithHours,
  startedSignups,
  totalHoursOf
} from '../repo'
import { maskedIdNumber } from '../id-number'
import { correctedHoursProblem, hoursBetween, manualTimeProblem, spanOf } from '@/domain/volunteer-rules'
import { chinaDay } from '@/domain/china-time'
import { completeRules } from '@/domain/points'
import { toHoursEntry, toPending } from '../view'
import { decodeKey, keyFilter, keyOrder, keysetPage, type Key } from '../keyset'
import { rosterRows } from './roster'

type In<A extends ActionName> = ParsedInputOf<A>

const PENDING_ORDER = keyOrder('requestedAt')
const MAX_CERTIFIED = 1000
const KIND_LABELS: Record<RequestKind, string> = { manual_checkin: '手工签到', manual_checkout: '手工签退', correction: '时长更正' }

interface Loaded {
  a: ActivityDoc
  s: SignupDoc
  settings: VolunteerSettings
}

/**
 * What loadForOrganiser reads, to come with the caller's profile (one request): the activity, its
 * team (who may manage it), the volunteer's sign-up and the settings. The sign-up is read again in
 * the transaction that files the request.
 */
const organiserPlan = (input: { activityId: string; userId: string }) => ({
  activity: prefetchActivity(input.activityId),
  activityTeam: prefetchActivityTeam(),
  signup: prefetchSignup(input.activityId, input.userId),
  settings: prefetchSettings()
})

/** The organiser's view of someone else's sign-up; never their own. */
async function loadForOrganiser(ctx: Ctx, activityId: string, userId: string): Promise<Loaded> {
  if (userId === ctx.userId) fail('FORBIDDEN', '不能为自己办理签到、签退或更正时长，请由其他组织者办理')
  const [a, s, settings] = ctx.prefetched
    ? [
        prefetchedDoc<ActivityDoc>(ctx, 'activity') ?? fail('NOT_FOUND', '没有找到这个活动'),
        prefetchedDoc<SignupDoc>(ctx, 'signup') ?? null,
        settingsOf(prefetchedDoc<SettingsDoc>(ctx, 'settings') ?? null)
      ]
    : await Promise.all([requireActivity(ctx.store, activityId), loadSignup(ctx.store, activityId, userId), loadSettings(ctx.store)])
  await requireManageActivity(ctx, a)
  if (!s || s.status !== 'signed') return fail('CONFLICT', '该志愿者没有正式报名这个活动')
  return { a, s, settings }
}

/** The hours a manual check-in/out would count, after checking the time makes sense. */
function manualHours(l: Loaded, kind: 'checkin' | 'checkout', at: Date): number {
  const sp = spanOf(l.a)
  const outside = manualTimeProblem(sp, at, l.settings.checkinOpensMinutes)
  if (outside) fail('INVALID_INPUT', outside, { at: outside })
  if (kind === 'checkin') {
    if (l.s.checkInAt) fail('CONFLICT', '该志愿者已签到；如时间有误，请更正时长')
    return l.s.checkOutAt ? hoursBetween(at, new Date(l.s.checkOutAt), sp, l.settings.roundingHours) : 0
  }
  if (!l.s.checkInAt) return fail('CONFLICT', '该志愿者尚未签到，请先手工签到并通过审核')
  if (l.s.checkOutAt) fail('CONFLICT', '该志愿者已签退；如时长有误，请更正时长')
  if (at <= new Date(l.s.checkInAt)) fail('INVALID_INPUT', '签退时间应晚于签到时间', { at: '签退时间应晚于签到时间' })
  return hoursBetween(new Date(l.s.checkInAt), at, sp, l.settings.roundingHours)
}

/** Files a request and marks the sign-up as waiting, in one transaction (one pending request per sign-up). */
async function fileRequest(ctx: Ctx, l: Loaded, kind: RequestKind, at: Date | null, hours: number, reason: string): Promise<RosterRow[]> {
  const now = ctx.now()
  const req = hoursRequest(l.a, l.s, { kind, at, hours, reason, by: { userId: ctx.userId, name: ctx.user?.name ?? '' } }, now)
  await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<SignupDoc>(C.activity_signups, l.s._id)
    if (!cur || cur.status !== 'signed') return fail('CONFLICT', '该志愿者没有正式报名这个活动')
    if (cur.pendingId) return fail('CONFLICT', '该志愿者已有待审核的时长申请，请先审核')
    await fileInTx(tx, cur, req, (detail) => auditEntry(ctx, 'volunteer_signup', cur._id, 'hours.request', detail), now)
  })
  return rosterRows(ctx, l.a._id)
}

export const manualCheck = withPrefetch<'volunteers.manualCheck'>(organiserPlan, async (input, ctx): Promise<RosterRow[]> => {
  const l = await loadForOrganiser(ctx, input.activityId, input.userId)
  const at = new Date(input.at)
  const hours = manualHours(l, input.kind, at)
  return fileRequest(ctx, l, input.kind === 'checkin' ? 'manual_checkin' : 'manual_checkout', at, hours, input.reason)
})

export const correctHours = withPrefetch<'volunteers.correctHours'>(organiserPlan, async (input, ctx): Promise<RosterRow[]> => {
  const l = await loadForOrganiser(ctx, input.activityId, input.userId)
  if (ctx.now() < new Date(l.a.startAt)) fail('CONFLICT', '活动尚未开始，不能更正时长')
  const problem = correctedHoursProblem(input.hours, spanOf(l.a), l.settings.roundingHours)
  if (problem) fail('INVALID_INPUT', problem.message, { hours: problem.field })
  return fileRequest(ctx, l, 'correction', null, input.hours, input.reason)
})

/** Index keys of the requests the caller may decide: 'all' for the town office, else their villages and teams. */
async function requestScopes(ctx: Ctx, villageId: string | undefined): Promise<string[]> {
  if (ctx.isTown) return [villageId ? `v:${villageId}` : 'all']
  const villages = adminVillages(ctx).filter((v) => !villageId || v === villageId)
  return [...villages.map((v) => `v:${v}`), ...(await ledTeams(ctx)).map((t) => `t:${t}`)]
}

/**
 * Oldest first, through the (scopes, status, requestedAt, _id) index; the village is part of the
 * query (a leader's team may belong to another village), so every page is full.
 */
async function pendingPage(ctx: Ctx, villageId: string | undefined, after: Key | null, size: number): Promise<Page<HoursPendingItem>> {
  const scopes = await requestScopes(ctx, villageId)
  if (scopes.length === 0) return { items: [], next: null }
  const base: Filter[] = scopes.map((s) => ({ scopes: s, status: 'pending', ...(villageId ? { villageId } : {}) }))
  const rows = await ctx.store.find<HoursRequestDoc>(C.hours_requests, keyFilter(ctx.store, base, 'requestedAt', after), { sort: PENDING_ORDER, limit: size + 1 })
  const page = keysetPage(rows, size, (r) => r.requestedAt)
  return { items: page.items.map(toPending), next: page.next }
}

export async function pendingHours(input: In<'volunteers.pendingHours'>, ctx: Ctx): Promise<Page<HoursPendingItem>> {
  return pendingPage(ctx, input.villageId, decodeKey(input.cursor), input.pageSize ?? DEFAULT_PAGE_SIZE)
}

/** What an approved request changes on the sign-up. */
function applied(r: HoursRequestDoc, s: SignupDoc, a: ActivityDoc, roundingHours: number): Partial<SignupDoc> {
  const flag = `${KIND_LABELS[r.kind]}：${r.reason}`
  const flags = [...s.flags, flag]
  if (r.kind === 'correction') return { hours: r.hours, hoursStatus: 'counted', flags }
  if (r.kind === 'manual_checkin') {
    const at = r.at as Date
    if (!s.checkOutAt) return { checkInAt: at, hoursStatus: s.hours > 0 ? 'counted' : 'none', flags }
    return { checkInAt: at, hours: hoursBetween(new Date(at), new Date(s.checkOutAt), spanOf(a), roundingHours), hoursStatus: 'counted', flags }
  }
  if (!s.checkInAt) return fail('CONFLICT', '该志愿者尚未签到，不能通过手工签退')
  const at = r.at as Date
  return { checkOutAt: at, hours: hoursBetween(new Date(s.checkInAt), new Date(at), spanOf(a), roundingHours), hoursStatus: 'counted', flags }
}

function refusedStatus(s: SignupDoc): SignupDoc['hoursStatus'] {
  if (s.hours > 0 || s.checkOutAt) return 'counted'
  return s.checkInAt ? 'none' : 'rejected'
}

/**
 * The request, its activity and the activity's team (who may decide), the volunteer (who gets the
 * points), the settings and the point rules come with the caller's profile (one request). The request
 * is not read again in the transaction: what it asks never changes once filed, and whether it is
 * still pending is on the sign-up, which the transaction reads anyway — the request and the sign-up's
 * `pendingId` are written together when it is filed (fileInTx) and when it is decided (here), so a
 * second decision finds `pendingId` cleared, and two at once both write the sign-up and conflict. The
 * points of this decision cannot have been written yet, so they are not looked for (AwardKnown.unawarded).
 */
export const approveHours = withPrefetch<'volunteers.approveHours'>(
  (input) => ({
    request: { coll: C.hours_requests, match: { _id: input.pendingId } },
    activity: { coll: C.volunteer_activities, match: {}, join: { key: 'request', field: 'activityId', on: '_id' }, omit: Object.keys(NO_QUEUE) },
    activityTeam: prefetchActivityTeam(),
    volunteer: { coll: C.users, match: {}, join: { key: 'request', field: 'userId', on: '_id' }, only: ['name', 'villageId', 'householdId'] },
    settings: prefetchSettings(),
    rules: prefetchRules()
  }),
  async (input, ctx): Promise<HoursDecision> => {
    const r = await prefetchedOne<HoursRequestDoc>(ctx, 'request', () => ctx.store.findOne<HoursRequestDoc>(C.hours_requests, { _id: input.pendingId }))
    if (!r) return fail('NOT_FOUND', '没有找到这份时长申请')
    if (r.requestedBy === ctx.userId) fail('FORBIDDEN', '不能审核自己提交的申请，请由另一位组织者或镇创建办审核')
    if (r.userId === ctx.userId) fail('FORBIDDEN', '不能审核自己的服务时长')
    const pre = ctx.prefetched
    const [a, settings, rules] = pre
      ? [
          (prefetchedDoc<ActivityDoc>(ctx, 'activity') ?? null) || fail('NOT_FOUND', '没有找到这个活动'),
          settingsOf(prefetchedDoc<SettingsDoc>(ctx, 'settings') ?? null),
          completeRules(prefetchedDoc<RulesDoc>(ctx, 'rules')?.rules)
        ]
      : await Promise.all([requireActivity(ctx.store, r.activityId), loadSettings(ctx.store), loadRules(ctx.store)])
    await requireManageActivity(ctx, a)
    if (r.status !== 'pending') fail('CONFLICT', '这份申请已经审核过了')
    // the volunteer came with the profile (null: no such person, no points); without a prefetch the transaction reads them
    const volunteer = prefetchedDoc<UserDoc>(ctx, 'volunteer')
    const holder = volunteer === undefined ? undefined : volunteer && holderOf(volunteer)
    const now = ctx.now()
    const hours = await ctx.store.transaction(async (tx) => {
      const s = await tx.get<SignupDoc>(C.activity_signups, r.signupId)
      if (!s || s.pendingId !== r._id) return fail('CONFLICT', '这份申请已经审核过了')
      const patch: Partial<SignupDoc> = input.approve ? applied(r, s, a, settings.roundingHours) : { hoursStatus: refusedStatus(s) }
      const to = patch.hours ?? s.hours
      const label = KIND_LABELS[r.kind]
      const points = input.approve
        ? await signupPointsInTx(
            ctx.store,
            tx,
            s,
            {
              refId: r._id,
              toHours: to,
              operatorId: ctx.userId,
              note: `志愿服务：${a.title}（${label}审核通过）`,
              takeBackNote: `志愿服务：${a.title}（${label}，扣回积分）`,
              // the entries of this request are written only with its decision, and it is still pending here
              given: { rules, unawarded: true, holder }
            },
            now
          )
        : null
      await tx.update(C.hours_requests, r._id, { status: input.approve ? 'approved' : 'rejected', decidedBy: ctx.userId, decidedAt: now, note: input.note ?? null })
      await tx.update(C.activity_signups, s._id, { ...patch, ...points?.fields, pendingId: null, updatedAt: now, rev: s.rev + 1 })
      const detail = { requestId: r._id, kind: r.kind, approve: input.approve, note: input.note ?? null, from: s.hours, to, requestedBy: r.requestedBy, ...points?.audit }
      await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer_signup', s._id, input.approve ? 'hours' : 'hours.reject', detail))
      return to
    })
    // the page takes the decided request out of what it has loaded
    return { pendingId: r._id, approved: input.approve, hours }
  }
)

/* ---------------------------------------------------------------- the volunteer's own */

export async function myHours(input: In<'volunteers.myHours'>, ctx: Ctx): Promise<{ totalHours: number; page: Page<HoursEntry> }> {
  const [page, totalHours] = await Promise.all([offsetPage(input, (skip, limit) => startedSignups(ctx.store, ctx.userId, ctx.now(), skip, limit)), totalHoursOf(ctx.store, ctx.userId)])
  return { totalHours, page: await mapPage(page, (rows) => rows.map(toHoursEntry)) }
}

export const ISSUER_SUFFIX = '新时代文明实践所'

function certificateNo(year: number, n: number): string {
  return `ZYFW-${year}-${String(n).padStart(5, '0')}`
}

/**
 * 志愿服务证明. A new number (from a counter, in a transaction) only when the counted hours or
 * activities changed since the last one; otherwise the same certificate again.
 */
export const certificate = withPrefetch<'volunteers.certificate'>((_input, { userId }) => ({ me: prefetchVolunteer(userId), town: { coll: C.towns, match: { _id: TOWN_ID } } }), certificateFor)

/** The registration and the town come with the caller's profile (one request); the sign-ups with hours are one more. */
async function certificateFor(_input: In<'volunteers.certificate'>, ctx: Ctx): Promise<Certificate> {
  const now = ctx.now()
  const [me, rows, town] = await Promise.all([
    prefetchedOne<VolunteerDoc>(ctx, 'me', () => loadVolunteer(ctx.store, ctx.userId)).then((v) => v ?? fail('FORBIDDEN', '请先实名注册志愿者')),
    signupsWithHours(ctx.store, ctx.userId, MAX_CERTIFIED),
    prefetchedOne<TownDoc>(ctx, 'town', () => ctx.store.findOne<TownDoc>(C.towns, { _id: TOWN_ID }))
  ])
  if (rows.length === 0) fail('CONFLICT', '还没有记入的服务时长，参加活动并签到签退后再来开具证明')
  const totalHours = roundHours(rows.reduce((sum, s) => sum + s.hours, 0))
  let cert = me.certificate
  if (!cert || cert.totalHours !== totalHours || cert.activityCount !== rows.length) {
    const year = Number(chinaDay(now).slice(0, 4))
    cert = await ctx.store.transaction(async (tx) => {
      const counterId = `volunteer_certificate_${year}`
      const counter = await tx.get<{ value: number }>(C.counters, counterId)
      const value = (counter?.value ?? 0) + 1
      const issued = { no: certificateNo(year, value), totalHours, activityCount: rows.length, issuedAt: now }
      await tx.set(C.counters, counterId, { value })
      await setCertificateInTx(ctx.store, tx, me._id, issued, now)
      return issued
    })
  }
  return {
    no: cert.no,
    realName: me.realName,
    idNumber: maskedIdNumber(me),
    totalHours,
    activities: rows.map((s) => ({ title: s.activityTitle, date: chinaDay(new Date(s.activityStartAt)), hours: s.hours })),
    issuer: `${town?.name ?? ''}${ISSUER_SUFFIX}`,
    issuedAt: new Date(cert.issuedAt).toISOString()
  }
}
