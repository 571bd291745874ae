/**
 * Database requests of the supervision writes (issue 11; the caller's profile counts as one): what
 * they read before their transaction comes with the profile (prefetch.ts), a day's or a half month's
 * counts are one request (an increment when they exist, an insert with their id when they do not),
 * and each write's audit entry and transaction stay as they were. The counts are checked as well:
 * both ways of writing them must add up.
 */
import { localCloud } from '../../local-cloud'
import { clockFrom } from '../helpers/clock'
import { costMeter } from '../helpers/cost'
import { appealedFinding, givenZone, inspectInput } from '../helpers/cleaning'
import { smallTemplate, today, visitInput } from '../helpers/supervision'
import { givenInfo, infoInput } from '../helpers/supervision-info'
import { freshTown, ok, userIdOf } from '../helpers/town'

const meter = costMeter()
const get = (coll: string, id: string) => localCloud.engine.get(coll, id) as Record<string, unknown> | null

beforeEach(async () => {
  clockFrom('2026-11-18T09:00:00+08:00')
  await freshTown()
})
afterEach(() => jest.useRealTimers())
afterAll(() => meter.print())

test('scheduling costs 7 (was 11) whether the day has counts or not; both count', async () => {
  const [a, b] = [await smallTemplate('甲巡查表'), await smallTemplate('乙巡查表')]
  const input = (templateId: string) => ({ villageId: 'v_dongshan', gridId: null, date: '2026-11-20', templateId, patrollerIds: [userIdOf('grid-dongshan-1')] })
  expect(await meter.cost('village-admin-dongshan', 'supervision.schedule', input(a.id))).toBe(7)
  expect(await meter.cost('village-admin-dongshan', 'supervision.schedule', input(b.id))).toBe(7)
  expect(get('supervision_counts', 'v_dongshan_2026-11-20')).toMatchObject({ scheduled: 2, done: 0 })
})

test('recording a visit costs 8 (was 13); the month counts add up either way', async () => {
  expect(await meter.cost('grid-dongshan-1', 'supervision.recordVisit', visitInput())).toBe(8)
  expect(await meter.cost('grid-dongshan-1', 'supervision.recordVisit', visitInput())).toBe(8)
  expect(get('visit_counts', 'v_dongshan_2026-11')).toMatchObject({ visits: 2, visited: 1, problemsRaised: 2, solvedOnSite: 2, filed: 0 })
})

test('an inspection with two findings costs 8 (was 14), a withdrawn appeal 7 (was 9); the day counts follow', async () => {
  const zone = await givenZone()
  expect(await meter.cost('grid-dongshan-1', 'supervision.inspectZone', await inspectInput(zone.id, ['c1', 'c2']))).toBe(8)
  const findingId = await appealedFinding()
  const counts = get('supervision_counts', `v_dongshan_${today()}`) as Record<string, number>
  expect(counts.cleaningFindings).toBe(3)
  expect(await meter.cost('town-admin', 'supervision.decideAppeal', { findingId, outcome: 'withdraw', reason: '核实后撤销' })).toBe(7)
  expect(get('supervision_counts', `v_dongshan_${today()}`)).toMatchObject({ cleaningFindings: 3, cleaningWithdrawn: 1, deductionYuan: counts.deductionYuan - counts.deductionYuan / 3 })
})

test('information: sending 8 the first of a half month then 6 (was 9), withdrawing and deciding 7 (was 9); the counts add up', async () => {
  expect(await meter.cost('unit-zhifa', 'supervision.submitInfo', infoInput('unit-zhifa'))).toBe(8)
  expect(await meter.cost('unit-zhifa', 'supervision.submitInfo', infoInput('unit-zhifa'))).toBe(6)
  const i = await givenInfo('unit-zhifa')
  expect(await meter.cost('unit-zhifa', 'supervision.withdrawInfo', { infoId: i.id, rev: i.rev })).toBe(7)
  const j = await givenInfo('unit-zhifa')
  expect(await meter.cost('unit-zhifa', 'supervision.editInfo', { infoId: j.id, rev: j.rev, kind: 'case', title: '修改后的信息标题', text: j.text })).toBeLessThanOrEqual(7)
  expect(await meter.cost('town-admin', 'supervision.decideInfo', { infoId: j.id, decision: 'adopt', level: 'county' })).toBe(7)
  expect(get('info_counts', 'unit_unit_1_2026-11-2')).toMatchObject({ submitted: 3, pending: 2, adopted: 1, adoptedCounty: 1 })
  await ok('town-admin', 'supervision.decideInfo', { infoId: (await givenInfo('unit-zhifa')).id, decision: 'return', reason: '请补充具体数据' })
  expect(get('info_counts', 'unit_unit_1_2026-11-2')).toMatchObject({ submitted: 4, pending: 2, returned: 1, adopted: 1 })
})

test('counts inserted for a day or month that had none: two writes at once still count twice (the loser runs again reading them)', async () => {
  const [a, b] = [await smallTemplate('甲巡查表'), await smallTemplate('乙巡查表')]
  const input = (templateId: string) => ({ villageId: 'v_dongshan', gridId: null, date: '2026-11-21', templateId, patrollerIds: [userIdOf('grid-dongshan-1')] })
  await Promise.all([ok('village-admin-dongshan', 'supervision.schedule', input(a.id)), ok('village-admin-dongshan', 'supervision.schedule', input(b.id))])
  expect(get('supervision_counts', 'v_dongshan_2026-11-21')).toMatchObject({ scheduled: 2 })

  await Promise.all([ok('grid-dongshan-1', 'supervision.recordVisit', visitInput()), ok('grid-dongshan-1', 'supervision.recordVisit', visitInput())])
  expect(get('visit_counts', 'v_dongshan_2026-11')).toMatchObject({ visits: 2, visited: 1 })

  const zone = await givenZone()
  await Promise.all([ok('grid-dongshan-1', 'supervision.inspectZone', await inspectInput(zone.id, ['c1'])), ok('grid-dongshan-1', 'supervision.inspectZone', await inspectInput(zone.id, ['c2']))])
  expect(get('supervision_counts', `v_dongshan_${today()}`)).toMatchObject({ cleaningFindings: 2 })
})
