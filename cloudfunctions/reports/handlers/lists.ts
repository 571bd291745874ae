/** Staff lists: the queue, 问题台账 (page and Excel export) and letters. */
import type { ActionName, LedgerRow, Letter, Page, ParsedInputOf, QueueCounts, QueuePage, ReportStatus } from '@/contract'
import { awaits, workScopes } from '@/domain/report-queue'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { mapPage, offsetPage } from '../../_shared/paging'
import type { Filter } from '../../_shared/store'
import { endOfChinaDay } from '../../_shared/workdays'
import { isStaffViewer, listQuery, scopeKeys, viewerOf, type ListFilter } from '../access'
import type { LetterDoc, ReportDoc } from '../docs'
import { exportRows } from '../export'
import { createdWithin, findByUrgency, findReports, loadCalendar } from '../repo'
import { OPEN_STATUSES } from '../model'
import { toLedgerRow, toLetter } from '../view'
import { summaries } from './resident'

type In<A extends ActionName> = ParsedInputOf<A>

/** Rows an export holds at most; read in pages of EXPORT_PAGE through the index. */
export const EXPORT_MAX_ROWS = 5000
const EXPORT_PAGE = 1000

function filterOf(input: ListFilter): ListFilter {
  const { status, villageId, gridId, category, unitId, source, overdue, suspended } = input
  // suspended: false asks for nothing (older reports have no flag at all)
  return { status, villageId, gridId, category, unitId, source, overdue, suspended: suspended === true ? true : undefined }
}

/** createdAt within [from, to] (China dates, inclusive). */
function dateRange(ctx: Ctx, from: string | undefined, to: string | undefined): Record<string, unknown> {
  const start = from ? new Date(endOfChinaDay(from).getTime() + 1 - 24 * 60 * 60 * 1000) : null
  const end = to ? endOfChinaDay(to) : null
  return createdWithin(ctx.store, start, end)
}

const QUEUE_ROLES = ['grid_worker', 'village_admin', 'unit_staff'] as const
/** More groups (status × village × unit × 挂起) than a town's open problems make. */
const MAX_COUNT_GROUPS = 1000

/**
 * 待我处理: one branch per (scope, status) of the caller's work (src/domain/report-queue.ts), 挂起
 * left out; each branch is served by the (facets, status, due.at) index in due order, so the union
 * comes the most overdue first, then the nearest deadline. null: nothing can match.
 */
function mineQuery(ctx: Ctx, input: In<'reports.queue'>): Filter | null {
  const filter = filterOf(input)
  if (filter.suspended) return null
  const branches: Filter[] = []
  for (const { scope, statuses } of workScopes(viewerOf(ctx))) {
    for (const status of statuses) {
      if (filter.status && filter.status !== status) continue
      const branch = listQuery([scope], { ...filter, status }, { suspended: ctx.store.op.neq(true) })
      if (branch) branches.push(branch)
    }
  }
  if (branches.length === 0) return null
  return branches.length === 1 ? branches[0] : { $or: branches }
}

/**
 * The chips' figures, in one request: the open problems of the caller's scope under the other
 * filters, grouped by status, village, unit and 挂起; 待我处理 is summed from the same groups.
 * Bounded by open problems, not history (as openGauges in ../counts.ts).
 */
async function queueCounts(ctx: Ctx, input: In<'reports.queue'>): Promise<QueueCounts> {
  const viewer = viewerOf(ctx)
  const query = listQuery(scopeKeys(viewer, QUEUE_ROLES), filterOf({ ...input, status: undefined }), { status: ctx.store.op.in(OPEN_STATUSES) })
  if (!query) return { mine: 0, byStatus: {} }
  type Group = { _id: { s: ReportStatus; v: string | null; u: string | null; x: boolean | null }; n: number }
  const rows = await ctx.store.aggregate<Group>(C.reports, (a) =>
    a
      .match(query)
      .group({ _id: { s: '$status', v: '$villageId', u: '$unitId', x: '$suspended' }, n: ctx.store.op.sum(1) })
      .limit(MAX_COUNT_GROUPS)
  )
  const work = workScopes(viewer)
  const byStatus: Partial<Record<ReportStatus, number>> = {}
  let mine = 0
  for (const { _id: g, n } of rows) {
    byStatus[g.s] = (byStatus[g.s] ?? 0) + n
    if (awaits(work, { status: g.s, villageId: g.v, unitId: g.u, suspended: g.x })) mine += n
  }
  return { mine, byStatus }
}

export async function queue(input: In<'reports.queue'>, ctx: Ctx): Promise<QueuePage> {
  const query = input.mine ? mineQuery(ctx, input) : listQuery(scopeKeys(viewerOf(ctx), QUEUE_ROLES), filterOf(input))
  const read = input.mine ? findByUrgency : findReports
  const [page, counts] = await Promise.all([offsetPage(input, (skip, limit) => read(ctx.store, query, skip, limit)), input.cursor ? Promise.resolve(null) : queueCounts(ctx, input)])
  return { ...(await mapPage(page, (rows) => summaries(ctx, rows))), counts }
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

/**
 * How many problems the ledger's filters match (the figure at its top): a count through the same
 * index as the page, asked apart so a page never waits for it (it grows with the matching problems).
 */
export async function ledgerTotal(input: In<'reports.ledgerTotal'>, ctx: Ctx): Promise<{ total: number }> {
  const query = ledgerQuery(ctx, input)
  return { total: query ? await ctx.store.count(C.reports, query) : 0 }
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
