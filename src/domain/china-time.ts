/*
 * China time (UTC+8 all year, no daylight saving) whatever the time zone of the phone, the browser or
 * the server: the town's days, deadlines, months and working days are China calendar days. Pure; the
 * app and the functions read the same module.
 */

export const CHINA_OFFSET_MIN = 480
export const CHINA_OFFSET_MS = CHINA_OFFSET_MIN * 60 * 1000

export interface ChinaParts {
  year: number
  /** 1–12 */
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
}

/** The wall clock of `d` in China. */
export function chinaParts(d: Date): ChinaParts {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS)
  return {
    year: c.getUTCFullYear(),
    month: c.getUTCMonth() + 1,
    day: c.getUTCDate(),
    hour: c.getUTCHours(),
    minute: c.getUTCMinutes(),
    second: c.getUTCSeconds(),
    weekday: c.getUTCDay()
  }
}

/** The instant of a China wall-clock time; month, day, hour and minute past their range roll over (month 13 = January next year). */
export function chinaInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - CHINA_OFFSET_MS)
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** YYYY-MM-DD of the instant in China. */
export function chinaDay(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('时间不正确')
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** HH:mm of the instant in China. */
export function chinaClock(d: Date): string {
  const p = chinaParts(d)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** 11月24日 14:30 in China time. */
export function chinaDateTime(d: Date): string {
  const p = chinaParts(d)
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`
}

/** 2026-03-05 14:30 in China time. */
export function chinaStamp(d: Date): string {
  return `${chinaDay(d)} ${chinaClock(d)}`
}

/** [first instant of the China month of `d`, first instant of the next one). */
export function chinaMonthSpan(d: Date): { from: Date; to: Date } {
  const p = chinaParts(d)
  return { from: chinaInstant(p.year, p.month, 1), to: chinaInstant(p.year, p.month + 1, 1) }
}

/** The last instant (23:59:59.999 China time) of a calendar day written YYYY-MM-DD; throws when it is not one. */
export function endOfChinaDay(day: string): Date {
  const start = fromChinaDay(day)
  if (!start) throw new RangeError(`日期格式不正确：${day}`)
  return new Date(chinaMidnight(start, 1).getTime() - 1)
}

/** China midnight starting the day of `d`, `addDays` days later (negative: earlier). */
export function chinaMidnight(d: Date, addDays = 0): Date {
  const p = chinaParts(d)
  return chinaInstant(p.year, p.month, p.day + addDays)
}

/** China midnight of a calendar day written YYYY-MM-DD; null when it is not one. */
export function fromChinaDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const at = chinaInstant(Number(m[1]), Number(m[2]), Number(m[3]))
  return chinaDay(at) === day ? at : null
}

/** The China calendar day `days` after the day of `d`, as YYYY-MM-DD. */
export function chinaDayAfter(d: Date, days: number): string {
  return chinaDay(chinaMidnight(d, days))
}

/** ISO 8601 with the China offset, to the second: 2026-03-05T14:30:00+08:00 (for APIs read by others). */
export function chinaIso(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('时间不正确')
  return `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}
