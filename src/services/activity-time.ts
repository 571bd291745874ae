import { chinaDay, chinaInstant, chinaMidnight, chinaParts, fromChinaDay } from '@/domain/china-time'

/** Dates and times of volunteer activities, in China time whatever the phone's time zone. */

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** 09:05 */
export function clock(date: Date): string {
  const p = chinaParts(date)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** 11月25日 周三 (with the year when it is not this year) */
export function dayLabel(date: Date, now: Date = new Date()): string {
  const p = chinaParts(date)
  const year = p.year === chinaParts(now).year ? '' : `${p.year}年`
  return `${year}${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]}`
}

/** 11月25日 周三 09:00–11:30, or both ends in full when the activity spans days. */
export function activityTimeText(startAt: string, endAt: string, now: Date = new Date()): string {
  const start = parse(startAt)
  const end = parse(endAt)
  if (!start) return ''
  if (!end) return `${dayLabel(start, now)} ${clock(start)}`
  if (chinaDay(start) === chinaDay(end)) return `${dayLabel(start, now)} ${clock(start)}–${clock(end)}`
  return `${dayLabel(start, now)} ${clock(start)} 至 ${dayLabel(end, now)} ${clock(end)}`
}

/** 11月24日 18:00 */
export function shortDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  const date = parse(iso)
  if (!date) return ''
  const p = chinaParts(date)
  const year = p.year === chinaParts(now).year ? '' : `${p.year}年`
  return `${year}${p.month}月${p.day}日 ${clock(date)}`
}

export type DateRange = 'upcoming' | 'week' | 'month'

export const DATE_RANGES: ReadonlyArray<{ value: DateRange; label: string }> = [
  { value: 'upcoming', label: '近期' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' }
]

/**
 * The volunteers.activities window of a date filter: 近期 = from today on, 本周 = Monday to Sunday,
 * 本月 = the calendar month. ISO timestamps of China midnights.
 */
export function rangeOf(range: DateRange, now: Date = new Date()): { from: string; to?: string } {
  if (range === 'week') {
    const back = (chinaParts(now).weekday + 6) % 7
    return { from: chinaMidnight(now, -back).toISOString(), to: chinaMidnight(now, 7 - back).toISOString() }
  }
  if (range === 'month') {
    const p = chinaParts(now)
    return { from: chinaInstant(p.year, p.month, 1).toISOString(), to: chinaInstant(p.year, p.month + 1, 1).toISOString() }
  }
  return { from: chinaMidnight(now).toISOString() }
}

/** China date and time parts of an ISO timestamp, for the pickers ('' when empty). */
export function splitLocal(iso: string | null | undefined): { date: string; time: string } {
  const date = parse(iso)
  if (!date) return { date: '', time: '' }
  return { date: chinaDay(date), time: clock(date) }
}

/** The ISO timestamp of a China date (YYYY-MM-DD) and time (HH:mm); '' until both are chosen. */
export function joinLocal(date: string, time: string): string {
  const day = fromChinaDay(date)
  const m = /^(\d{2}):(\d{2})$/.exec(time)
  if (!day || !m || Number(m[1]) > 23 || Number(m[2]) > 59) return ''
  return new Date(day.getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000).toISOString()
}

/** A China date-time `days` from now at hh:mm, as ISO (defaults of a new activity). */
export function daysFromNowAt(days: number, hour: number, minute = 0, now: Date = new Date()): string {
  const p = chinaParts(now)
  return chinaInstant(p.year, p.month, p.day + days, hour, minute).toISOString()
}

/** 2.5 → "2.5", 3 → "3"; never more than two decimals. */
export function hoursNumber(hours: number): string {
  return String(Math.round(hours * 100) / 100)
}
