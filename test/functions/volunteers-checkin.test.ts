/** The rotating QR code, the scan's refusals (with their reasons), hours from check-in/out, and the job. */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { EXPIRED_CODE, INVALID_CODE, OTHER_ACTIVITY_CODE, UNREADABLE_CODE } from '../../cloudfunctions/volunteers/handlers/checkin'
import { AUTO_CLOSED_FLAG } from '../../cloudfunctions/volunteers/job'
import { SUBSCRIBE_TEMPLATE_IDS } from '../../src/contract/subscribe-templates'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { givenVolunteers, publishedActivity, storedSignup, VENUE } from '../helpers/volunteers'

const T0 = '2026-11-10T01:00:00Z' // 09:00 in China
const START = '2026-11-10T02:00:00Z' // 10:00
const END = '2026-11-10T05:00:00Z' // 13:00
const MIN = 60_000

const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * MIN)
const moveTo = (d: Date) => jest.setSystemTime(d)

/** 1 km north of the venue. */
const FAR = { lng: VENUE.lng, lat: VENUE.lat + 0.009 }

const TIMER = { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: T0 }
async function runJob(): Promise<{ reminded: number; closed: number }> {
  const { result } = await invoke('volunteers', TIMER, null)
  const r = result as { ok: boolean; data: { reminded: number; closed: number } }
  expect(r.ok).toBe(true)
  return r.data
}

const codeOf = async (activityId: string) => (await ok('village-admin-dongshan', 'volunteers.checkinCode', { activityId })).code
const scan = (openid: string, code: string, location = VENUE, activityId?: string) => callAs({ openid }, 'volunteers.scan', { code, location, ...(activityId ? { activityId } : {}) })
const hoursAudit = () => localCloud.engine.all('audit_log').filter((e) => e.action === 'hours')

describe('check-in and check-out', () => {
  let activityId: string
  let other: string
  let me: string
  let stranger: string
  let waiting: string

  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    ;[me, stranger, waiting] = givenVolunteers(3)
    activityId = await publishedActivity({ startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 2.5, capacity: 1 })
    other = await publishedActivity({ title: '另一场活动', startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString() })
    await callAs({ openid: me }, 'volunteers.signup', { activityId })
    await callAs({ openid: waiting }, 'volunteers.signup', { activityId })
  })
  afterEach(() => jest.useRealTimers())

  test('the code rotates every rotateSeconds; the current and the previous one are accepted, older ones are expired', async () => {
    moveTo(at(START, -10))
    const first = await ok('village-admin-dongshan', 'volunteers.checkinCode', { activityId })
    expect(first.rotateSeconds).toBe(60)
    expect(new Date(first.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000)
    moveTo(at(START, -9))
    const second = await codeOf(activityId)
    expect(second).not.toBe(first.code)
    // one rotation later the first code still works (a code shown just before it turned)
    const ok1 = await scan(me, first.code)
    expect(ok1.res).toMatchObject({ ok: true, data: { kind: 'checkin', hours: null } })
    moveTo(at(START, 60))
    const stale = await scan(me, first.code)
    expect(stale.res).toEqual({ ok: false, code: 'INVALID_INPUT', message: EXPIRED_CODE })
  })

  test('refused with a reason, nothing written: malformed, forged, another activity, expired, outside the window, too far, not signed up, waitlisted', async () => {
    moveTo(at(START, -5))
    const code = await codeOf(activityId)
    const otherCode = await codeOf(other)
    const before = dumpAll()
    const cases: Array<[string, Promise<{ res: unknown }>, object]> = [
      ['malformed', scan(me, 'hello world, not a code'), { code: 'INVALID_INPUT', message: UNREADABLE_CODE }],
      ['forged', scan(me, code.slice(0, -4) + 'AAAA'), { code: 'INVALID_INPUT', message: INVALID_CODE }],
      ['unknown activity', scan(me, code.replace(activityId, 'va_nothing')), { code: 'INVALID_INPUT', message: INVALID_CODE }],
      ['another activity (scanned from this one)', scan(me, otherCode, VENUE, activityId), { code: 'INVALID_INPUT', message: OTHER_ACTIVITY_CODE }],
      ['another activity (not signed up there)', scan(me, otherCode), { code: 'FORBIDDEN', message: '您没有报名这个活动，不能签到' }],
      ['too far', scan(me, code, FAR), { code: 'INVALID_INPUT', message: expect.stringMatching(/^您距离活动地点约 \d+ 米，超出 500 米的签到范围，请到现场后再扫码$/) }],
      ['not signed up', scan(stranger, code), { code: 'FORBIDDEN', message: '您没有报名这个活动，不能签到' }],
      ['waitlisted', scan(waiting, code), { code: 'FORBIDDEN', message: '您还在候补中，没有正式名额，不能签到' }]
    ]
    for (const [label, call, expected] of cases) {
      const { res } = await call
      expect({ label, res }).toEqual({ label, res: { ok: false, ...expected } })
    }
    // the code shown 3 minutes ago (the rule accepts the current and the previous minute)
    moveTo(at(START, -2))
    expect((await scan(me, code)).res).toEqual({ ok: false, code: 'INVALID_INPUT', message: EXPIRED_CODE })
    // the clock: too early, then after the end
    moveTo(at(START, -31))
    const early = await scan(me, await codeOf(activityId))
    expect(early.res).toEqual({ ok: false, code: 'CONFLICT', message: '签到尚未开始：11月10日 09:30 起可签到（活动开始前 30 分钟）' })
    moveTo(at(END, 1))
    const late = await scan(me, await codeOf(activityId))
    expect(late.res).toEqual({ ok: false, code: 'CONFLICT', message: '活动已结束，不能再签到；如确实参加了活动，请联系组织者补签' })
    expect(dumpAll()).toEqual(before)
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ checkInAt: null, checkOutAt: null, hours: 0, hoursStatus: 'none' })
  })

  test('happy path: check in, a second scan at once is the same check-in, check out; hours capped by the credit and audited', async () => {
    moveTo(at(START, -10))
    const checkIn = await scan(me, await codeOf(activityId))
    expect(checkIn.res).toMatchObject({ ok: true, data: { kind: 'checkin', at: at(START, -10).toISOString(), hours: null } })
    moveTo(at(START, -10 + 0.5))
    expect((await scan(me, await codeOf(activityId))).res).toMatchObject({ ok: true, data: { kind: 'checkin', at: at(START, -10).toISOString() } })
    // 3 h 30 min on site: capped at the 3 h activity, then at its 2.5 h credit
    moveTo(at(END, 20))
    const checkOut = await scan(me, await codeOf(activityId))
    expect(checkOut.res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 2.5 } })
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ hours: 2.5, hoursStatus: 'counted', checkOutAt: at(END, 20) })
    expect(hoursAudit().filter((e) => String(e.targetId).startsWith(`${activityId}_`))).toEqual([
      expect.objectContaining({ targetId: `${activityId}_${userIdFor(me)}`, by: userIdFor(me), detail: expect.objectContaining({ source: 'scan', from: 0, to: 2.5 }) })
    ])
    const again = await scan(me, await codeOf(activityId))
    expect(again.res).toEqual({ ok: false, code: 'CONFLICT', message: '您已签退，本次服务时长 2.5 小时' })
    const mine = await callAs({ openid: me }, 'volunteers.myHours', {})
    expect(mine.res).toMatchObject({ ok: true, data: { totalHours: 2.5, page: { items: [{ activityId, hours: 2.5, status: 'counted' }] } } })
  })

  test('hours are rounded down to the rule (0.5 h by default, 0.25 h when the town office says so)', async () => {
    const [quarter] = givenVolunteers(1)
    const long = await publishedActivity({ startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 3, capacity: 5 })
    await callAs({ openid: me }, 'volunteers.signup', { activityId: long })
    await callAs({ openid: quarter }, 'volunteers.signup', { activityId: long })
    moveTo(at(START, 7))
    await scan(me, await codeOf(long))
    // a few metres apart, as two phones read it (the very same position twice would be flagged: volunteers-relay.test.ts)
    await scan(quarter, await codeOf(long), { lng: VENUE.lng, lat: VENUE.lat + 0.00005 })
    // 2 h 18 min
    moveTo(at(START, 7 + 138))
    expect((await scan(me, await codeOf(long))).res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 2 } })
    await ok('town-admin', 'volunteers.saveSettings', { roundingHours: 0.25, maxDistanceM: 500, rotateSeconds: 60, checkinOpensMinutes: 30 })
    expect((await scan(quarter, await codeOf(long), { lng: VENUE.lng, lat: VENUE.lat + 0.00005 })).res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 2.25 } })
    expect([storedSignup(long, userIdFor(me)), storedSignup(long, userIdFor(quarter))]).toEqual([
      expect.objectContaining({ hours: 2, hoursStatus: 'counted' }),
      expect.objectContaining({ hours: 2.25, hoursStatus: 'counted' })
    ])
  })

  test('a wider distance rule lets a scan from further away in', async () => {
    moveTo(at(START, -5))
    expect((await scan(me, await codeOf(activityId), FAR)).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    await ok('town-admin', 'volunteers.saveSettings', { roundingHours: 0.5, maxDistanceM: 1500, rotateSeconds: 60, checkinOpensMinutes: 30 })
    expect((await scan(me, await codeOf(activityId), FAR)).res).toMatchObject({ ok: true, data: { kind: 'checkin' } })
  })

  test('the job closes a missing check-out after the activity: hours to the end, flagged for the organiser, once', async () => {
    moveTo(at(START, 15))
    await scan(me, await codeOf(activityId))
    // check-out stays open until 2 h after the end
    moveTo(at(END, 60))
    await runJob()
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ checkOutAt: null, hours: 0 })
    moveTo(at(END, 121))
    expect((await runJob()).closed).toBeGreaterThanOrEqual(1)
    const s = storedSignup(activityId, userIdFor(me))
    expect(s).toMatchObject({ checkOutAt: new Date(END), hours: 2.5, hoursStatus: 'counted', autoClosed: true })
    expect(s?.flags).toContain(AUTO_CLOSED_FLAG)
    const roster = await ok('village-admin-dongshan', 'volunteers.roster', { activityId })
    expect(roster.items.find((r) => r.userId === userIdFor(me))).toMatchObject({ hours: 2.5, flags: [AUTO_CLOSED_FLAG] })
    expect(hoursAudit().filter((e) => e.targetId === `${activityId}_${userIdFor(me)}`)).toEqual([
      expect.objectContaining({ by: 'system', detail: expect.objectContaining({ source: 'auto_close', to: 2.5 }) })
    ])
    const before = dumpAll()
    expect(await runJob()).toMatchObject({ closed: 0 })
    expect(dumpAll()).toEqual(before)
    // a late scan finds the record closed
    expect((await scan(me, await codeOf(activityId))).res).toEqual({ ok: false, code: 'CONFLICT', message: '您已签退，本次服务时长 2.5 小时' })
  })

  test('the day-before reminder goes once to everyone signed up (not to the waitlist)', async () => {
    clockAt(T0)
    const tomorrow = await publishedActivity({ startAt: at(START, 24 * 60).toISOString(), endAt: at(END, 24 * 60).toISOString(), signupDeadline: at(START, 12 * 60).toISOString(), capacity: 1 })
    await callAs({ openid: me }, 'volunteers.signup', { activityId: tomorrow })
    await callAs({ openid: stranger }, 'volunteers.signup', { activityId: tomorrow })
    localCloud.clearOutbox()
    moveTo(at(START, 5))
    await runJob()
    const reminders = () => localCloud.getOutbox().filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.activityReminder && m.page?.includes(tomorrow))
    expect(reminders().map((m) => m.touser)).toEqual([me])
    await runJob()
    expect(reminders()).toHaveLength(1)
  })

  test('a client cannot pose as the timer', async () => {
    const before = dumpAll()
    const { result } = await invoke('volunteers', TIMER, { openid: 'demo-volunteer-1' })
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(dumpAll()).toEqual(before)
  })
})
