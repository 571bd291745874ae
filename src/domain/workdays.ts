/**
 * Working days in China: statutory holidays and 调休 make-up days from the `chinese-days`
 * package, corrected or extended by the town office. Every date is a China date (UTC+8, no DST);
 * functions run in UTC, so instants are converted explicitly and never through local time.
 *
 * Pure and platform-free: the functions compute deadlines with it, the indicators count working
 * days with it (cloudfunctions/_shared/workdays.ts re-exports it for the functions).
 *
 * The package's data file (`dist/chinese-days.json`, documented in its README) is read rather
 * than its functions: those build their table at load time with local-time getters, which shifts
 * every date by a day in a time zone west of UTC. A year is "known" to the package when the file
 * holds at least one holiday of it (each published year has 元旦 at least).
 */
import packageData from 'chinese-days/dist/chinese-days.json'
import { chinaDay, endOfChinaDay } from './china-time'

export { endOfChinaDay }

export interface CalendarOverride {
  /** YYYY-MM-DD */
  date: string
  kind: 'holiday' | 'workday'
  name?: string | null
}

const DAY_MS = 24 * 60 * 60 * 1000
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
/** More than any real chain of holidays and deadlines; guards against a runaway loop. */
const MAX_WORKDAYS = 3660

interface PackageData {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

const PACKAGE: PackageData = packageData as PackageData
const PACKAGE_YEARS: ReadonlySet<number> = new Set(Object.keys(PACKAGE.holidays).map(yearOf))

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date; throws on anything else. */
function dayNumber(date: string): number {
  const m = DATE_RE.exec(date)
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / DAY_MS
  }
  throw new RangeError(`日期格式不正确：${date}`)
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}

/** '国庆节' from the package's 'National Day,国庆节,3'. */
function chineseName(value: string): string | null {
  return value.split(',')[1] || value || null
}

export class WorkCalendar {
  private readonly overrides = new Map<string, CalendarOverride['kind']>()
  private readonly officeYears = new Set<number>()

  /** The town office's additions and corrections win over the package; a later entry for the same date wins. */
  constructor(overrides: CalendarOverride[] = []) {
    for (const o of overrides) {
      dayNumber(o.date)
      this.overrides.set(o.date, o.kind)
    }
    for (const [date, kind] of this.overrides) if (kind === 'holiday') this.officeYears.add(yearOf(date))
  }

  isWorkday(date: string): boolean {
    const day = dayNumber(date)
    const office = this.overrides.get(date)
    if (office !== undefined) return office === 'workday'
    if (PACKAGE.workdays[date] !== undefined) return true
    if (PACKAGE.holidays[date] !== undefined) return false
    const weekday = new Date(day * DAY_MS).getUTCDay()
    return weekday !== 0 && weekday !== 6
  }

  /** The package publishes the year, or the office entered at least one holiday for it. */
  knowsYear(year: number): boolean {
    return PACKAGE_YEARS.has(year) || this.officeYears.has(year)
  }

  /** The package's holidays and make-up working days of the year, by date. */
  packageDays(year: number): Array<{ date: string; kind: 'holiday' | 'workday'; name: string | null }> {
    const prefix = `${year}-`
    const pick = (table: Record<string, string>, kind: 'holiday' | 'workday') =>
      Object.entries(table)
        .filter(([date]) => date.startsWith(prefix))
        .map(([date, value]) => ({ date, kind, name: chineseName(value) }))
    return [...pick(PACKAGE.holidays, 'holiday'), ...pick(PACKAGE.workdays, 'workday')].sort((a, b) => a.date.localeCompare(b.date))
  }

  /**
   * The end of the n-th working day after `from` (the day of `from` itself does not count).
   * estimated = some day on the way lies in a year the calendar does not know.
   */
  addWorkdays(from: Date, n: number): { due: Date; estimated: boolean } {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) throw new RangeError(`工作日天数不正确：${n}`)
    let day = dayNumber(chinaDay(from))
    let estimated = false
    for (let left = n; left > 0; ) {
      day += 1
      const date = dateOf(day)
      if (!this.knowsYear(yearOf(date))) estimated = true
      if (this.isWorkday(date)) left -= 1
    }
    return { due: endOfChinaDay(dateOf(day)), estimated }
  }

  /** Whole working days strictly after `due`'s China date up to and including `now`'s China date (0 when not overdue). */
  workdaysOverdue(due: Date, now: Date): number {
    return this.workdaysBetween(due, now)
  }

  /**
   * Working days from `from` to `to`: those strictly after `from`'s China date up to and including
   * `to`'s (the count addWorkdays steps over; same day = 0, `to` before `from` = 0).
   */
  workdaysBetween(from: Date, to: Date): number {
    const last = dayNumber(chinaDay(to))
    let count = 0
    for (let day = dayNumber(chinaDay(from)) + 1; day <= last; day++) if (this.isWorkday(dateOf(day))) count++
    return count
  }
}
