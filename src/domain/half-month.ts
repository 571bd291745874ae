/*
 * Half months of 信息报送 (seed 004 四.五: 每半月至少报送一条): the 1st–15th and the 16th to the end of
 * the month, China calendar days (china-time), whatever the time zone of the phone or the server.
 * Pure; the app and the functions read the same module.
 */
import { chinaInstant, chinaParts } from './china-time'

export type Half = 1 | 2

export interface HalfMonth {
  year: number
  /** 1–12 */
  month: number
  half: Half
  /** YYYY-MM-1 / YYYY-MM-2: the key counts are kept under. */
  key: string
  /** First and last China day, YYYY-MM-DD. */
  from: string
  to: string
  /** First instant, and the first instant of the next half month. */
  start: Date
  end: Date
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** Days in a calendar month (28–31). */
export function monthDays(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function halfMonth(year: number, month: number, half: Half): HalfMonth {
  const last = half === 1 ? 15 : monthDays(year, month)
  return {
    year,
    month,
    half,
    key: `${year}-${pad(month)}-${half}`,
    from: `${year}-${pad(month)}-${half === 1 ? '01' : '16'}`,
    to: `${year}-${pad(month)}-${pad(last)}`,
    start: chinaInstant(year, month, half === 1 ? 1 : 16),
    end: half === 1 ? chinaInstant(year, month, 16) : chinaInstant(year, month + 1, 1)
  }
}

/** The half month the instant falls in, China time. */
export function halfMonthOf(at: Date): HalfMonth {
  const p = chinaParts(at)
  return halfMonth(p.year, p.month, p.day <= 15 ? 1 : 2)
}

/** The half month of a key (YYYY-MM-1 / YYYY-MM-2); null when it is not one. */
export function halfMonthFromKey(key: string): HalfMonth | null {
  const m = /^(\d{4})-(\d{2})-([12])$/.exec(key)
  if (!m) return null
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  return halfMonth(Number(m[1]), month, Number(m[3]) as Half)
}

/** The half month before this one. */
export function previousHalf(h: HalfMonth): HalfMonth {
  if (h.half === 2) return halfMonth(h.year, h.month, 1)
  return h.month === 1 ? halfMonth(h.year - 1, 12, 2) : halfMonth(h.year, h.month - 1, 2)
}

/** Whether the half month is over at `now` (its last day has ended, China time). */
export const halfClosed = (h: HalfMonth, now: Date) => now.getTime() >= h.end.getTime()

/** 2026年11月上半月（1–15日） */
export function halfLabel(h: Pick<HalfMonth, 'year' | 'month' | 'half' | 'to'>): string {
  return `${h.year}年${h.month}月${h.half === 1 ? '上半月（1–15日）' : `下半月（16–${Number(h.to.slice(8))}日）`}`
}
