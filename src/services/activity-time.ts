/** Dates and times of volunteer activities, in the phone's local time (China). */

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

/** 09:05 */
export function clock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** 11月25日 周三 (with the year when it is not this year) */
export function dayLabel(date: Date, now: Date = new Date()): string {
  const year = date.getFullYear() === now.getFullYear() ? '' : `${date.getFullYear()}年`
  return `${year}${date.getMonth() + 1}月${date.getDate()}日 ${WEEKDAYS[date.getDay()]}`
}

/** 11月25日 周三 09:00–11:30, or both ends in full when the activity spans days. */
export function activityTimeText(startAt: string, endAt: string, now: Date = new Date()): string {
  const start = parse(startAt)
  const end = parse(endAt)
  if (!start) return ''
  if (!end) return `${dayLabel(start, now)} ${clock(start)}`
  if (sameDay(start, end)) return `${dayLabel(start, now)} ${clock(start)}–${clock(end)}`
  return `${dayLabel(start, now)} ${clock(start)} 至 ${dayLabel(end, now)} ${clock(end)}`
}

/** 11月24日 18:00 */
export function shortDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  const date = parse(iso)
  if (!date) return ''
  const year = date.getFullYear() === now.getFullYear() ? '' : `${date.getFullYear()}年`
  return `${year}${date.getMonth() + 1}月${date.getDate()}日 ${clock(date)}`
}

export type DateRange = 'upcoming' | 'week' | 'month'

export const DATE_RANGES: ReadonlyArray<{ value: DateRange; label: string }> = [
  { value: 'upcoming', label: '近期' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' }
]

/**
 * The volunteers.activities window of a date filter: 近期 = from today on, 本周 = Monday to Sunday,
 * 本月 = the calendar month. ISO timestamps of local midnights.
 */
export function rangeOf(range: DateRange, now: Date = new Date()): { from: string; to?: string } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  if (range === 'week') {
    const monday = new Date(today)
    monday.setDate(today.getDate() - ((today.getDay() + 6) % 7))
    const next = new Date(monday)
    next.setDate(monday.getDate() + 7)
    return { from: monday.toISOString(), to: next.toISOString() }
  }
  if (range === 'month') {
    const first = new Date(now.getFullYear(), now.getMonth(), 1)
    const next = new Date(now.getFullYear(), now.getMonth() + 1, 1)
    return { from: first.toISOString(), to: next.toISOString() }
  }
  return { from: today.toISOString() }
}

/** Local date and time parts of an ISO timestamp, for the pickers ('' when empty). */
export function splitLocal(iso: string | null | undefined): { date: string; time: string } {
  const date = parse(iso)
  if (!date) return { date: '', time: '' }
  return { date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, time: clock(date) }
}

/** The ISO timestamp of a local date (YYYY-MM-DD) and time (HH:mm); '' until both are chosen. */
export function joinLocal(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return ''
  const value = new Date(`${date}T${time}:00`)
  return Number.isNaN(value.getTime()) ? '' : value.toISOString()
}

/** A local date-time `days` from now at hh:mm, as ISO (defaults of a new activity). */
export function daysFromNowAt(days: number, hour: number, minute = 0, now: Date = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, minute).toISOString()
}

/** 2.5 → "2.5", 3 → "3"; never more than two decimals. */
export function hoursNumber(hours: number): string {
  return String(Math.round(hours * 100) / 100)
}
