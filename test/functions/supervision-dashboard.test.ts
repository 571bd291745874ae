/**
 * 数据看板 (supervision.dashboard): its figures equal a recomputation from the raw problems and
 * events; its 超期 equals the ledger's total with the same filter; a village admin sees only their
 * village, unit staff only their unit, residents nothing; it costs at most 5 requests.
 */
import { invoke } from '../../local-server/functions'
import { callAs, freshTown, ok } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'
import { allFacts, expectCountsAgree, townCalendar } from '../helpers/recount'
import { costMeter } from '../helpers/cost'
import { indicatorsBy, weekOf, monthOf } from '../../src/domain/indicators'

const NOW = '2026-11-18T02:00:00Z' // Wednesday 10:00 China time

async function runOverdueJob(): Promise<void> {
  const { result } = await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)
  expect((result as { ok: boolean }).ok).toBe(true)
}

/** Every row of the ledger with this filter, page after page. */
async function ledgerTotal(who: string, filter: Record<string, unknown>): Promise<number> {
  let total = 0
  let cursor: string | undefined
  for (;;) {
    const page = await ok(who, 'reports.ledger', { ...filter, pageSize: 50, ...(cursor ? { cursor } : {}) })
    total += page.items.length
    if (!page.next) return total
    cursor = page.next
  }
}

const { cost, print } = costMeter()

describe('supervision.dashboard', () => {
  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
    await runOverdueJob()
  }, 60_000)
  afterEach(() => jest.useRealTimers())
  afterAll(print)

  test('the town’s figures equal the recomputation from every problem and event, per village and unit', async () => {
    const d = await ok('town-admin', 'supervision.dashboard', { period: 'month' })
    const now = new Date()
    const period = monthOf(now)
    expect(d.period).toMatchObject({ first: '2026-11-01', last: '2026-11-30' })
    const facts = allFacts()
    const calendar = townCalendar()
    const town = indicatorsBy(facts, period, 'town', now, calendar).get('town')!
    expect(d.totals.created).toBe(town.created)
    expect(d.totals.closed).toBe(town.closed)
    expect(d.totals.open).toBe(town.open)
    expect(d.totals.overdue).toBe(town.overdue)
    expect(d.totals.overdue).toBeGreaterThan(0)
    expect(d.totals.onTimeRate).toEqual(town.onTimeRate)
    const byVillage = indicatorsBy(facts, period, 'village', now, calendar)
    for (const row of d.places) {
      const want = byVillage.get(row.id)
      expect({ id: row.id, created: row.indicators.created, closed: row.indicators.closed, overdue: row.indicators.overdue, open: row.indicators.open }).toEqual({
        id: row.id,
        created: want?.created ?? 0,
        closed: want?.closed ?? 0,
        overdue: want?.overdue ?? 0,
        open: want?.open ?? 0
      })
    }
    const byUnit = indicatorsBy(facts, period, 'unit', now, calendar)
    for (const row of d.units) expect([row.id, row.indicators.open, row.indicators.created]).toEqual([row.id, byUnit.get(row.id)?.open ?? 0, byUnit.get(row.id)?.created ?? 0])
    // this week's card: the problems created since Monday
    const week = indicatorsBy(facts, { ...weekOf(now), last: '2026-11-18' }, 'town', now, calendar).get('town')
    expect(d.cards.find((c) => c.key === 'createdWeek')?.value).toBe(week?.created ?? 0)
    expect(d.trend).toHaveLength(12)
    expect(d.trend[11].first).toBe('2026-11-16')
    expect(d.places.map((p) => p.name)).toEqual(['东山村', '西岗社区', '南湖村', '北岭村'])
    expect(d.places.find((p) => p.name === '西岗社区')?.peerLabel).toBe('社区')
    expect(d.definitions.onTimeRate.definition).toContain('按期办结数')
  })

  test('超期 of a village equals the ledger’s total with the same filter, and the overdue list is the ledger’s first rows', async () => {
    for (const villageId of ['v_dongshan', 'v_xigang', 'v_nanhu']) {
      const d = await ok('town-admin', 'supervision.dashboard', { villageId, period: 'week' })
      const total = await ledgerTotal('town-admin', { villageId, overdue: true })
      expect([villageId, d.cards.find((c) => c.key === 'overdue')?.value]).toEqual([villageId, total])
      expect(d.overdueList.total).toBe(total)
      const first = await ok('town-admin', 'reports.ledger', { villageId, overdue: true, pageSize: 20 })
      expect(d.overdueList.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id))
    }
    // and for the whole town, per village row
    const town = await ok('town-admin', 'supervision.dashboard', { period: 'week' })
    for (const row of town.places) expect([row.id, row.indicators.overdue]).toEqual([row.id, await ledgerTotal('town-admin', { villageId: row.id, overdue: true })])
  })

  test('access: a village admin only their village, unit staff only their unit, residents and grid workers never', async () => {
    const mine = await ok('village-admin-dongshan', 'supervision.dashboard', { villageId: 'v_dongshan', period: 'week' })
    expect(mine.scopeName).toBe('东山村')
    expect(mine.placesTitle).toBe('网格')
    // the village's figures only: every unit row counts its problems in 东山村
    expect(mine.overdueList.items.every((i) => i.villageName === '东山村')).toBe(true)
    const other = await callAs('village-admin-dongshan', 'supervision.dashboard', { villageId: 'v_xigang', period: 'week' })
    expect(other.res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('village-admin-dongshan', 'supervision.dashboard', { period: 'week' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('village-admin-dongshan', 'supervision.dashboard', { unitId: 'unit_1', period: 'week' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    const unit = await ok('unit-zhifa', 'supervision.dashboard', { unitId: 'unit_1', period: 'month' })
    expect(unit.units.map((u) => u.id)).toEqual(['unit_1'])
    expect(unit.overdueList.items.every((i) => i.unitName === '镇综合行政执法中队')).toBe(true)
    expect((await callAs('unit-zhifa', 'supervision.dashboard', { unitId: 'unit_2', period: 'week' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('unit-zhifa', 'supervision.dashboard', { villageId: 'v_dongshan', period: 'week' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    for (const who of ['resident-1', 'grid-dongshan-1', 'volunteer-1']) {
      expect((await callAs(who, 'supervision.dashboard', { villageId: 'v_dongshan', period: 'week' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    // a town admin sees any scope
    expect((await ok('town-admin', 'supervision.dashboard', { unitId: 'unit_1', period: 'month' })).units.map((u) => u.id)).toEqual(['unit_1'])
  })

  test('bad input is refused in Chinese', async () => {
    const cases: Array<[unknown, string]> = [
      [{ period: 'range' }, '自选时段请选择开始和结束日期'],
      [{ period: 'range', from: '2026-11-10', to: '2026-11-01' }, '开始日期不能晚于结束日期'],
      [{ period: 'range', from: '2024-01-01', to: '2026-11-01' }, '自选时段最长 366 天'],
      [{ period: 'week', villageId: 'v_dongshan', unitId: 'unit_1' }, '村（居）和责任单位只能选一个']
    ]
    for (const [input, message] of cases) {
      const { res } = await callAs('town-admin', 'supervision.dashboard', input)
      expect(res.ok).toBe(false)
      expect(JSON.stringify(res)).toContain(message)
    }
  })

  test('after new problems and steps the counters still agree with the recount, and the dashboard moves with them', async () => {
    const before = await ok('town-admin', 'supervision.dashboard', { period: 'week' })
    const a = await ok('resident-1', 'reports.create', await draft())
    await ok('grid-dongshan-1', 'reports.accept', { reportId: a.id })
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_1', rectifyDeadline: '2026-11-20' })
    await ok('resident-1', 'reports.create', await draft({ category: 'parking' }))
    expectCountsAgree()
    const after = await ok('town-admin', 'supervision.dashboard', { period: 'week' })
    const card = (d: typeof before, key: string) => d.cards.find((c) => c.key === key)?.value ?? 0
    expect(card(after, 'createdToday')).toBe(card(before, 'createdToday') + 2)
    expect(card(after, 'open')).toBe(card(before, 'open') + 2)
    expect(after.trend[11].created).toBe(before.trend[11].created + 2)
  })

  test('costs at most 5 requests for every scope and period', async () => {
    expect(await cost('town-admin', 'supervision.dashboard', { period: 'week' })).toBeLessThanOrEqual(5)
    expect(await cost('town-admin', 'supervision.dashboard', { period: 'month' })).toBeLessThanOrEqual(5)
    expect(await cost('town-admin', 'supervision.dashboard', { period: 'range', from: '2026-01-01', to: '2026-11-30' })).toBeLessThanOrEqual(5)
    expect(await cost('village-admin-dongshan', 'supervision.dashboard', { villageId: 'v_dongshan', period: 'month' })).toBeLessThanOrEqual(5)
    expect(await cost('unit-zhifa', 'supervision.dashboard', { unitId: 'unit_1', period: 'week' })).toBeLessThanOrEqual(5)
    // exactly: the profile with everything by period, the open problems' groups, the overdue rows
    expect(await cost('town-admin', 'supervision.dashboard', { period: 'week' })).toBe(3)
  })
})
