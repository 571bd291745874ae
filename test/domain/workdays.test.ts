import { isWorkday as packageIsWorkday } from 'chinese-days'
import { WorkCalendar, endOfChinaDay } from '../../cloudfunctions/_shared/workdays'
import { CHINA_OFFSET_MIN, chinaDay } from '../../src/domain/china-time'

/** An instant given as China wall-clock time. */
const cn = (local: string) => new Date(`${local}+08:00`)
const dueOf = (r: { due: Date }) => r.due.toISOString()
const endIso = (date: string) => endOfChinaDay(date).toISOString()

const calendar = new WorkCalendar()

describe('China time', () => {
  test('the offset is fixed UTC+8', () => {
    expect(CHINA_OFFSET_MIN).toBe(480)
  })

  test('chinaDay turns at 16:00 UTC', () => {
    expect(chinaDay(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30')
    expect(chinaDay(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01')
    expect(chinaDay(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01')
    expect(chinaDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })

  test('endOfChinaDay is 23:59:59.999 in China', () => {
    expect(endIso('2026-10-09')).toBe('2026-10-09T15:59:59.999Z')
    expect(endIso('2026-12-31')).toBe('2026-12-31T15:59:59.999Z')
    expect(chinaDay(endOfChinaDay('2026-10-09'))).toBe('2026-10-09')
    expect(chinaDay(new Date(endOfChinaDay('2026-10-09').getTime() + 1))).toBe('2026-10-10')
  })

  test('malformed dates are refused', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-5', '20261005', '']) {
      expect(() => endOfChinaDay(bad)).toThrow(RangeError)
      expect(() => calendar.isWorkday(bad)).toThrow(RangeError)
      expect(() => new WorkCalendar([{ date: bad, kind: 'holiday' }])).toThrow(RangeError)
    }
    expect(() => chinaDay(new Date('nope'))).toThrow(RangeError)
  })
})

describe('the package calendar', () => {
  test('plain weekends are off, weekdays on', () => {
    expect(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].map((d) => calendar.isWorkday(d))).toEqual([true, false, false, true])
    expect(dueOf(calendar.addWorkdays(cn('2026-11-20T10:00:00'), 2))).toBe(endIso('2026-11-24'))
    expect(dueOf(calendar.addWorkdays(cn('2026-11-21T10:00:00'), 1))).toBe(endIso('2026-11-23'))
  })

  test('国庆 2026: 10-01..10-07 off, make-up Sunday 09-20 and Saturday 10-10', () => {
    for (let d = 1; d <= 7; d++) expect(calendar.isWorkday(`2026-10-0${d}`)).toBe(false)
    expect(calendar.isWorkday('2026-10-08')).toBe(true)
    expect(calendar.isWorkday('2026-09-20')).toBe(true)
    expect(calendar.isWorkday('2026-10-10')).toBe(true)
    expect(calendar.isWorkday('2026-10-11')).toBe(false)
    const national = calendar.packageDays(2026).filter((d) => d.name === '国庆节')
    expect(national.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-09-20', '2026-10-10'])
    expect(national.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])
  })

  test('国庆 2026 deadlines skip the holiday and count the make-up days', () => {
    expect(calendar.addWorkdays(cn('2026-09-30T10:00:00'), 2)).toEqual({ due: endOfChinaDay('2026-10-09'), estimated: false })
    expect(dueOf(calendar.addWorkdays(cn('2026-10-08T09:00:00'), 2))).toBe(endIso('2026-10-10'))
    expect(dueOf(calendar.addWorkdays(cn('2026-09-18T09:00:00'), 1))).toBe(endIso('2026-09-20'))
  })

  test('春节 2026: 02-15..02-23 off, make-up Saturdays 02-14 and 02-28', () => {
    const spring = calendar.packageDays(2026).filter((d) => d.name === '春节')
    expect(spring.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`))
    expect(spring.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(['2026-02-14', '2026-02-28'])
    expect(calendar.isWorkday('2026-02-14')).toBe(true)
    expect(calendar.isWorkday('2026-02-23')).toBe(false)
    expect(calendar.isWorkday('2026-02-24')).toBe(true)
    expect(calendar.isWorkday('2026-02-28')).toBe(true)
    expect(calendar.isWorkday('2026-03-01')).toBe(false)
    expect(dueOf(calendar.addWorkdays(cn('2026-02-13T16:00:00'), 2))).toBe(endIso('2026-02-24'))
  })

  test('packageDays lists the year in date order, nothing of other years', () => {
    const days = calendar.packageDays(2026)
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort())
    expect(days.every((d) => d.date.startsWith('2026-'))).toBe(true)
    expect(days[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦' })
    expect(calendar.packageDays(2027)).toEqual([])
  })

  test('known years: what the package publishes (2004..2026 in 1.5.7), not 2027', () => {
    expect(calendar.knowsYear(2004)).toBe(true)
    expect(calendar.knowsYear(2026)).toBe(true)
    expect(calendar.knowsYear(2003)).toBe(false)
    expect(calendar.knowsYear(2027)).toBe(false)
    expect(calendar.isWorkday('2027-01-01')).toBe(true)
  })

  const eastOfUtc = new Date(2026, 0, 1).getTimezoneOffset() <= 0
  // The package's own functions are only right where local midnight is not before UTC midnight.
  ;(eastOfUtc ? test : test.skip)('agrees with the package’s isWorkday on every day it knows', () => {
    const mismatches: string[] = []
    for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10)
      if (calendar.isWorkday(date) !== packageIsWorkday(date)) mismatches.push(date)
    }
    expect(mismatches).toEqual([])
  })
})

describe('years the package does not know', () => {
  test('a deadline across the year end into 2027 is estimated', () => {
    expect(calendar.addWorkdays(cn('2026-12-30T10:00:00'), 2)).toEqual({ due: endOfChinaDay('2027-01-01'), estimated: true })
    expect(calendar.addWorkdays(cn('2026-12-29T10:00:00'), 2)).toEqual({ due: endOfChinaDay('2026-12-31'), estimated: false })
  })

  test('an office-entered 2027 元旦 changes the deadline and makes 2027 known', () => {
    const office = new WorkCalendar([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])
    expect(office.knowsYear(2027)).toBe(true)
    expect(office.isWorkday('2027-01-01')).toBe(false)
    expect(office.addWorkdays(cn('2026-12-30T10:00:00'), 2)).toEqual({ due: endOfChinaDay('2027-01-04'), estimated: false })
    expect(office.packageDays(2027)).toEqual([])
  })

  test('an office make-up day alone does not make a year known', () => {
    const office = new WorkCalendar([{ date: '2027-01-09', kind: 'workday' }])
    expect(office.knowsYear(2027)).toBe(false)
    expect(office.isWorkday('2027-01-09')).toBe(true)
  })

  test('a deadline starting in an unknown year is estimated', () => {
    expect(calendar.addWorkdays(cn('2027-03-01T10:00:00'), 2)).toEqual({ due: endOfChinaDay('2027-03-03'), estimated: true })
  })
})

describe('office corrections win over the package', () => {
  test('a package holiday turned into a working day', () => {
    const office = new WorkCalendar([{ date: '2026-10-07', kind: 'workday', name: null }])
    expect(office.isWorkday('2026-10-07')).toBe(true)
    expect(dueOf(office.addWorkdays(cn('2026-09-30T10:00:00'), 1))).toBe(endIso('2026-10-07'))
    expect(dueOf(calendar.addWorkdays(cn('2026-09-30T10:00:00'), 1))).toBe(endIso('2026-10-08'))
    expect(office.packageDays(2026).find((d) => d.date === '2026-10-07')).toEqual({ date: '2026-10-07', kind: 'holiday', name: '国庆节' })
  })

  test('a package make-up day turned into a holiday; the later entry for a date wins', () => {
    expect(new WorkCalendar([{ date: '2026-10-10', kind: 'holiday' }]).isWorkday('2026-10-10')).toBe(false)
    const twice = new WorkCalendar([
      { date: '2026-11-23', kind: 'holiday' },
      { date: '2026-11-23', kind: 'workday' }
    ])
    expect(twice.isWorkday('2026-11-23')).toBe(true)
  })
})

describe('China-time boundaries', () => {
  test('an instant at 2026-09-30T17:00Z is already 10-01 (a holiday) in China', () => {
    expect(calendar.isWorkday(chinaDay(new Date('2026-09-30T17:00:00Z')))).toBe(false)
  })

  test('the day of `from` is its China date', () => {
    // 09-29 23:00 in China: the next working day is 09-30.
    expect(dueOf(calendar.addWorkdays(new Date('2026-09-29T15:00:00Z'), 1))).toBe('2026-09-30T15:59:59.999Z')
    // 09-30 01:00 in China: the holiday follows, the next working day is 10-08.
    expect(dueOf(calendar.addWorkdays(new Date('2026-09-29T17:00:00Z'), 1))).toBe('2026-10-08T15:59:59.999Z')
  })

  test('zero working days ends the same China day; bad counts are refused', () => {
    expect(calendar.addWorkdays(new Date('2026-10-03T18:00:00Z'), 0)).toEqual({ due: endOfChinaDay('2026-10-04'), estimated: false })
    expect(() => calendar.addWorkdays(cn('2026-10-01T00:00:00'), -1)).toThrow(RangeError)
    expect(() => calendar.addWorkdays(cn('2026-10-01T00:00:00'), 1.5)).toThrow(RangeError)
  })
})

describe('workdaysOverdue', () => {
  const due = endOfChinaDay('2026-09-30')

  test('not overdue on the due day or before', () => {
    expect(calendar.workdaysOverdue(due, new Date('2026-09-30T15:59:59.999Z'))).toBe(0)
    expect(calendar.workdaysOverdue(due, cn('2026-09-28T09:00:00'))).toBe(0)
  })

  test('holidays after the due day do not count', () => {
    expect(calendar.workdaysOverdue(due, new Date('2026-09-30T17:00:00Z'))).toBe(0)
    expect(calendar.workdaysOverdue(due, cn('2026-10-07T23:59:00'))).toBe(0)
  })

  test('working days after the due day count, today included, make-up days too', () => {
    expect(calendar.workdaysOverdue(due, new Date('2026-10-07T23:00:00Z'))).toBe(1) // 10-08 07:00 in China
    expect(calendar.workdaysOverdue(due, cn('2026-10-10T12:00:00'))).toBe(3) // 10-08, 10-09, 10-10 (make-up)
    expect(calendar.workdaysOverdue(due, cn('2026-10-11T12:00:00'))).toBe(3)
    expect(calendar.workdaysOverdue(endOfChinaDay('2026-11-20'), cn('2026-11-23T08:00:00'))).toBe(1)
  })

  test('office corrections count', () => {
    const office = new WorkCalendar([{ date: '2026-10-07', kind: 'workday' }])
    expect(office.workdaysOverdue(due, cn('2026-10-07T10:00:00'))).toBe(1)
  })
})
