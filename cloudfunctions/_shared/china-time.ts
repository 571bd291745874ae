/* China time (UTC+8, no daylight saving) without the holiday data: functions that only need dates
   import this, so the working-day calendar's data file is bundled only where deadlines are computed. */

export const TZ_OFFSET_MIN = 480
const OFFSET_MS = TZ_OFFSET_MIN * 60 * 1000

/** YYYY-MM-DD of the instant in China time. */
export function chinaDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('时间不正确')
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}
