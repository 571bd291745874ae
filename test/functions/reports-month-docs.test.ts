/**
 * The overdue job keeps this month's problem-count document of every village ready (empty), so a new
 * problem's counts are one increment; on a month's last day it also prepares the next month's. It
 * never replaces a document a step wrote meanwhile.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { DEMO_VILLAGES } from '../../local-server/seed'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore } from '../../cloudfunctions/_shared/store'
import { countsDocIdOf, monthsToPrepare, prepareMonthDocs } from '../../cloudfunctions/reports/counts'
import { freshTown, ok } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'
import { expectCountsAgree } from '../helpers/recount'

const TIMER = { Type: 'Timer', TriggerName: 'overdue', Time: '2026-12-03T01:00:00Z' }
const monthDoc = (villageId: string, month: string) => localCloud.engine.get('problem_counts', countsDocIdOf(villageId, month)) as { cells: Record<string, unknown> } | null

describe('month documents of the problem counts', () => {
  afterEach(() => jest.useRealTimers())

  test('which months: this one, and the next on the last China day of a month', () => {
    expect(monthsToPrepare(new Date('2026-12-03T02:00:00Z'))).toEqual(['2026-12'])
    // 2026-12-31 23:30 in China is still December there
    expect(monthsToPrepare(new Date('2026-12-31T15:30:00Z'))).toEqual(['2026-12', '2027-01'])
    // 2027-01-01 00:30 in China
    expect(monthsToPrepare(new Date('2026-12-31T16:30:00Z'))).toEqual(['2027-01'])
  })

  test('the timer job writes the missing ones once, empty, leaves the others as they are, and the counts still agree with a recount', async () => {
    clockAt('2026-12-31T02:00:00Z') // 10:00 on the last day of December, China time
    await freshTown()
    const before = new Map(DEMO_VILLAGES.flatMap((v) => ['2026-12', '2027-01'].map((m) => [countsDocIdOf(v.id, m), monthDoc(v.id, m)] as const)))
    const missing = [...before.values()].filter((d) => d === null).length
    expect(missing).toBeGreaterThan(0)
    const { result } = await invoke('reports', TIMER, null)
    expect(result).toMatchObject({ ok: true, data: { monthDocsPrepared: missing } })
    for (const v of DEMO_VILLAGES) {
      for (const m of ['2026-12', '2027-01']) {
        const was = before.get(countsDocIdOf(v.id, m))
        if (was) expect(monthDoc(v.id, m)).toEqual(was)
        else expect(monthDoc(v.id, m)?.cells).toEqual({})
      }
    }
    const again = await invoke('reports', TIMER, null)
    expect(again.result).toMatchObject({ ok: true, data: { monthDocsPrepared: 0 } })
    expectCountsAgree()
  })

  test('a document a step created first is kept, not emptied', async () => {
    clockAt('2026-12-03T02:00:00Z')
    await freshTown()
    localCloud.engine.remove('problem_counts', { month: '2026-12' })
    await ok('resident-1', 'reports.create', await draft())
    const before = monthDoc('v_dongshan', '2026-12')
    expect(Object.keys(before?.cells ?? {}).length).toBeGreaterThan(0)
    await prepareMonthDocs(createStore(database()), new Date())
    for (const v of DEMO_VILLAGES) expect(monthDoc(v.id, '2026-12')).not.toBeNull()
    expect(monthDoc('v_dongshan', '2026-12')).toEqual(before)
  })
})
