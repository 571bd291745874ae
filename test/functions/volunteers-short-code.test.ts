/** The six-digit check-in code under the organiser's QR code: right, wrong, expired, rate-limited, never a way round the other checks. */
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { EXPIRED_SHORT_CODE, INVALID_SHORT_CODE, PERSONAL_MODE_ONLY, SHORT_CODE_NEEDS_ACTIVITY, shortCodeLocked } from '../../cloudfunctions/volunteers/handlers/checkin'
import { makeShortCode, SHORT_CODE_MAX_TRIES } from '../../cloudfunctions/volunteers/rules'
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { givenVolunteers, publishedActivity, storedSignup, VENUE } from '../helpers/volunteers'

const T0 = '2026-11-10T01:00:00Z' // 09:00 in China
const START = '2026-11-10T02:00:00Z' // 10:00
const END = '2026-11-10T05:00:00Z' // 13:00
const MIN = 60_000

const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * MIN)
const moveTo = (d: Date) => jest.setSystemTime(d)

const codeOf = (activityId: string) => ok('village-admin-dongshan', 'volunteers.checkinCode', { activityId })
const type = (openid: string, code: string, activityId?: string, location = VENUE) => callAs({ openid }, 'volunteers.scan', { code, location, ...(activityId ? { activityId } : {}) })

/** Six digits that are neither the current nor any recent code of the activity. */
function wrongDigits(activityId: string, now: Date): string {
  const secret = (localCloud.engine.all('volunteer_activities').find((a) => a._id === activityId) as { codeSecret: string }).codeSecret
  const slot = Math.floor(now.getTime() / 60_000)
  const recent = new Set(Array.from({ length: 12 }, (_, i) => makeShortCode(activityId, secret, slot - i)))
  for (let n = 123456; ; n = (n + 7919) % 1_000_000) {
    const digits = String(n).padStart(6, '0')
    if (!recent.has(digits)) return digits
  }
}

describe('the six-digit check-in code', () => {
  let activityId: string
  let me: string
  let stranger: string

  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    ;[me, stranger] = givenVolunteers(2)
    activityId = await publishedActivity({ startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 2.5, capacity: 5 })
    await callAs({ openid: me }, 'volunteers.signup', { activityId })
  })
  afterEach(() => jest.useRealTimers())

  test('shown with the QR code, six digits, rotating with it; typed on the activity page it checks in and later out', async () => {
    moveTo(at(START, -10))
    const first = await codeOf(activityId)
    expect(first.shortCode).toMatch(/^\d{6}$/)
    expect(first.code).not.toContain(first.shortCode)
    moveTo(at(START, -10 + 1))
    const second = await codeOf(activityId)
    expect(second.shortCode).toMatch(/^\d{6}$/)
    // the previous minute's digits still work, as for the QR code
    const checkIn = await type(me, first.shortCode as string, activityId)
    expect(checkIn.res).toMatchObject({ ok: true, data: { kind: 'checkin', at: at(START, -9).toISOString() } })
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ checkInAt: at(START, -9), checkInScan: expect.objectContaining({ by: 'self' }) })
    moveTo(at(END, -10))
    const out = await type(me, (await codeOf(activityId)).shortCode as string, activityId)
    expect(out.res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 2.5 } })
    // right codes are no wrong guesses
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ shortCodeTries: { n: 0 } })
  })

  test('wrong and expired digits are refused with the reason and check nobody in', async () => {
    moveTo(at(START, -10))
    const old = (await codeOf(activityId)).shortCode as string
    moveTo(at(START, -7))
    const wrong = await type(me, wrongDigits(activityId, at(START, -7)), activityId)
    expect(wrong.res).toEqual({ ok: false, code: 'INVALID_INPUT', message: INVALID_SHORT_CODE })
    const expired = await type(me, old, activityId)
    expect(expired.res).toEqual({ ok: false, code: 'INVALID_INPUT', message: EXPIRED_SHORT_CODE })
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ checkInAt: null, shortCodeTries: { n: 2 } })
  })

  test('only from the activity page, only for a volunteer with a place, never for a 一人一码 activity; nothing written', async () => {
    moveTo(at(START, -5))
    const digits = (await codeOf(activityId)).shortCode as string
    const before = dumpAll()
    expect((await type(me, digits)).res).toEqual({ ok: false, code: 'INVALID_INPUT', message: SHORT_CODE_NEEDS_ACTIVITY })
    expect((await type(stranger, digits, activityId)).res).toEqual({ ok: false, code: 'FORBIDDEN', message: '您没有报名这个活动，不能签到' })
    expect(dumpAll()).toEqual(before)
    await ok('town-admin', 'volunteers.setCheckInMode', { activityId, mode: 'personal_code' })
    const personal = await type(me, digits, activityId)
    expect(personal.res).toEqual({ ok: false, code: 'CONFLICT', message: PERSONAL_MODE_ONLY })
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ checkInAt: null })
  })

  test(`${SHORT_CODE_MAX_TRIES} wrong tries in 10 minutes lock the digits (even the right ones) until the window ends`, async () => {
    moveTo(at(START, -20))
    for (let i = 0; i < SHORT_CODE_MAX_TRIES; i++) {
      const { res } = await type(me, wrongDigits(activityId, at(START, -20)), activityId)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: INVALID_SHORT_CODE })
    }
    moveTo(at(START, -16))
    const right = (await codeOf(activityId)).shortCode as string
    const locked = await type(me, right, activityId)
    expect(locked.res).toEqual({ ok: false, code: 'RATE_LIMITED', message: shortCodeLocked(6) })
    expect(storedSignup(activityId, userIdFor(me))).toMatchObject({ checkInAt: null, shortCodeTries: { n: SHORT_CODE_MAX_TRIES } })
    // a new window ten minutes after the first wrong try
    moveTo(at(START, -10))
    const later = await type(me, (await codeOf(activityId)).shortCode as string, activityId)
    expect(later.res).toMatchObject({ ok: true, data: { kind: 'checkin' } })
  })

  test('wrong tries sent at the same moment cannot pass the limit together', async () => {
    moveTo(at(START, -20))
    const wrong = wrongDigits(activityId, at(START, -20))
    const results = await Promise.all(Array.from({ length: SHORT_CODE_MAX_TRIES + 5 }, () => type(me, wrong, activityId)))
    const judged = results.filter((r) => (r.res as { message?: string }).message === INVALID_SHORT_CODE)
    expect(judged.length).toBeGreaterThanOrEqual(1)
    expect(judged.length).toBeLessThanOrEqual(SHORT_CODE_MAX_TRIES)
    expect(results.every((r) => (r.res as { ok: boolean }).ok === false)).toBe(true)
  })
})
