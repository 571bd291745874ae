function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null
  // A bare date (2026-11-30) is a calendar day, not midnight UTC.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** 2026-11-30 */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso)
  return date ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : ''
}

/** 2026-11-30 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso)
  return date ? `${formatDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}` : ''
}

/** 2026年11月30日 (letters) */
export function formatChineseDate(iso: string | null | undefined): string {
  const date = parse(iso)
  return date ? `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日` : ''
}

/** A calendar day `days` from today, as YYYY-MM-DD (defaults for deadline pickers). */
export function dayFromToday(days: number, now: Date = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
