import { chinaDay, chinaDayAfter, chinaParts, fromChinaDay } from '@/domain/china-time'

/* Dates as the town reads them: China time, whatever the phone's time zone. */

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null
  // A bare date (2026-11-30) is a calendar day, not midnight UTC.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return fromChinaDay(iso)
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** 2026-11-30 */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso)
  return date ? chinaDay(date) : ''
}

/** 2026-11-30 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso)
  if (!date) return ''
  const p = chinaParts(date)
  return `${chinaDay(date)} ${pad(p.hour)}:${pad(p.minute)}`
}

/** 2026年11月30日 (letters) */
export function formatChineseDate(iso: string | null | undefined): string {
  const date = parse(iso)
  if (!date) return ''
  const p = chinaParts(date)
  return `${p.year}年${p.month}月${p.day}日`
}

/** A calendar day `days` from today, as YYYY-MM-DD (defaults for deadline pickers). */
export function dayFromToday(days: number, now: Date = new Date()): string {
  return chinaDayAfter(now, days)
}
