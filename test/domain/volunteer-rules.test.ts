/** The volunteer rules the function and the pages share: hours, windows, distance, corrections, team flags. */
import {
  CHECKIN_SHOWN_MS,
  DEFAULT_SETTINGS,
  checkinShown,
  checkinWindowProblem,
  checkoutWindowProblem,
  correctedHoursProblem,
  distanceM,
  distanceProblem,
  hoursBetween,
  manualTimeProblem,
  maxHours,
  spanOf,
  teamFlags
} from '@/domain/volunteer-rules'

const t = (iso: string) => new Date(iso)
/** 10:00–13:00 China time, credit 2.5 h. */
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

describe('teams', () => {
  test('team flags', () => {
    expect(teamFlags({ memberCount: 5, activitiesThisMonth: 2 })).toEqual([])
    expect(teamFlags({ memberCount: 4, activitiesThisMonth: 1 })).toEqual(['队员不足 5 人', '本月活动不足 2 次'])
  })
})

describe("an organiser's corrections", () => {
  test.each([
    ['within the most and a multiple of 0.5', 2, 0.5, null],
    ['the most (the credit, shorter than the activity)', 2.5, 0.5, null],
    ['more than the most', 3, 0.5, { message: '时长不能超过 2.5 小时（活动时长与可记时长的较小者）', field: '最多 2.5 小时' }],
    ['not a multiple of the rounding', 1.25, 0.5, { message: '时长应为 0.5 小时的整数倍', field: '应为 0.5 小时的整数倍' }],
    ['quarter hours allowed with 0.25', 1.25, 0.25, null],
    ['whole hours: the most is 2', 2.5, 1, { message: '时长不能超过 2 小时（活动时长与可记时长的较小者）', field: '最多 2 小时' }],
    ['zero hours', 0, 0.5, null]
  ])('%s', (_name, hours, rounding, expected) => {
    expect(correctedHoursProblem(hours, span, rounding)).toEqual(expected)
  })

  test('a manual check-in or check-out falls between check-in opening and check-out closing', () => {
    expect(manualTimeProblem(span, t('2026-11-10T01:29:59Z'), 30)).toBe('时间应在活动时间内')
    expect(manualTimeProblem(span, t('2026-11-10T01:30:00Z'), 30)).toBeNull()
    expect(manualTimeProblem(span, t('2026-11-10T07:00:00Z'), 30)).toBeNull()
    expect(manualTimeProblem(span, t('2026-11-10T07:00:01Z'), 30)).toBe('时间应在活动时间内')
    expect(manualTimeProblem(span, t('2026-11-10T00:59:00Z'), 60)).toBe('时间应在活动时间内')
    expect(manualTimeProblem(span, t('2026-11-10T01:00:00Z'), 60)).toBeNull()
  })
})

describe('distance and the page', () => {
  test(`the venue's radius (default ${DEFAULT_SETTINGS.maxDistanceM} m): about 1 km away is refused with the distance`, () => {
    const venue = { lng: 120.31, lat: 30.41 }
    expect(distanceProblem(venue, { lng: 120.31, lat: 30.4144 }, DEFAULT_SETTINGS.maxDistanceM)).toBeNull()
    expect(distanceProblem(venue, { lng: 120.31, lat: 30.419 }, DEFAULT_SETTINGS.maxDistanceM)).toMatch(/^您距离活动地点约 10\d\d 米，超出 500 米的签到范围，请到现场后再扫码$/)
    expect(distanceProblem(venue, { lng: 120.31, lat: 30.419 }, 2000)).toBeNull()
  })

  test('the page offers check-in from a day before the start until a day after the end', () => {
    expect(CHECKIN_SHOWN_MS).toBe(24 * 3600 * 1000)
    expect(checkinShown(span, t('2026-11-09T01:59:59Z'))).toBe(false)
    expect(checkinShown(span, t('2026-11-09T02:00:00Z'))).toBe(true)
    expect(checkinShown(span, t('2026-11-11T05:00:00Z'))).toBe(true)
    expect(checkinShown(span, t('2026-11-11T05:00:01Z'))).toBe(false)
  })

  test('the page (ISO strings) and the database (Dates) make the same span', () => {
    expect(spanOf({ startAt: '2026-11-10T02:00:00.000Z', endAt: '2026-11-10T05:00:00.000Z', hoursCredit: 2.5 })).toEqual(span)
    expect(spanOf(span)).toEqual(span)
  })
})
