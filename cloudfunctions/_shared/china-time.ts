/* China time (UTC+8, no daylight saving) without the holiday data: functions that only need dates
   import this, so the working-day calendar's data file is bundled only where deadlines are computed.
   The arithmetic is the app's own module (src/domain/china-time.ts); these are its backend names. */

export { CHINA_OFFSET_MIN as TZ_OFFSET_MIN, chinaDay as chinaDate } from '@/domain/china-time'
