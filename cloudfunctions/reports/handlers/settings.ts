/** Settings of the loop: categories (问题类别) and the working-day calendar (节假日与调休). */
import type { ActionName, CalendarDay, CalendarYear, CategoryList, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { setAudited } from '../../_shared/audit'
import { fail } from '../../_shared/errors'
import type { Store } from '../../_shared/store'
import { WorkCalendar } from '../../_shared/workdays'
import type { CalendarDayDoc, CategorySettingsDoc } from '../docs'
import { loadCategoryList, SETTINGS_ID } from '../repo'

type In<A extends ActionName> = ParsedInputOf<A>

export async function categories(_input: In<'reports.categories'>, ctx: Ctx): Promise<CategoryList> {
  return loadCategoryList(ctx.store)
}

/** The whole list at once, only over the revision the editor loaded: two office staff editing at once do not overwrite each other. */
export async function saveCategories(input: In<'reports.saveCategories'>, ctx: Ctx): Promise<CategoryList> {
  // unique codes and names, at least one enabled: the schema's (the contract)
  const rev = input.rev + 1
  // Revision 0 is the defaults (no document yet) or a document saved before revisions were kept.
  await setAudited<CategorySettingsDoc>(ctx, C.report_settings, SETTINGS_ID, 'report_settings', 'saveCategories', (cur) => {
    if ((cur?.rev ?? 0) !== input.rev) fail('CONFLICT', '类别刚被他人修改，请刷新后再改')
    return { doc: { items: input.items, updatedAt: ctx.now(), updatedBy: ctx.userId, rev }, detail: { items: input.items, rev } }
  })
  return { items: input.items, rev }
}

async function calendarYear(store: Store, year: number): Promise<CalendarYear> {
  const office = await store.find<CalendarDayDoc>(C.calendar_days, { year }, { sort: [['date', 'asc']], limit: 1000 })
  const calendar = new WorkCalendar(office.map((d) => ({ date: d.date, kind: d.kind, name: d.name })))
  const days = new Map<string, CalendarDay>()
  for (const d of calendar.packageDays(year)) days.set(d.date, { ...d, origin: 'package' })
  for (const d of office) days.set(d.date, { date: d.date, kind: d.kind, name: d.name, origin: 'office' })
  return { year, known: calendar.knowsYear(year), days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)) }
}

export async function calendar(input: In<'reports.calendar'>, ctx: Ctx): Promise<CalendarYear> {
  return calendarYear(ctx.store, input.year)
}

/** The office adds or corrects one day; 'auto' removes its correction (the package's data applies again). */
export async function setCalendarDay(input: In<'reports.setCalendarDay'>, ctx: Ctx): Promise<CalendarYear> {
  const year = Number(input.date.slice(0, 4))
  if (Number.isNaN(new Date(`${input.date}T00:00:00Z`).getTime()) || new Date(`${input.date}T00:00:00Z`).toISOString().slice(0, 10) !== input.date) {
    fail('INVALID_INPUT', '日期不正确', { date: '日期不正确' })
  }
  if (year < 2020 || year > 2100) fail('INVALID_INPUT', '年份不正确', { date: '年份不正确' })
  const doc: Omit<CalendarDayDoc, '_id'> | null = input.kind === 'auto' ? null : { date: input.date, year, kind: input.kind, name: input.name ?? null, setBy: ctx.userId, setAt: ctx.now() }
  await setAudited(ctx, C.calendar_days, input.date, 'calendar_day', 'setCalendarDay', () => ({ doc, detail: { kind: input.kind, name: input.name ?? null } }))
  return calendarYear(ctx.store, year)
}
