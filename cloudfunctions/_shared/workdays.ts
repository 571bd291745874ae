/** The working-day calendar lives in src/domain/workdays.ts (pure; the app's indicators use it too). */
export { WorkCalendar, endOfChinaDay, type CalendarOverride } from '@/domain/workdays'
