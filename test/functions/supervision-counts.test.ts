/**
 * supervision.counts reads what the writes keep: per village and China day the patrols and, beside
 * them in the same documents, the 保洁考核 findings, withdrawals and 元 deducted; per village and half
 * month the 信息 sent and adopted. Nothing is recomputed from the raw records, so the figures here are
 * checked against the records the actions made.
 */
import { localCloud } from '../../local-cloud'
import { clockFrom } from '../helpers/clock'
import { photo } from '../helpers/reports'
import { callAs, freshTown, ok } from '../helpers/town'
import { givenCleaner, givenInspection, givenZone } from '../helpers/cleaning'
import { decidedInfo, givenInfo } from '../helpers/supervision-info'

beforeEach(async () => {
  clockFrom('2026-11-18T10:00:00+08:00')
  await freshTown()
})
afterEach(() => jest.useRealTimers())

const ZERO_PATROLS = { scheduled: 0, done: 0, missed: 0, late: 0, findings: 0, deductions: 0, problemsCreated: 0, problemsLinked: 0 }

test('the cleaning fields of the village’s days: findings, withdrawn, 元 net of withdrawals (× each cleaner)', async () => {
  const two = [(await givenCleaner()).id, (await givenCleaner()).id]
  const street = await givenZone({ cleanerIds: two })
  const first = await givenInspection(street.id, ['c1', 'c2'])
  jest.setSystemTime(new Date('2026-11-19T09:00:00+08:00'))
  await givenInspection(street.id, ['c3'])
  // 东山村 appeals the first finding of the 18th and the town office withdraws it
  await ok('village-admin-dongshan', 'supervision.appealFinding', { findingId: first.findings[0].id, reason: '检查前已清扫，是赶集后新倒的垃圾', photos: [await photo([90, 120, 90])] })
  await ok('town-admin', 'supervision.decideAppeal', { findingId: first.findings[0].id, outcome: 'withdraw', reason: '核实为新产生的垃圾' })

  const counts = await ok('village-admin-dongshan', 'supervision.counts', { villageId: 'v_dongshan', year: 2026, month: 11 })
  expect(counts.days).toEqual([
    { villageId: 'v_dongshan', date: '2026-11-18', ...ZERO_PATROLS, cleaningFindings: 2, cleaningWithdrawn: 1, deductionYuan: 40 },
    { villageId: 'v_dongshan', date: '2026-11-19', ...ZERO_PATROLS, cleaningFindings: 1, cleaningWithdrawn: 0, deductionYuan: 40 }
  ])
  expect(counts.totals).toEqual({ ...ZERO_PATROLS, cleaningFindings: 3, cleaningWithdrawn: 1, deductionYuan: 80 })
  // the same figures as the records: Σ amount × cleaners of the findings not withdrawn
  const findings = localCloud.engine.all('cleaning_findings') as Array<{ status: string; amountYuan: number; cleanerIds: string[] }>
  expect(findings.filter((f) => f.status !== 'withdrawn').reduce((s, f) => s + f.amountYuan * f.cleanerIds.length, 0)).toBe(counts.totals.deductionYuan)
  // another month has none of them
  expect((await ok('village-admin-dongshan', 'supervision.counts', { villageId: 'v_dongshan', year: 2026, month: 12 })).totals).toEqual({
    ...ZERO_PATROLS,
    cleaningFindings: 0,
    cleaningWithdrawn: 0,
    deductionYuan: 0
  })
})

test('the town centre’s zones count under town_centre in the town’s view, not in a village’s', async () => {
  const cleaner = await givenCleaner('town-admin', { villageId: null })
  const centre = await givenZone({ villageId: null, name: '集镇主街', cleanerIds: [cleaner.id] }, 'town-admin')
  await givenInspection(centre.id, ['c1'], 'town-admin')
  const town = await ok('town-admin', 'supervision.counts', { year: 2026, month: 11 })
  expect(town.days).toEqual([{ villageId: 'town_centre', date: '2026-11-18', ...ZERO_PATROLS, cleaningFindings: 1, cleaningWithdrawn: 0, deductionYuan: 20 }])
  expect((await ok('village-admin-dongshan', 'supervision.counts', { villageId: 'v_dongshan', year: 2026, month: 11 })).days).toEqual([])
})

test('信息 per village and half month: sent (not withdrawn), waiting, returned, adopted by level; units are not villages', async () => {
  jest.setSystemTime(new Date('2026-11-03T10:00:00+08:00'))
  await decidedInfo('village-admin-dongshan', { decision: 'adopt', level: 'county' })
  await decidedInfo('village-admin-xigang', { decision: 'return', reason: '请补充现场照片后再报送' })
  await decidedInfo('unit-zhifa', { decision: 'adopt', level: 'town' })
  jest.setSystemTime(new Date('2026-11-18T10:00:00+08:00'))
  await givenInfo('village-admin-dongshan')
  const gone = await givenInfo('village-admin-dongshan', { title: '撤回的一条工作动态' })
  await ok('village-admin-dongshan', 'supervision.withdrawInfo', { infoId: gone.id, rev: gone.rev })
  // last month's item is not this month's
  jest.setSystemTime(new Date('2026-10-30T10:00:00+08:00'))
  await givenInfo('village-admin-nanhu')

  const levels = (town: number, county: number, city: number) => ({ town, county, city })
  const town = await ok('town-admin', 'supervision.counts', { year: 2026, month: 11 })
  expect(town.info).toEqual([
    { villageId: 'v_dongshan', villageName: '东山村', half: '2026-11-1', submitted: 1, pending: 0, returned: 0, adopted: 1, adoptedByLevel: levels(0, 1, 0) },
    { villageId: 'v_xigang', villageName: '西岗社区', half: '2026-11-1', submitted: 1, pending: 0, returned: 1, adopted: 0, adoptedByLevel: levels(0, 0, 0) },
    { villageId: 'v_dongshan', villageName: '东山村', half: '2026-11-2', submitted: 1, pending: 1, returned: 0, adopted: 0, adoptedByLevel: levels(0, 0, 0) }
  ])
  expect(town.infoTotals).toEqual({ submitted: 3, pending: 1, returned: 1, adopted: 1, adoptedByLevel: levels(0, 1, 0) })
  const dongshan = await ok('village-admin-dongshan', 'supervision.counts', { villageId: 'v_dongshan', year: 2026, month: 11 })
  expect(dongshan.info.map((r) => [r.villageId, r.half, r.submitted])).toEqual([
    ['v_dongshan', '2026-11-1', 1],
    ['v_dongshan', '2026-11-2', 1]
  ])
  expect(dongshan.infoTotals).toMatchObject({ submitted: 2, adopted: 1 })
  expect((await ok('town-admin', 'supervision.counts', { year: 2026, month: 10 })).info.map((r) => r.villageId)).toEqual(['v_nanhu'])
  // still the village's own only
  expect((await callAs('village-admin-xigang', 'supervision.counts', { villageId: 'v_dongshan', year: 2026, month: 11 })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
})
