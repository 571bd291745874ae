/**
 * Database requests of the supervision reads that issue 11 holds to 3 at most (the caller's profile
 * counts as one): the month's visit coverage, the households still to visit, the half month's info table.
 */
import { clockFrom } from '../helpers/clock'
import { costMeter } from '../helpers/cost'
import { callAs, freshTown } from '../helpers/town'

const { cost, print } = costMeter()

beforeAll(async () => {
  clockFrom('2026-11-18T09:00:00+08:00')
  await freshTown()
})
afterAll(() => {
  print()
  jest.useRealTimers()
})

describe('database requests per call', () => {
  test("visit coverage: the caller with the month's counts and the village (prefetch.ts), the households' count = 2", async () => {
    expect(await cost('village-admin-dongshan', 'supervision.visitCoverage', { villageId: 'v_dongshan', year: 2026, month: 11 })).toBe(2)
    // a village that does not exist is still refused, at the same cost
    const missing = await callAs('town-admin', 'supervision.visitCoverage', { villageId: 'v_nowhere', year: 2026, month: 11 })
    expect(missing.res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('households to visit: the caller, then one aggregate per chunk of households (heads and marks by $lookup) = 2', async () => {
    expect(await cost('village-admin-dongshan', 'supervision.visitHouseholds', { villageId: 'v_dongshan', year: 2026, month: 11, only: 'all' })).toBe(2)
    expect(await cost('village-admin-dongshan', 'supervision.visitHouseholds', { villageId: 'v_dongshan', year: 2026, month: 11, only: 'unvisited' })).toBe(2)
    expect(await cost('grid-dongshan-1', 'supervision.visitHouseholds', { villageId: 'v_dongshan', year: 2026, month: 11, only: 'all', pageSize: 1 })).toBe(2)
  })

  test("the half month's info table: the caller with the counts (prefetch.ts), the villages, the units = 3", async () => {
    expect(await cost('town-admin', 'supervision.infoHalf', { year: 2026, month: 11, half: 1 })).toBe(3)
  })
})
