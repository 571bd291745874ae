/** Staff lists: the queue, 问题台账 (page and Excel export) and letters. */
import type { ActionName, LedgerRow, Letter, Page, ParsedInputOf, ReportSummary } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { mapPage, offsetPage } from '../../_shared/paging'
import type { Filter } from '../../_shared/store'
import { endOfChinaDay } from '../../_shared/workdays'
import { isStaffViewer, listQuery, scopeKeys, viewerOf, type ListFilter } from '../access'
import type { LetterDoc, ReportDoc } from '../docs'
import { exportRows } from '../export'
import { createdWithin, findReports, loadCalendar } from '../repo'
import { toLedgerRow, toLetter } from '../view'
import { summaries } from './resident'

type In<A extends ActionName> = ParsedInputOf<A>

/** Rows an export holds at most; read in pages of EXPORT_PAGE through the index. */
export const EXPORT_MAX_ROWS = 5000
const EXPORT_PAGE = 1000

function filterOf(input: ListFilter): ListFilter {
  const { status, villageId, gridId, category, unitId, source, overdue } = input
  return { status, villageId, gridId, category, unitId, source, overdue }
}

/** createdAt within [from, to] (China dates, inclusive). */
function dateRange(ctx: Ctx, from: string | undefined, to: string | undefined): Record<string, unknown> {
  const start = from ? new Date(endOfChinaDay(from).getTime() + 1 - 24 * 60 * 60 * 1000) : null
  const end = to ? endOfChinaDay(to) : null
  return createdWithin(ctx.store, start, end)
}

export async function queue(input: In<'reports.queue'>, ctx: Ctx): Promise<Page<ReportSummary>> {
  const scopes = scopeKeys(viewerOf(ctx), ['grid_worker', 'village_admin', 'unit_staff'])
  const query = listQuery(scopes, filterOf(input))
  return mapPage(await offsetPage(input, (skip, limit) => findReports(ctx.store, query, skip, limit)), (rows) => summaries(ctx, rows))
}

/** 台账: village admins their own villages, the town office all. */
function ledgerQuery(ctx: Ctx, input: In<'reports.exportLedger'>): Filter | null {
  const scopes = scopeKeys(viewerOf(ctx), ['village_admin'])
  return listQuery(scopes, filterOf(input), dateRange(ctx, input.from, input.to))
}

export async function ledger(input: In<'reports.ledger'>, ctx: Ctx): Promise<Page<LedgerRow>> {
  const now = ctx.now()
  const query = ledgerQuery(ctx, input)
  const [page, calendar] = await Promise.all([offsetPage(input, (skip, limit) => findReports(ctx.store, query, skip, limit)), loadCalendar(ctx.store, now)])
  return mapPage(page, (rows) => rows.map((r) => toLedgerRow(r, calendar, now)))
}

export async function exportLedger(input: In<'reports.exportLedger'>, ctx: Ctx): Promise<{ fileID: string; url: string; rows: number }> {
  const now = ctx.now()
  const query = ledgerQuery(ctx, input)
  const rows: ReportDoc[] = []
  for (let skip = 0; skip < EXPORT_MAX_ROWS; skip += EXPORT_PAGE) {
    const batch = await findReports(ctx.store, query, skip, Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - skip))
    rows.push(...batch)
    if (batch.length < EXPORT_PAGE) break
  }
  const calendar = await loadCalendar(ctx.store, now)
  return exportRows(rows, calendar, now)
}

export async function letter(input: In<'reports.letter'>, ctx: Ctx): Promise<Letter> {
  const l = await ctx.store.findOne<LetterDoc>(C.letters, { _id: input.letterId })
  const r = l ? await ctx.store.findOne<ReportDoc>(C.reports, { _id: l.reportId }) : null
  if (!l || !r) return fail('NOT_FOUND', '没有找到这份函件')
  if (!isStaffViewer(r, viewerOf(ctx))) fail('FORBIDDEN', '您无权查看这份函件')
  return toLetter(l)
}
