/** Loading what the handlers decide on, and the counts written inside their transactions. */
import type { CategoryItem } from '@/contract'
import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { fail } from '../_shared/errors'
import type { Store, TxStore } from '../_shared/store'
import { villageWithGrids } from '../_shared/villages'
import { WorkCalendar } from '../_shared/workdays'
import type { CalendarDayDoc } from '../reports/docs'
import { loadCategories } from '../reports/repo'
import { mayPatrolIn } from './access'
import type { CountField, CountsDoc, PatrolDoc, PersonDoc, TemplateDoc } from './docs'
import { countsIdFor } from './rules'

export async function requireTemplate(store: Store, id: string): Promise<TemplateDoc> {
  return (await store.findOne<TemplateDoc>(C.patrol_templates, { _id: id })) ?? fail('NOT_FOUND', '没有找到这张巡查表')
}

export async function requirePatrol(store: Store, id: string): Promise<PatrolDoc> {
  return (await store.findOne<PatrolDoc>(C.patrols, { _id: id })) ?? fail('NOT_FOUND', '没有找到这次巡查')
}

/** The enabled report categories by code (a checklist item's failure becomes one of them). */
export async function enabledCategories(store: Store): Promise<Map<string, CategoryItem>> {
  return new Map((await loadCategories(store)).filter((c) => c.enabled).map((c) => [c.code, c]))
}

export interface Place {
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
}

export async function requirePlace(store: Store, villageId: string, gridId: string | null): Promise<Place> {
  const found = await villageWithGrids(store, villageId)
  if (!found) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  const grid = gridId === null ? null : found.grids.find((g) => g._id === gridId)
  if (grid === undefined) return fail('INVALID_INPUT', '所选网格不属于该村（居）', { gridId: '所选网格不属于该村（居）' })
  return { villageId, villageName: found.village.name, gridId: grid?._id ?? null, gridName: grid?.name ?? null }
}

/** The chosen patrollers, in the order given: each must be staff of the village (its grid workers or admins) or the town office. */
export async function requirePatrollers(store: Store, ids: string[], villageId: string): Promise<PersonDoc[]> {
  const users = await store.find<UserDoc>(C.users, { _id: store.db.command.in(ids) }, { limit: ids.length, fields: { _id: true, name: true, grants: true } })
  const byId = new Map(users.map((u) => [u._id, u]))
  return ids.map((id) => {
    const u = byId.get(id)
    if (!u || !mayPatrolIn(u.grants, villageId)) {
      return fail('INVALID_INPUT', `${u?.name ?? '所选人员'}不是本村（居）的网格员、管理员或镇创建办人员，不能安排巡查`, { patrollerIds: '巡查人员不正确' })
    }
    return { userId: u._id, name: u.name }
  })
}

/**
 * A patrol with the working-day corrections of the years its problems' deadlines fall in, in one
 * request ($lookup through calendar_days' year index): submitting is the busiest write of the module.
 */
export async function loadForSubmit(store: Store, patrolId: string): Promise<{ patrol: PatrolDoc; calendar: WorkCalendar } | null> {
  const rows = await store.aggregate<PatrolDoc & { calendarDays: CalendarDayDoc[] }>(C.patrols, (a) =>
    a.match({ _id: patrolId }).limit(1).lookup({ from: C.calendar_days, localField: 'calendarYears', foreignField: 'year', as: 'calendarDays' })
  )
  const row = rows[0]
  if (!row) return null
  const { calendarDays, ...patrol } = row
  // (the local engine's $lookup puts a null where an array element matched nothing)
  const days = calendarDays.filter((d): d is CalendarDayDoc => d !== null && typeof d === 'object')
  return { patrol, calendar: new WorkCalendar(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }))) }
}

export type CountChange = Partial<Record<CountField, number>>

const ZERO: Omit<CountsDoc, '_id' | 'villageId' | 'date' | 'updatedAt'> = { scheduled: 0, done: 0, missed: 0, late: 0, findings: 0, deductions: 0, problemsCreated: 0, problemsLinked: 0 }

/** Adds to a village's counts of a day, creating the document: scheduling writes it (read and set in the transaction). */
export async function addCounts(tx: TxStore, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  const id = countsIdFor(villageId, date)
  const cur = (await tx.get<CountsDoc>(C.supervision_counts, id)) ?? { _id: id, villageId, date, ...ZERO, updatedAt: now }
  const next: CountsDoc = { ...ZERO, ...cur, updatedAt: now }
  for (const [k, n] of Object.entries(change) as Array<[CountField, number]>) next[k] = (next[k] ?? 0) + n
  const { _id, ...doc } = next
  void _id
  await tx.set(C.supervision_counts, id, doc)
}

/**
 * Adds to the counts of a day that has a patrol (its scheduling created the document) without
 * reading it: one request, an increment the database applies at commit.
 */
export async function incCounts(store: Store, tx: TxStore, villageId: string, date: string, change: CountChange, now: Date): Promise<void> {
  const _ = store.db.command
  const patch: Record<string, unknown> = { updatedAt: now }
  for (const [k, n] of Object.entries(change)) if (n) patch[k] = _.inc(n)
  await tx.update(C.supervision_counts, countsIdFor(villageId, date), patch)
}
