/** 问题处置: 待我处理 in order of urgency, the chips' counts in the same call, and the ledger's total. */
import type { QueuePage, ReportStatus, ReportSummary } from '../../src/contract'
import { AWAITING_ROLE } from '../../src/domain/report-queue'
import { localCloud } from '../../local-cloud'
import { OPEN_STATUSES } from '../../cloudfunctions/reports/model'
import { callAs, freshTown, ok } from '../helpers/town'

interface StoredReport {
  _id: string
  status: ReportStatus
  villageId: string
  unitId: string | null
  suspended?: boolean
  category: string
  due: { at: Date } | null
}

const stored = () => localCloud.engine.all('reports') as unknown as StoredReport[]

/** Every page of 待我处理 (or the whole queue), checking that only the first page carries counts. */
async function allPages(who: string, input: { mine?: boolean; status?: ReportStatus; category?: string } = {}): Promise<{ items: ReportSummary[]; first: QueuePage }> {
  const items: ReportSummary[] = []
  let cursor: string | undefined
  let first: QueuePage | null = null
  do {
    const page = await ok(who, 'reports.queue', { ...input, pageSize: 3, cursor })
    if (first) expect(page.counts).toBeNull()
    first ??= page
    items.push(...page.items)
    cursor = page.next ?? undefined
  } while (cursor)
  return { items, first: first as QueuePage }
}

/** dueAt never decreases along the list (no deadline sorts first). */
function inDueOrder(items: ReportSummary[]): boolean {
  const t = items.map((r) => (r.dueAt ? Date.parse(r.dueAt) : -Infinity))
  return t.every((x, i) => i === 0 || t[i - 1] <= x)
}

function byStatusOf(reports: StoredReport[]): Partial<Record<ReportStatus, number>> {
  const out: Partial<Record<ReportStatus, number>> = {}
  for (const r of reports) if (OPEN_STATUSES.includes(r.status)) out[r.status] = (out[r.status] ?? 0) + 1
  return out
}

describe('问题处置 queue', () => {
  beforeAll(() => freshTown())

  test('the town office: 待我处理 is every open problem at 受理, 派单 or 验收, not 挂起, the most overdue first; the counts match', async () => {
    const { items, first } = await allPages('town-admin', { mine: true })
    const expected = stored().filter((r) => AWAITING_ROLE.town_admin!.includes(r.status) && !r.suspended)
    expect(expected.length).toBeGreaterThan(3) // more than a page
    expect(items.map((r) => r.id).sort()).toEqual(expected.map((r) => r._id).sort())
    expect(inDueOrder(items)).toBe(true)
    // overdue ones lead
    const firstNotOverdue = items.findIndex((r) => !r.overdue)
    expect(items.slice(firstNotOverdue).some((r) => r.overdue)).toBe(false)
    expect(first.counts).toEqual({ mine: expected.length, byStatus: byStatusOf(stored()) })
  })

  test('a unit: 签收, 答复 and 整改 of its own problems; a grid worker: 受理 and 验收 in its village', async () => {
    const unit = await allPages('unit-zhifa', { mine: true })
    const unitReports = stored().filter((r) => r.unitId === 'unit_1')
    const unitMine = unitReports.filter((r) => ['dispatched', 'signed', 'answered'].includes(r.status) && !r.suspended)
    expect(unitMine.length).toBeGreaterThan(0)
    expect(unit.items.map((r) => r.id).sort()).toEqual(unitMine.map((r) => r._id).sort())
    expect(inDueOrder(unit.items)).toBe(true)
    expect(unit.first.counts).toEqual({ mine: unitMine.length, byStatus: byStatusOf(unitReports) })

    const grid = await allPages('grid-dongshan-1', { mine: true })
    const village = stored().filter((r) => r.villageId === 'v_dongshan')
    const gridMine = village.filter((r) => ['submitted', 'rectified'].includes(r.status) && !r.suspended)
    expect(grid.items.map((r) => r.id).sort()).toEqual(gridMine.map((r) => r._id).sort())
    expect(grid.first.counts).toEqual({ mine: gridMine.length, byStatus: byStatusOf(village) })
  })

  test('filters narrow 待我处理 and the counts alike; the whole queue is still newest first', async () => {
    const { items, first } = await allPages('village-admin-dongshan', { mine: true, status: 'submitted' })
    const village = stored().filter((r) => r.villageId === 'v_dongshan')
    expect(items.map((r) => r.id).sort()).toEqual(
      village
        .filter((r) => r.status === 'submitted' && !r.suspended)
        .map((r) => r._id)
        .sort()
    )
    // the status chip does not narrow the chips' own figures
    expect(first.counts?.byStatus).toEqual(byStatusOf(village))

    const litter = await allPages('village-admin-dongshan', { mine: true, category: 'litter' })
    expect(litter.items.every((r) => r.category === 'litter')).toBe(true)
    expect(litter.first.counts?.byStatus).toEqual(byStatusOf(village.filter((r) => r.category === 'litter')))

    const all = await allPages('village-admin-dongshan')
    const times = all.items.map((r) => r.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(all.first.counts?.mine).toBe(first.counts?.mine)
  })

  test('the ledger says how many problems match its filters, asked apart from its pages', async () => {
    expect(await ok('town-admin', 'reports.ledgerTotal', {})).toEqual({ total: localCloud.engine.count('reports', {}) })
    const overdue = await ok('village-admin-dongshan', 'reports.ledger', { overdue: true, pageSize: 50 })
    const overdueTotal = await ok('village-admin-dongshan', 'reports.ledgerTotal', { overdue: true })
    expect(overdueTotal.total).toBe(overdue.items.length)
    expect(overdueTotal.total).toBe(stored().filter((r) => r.villageId === 'v_dongshan' && (r as unknown as { overdue: boolean }).overdue).length)
    expect(overdueTotal.total).toBeGreaterThan(0)
    // a village admin counts only their own villages
    expect((await ok('village-admin-dongshan', 'reports.ledgerTotal', { villageId: 'v_xigang' })).total).toBe(0)
    const { dbRequests } = await callAs('town-admin', 'reports.queue', { mine: true })
    expect(dbRequests).toBeLessThanOrEqual(3)
  })
})
