/**
 * The daily problem counts (problem_counts) agree with a full recomputation from the raw problems
 * and events after every write path of the loop — creation (随手拍, 督导, a patrol's findings), each
 * step, a move to another unit or category, 销号, rating, reopening — and after the overdue job;
 * also when steps in one village race for its month document, and when read back for a period.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { callAs, freshTown, givenReports, ok } from '../helpers/town'
import { clockAt, draft, photo } from '../helpers/reports'
import { allFacts, expectCountsAgree, recount, storedCell, storedCounts, townCalendar } from '../helpers/recount'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore } from '../../cloudfunctions/_shared/store'
import { cellKeyOf, countNew, countsDocIdOf, openGauges, readCounts } from '../../cloudfunctions/reports/counts'
import type { EventDoc, ReportDoc } from '../../cloudfunctions/reports/docs'
import { eventIdFor } from '../../cloudfunctions/reports/model'
import { figuresBy, gaugesBy, monthOf, rangeOf, sumCounts, type Grouping } from '../../src/domain/indicators'
import type { SeedSpec } from '../../local-server/seed-reports'
import { givenPatrol, resultsFor, smallTemplate, submission } from '../helpers/supervision'

const TIMER = { Type: 'Timer', TriggerName: 'overdue', Time: '2026-10-10T01:00:00Z' }

async function runJob(): Promise<number> {
  const { result } = await invoke('reports', TIMER, null)
  const r = result as { ok: boolean; data: { reminded: number } }
  expect(r.ok).toBe(true)
  return r.data.reminded
}

/** A cell of the counts by its day and dimensions (`day|village|unit|grid|category|source`), every figure given (0 when absent). */
const countDoc = storedCell

describe('daily problem counts', () => {
  beforeEach(async () => {
    clockAt('2026-09-30T02:00:00Z') // Wednesday 10:00 in China, the day before 国庆
    await freshTown()
  }, 30_000)
  afterEach(() => jest.useRealTimers())

  test('the demo seed writes them: they agree with the recomputation and are not empty', () => {
    expect(Object.keys(storedCounts()).length).toBeGreaterThan(10)
    expectCountsAgree()
  })

  test('every step of the loop, a move to another unit and category, 销号 across 国庆, rating, reopening, and the overdue job', async () => {
    const a = await ok('resident-1', 'reports.create', await draft())
    expectCountsAgree()
    expect(countDoc(`2026-09-30|v_dongshan|-|g_dongshan_1|litter|resident`)).toMatchObject({ createdResident: expect.any(Number), day: '2026-09-30', unitId: null })

    const b = await ok('grid-dongshan-1', 'reports.create', await draft({ inspection: true, category: 'parking' }))
    expect(countDoc(`2026-09-30|v_dongshan|-|g_dongshan_1|parking|inspection`)).toMatchObject({ createdInspection: 1 })
    const c = await ok('resident-1', 'reports.create', await draft())
    const d = await ok('resident-1', 'reports.create', await draft())
    expectCountsAgree()

    await ok('grid-dongshan-1', 'reports.reject', { reportId: c.id, reason: '不属于受理范围' })
    expectCountsAgree()
    await ok('grid-dongshan-1', 'reports.markDuplicate', { reportId: d.id, originalId: a.id })
    expectCountsAgree()
    await ok('grid-dongshan-1', 'reports.changeCategory', { reportId: a.id, category: 'piling' })
    expectCountsAgree()
    await ok('grid-dongshan-1', 'reports.accept', { reportId: a.id })
    await ok('grid-dongshan-1', 'reports.accept', { reportId: b.id })
    expectCountsAgree()

    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_1', rectifyDeadline: '2026-10-09' })
    expectCountsAgree()
    expect(countDoc(`2026-10-09|v_dongshan|unit_1|g_dongshan_1|piling|resident`)).toMatchObject({ due: 1 })
    await ok('unit-zhifa', 'reports.return', { reportId: a.id, reason: '不属于本单位职责' })
    expectCountsAgree()
    // re-dispatched to another unit: everything the problem counted moves with it
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_2', rectifyDeadline: '2026-10-09' })
    expectCountsAgree()
    expect(countDoc(`2026-10-09|v_dongshan|unit_1|g_dongshan_1|piling|resident`)).toMatchObject({ due: 0 })
    expect(countDoc(`2026-10-09|v_dongshan|unit_2|g_dongshan_1|piling|resident`)).toMatchObject({ due: 1 })
    await ok('unit-chengguan', 'reports.sign', { reportId: a.id })
    await ok('unit-chengguan', 'reports.answer', { reportId: a.id, measures: '组织人员清运堆放物', plannedDate: '2026-10-09' })
    expectCountsAgree()

    jest.setSystemTime(new Date('2026-10-09T01:00:00Z')) // Friday after 国庆
    await ok('unit-chengguan', 'reports.rectify', { reportId: a.id, photos: [await photo()], note: '已清运' })
    expectCountsAgree()
    await ok('grid-dongshan-1', 'reports.verify', { reportId: a.id, pass: false, reason: '还有一处没有清理' })
    expectCountsAgree()
    await ok('unit-chengguan', 'reports.rectify', { reportId: a.id, photos: [await photo()], note: '已全部清运' })
    await ok('grid-dongshan-1', 'reports.verify', { reportId: a.id, pass: true })
    expectCountsAgree()
    // closed on its deadline day: 2 working days (10-08, 10-09) after 09-30 across 国庆; rectified twice, sent back once
    // (its lateness: the accept and dispatch steps of 09-30 were done within their limits, no 工作提示函)
    expect(countDoc(`2026-10-09|v_dongshan|unit_2|g_dongshan_1|piling|resident`)).toMatchObject({ closed: 1, handlingWorkdays: 2, due: 1, rectified: 2, sentBack: 1, passed: 1 })

    await ok('resident-1', 'reports.rate', { reportId: a.id, value: 'basically' })
    expectCountsAgree()
    await ok('resident-1', 'reports.reopen', { reportId: a.id, reason: '又有人在原处堆放杂物' })
    expectCountsAgree()
    expect(countDoc(`2026-10-09|v_dongshan|unit_2|g_dongshan_1|piling|resident`)).toMatchObject({ closed: 0, handlingWorkdays: 0, passed: 1 })
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_1', rectifyDeadline: '2026-10-16' })
    expectCountsAgree()

    // the overdue job: b waited for dispatch since 09-30; its reminder changes no additive count but must not break them
    jest.setSystemTime(new Date('2026-10-10T01:00:00Z'))
    expect(await runJob()).toBeGreaterThan(0)
    expectCountsAgree()
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: b.id, unitId: 'unit_1', rectifyDeadline: '2026-10-12' })
    expectCountsAgree()
  })

  test('a move leaves the cell it left at 0 in the month document (no read of it) and reading the counts leaves that cell out', async () => {
    const dims = { gridId: 'g_dongshan_1', category: 'litter', source: 'resident' } as const
    const store = createStore(database())
    /** The rows read back for the problem's 整改期限 day, its grid, category and source, at a unit. */
    const cellRows = async (unitId: string) =>
      (await readCounts(store, { from: '2026-10-09', to: '2026-10-09', villageId: 'v_dongshan', unitId })).filter(
        (r) => r.gridId === dims.gridId && r.category === dims.category && r.source === dims.source
      )
    const stored = (unitId: string) =>
      (localCloud.engine.get('problem_counts', countsDocIdOf('v_dongshan', '2026-10')) as { cells: Record<string, Record<string, number>> } | null)?.cells[cellKeyOf('2026-10-09', { unitId, ...dims })]
    expect(stored('unit_1')).toBeUndefined()
    expect(await cellRows('unit_2')).toEqual([])

    const a = await ok('resident-1', 'reports.create', await draft())
    await ok('grid-dongshan-1', 'reports.accept', { reportId: a.id })
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_1', rectifyDeadline: '2026-10-09' })
    expect(await cellRows('unit_1')).toEqual([expect.objectContaining({ day: '2026-10-09', unitId: 'unit_1', due: 1 })])
    await ok('unit-zhifa', 'reports.return', { reportId: a.id, reason: '不属于本单位职责' })
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_2', rectifyDeadline: '2026-10-09' })
    expect(stored('unit_1')).toEqual({ due: 0 })
    expect(await cellRows('unit_1')).toEqual([])
    expect(await cellRows('unit_2')).toEqual([expect.objectContaining({ day: '2026-10-09', unitId: 'unit_2', due: 1 })])
    expectCountsAgree()
  })

  test('在办 and 超期 now, counted from the open problems, agree with the replay of every problem’s events', async () => {
    jest.setSystemTime(new Date('2026-10-10T01:00:00Z'))
    expect(await runJob()).toBeGreaterThan(0)
    const store = createStore(database())
    const now = new Date()
    for (const [field, by] of [
      ['villageId', 'village'],
      ['unitId', 'unit'],
      ['category', 'category'],
      ['source', 'source']
    ] as const) {
      const counted = await openGauges(store, field)
      expect(counted).toEqual(gaugesBy(allFacts(), now, by))
    }
    const town = [...(await openGauges(store, 'villageId')).values()].reduce((sum, g) => sum + g.overdue, 0)
    expect(town).toBeGreaterThan(0)
    // the village's own scope, and the ledger's 超期 filter lists exactly as many
    const dongshan = await openGauges(store, 'gridId', 'v:v_dongshan')
    const overdue = [...dongshan.values()].reduce((sum, g) => sum + g.overdue, 0)
    expect((await ok('village-admin-dongshan', 'reports.ledger', { villageId: 'v_dongshan', overdue: true, pageSize: 50 })).items).toHaveLength(overdue)
  })

  test('a patrol’s failed items filed as 督导 problems are counted in the same transaction', async () => {
    jest.setSystemTime(new Date('2026-11-18T01:00:00Z'))
    const template = await smallTemplate()
    const patrol = await givenPatrol({ templateId: template.id })
    const here = { lng: 120.31, lat: 30.41 }
    await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(patrol, await resultsFor(patrol, { 0: here, 1: here })))
    expectCountsAgree()
    expect(recount()['2026-11-18|v_dongshan|-|-|parking|inspection']).toMatchObject({ createdInspection: 1 })
  })
})

/** A problem of the village waiting for verification (rectified by the unit an hour ago). */
function rectified(key: string, index: number): SeedSpec {
  return {
    key,
    reporter: 'resident-1',
    village: 0,
    grid: 0,
    category: index % 2 ? 'litter' : 'parking',
    description: '路口垃圾桶满溢',
    address: '东山村一组路口',
    hoursAgo: 30,
    steps: [
      { after: 1, by: 'grid-dongshan-1', action: 'accept' },
      { after: 1, by: 'village-admin-dongshan', action: 'dispatch', unit: 0, deadlineDays: 5 },
      { after: 1, by: 'unit-zhifa', action: 'sign' },
      { after: 1, by: 'unit-zhifa', action: 'answer', measures: '增加清运频次', plannedInDays: 2 },
      { after: 20, by: 'unit-zhifa', action: 'rectify', note: '已清运' }
    ]
  }
}

describe('problem counts under load and read back', () => {
  beforeEach(async () => {
    clockAt('2026-11-18T02:00:00Z') // mid-month: every step of the village writes its November document
    await freshTown()
  }, 30_000)
  afterEach(() => jest.useRealTimers())

  test('10 steps on 10 problems of one village at once all succeed (racing for one month document) and the counts agree', async () => {
    const ids = await givenReports(Array.from({ length: 10 }, (_, i) => rectified(`race-${i}`, i)))
    expectCountsAgree()
    const cell = '2026-11-18|v_dongshan|unit_1|g_dongshan_1|litter|resident'
    const before = countDoc(cell) as { closed: number; passed: number }
    const conflicts = localCloud.engine.stats.transactionConflicts
    const results = await Promise.all(ids.map((reportId) => callAs('grid-dongshan-1', 'reports.verify', { reportId, pass: true })))
    expect(results.map(({ res }) => (res.ok ? res.data.status : `${res.code} ${res.message}`))).toEqual(Array(10).fill('closed'))
    // they did race: some transactions conflicted on the month document and were run again
    expect(localCloud.engine.stats.transactionConflicts).toBeGreaterThan(conflicts)
    expectCountsAgree()
    expect(countDoc(cell)).toMatchObject({ closed: before.closed + 5, passed: before.passed + 5 })
  })

  test('new problems in a month the village has no counts for yet: the first writes the document, the next add to it without reading it; two racing both count', async () => {
    jest.setSystemTime(new Date('2027-03-10T02:00:00Z'))
    expect(localCloud.engine.get('problem_counts', 'v_dongshan|2027-03')).toBeNull()
    const first = await ok('resident-1', 'reports.create', await draft())
    expectCountsAgree()
    // the next ones in the month only add to the document: they never read it
    const reads: string[] = []
    const off = localCloud.onSend((action, params) => {
      if (action === 'database.getDocument' && (params as { collectionName?: string }).collectionName === 'problem_counts') reads.push(action)
    })
    await ok('resident-1', 'reports.create', await draft())
    await ok('grid-dongshan-1', 'reports.create', await draft({ inspection: true, category: 'parking' }))
    off()
    expect(reads).toEqual([])
    expectCountsAgree()
    expect(countDoc('2027-03-10|v_dongshan|-|g_dongshan_1|litter|resident')).toMatchObject({ createdResident: 2 })
    expect(countDoc('2027-03-10|v_dongshan|-|g_dongshan_1|parking|inspection')).toMatchObject({ createdInspection: 1 })

    // two transactions both finding 西岗村's March without counts: one commits, the other conflicts and runs again as an increment
    const report = localCloud.engine.get('reports', first.id) as unknown as ReportDoc
    const event = localCloud.engine.get('report_events', eventIdFor(first.id, 1)) as unknown as EventDoc
    const elsewhere: ReportDoc = { ...report, villageId: 'v_xigang', gridId: 'g_xigang_1' }
    const store = createStore(database())
    let arrived = 0
    let release = () => {}
    const together = new Promise<void>((resolve) => (release = resolve))
    const conflicts = localCloud.engine.stats.transactionConflicts
    const count = () =>
      store.transaction(async (tx) => {
        await countNew(tx, [{ report: elsewhere, event }], new Date())
        if (++arrived === 2) release()
        await together
      })
    await Promise.all([count(), count()])
    expect(localCloud.engine.stats.transactionConflicts).toBeGreaterThan(conflicts)
    expect(countDoc('2027-03-10|v_xigang|-|g_xigang_1|litter|resident')).toMatchObject({ createdResident: 2 })
  })

  test('a period read back (town, village, unit, grid) sums to the figures recomputed from every problem', async () => {
    const store = createStore(database())
    const facts = allFacts()
    const calendar = townCalendar()
    const november = monthOf(new Date())
    const queries = localCloud.engine.stats.queries
    const town = await readCounts(store, { from: november.first, to: november.last })
    expect(localCloud.engine.stats.queries - queries).toBe(1) // one query: one document per village
    const groupings: Grouping[] = ['town', 'village', 'unit', 'grid', 'category', 'source']
    for (const by of groupings) expect(sumCounts(town, november, by)).toEqual(figuresBy(facts, november, by, calendar))
    expect(sumCounts(town, november, 'town').get('town')?.createdResident).toBeGreaterThan(0)

    // a range across months, and the scopes a village, a unit and a grid see
    const range = rangeOf('2026-08-15', '2026-12-10')
    const scopes = [{ villageId: 'v_dongshan' }, { unitId: 'unit_1' }, { gridId: 'g_dongshan_1' }]
    for (const scope of scopes) {
      const rows = await readCounts(store, { from: range.first, to: range.last, ...scope })
      const own = facts.filter((f) => Object.entries(scope).every(([k, v]) => f[k as keyof typeof scope] === v))
      expect(own.length).toBeGreaterThan(0)
      for (const by of groupings) expect(sumCounts(rows, range, by)).toEqual(figuresBy(own, range, by, calendar))
    }
  })
})
