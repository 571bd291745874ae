/**
 * A photo of the activity code relayed to someone absent: every scan keeps its position; two people's
 * own scans at the same spot within minutes are flagged (never refused) and their hours wait for an
 * organiser; and the personal-code mode the town office can require, where the organiser scans each
 * volunteer's own rotating code.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import {
  ACTIVITY_CODE_NOT_PERSONAL,
  EXPIRED_PERSONAL,
  INVALID_PERSONAL,
  NOT_PERSONAL_MODE,
  OTHER_ACTIVITY_PERSONAL,
  OWN_HOURS_REVIEW,
  OWN_PERSONAL_CODE,
  PERSONAL_CODE_TO_ORGANISER,
  PERSONAL_MODE_ONLY,
  RELAY_REVIEW
} from '../../cloudfunctions/volunteers/handlers/checkin'
import { OWN_HOURS_REASON, RELAY_HOURS_REASON } from '../../cloudfunctions/volunteers/hours-requests'
import type { RelaySuspect, ScanRecord } from '../../cloudfunctions/volunteers/docs'
import { makePersonalCode, RELAY_RADIUS_M, relayCell, relayCellsAround, slotOf } from '../../cloudfunctions/volunteers/rules'
import { clockAt } from '../helpers/clock'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { givenVolunteers, publishedActivity, seedTeamId, storedSignup, VENUE } from '../helpers/volunteers'

const T0 = '2026-11-10T01:00:00Z' // 09:00 in China
const START = '2026-11-10T02:00:00Z' // 10:00
const END = '2026-11-10T05:00:00Z' // 13:00
const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000)
const moveTo = (d: Date) => jest.setSystemTime(d)

/** `metres` north of the venue (1° of latitude ≈ 111 195 m). */
const north = (metres: number) => ({ lng: VENUE.lng, lat: Math.round((VENUE.lat + metres / 111_195) * 1e6) / 1e6 })
const ADMIN = 'village-admin-dongshan'

interface Stored {
  checkInAt: Date | null
  checkOutAt: Date | null
  hours: number
  hoursStatus: string
  pendingId: string | null
  checkInScan?: ScanRecord
  checkOutScan?: ScanRecord
  scanCells?: string[]
  relaySuspect?: RelaySuspect
}
const signupOf = (activityId: string, openid: string) => storedSignup(activityId, userIdFor(openid)) as unknown as Stored
const requestsOf = (userId: string) => localCloud.engine.all('hours_requests').filter((r) => r.userId === userId)

const codeOf = async (activityId: string) => (await ok(ADMIN, 'volunteers.checkinCode', { activityId })).code
const scan = (openid: string, code: string, location: { lng: number; lat: number }, accuracy?: number) =>
  callAs({ openid }, 'volunteers.scan', { code, location, ...(accuracy === undefined ? {} : { accuracy }) })
const personalCodeOf = async (activityId: string, openid: string) => {
  const { res } = await callAs({ openid }, 'volunteers.personalCode', { activityId })
  if (!res.ok) throw new Error(res.message)
  return res.data
}
const scanPersonal = (who: string | { openid: string }, code: string, location = VENUE, activityId?: string) =>
  callAs(who, 'volunteers.scanPersonal', { code, location, ...(activityId ? { activityId } : {}) })
const rosterOf = (activityId: string) => ok(ADMIN, 'volunteers.roster', { activityId })

let activityId: string
let me: string
let friend: string
let neighbour: string
let stranger: string

beforeEach(async () => {
  clockAt(T0)
  await freshTown()
  ;[me, friend, neighbour, stranger] = givenVolunteers(4)
  activityId = await publishedActivity({ startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 3, capacity: 10 })
  for (const p of [me, friend, neighbour]) await callAs({ openid: p }, 'volunteers.signup', { activityId })
})
afterEach(() => jest.useRealTimers())

describe('the relay rule (pure)', () => {
  test('a point within the radius is always in the 3 × 3 cells around another', () => {
    for (const [dLat, dLng] of [
      [0, 0],
      [1.9, 0],
      [0, 1.9],
      [-1.4, 1.4],
      [1.4, -1.4]
    ]) {
      const a = { lng: 120.3123456, lat: 30.4123456 }
      const b = { lng: a.lng + dLng / (111_320 * Math.cos((a.lat * Math.PI) / 180)), lat: a.lat + dLat / 111_195 }
      expect(relayCellsAround(a)).toContain(relayCell(b))
    }
    // far in the north, where a degree of longitude is shortest
    const north = { lng: 125.9999999, lat: 53.5 }
    expect(relayCellsAround(north)).toContain(relayCell({ lng: north.lng + RELAY_RADIUS_M / (111_320 * Math.cos((53.5 * Math.PI) / 180)), lat: north.lat }))
  })
})

describe('every scan keeps its position; the same spot for two people is flagged', () => {
  test('the relayed code checks in the absent friend (not refused) but both sign-ups are flagged, on the roster too', async () => {
    moveTo(at(START, -10))
    const code = await codeOf(activityId)
    expect((await scan(me, code, VENUE, 12)).res).toMatchObject({ ok: true, data: { kind: 'checkin' } })
    // the photo reaches the friend a minute later; the position is copied from the sender
    moveTo(at(START, -9))
    const relayed = await scan(friend, code, VENUE)
    expect(relayed.res).toMatchObject({ ok: true, data: { kind: 'checkin', hours: null } })

    expect(signupOf(activityId, me).checkInScan).toEqual({ at: at(START, -10), lng: VENUE.lng, lat: VENUE.lat, accuracy: 12, by: 'self', scannedBy: null })
    expect(signupOf(activityId, friend).checkInScan).toEqual({ at: at(START, -9), lng: VENUE.lng, lat: VENUE.lat, accuracy: null, by: 'self', scannedBy: null })
    expect(signupOf(activityId, friend).relaySuspect).toEqual({ reason: expect.stringContaining('疑似代签'), withUserIds: [userIdFor(me)], at: at(START, -9) })
    expect(signupOf(activityId, me).relaySuspect).toEqual({ reason: expect.stringContaining('疑似代签'), withUserIds: [userIdFor(friend)], at: at(START, -9) })

    const roster = await rosterOf(activityId)
    const row = (openid: string) => roster.items.find((r) => r.userId === userIdFor(openid))
    expect(row(friend)?.relaySuspect).toMatch(new RegExp(`^疑似代签：扫码位置与 ${row(me)?.name} 的扫码位置几乎重合`))
    expect(row(me)?.relaySuspect).toContain(row(friend)?.name ?? '?')
    expect(row(neighbour)?.relaySuspect).toBeNull()
    expect(roster.counts).toMatchObject({ checkedIn: 2, relaySuspect: 2, flagged: 2 })
  })

  test('a coarse indoor fix, the same for everyone in the hall, flags nobody; a precise one does', async () => {
    moveTo(at(START, -10))
    await scan(me, await codeOf(activityId), VENUE, 65)
    await scan(neighbour, await codeOf(activityId), VENUE, 65)
    for (const p of [me, neighbour]) expect(signupOf(activityId, p).relaySuspect).toBeUndefined()
    await scan(friend, await codeOf(activityId), VENUE, 8)
    // the friend's fix is precise but the others said theirs were coarse: still no match
    for (const p of [me, neighbour, friend]) expect(signupOf(activityId, p).relaySuspect).toBeUndefined()
  })

  test('honest neighbours are not flagged: 5 m apart at once, or the same spot 11 minutes later; 1.5 m apart within a minute is', async () => {
    moveTo(at(START, -10))
    await scan(me, await codeOf(activityId), VENUE)
    await scan(neighbour, await codeOf(activityId), north(5))
    moveTo(at(START, 1))
    await scan(friend, await codeOf(activityId), VENUE)
    for (const p of [me, neighbour, friend]) expect(signupOf(activityId, p).relaySuspect).toBeUndefined()
    // an hour later: counted at once
    moveTo(at(START, 60))
    expect((await scan(neighbour, await codeOf(activityId), north(3.5))).res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 1 } })
    expect(signupOf(activityId, neighbour)).toMatchObject({ hoursStatus: 'counted' })
    expect(signupOf(activityId, neighbour).relaySuspect).toBeUndefined()
    // 1.5 m from the neighbour's check-out a minute ago: flagged, and the hours wait
    moveTo(at(START, 61))
    expect((await scan(friend, await codeOf(activityId), north(2))).res).toMatchObject({ ok: true, data: { kind: 'checkout', pendingReview: true } })
    expect(signupOf(activityId, friend).relaySuspect).toMatchObject({ withUserIds: [userIdFor(neighbour)] })
    expect(signupOf(activityId, neighbour)).toMatchObject({ hours: 1, hoursStatus: 'counted', relaySuspect: { withUserIds: [userIdFor(friend)] } })
    expect(signupOf(activityId, me).relaySuspect).toBeUndefined()
  })

  test('hours of a flagged sign-up wait for an organiser: the check-out is filed, not counted; approved, they count', async () => {
    moveTo(at(START, -10))
    await scan(me, await codeOf(activityId), VENUE)
    await scan(friend, await codeOf(activityId), VENUE)
    moveTo(at(START, 120))
    const out = await scan(friend, await codeOf(activityId), north(40), 8)
    expect(out.res).toEqual({ ok: true, data: { kind: 'checkout', at: at(START, 120).toISOString(), hours: 2, activityTitle: '村道环境整治', pendingReview: true, reviewReason: RELAY_REVIEW } })
    expect(signupOf(activityId, friend)).toMatchObject({ checkOutAt: null, hours: 0, hoursStatus: 'pending', checkOutScan: { lat: north(40).lat, accuracy: 8, by: 'self' } })
    const [request] = requestsOf(userIdFor(friend))
    expect(request).toMatchObject({ kind: 'manual_checkout', hours: 2, reason: RELAY_HOURS_REASON, requestedBy: userIdFor(friend), status: 'pending' })
    // scanning again files nothing more
    expect((await scan(friend, await codeOf(activityId), north(40))).res).toMatchObject({ ok: true, data: { pendingReview: true } })
    expect(requestsOf(userIdFor(friend))).toHaveLength(1)
    // the volunteer cannot approve it; an organiser can
    expect((await callAs({ openid: friend }, 'volunteers.approveHours', { pendingId: String(request._id), approve: true })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await ok(ADMIN, 'volunteers.approveHours', { pendingId: String(request._id), approve: true })
    expect(signupOf(activityId, friend)).toMatchObject({ checkOutAt: at(START, 120), hours: 2, hoursStatus: 'counted' })
    // the flag stays on the roster for the record
    expect((await rosterOf(activityId)).items.find((r) => r.userId === userIdFor(friend))?.relaySuspect).toContain('疑似代签')
  })

  test('a check-out at the same spot as another person’s check-out flags both then: the one still out waits, the one counted stays counted', async () => {
    moveTo(at(START, -10))
    await scan(me, await codeOf(activityId), VENUE)
    await scan(friend, await codeOf(activityId), north(30))
    moveTo(at(START, 90))
    expect((await scan(me, await codeOf(activityId), north(60))).res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 1.5 } })
    expect(signupOf(activityId, me)).toMatchObject({ hours: 1.5, hoursStatus: 'counted' })
    moveTo(at(START, 92))
    const second = await scan(friend, await codeOf(activityId), north(60))
    expect(second.res).toMatchObject({ ok: true, data: { kind: 'checkout', pendingReview: true, reviewReason: RELAY_REVIEW } })
    expect(signupOf(activityId, friend)).toMatchObject({ hoursStatus: 'pending', relaySuspect: { withUserIds: [userIdFor(me)] } })
    expect(signupOf(activityId, me)).toMatchObject({ hours: 1.5, hoursStatus: 'counted', relaySuspect: { withUserIds: [userIdFor(friend)] } })
  })

  test('the job does not count a flagged sign-up’s missing check-out: it files it for approval', async () => {
    moveTo(at(START, -10))
    await scan(me, await codeOf(activityId), VENUE)
    await scan(friend, await codeOf(activityId), VENUE)
    await scan(neighbour, await codeOf(activityId), north(20))
    moveTo(at(END, 121))
    const { result } = await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }, null)
    expect(result).toMatchObject({ ok: true })
    expect(signupOf(activityId, neighbour)).toMatchObject({ hours: 3, hoursStatus: 'counted' })
    for (const p of [me, friend]) {
      expect(signupOf(activityId, p)).toMatchObject({ checkOutAt: null, hours: 0, hoursStatus: 'pending' })
      expect(requestsOf(userIdFor(p))).toEqual([expect.objectContaining({ kind: 'manual_checkout', hours: 3, requestedBy: 'system', reason: expect.stringContaining(RELAY_HOURS_REASON) })])
    }
  })
})

describe('personal codes', () => {
  const personalMode = () => ok('town-admin', 'volunteers.setCheckInMode', { activityId, mode: 'personal_code' })

  test('only the town office sets the mode; in personal mode the shared code is refused and there is none to show', async () => {
    moveTo(at(START, -10))
    const shared = await codeOf(activityId)
    const before = dumpAll()
    for (const who of [ADMIN, 'volunteer-1']) {
      expect((await callAs(who, 'volunteers.setCheckInMode', { activityId, mode: 'personal_code' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(dumpAll()).toEqual(before)
    expect((await ok(ADMIN, 'volunteers.activity', { activityId })).checkInMode).toBe('activity_code')

    expect(await personalMode()).toMatchObject({ id: activityId, checkInMode: 'personal_code' })
    expect(localCloud.engine.all('audit_log').filter((e) => e.targetId === activityId && e.action === 'checkInMode')).toEqual([
      expect.objectContaining({ by: userIdOf('town-admin'), detail: { from: 'activity_code', to: 'personal_code' } })
    ])
    // setting it again writes nothing
    const settled = dumpAll()
    await personalMode()
    expect(dumpAll()).toEqual(settled)

    // a photo of the shared code (still within its minute) no longer checks anybody in
    expect((await scan(friend, shared, VENUE)).res).toEqual({ ok: false, code: 'CONFLICT', message: PERSONAL_MODE_ONLY })
    expect((await callAs(ADMIN, 'volunteers.checkinCode', { activityId })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(dumpAll()).toEqual(settled)
    expect(signupOf(activityId, friend).checkInAt).toBeNull()
  })

  test('the volunteer’s code: only in personal mode, only for those signed up; it rotates with the rule', async () => {
    moveTo(at(START, -10))
    expect((await callAs({ openid: me }, 'volunteers.personalCode', { activityId })).res).toEqual({ ok: false, code: 'CONFLICT', message: NOT_PERSONAL_MODE })
    await personalMode()
    const first = await personalCodeOf(activityId, me)
    expect(first).toMatchObject({ activityId, rotateSeconds: 60, checkInAt: null, checkOutAt: null, expiresAt: at(START, -9).toISOString() })
    expect(first.code).toMatch(/^ZP1\./)
    expect((await callAs({ openid: stranger }, 'volunteers.personalCode', { activityId })).res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您没有报名这个活动，不能签到' })
    moveTo(at(START, -9))
    expect((await personalCodeOf(activityId, me)).code).not.toBe(first.code)
    // a volunteer scanning someone's personal code is told it is for the organiser
    expect((await scan(friend, first.code, VENUE)).res).toEqual({ ok: false, code: 'INVALID_INPUT', message: PERSONAL_CODE_TO_ORGANISER })
  })

  test('the organiser scans the volunteer in and out: the same hours as a scan of one’s own; never flagged, however many at one spot', async () => {
    await personalMode()
    moveTo(at(START, -10))
    const inMe = await scanPersonal(ADMIN, (await personalCodeOf(activityId, me)).code, VENUE, activityId)
    expect(inMe.res).toMatchObject({ ok: true, data: { kind: 'checkin', at: at(START, -10).toISOString(), userId: userIdFor(me), name: '志愿者' + me.split('-').pop() } })
    expect((await scanPersonal(ADMIN, (await personalCodeOf(activityId, friend)).code)).res).toMatchObject({ ok: true, data: { kind: 'checkin' } })
    const stored = signupOf(activityId, me)
    expect(stored.checkInScan).toEqual({ at: at(START, -10), lng: VENUE.lng, lat: VENUE.lat, accuracy: null, by: 'organiser', scannedBy: userIdOf(ADMIN) })
    expect(stored.scanCells).toBeUndefined()
    expect(signupOf(activityId, friend).relaySuspect).toBeUndefined()
    // the volunteer's page sees the check-in with the next code
    expect(await personalCodeOf(activityId, me)).toMatchObject({ checkInAt: at(START, -10).toISOString() })
    // 2 h 18 min: rounded down to 2 h (and counted, no approval)
    moveTo(at(START, 128))
    const out = await scanPersonal(ADMIN, (await personalCodeOf(activityId, me)).code)
    expect(out.res).toEqual({ ok: true, data: { kind: 'checkout', at: at(START, 128).toISOString(), hours: 2, activityTitle: '村道环境整治', userId: userIdFor(me), name: expect.any(String) } })
    expect(signupOf(activityId, me)).toMatchObject({ checkOutAt: at(START, 128), hours: 2, hoursStatus: 'counted', checkOutScan: { by: 'organiser' } })
    expect(localCloud.engine.all('audit_log').filter((e) => e.action === 'hours' && e.targetId === `${activityId}_${userIdFor(me)}`)).toEqual([
      expect.objectContaining({ by: userIdOf(ADMIN), detail: expect.objectContaining({ source: 'personal_scan', to: 2 }) })
    ])
    // the volunteer's page learns of the check-out from the next code; scanning it again is refused with the hours
    const after = await personalCodeOf(activityId, me)
    expect(after).toMatchObject({ checkOutAt: at(START, 128).toISOString() })
    moveTo(at(START, 129))
    expect((await scanPersonal(ADMIN, after.code)).res).toEqual({ ok: false, code: 'CONFLICT', message: expect.stringMatching(/^志愿者\d+已签退，本次服务时长 2 小时$/) })
  })

  test('refused, nothing written: a stale code, a forged one, another activity’s, the activity code, someone not signed up, one’s own code, a non-organiser', async () => {
    await personalMode()
    const other = await publishedActivity({ title: '另一场活动', startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString() })
    await callAs({ openid: me }, 'volunteers.signup', { activityId: other })
    await ok('town-admin', 'volunteers.setCheckInMode', { activityId: other, mode: 'personal_code' })
    moveTo(at(START, -10))
    const mine = (await personalCodeOf(activityId, me)).code
    const mineElsewhere = (await personalCodeOf(other, me)).code
    // a code for a person not signed up: made with the right secret (as if they had one), to prove the sign-up is checked
    const secret = (localCloud.engine.get('volunteer_activities', activityId) as { codeSecret: string }).codeSecret
    const notSigned = makePersonalCode(activityId, userIdFor(stranger), secret, slotOf(new Date(), 60))
    const adminsOwn = makePersonalCode(activityId, userIdOf(ADMIN), secret, slotOf(new Date(), 60))
    await ok('town-admin', 'volunteers.setCheckInMode', { activityId: other, mode: 'activity_code' })
    const activityCode = await codeOf(other)
    const before = dumpAll()
    const cases: Array<[string, Promise<{ res: unknown }>, object]> = [
      ['forged', scanPersonal(ADMIN, mine.slice(0, -4) + 'AAAA'), { code: 'INVALID_INPUT', message: INVALID_PERSONAL }],
      ['another activity', scanPersonal(ADMIN, mineElsewhere, VENUE, activityId), { code: 'INVALID_INPUT', message: OTHER_ACTIVITY_PERSONAL }],
      ['the activity code', scanPersonal(ADMIN, activityCode), { code: 'INVALID_INPUT', message: ACTIVITY_CODE_NOT_PERSONAL }],
      ['not signed up', scanPersonal(ADMIN, notSigned), { code: 'FORBIDDEN', message: '该志愿者没有报名这个活动，不能签到' }],
      ['one’s own code', scanPersonal(ADMIN, adminsOwn), { code: 'FORBIDDEN', message: OWN_PERSONAL_CODE }],
      ['a volunteer who does not organise it', scanPersonal({ openid: friend }, mine), { code: 'FORBIDDEN' }],
      ['a team leader of another activity', scanPersonal('volunteer-1', mine), { code: 'FORBIDDEN' }],
      ['another village’s admin', scanPersonal('village-admin-xigang', mine), { code: 'FORBIDDEN' }]
    ]
    for (const [label, call, expected] of cases) {
      const { res } = await call
      expect({ label, res }).toEqual({ label, res: { ok: false, message: expect.any(String), ...expected } })
    }
    // the previous minute's code still works (clock drift); two minutes old does not
    moveTo(at(START, -8))
    expect((await scanPersonal(ADMIN, mine)).res).toEqual({ ok: false, code: 'INVALID_INPUT', message: EXPIRED_PERSONAL })
    expect(dumpAll()).toEqual(before)
    moveTo(at(START, -9))
    expect((await scanPersonal(ADMIN, mine)).res).toMatchObject({ ok: true, data: { kind: 'checkin', userId: userIdFor(me) } })
  })

  test('a volunteer who organises the activity, scanned out by another organiser: the hours wait for approval (not by the scanner)', async () => {
    const leader = 'volunteer-1'
    const teamActivity = await publishedActivity({ teamId: seedTeamId('ds-env'), startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 3 }, leader)
    await ok(leader, 'volunteers.signup', { activityId: teamActivity })
    await ok('town-admin', 'volunteers.setCheckInMode', { activityId: teamActivity, mode: 'personal_code' })
    const code = async () => (await ok(leader, 'volunteers.personalCode', { activityId: teamActivity })).code
    moveTo(at(START, -5))
    // scanning oneself is refused (a second phone would do it)
    expect((await scanPersonal(leader, await code())).res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: OWN_PERSONAL_CODE })
    expect((await scanPersonal(ADMIN, await code())).res).toMatchObject({ ok: true, data: { kind: 'checkin' } })
    moveTo(at(END, -1))
    const out = await scanPersonal(ADMIN, await code())
    expect(out.res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 3, pendingReview: true, reviewReason: OWN_HOURS_REVIEW } })
    const [request] = requestsOf(userIdOf(leader)).filter((r) => r.activityId === teamActivity)
    expect(request).toMatchObject({ kind: 'manual_checkout', hours: 3, reason: OWN_HOURS_REASON, requestedBy: userIdOf(ADMIN) })
    expect((await callAs(ADMIN, 'volunteers.approveHours', { pendingId: String(request._id), approve: true })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await ok('town-admin', 'volunteers.approveHours', { pendingId: String(request._id), approve: true })
    expect(storedSignup(teamActivity, userIdOf(leader))).toMatchObject({ hours: 3, hoursStatus: 'counted' })
  })
})
