/** The pure volunteer rules: hours, the rotating code, distance, windows, masking, team flags, list keys. */
import {
  browseKey,
  checkinWindowProblem,
  checkoutWindowProblem,
  distanceM,
  facetsOf,
  hoursBetween,
  makeCode,
  maskIdNumber,
  maxHours,
  parseCode,
  slotOf,
  teamFlags,
  verifyCode
} from '../../cloudfunctions/volunteers/rules'

const t = (iso: string) => new Date(iso)
const span = { startAt: t('2026-11-10T02:00:00Z'), endAt: t('2026-11-10T05:00:00Z'), hoursCredit: 2.5 }

describe('hours', () => {
  test.each([
    ['10:00–12:14 → 2 h (rounded down to 0.5)', '2026-11-10T02:00:00Z', '2026-11-10T04:14:00Z', 0.5, 2],
    ['10:00–12:29 → 2 h', '2026-11-10T02:00:00Z', '2026-11-10T04:29:00Z', 0.5, 2],
    ['10:00–12:30 → 2.5 h', '2026-11-10T02:00:00Z', '2026-11-10T04:30:00Z', 0.5, 2.5],
    ['10:00–12:20 with 0.25 → 2.25 h', '2026-11-10T02:00:00Z', '2026-11-10T04:20:00Z', 0.25, 2.25],
    ['10:00–12:50 with 1 → 2 h', '2026-11-10T02:00:00Z', '2026-11-10T04:50:00Z', 1, 2],
    ['all day → capped at the credit (2.5 h, shorter than the 3 h activity)', '2026-11-10T01:30:00Z', '2026-11-10T07:00:00Z', 0.5, 2.5],
    ['20 minutes → 0', '2026-11-10T02:00:00Z', '2026-11-10T02:20:00Z', 0.5, 0],
    ['out before in → 0', '2026-11-10T04:00:00Z', '2026-11-10T03:00:00Z', 0.5, 0]
  ])('%s', (_label, a, b, rounding, expected) => {
    expect(hoursBetween(t(a), t(b), span, rounding)).toBe(expected)
  })

  test('capped at the activity length when the credit is larger', () => {
    const long = { ...span, hoursCredit: 8 }
    expect(hoursBetween(t('2026-11-10T01:00:00Z'), t('2026-11-10T09:00:00Z'), long, 0.5)).toBe(3)
    expect(maxHours(long, 0.5)).toBe(3)
    expect(maxHours({ ...span, endAt: t('2026-11-10T04:45:00Z'), hoursCredit: 8 }, 0.5)).toBe(2.5)
  })
})

describe('the rotating code', () => {
  const secret = 'a-secret-of-the-activity'
  const now = t('2026-11-10T02:00:30Z')
  const slot = slotOf(now, 60)

  test('accepted in its slot and the next, expired after, forged when anything changes', () => {
    const code = makeCode('va_1', secret, slot)
    const parsed = parseCode(code)
    expect(parsed).toMatchObject({ activityId: 'va_1', slot })
    if (!parsed) return
    expect(verifyCode(parsed, secret, now, 60)).toBe('ok')
    expect(verifyCode(parsed, secret, new Date(now.getTime() + 60_000), 60)).toBe('ok')
    expect(verifyCode(parsed, secret, new Date(now.getTime() + 120_000), 60)).toBe('expired')
    expect(verifyCode(parsed, 'another secret', now, 60)).toBe('forged')
    expect(verifyCode({ ...parsed, activityId: 'va_2' }, secret, now, 60)).toBe('forged')
    expect(verifyCode({ ...parsed, slot: slot + 1 }, secret, now, 60)).toBe('forged')
    // a code for a future slot (a clock set forward) is not accepted
    const future = parseCode(makeCode('va_1', secret, slot + 5))
    if (future) expect(verifyCode(future, secret, now, 60)).toBe('forged')
  })

  test('anything else is unreadable', () => {
    for (const s of ['', 'ZY1.va_1.12.short', 'ZY2.va_1.1.AAAAAAAAAAAAAAAA', 'ZY1.va 1.1.AAAAAAAAAAAAAAAA', 'https://example.com/?code=1']) expect(parseCode(s)).toBeNull()
  })
})

describe('place and time', () => {
  test('distance (haversine): 0.009° of latitude is about 1 km', () => {
    expect(Math.round(distanceM({ lng: 120.31, lat: 30.41 }, { lng: 120.31, lat: 30.419 }))).toBeGreaterThan(990)
    expect(Math.round(distanceM({ lng: 120.31, lat: 30.41 }, { lng: 120.31, lat: 30.419 }))).toBeLessThan(1010)
    expect(distanceM({ lng: 120.31, lat: 30.41 }, { lng: 120.31, lat: 30.41 })).toBe(0)
  })

  test('check-in opens N minutes before the start and closes at the end; check-out until 2 h after', () => {
    expect(checkinWindowProblem(span, t('2026-11-10T01:29:00Z'), 30)).toBe('签到尚未开始：11月10日 09:30 起可签到（活动开始前 30 分钟）')
    expect(checkinWindowProblem(span, t('2026-11-10T01:30:00Z'), 30)).toBeNull()
    expect(checkinWindowProblem(span, t('2026-11-10T05:00:00Z'), 30)).toBeNull()
    expect(checkinWindowProblem(span, t('2026-11-10T05:00:01Z'), 30)).toMatch(/^活动已结束/)
    expect(checkoutWindowProblem(span, t('2026-11-10T07:00:00Z'))).toBeNull()
    expect(checkoutWindowProblem(span, t('2026-11-10T07:00:01Z'))).toMatch(/^签退时间已过/)
  })
})

describe('people, teams and lists', () => {
  test('ID masking keeps the first 3 and the last 4 (the ID number at rest: volunteers-id-numbers.test.ts)', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
  })

  test('team flags', () => {
    expect(teamFlags({ memberCount: 5, activitiesThisMonth: 2 })).toEqual([])
    expect(teamFlags({ memberCount: 4, activitiesThisMonth: 1 })).toEqual(['队员不足 5 人', '本月活动不足 2 次'])
  })

  test('list keys: organisers see every status, browsing only published', () => {
    const base = { villageId: 'v_a', teamId: 't_1', category: 'culture' }
    expect(facetsOf({ ...base, status: 'draft' })).toEqual(['m', 'm:v:v_a', 'm:t:t_1'])
    expect(facetsOf({ ...base, status: 'published' })).toEqual(expect.arrayContaining(['pub', 'pub:v:v_a', 'pub:c:culture', 'pub:v:v_a:c:culture', browseKey('v_a', 'culture'), browseKey(undefined, undefined)]))
    expect(facetsOf({ ...base, status: 'cancelled' }).some((k) => k.startsWith('pub'))).toBe(false)
  })
})
