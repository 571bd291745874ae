/** China time whatever the machine's time zone: the app's dates and the seed's days read this module. */
import { chinaClock, chinaDateTime, chinaDay, chinaDayAfter, chinaInstant, chinaMidnight, chinaMonthSpan, chinaParts, chinaStamp, endOfChinaDay, fromChinaDay } from '../../src/domain/china-time'
import { dayFromToday, formatChineseDate, formatDate, formatDateTime } from '../../src/services/format'
import { activityTimeText, daysFromNowAt, joinLocal, rangeOf, splitLocal } from '../../src/services/activity-time'

const zone = process.env.TZ

describe.each(['America/Los_Angeles', 'Asia/Shanghai', 'Australia/Sydney', 'UTC'])('on a machine in %s', (tz) => {
  beforeAll(() => {
    process.env.TZ = tz
  })
  afterAll(() => {
    process.env.TZ = zone
  })

  test('the wall clock of an instant in China', () => {
    const newYearsEve = new Date('2026-12-31T15:30:00Z') // 23:30 in China
    expect(chinaParts(newYearsEve)).toEqual({ year: 2026, month: 12, day: 31, hour: 23, minute: 30, second: 0, weekday: 4 })
    expect(chinaDay(newYearsEve)).toBe('2026-12-31')
    expect(chinaClock(newYearsEve)).toBe('23:30')
    expect(chinaDayAfter(newYearsEve, 1)).toBe('2027-01-01')
    expect(chinaMidnight(newYearsEve).toISOString()).toBe('2026-12-30T16:00:00.000Z')
    expect(chinaInstant(2026, 13, 1, 9).toISOString()).toBe('2027-01-01T01:00:00.000Z')
    expect(fromChinaDay('2026-02-17')?.toISOString()).toBe('2026-02-16T16:00:00.000Z')
    expect(fromChinaDay('2026-02-30')).toBeNull()
    expect(fromChinaDay('17/02/2026')).toBeNull()
    expect(chinaDateTime(newYearsEve)).toBe('12月31日 23:30')
    expect(chinaStamp(new Date('2026-03-04T16:30:00Z'))).toBe('2026-03-05 00:30')
    expect(endOfChinaDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z')
    expect(() => endOfChinaDay('2026-02-30')).toThrow(RangeError)
  })

  test('China month and day boundaries', () => {
    const t = (iso: string) => new Date(iso)
    expect(chinaMonthSpan(t('2026-10-31T16:30:00Z'))).toEqual({ from: t('2026-10-31T16:00:00Z'), to: t('2026-11-30T16:00:00Z') })
    expect(chinaMonthSpan(t('2026-12-31T16:30:00Z'))).toEqual({ from: t('2026-12-31T16:00:00Z'), to: t('2027-01-31T16:00:00Z') })
    expect(chinaMidnight(t('2026-11-10T17:00:00Z'))).toEqual(t('2026-11-10T16:00:00Z'))
  })

  test('dates shown in the app are China dates', () => {
    const firstOfMonth = '2026-02-28T16:30:00.000Z' // 2026-03-01 00:30 in China
    expect(formatDate(firstOfMonth)).toBe('2026-03-01')
    expect(formatDateTime(firstOfMonth)).toBe('2026-03-01 00:30')
    expect(formatChineseDate(firstOfMonth)).toBe('2026年3月1日')
    expect(formatDate('2026-11-30')).toBe('2026-11-30')
    expect(formatChineseDate('2026-11-30')).toBe('2026年11月30日')
    expect(dayFromToday(1, new Date(firstOfMonth))).toBe('2026-03-02')
    const now = new Date('2026-11-24T16:30:00Z') // Wednesday 11-25 00:30 in China
    expect(activityTimeText('2026-11-25T01:00:00Z', '2026-11-25T03:30:00Z', now)).toBe('11月25日 周三 09:00–11:30')
    expect(splitLocal('2026-11-25T01:00:00Z')).toEqual({ date: '2026-11-25', time: '09:00' })
    expect(joinLocal('2026-11-25', '09:00')).toBe('2026-11-25T01:00:00.000Z')
    expect(joinLocal('2026-11-25', '24:00')).toBe('')
    expect(daysFromNowAt(1, 9, 0, now)).toBe('2026-11-26T01:00:00.000Z')
    expect(rangeOf('week', now)).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' })
    expect(rangeOf('month', now)).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' })
    expect(rangeOf('upcoming', now)).toEqual({ from: '2026-11-24T16:00:00.000Z' })
  })
})
