import { DEFAULT_REPORT_CATEGORIES, type CategoryItem, type CategoryList } from '@/contract'
import { C } from '../_shared/collections'
import { fail, isDuplicateKeyError } from '../_shared/errors'
import type { Store, TxStore } from '../_shared/store'
import { WorkCalendar } from '../_shared/workdays'
import type { CalendarDayDoc, CategorySettingsDoc, EventDoc, LetterDoc, ReportDoc } from './docs'
import { chinaYear, letterCounterId } from './model'
import { materialize, type StepWrite } from './steps'

/** Events and letters a report may gather; far above any real loop. */
const MAX_RELATED = 500

export interface Loaded {
  report: ReportDoc
  events: EventDoc[]
  letters: LetterDoc[]
}

/** A report with its timeline and letters in one request ($lookup through the reportId indexes). */
export async function loadFull(store: Store, reportId: string): Promise<Loaded | null> {
  const rows = await store.aggregate<ReportDoc & { events: EventDoc[]; letters: LetterDoc[] }>(C.reports, (a) =>
    a
      .match({ _id: reportId })
      .limit(1)
      .lookup({ from: C.report_events, localField: '_id', foreignField: 'reportId', as: 'events' })
      .lookup({ from: C.letters, localField: '_id', foreignField: 'reportId', as: 'letters' })
  )
  const row = rows[0]
  if (!row) return null
  const { events, letters, ...report } = row
  return { report: report as ReportDoc, events: events.slice(0, MAX_RELATED), letters: letters.slice(0, MAX_RELATED) }
}

export async function requireFull(store: Store, reportId: string): Promise<Loaded> {
  return (await loadFull(store, reportId)) ?? fail('NOT_FOUND', '没有找到这个问题')
}

export const SETTINGS_ID = 'categories'

/** The categories and their revision: the defaults at revision 0 until the town office first saves. */
export async function loadCategoryList(store: Store): Promise<CategoryList> {
  const doc = await store.findOne<CategorySettingsDoc>(C.report_settings, { _id: SETTINGS_ID })
  return doc ? { items: doc.items, rev: doc.rev ?? 0 } : { items: DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c, enabled: true })), rev: 0 }
}

export async function loadCategories(store: Store): Promise<CategoryItem[]> {
  return (await loadCategoryList(store)).items
}

export async function requireCategory(store: Store, code: string): Promise<CategoryItem> {
  const item = (await loadCategories(store)).find((c) => c.code === code && c.enabled)
  return item ?? fail('INVALID_INPUT', '问题类别不存在或已停用', { category: '问题类别不存在或已停用' })
}

/** The office's corrections of the years around `now` (a deadline never spans more than a year). */
export async function loadCalendar(store: Store, now: Date): Promise<WorkCalendar> {
  const y = chinaYear(now)
  const days = await store.find<CalendarDayDoc>(C.calendar_days, { year: store.db.command.in([y - 1, y, y + 1]) }, { limit: 1000 })
  return new WorkCalendar(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })))
}

/** The next number of a series, inside the transaction that uses it: a lost race leaves no gap. */
export async function nextNumber(tx: TxStore, counterId: string): Promise<number> {
  const cur = await tx.get<{ value: number }>(C.counters, counterId)
  const value = (cur?.value ?? 0) + 1
  await tx.set(C.counters, counterId, { value })
  return value
}

/** Object-valued fields are written whole (the SDK would otherwise merge them field by field). */
export function wholeFields(store: Store, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    out[k] = v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? store.db.command.set(v) : v
  }
  return out
}

/**
 * Writes one step atomically: the report (only if still at the revision it was decided on), its
 * event, and the numbered letter it issues. A lost race → CONFLICT, nothing written.
 */
/** `alsoInTx` writes more in the same transaction (the points an accepted report earns). */
export async function commitStep(store: Store, w: StepWrite, now: Date, alsoInTx?: (tx: TxStore, report: ReportDoc) => Promise<void>): Promise<Written> {
  const { report, event, letter } = materialize(w, now)
  const base = w.report
  const issued = await store.transaction(async (tx) => {
    const cur = await tx.get<ReportDoc>(C.reports, base._id)
    if (!cur || cur.rev !== base.rev) return fail('CONFLICT', '该问题刚被他人处理过，请刷新后再试')
    let doc: LetterDoc | null = null
    if (letter && w.letter) {
      const year = chinaYear(now)
      doc = letter(year, await nextNumber(tx, letterCounterId(w.letter.kind, year)))
      await tx.insert(C.letters, doc)
    }
    const { facets, eventSeq, updatedAt, rev } = report
    await tx.update(C.reports, base._id, wholeFields(store, { ...w.patch, facets, eventSeq, updatedAt, rev }))
    await tx.insert(C.report_events, event)
    if (alsoInTx) await alsoInTx(tx, cur)
    return doc
  }).catch((e: unknown) => {
    // the event's id is (report, seq): a concurrent step that took the same seq first makes it a duplicate
    if (isDuplicateKeyError(e)) return fail('CONFLICT', '该问题刚被他人处理过，请刷新后再试')
    throw e
  })
  return { report, event, letter: issued }
}

export interface Written {
  report: ReportDoc
  event: EventDoc
  letter: LetterDoc | null
}
