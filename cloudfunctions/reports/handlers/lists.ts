/** Staff lists: the queue, 问题台账 (page and Excel export) and letters. */
import type { ActionName, LedgerRow, Letter, Page, ParsedInputOf, ReportSummary } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { decodeCursor, encodeCursor, DEFAULT_PAGE_SIZE } from '../../_shared/paging'
import type { Filter } from '../../_shared/store'
import { endOfChinaDay } from '../../_shared/workdays'
import { isStaffViewer, listQuery, scopeKeys, viewerOf, type ListFilter } from '../access'
import type { LetterDoc, ReportDoc } from '../docs'
import { exportRows } from '../export'
import { loadCalendar } from '../repo'
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
  const _ = ctx.store.db.command
  if (from && to && from > to) fail('INVALID_INPUT', '开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' })
  const start = from ? new Date(endOfChinaDay(from).getTime() + 1 - 24 * 60 * 60 * 1000) : null
  const end = to ? endOfChinaDay(to) : null
  if (start && end) return { createdAt: _.gte(start).and(_.lte(end)) }
  if (start) return { createdAt: _.gte(start) }
  if (end) return { createdAt: _.lte(end) }
  return {}
}

async function findPage(ctx: Ctx, query: Filter | null, skip: number, limit: number): Promise<ReportDoc[]> {
  if (!query) return []
  return ctx.store.find<ReportDoc>(C.reports, query, { sort: [['createdAt', 'desc']], skip, limit })
}

export async function queue(input: In<'reports.queue'>, ctx: Ctx): Promise<Page<ReportSummary>> {
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const skip = decodeCursor(input.cursor)
  const scopes = scopeKeys(viewerOf(ctx), ['grid_worker', 'village_admin', 'unit_staff'])
  const rows = await findPage(ctx, listQuery(scopes, filterOf(input)), skip, size + 1)
  return { items: await summaries(ctx, rows.slice(0, size)), next: rows.length > size ? encodeCursor(skip + size) : null }
}

/** 台账: village admins their own villages, the town office all. */
function ledgerQuery(ctx: Ctx, input: In<'reports.exportLedger'>): Filter | null {
  const scopes = scopeKeys(viewerOf(ctx), ['village_admin'])
  return listQuery(scopes, filterOf(input), dateRange(ctx, input.from, input.to))
}

export async function ledger(input: In<'reports.ledger'>, ctx: Ctx): Promise<Page<LedgerRow>> {
  const now = ctx.now()
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const skip = decodeCursor(input.cursor)
  const [rows, calendar] = await Promise.all([findPage(ctx, ledgerQuery(ctx, input), skip, size + 1), loadCalendar(ctx.store, now)])
  return { items: rows.slice(0, size).map((r) => toLedgerRow(r, calendar, now)), next: rows.length > size ? encodeCursor(skip + size) : null }
}

export async function exportLedger(input: In<'reports.exportLedger'>, ctx: Ctx): Promise<{ fileID: string; url: string; rows: number }> {
  const now = ctx.now()
  const query = ledgerQuery(ctx, input)
  const rows: ReportDoc[] = []
  for (let skip = 0; skip < EXPORT_MAX_ROWS; skip += EXPORT_PAGE) {
    const batch = await findPage(ctx, query, skip, Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - skip))
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
