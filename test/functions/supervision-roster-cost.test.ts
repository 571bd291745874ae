/**
 * The month generator's database requests (issue 11) and its races: each new day is written without
 * reading it (a patrol and its day counts inserted in the month's one transaction), so a roster costs
 * 2 requests a day plus a fixed few; a day written meanwhile makes the roster run again on fresh
 * reads, never twice counted.
 */
import { localCloud } from '../../local-cloud'
import type { PatrolTemplate } from '../../src/contract'
import { clockFrom } from '../helpers/clock'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'
import { smallTemplate } from '../helpers/supervision'

const countsOf = (villageId: string, date: string) => localCloud.engine.get('supervision_counts', `${villageId}_${date}`) as Record<string, number> | null

let template: PatrolTemplate

beforeEach(async () => {
  clockFrom('2026-11-18T09:00:00+08:00')
  await freshTown()
  template = await smallTemplate()
})
afterEach(() => jest.useRealTimers())

const month = (extra: object = {}) => ({
  villageId: 'v_dongshan',
  gridId: null,
  templateId: template.id,
  year: 2026,
  month: 12,
  patrollerIds: ['grid-dongshan-1', 'grid-dongshan-2'].map(userIdOf),
  ...extra
})

test('a month of 16 patrols: 2 requests a day and 4 more (was 4 a day and 7 more), every day counted once', async () => {
  // a day that already has counts (a patrol scheduled on its own) is incremented, not overwritten
  await ok('village-admin-dongshan', 'supervision.schedule', {
    villageId: 'v_dongshan',
    gridId: 'g_dongshan_1',
    templateId: template.id,
    date: '2026-12-03',
    patrollerIds: [userIdOf('grid-dongshan-1')]
  })
  const { res, dbRequests } = await callAs('village-admin-dongshan', 'supervision.generateRoster', month())
  if (!res.ok) throw new Error(res.message)
  expect(res.data.created).toBe(16)
  expect(dbRequests).toBeLessThanOrEqual(2 * 16 + 4)
  expect(countsOf('v_dongshan', '2026-12-01')).toMatchObject({ scheduled: 1, done: 0, missed: 0 })
  expect(countsOf('v_dongshan', '2026-12-03')).toMatchObject({ scheduled: 2 })
  const entries = localCloud.engine.all('audit_log').filter((e) => e.targetType === 'patrol_roster') as Array<{ detail: { dates: string[] } }>
  expect(entries.map((e) => e.detail.dates.length)).toEqual([16])
})

test('two rosters of the same month at once: the days are scheduled and counted once; a cancelled day is scheduled again', async () => {
  const [a, b] = await Promise.all([callAs('village-admin-dongshan', 'supervision.generateRoster', month()), callAs('town-admin', 'supervision.generateRoster', month())])
  const created = [a, b].map(({ res }) => (res.ok ? res.data.created : -1))
  expect(created.sort((x, y) => x - y)).toEqual([0, 16])
  for (let d = 1; d <= 31; d += 2) expect(countsOf('v_dongshan', `2026-12-${String(d).padStart(2, '0')}`)).toMatchObject({ scheduled: 1 })
  expect(localCloud.engine.count('patrols', { villageId: 'v_dongshan', date: { $gte: '2026-12-01', $lte: '2026-12-31' } })).toBe(16)

  const first = (a.res.ok && a.res.data.created ? a.res.data : b.res.ok ? b.res.data : null)!.patrols[0]
  await ok('village-admin-dongshan', 'supervision.cancelPatrol', { patrolId: first.id, reason: '村里临时有大型活动' })
  expect(countsOf('v_dongshan', first.date)).toMatchObject({ scheduled: 0 })
  const again = await ok('village-admin-dongshan', 'supervision.generateRoster', month())
  expect(again).toMatchObject({ created: 1 })
  expect(countsOf('v_dongshan', first.date)).toMatchObject({ scheduled: 1 })
  expect(localCloud.engine.get('patrols', first.id)).toMatchObject({ status: 'scheduled', round: 2 })
})
