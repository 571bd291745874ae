/** The demo 光荣榜 and 评选 of `npm start`: written once through the honour handlers, never twice. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { localCloud } from '../../local-cloud'
import { seedDemoTown } from '../../local-server/seed'
import { seedDemoHonour } from '../../local-server/seed-honour'
import { freshTown, ok } from '../helpers/town'
import { clockAt } from '../helpers/reports'

/**
 * The seed runs at `npm start`, on any day: at each of these instants (the test clock) the boards are
 * of the periods before it and one selection takes nominations while another is in its voting.
 */
const INSTANTS: Array<[string, string, string[]]> = [
  ['a working day in November', '2026-11-18T11:00:00+08:00', ['2026年10月', '2026年第三季度', '2025年度']],
  ['New Year’s Eve, half an hour before midnight', '2026-12-31T23:30:00+08:00', ['2026年11月', '2026年第三季度', '2025年度']],
  ['the first of a month, half past midnight', '2027-01-01T00:30:00+08:00', ['2026年12月', '2026年第四季度', '2026年度']],
  ['a day inside 春节', '2026-02-17T10:00:00+08:00', ['2026年1月', '2025年第四季度', '2025年度']]
]
const NOW = new Date(INSTANTS[0][1])

const counts = () => ({
  boards: localCloud.engine.count('honour_boards', {}),
  selections: localCloud.engine.count('selections', {}),
  candidates: localCloud.engine.count('selection_candidates', {}),
  ballots: (localCloud.engine.all('selection_tallies') as Array<{ ballots: object }>).reduce((n, t) => n + Object.keys(t.ballots).length, 0)
})

afterEach(() => jest.useRealTimers())

describe.each(INSTANTS)('demo honour seed on %s', (_when, instant, periods) => {
  const NOW = new Date(instant)

  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
  })

  test('a 东山村 resident sees the village boards and the town board; running it again adds nothing', async () => {
    expect(await seedDemoHonour(localCloud)).toEqual({ boards: 3, selections: 2 })
    const first = counts()
    expect(first).toMatchObject({ boards: 3, selections: 2 })
    expect(await seedDemoHonour(localCloud)).toEqual({ boards: 0, selections: 0 })
    expect(counts()).toEqual(first)

    const boards = await ok('resident-1', 'honour.boards', {})
    const byLabel = new Map(boards.items.map((b) => [b.periodLabel, b]))
    expect([...byLabel.keys()].sort()).toEqual([...periods].sort())
    expect(periods.map((label) => [byLabel.get(label)?.scopeName, byLabel.get(label)?.status])).toEqual([
      ['东山村', 'published'],
      ['东山村', 'published'],
      ['西岗镇', 'published']
    ])
    // newest first
    const published = boards.items.map((b) => Date.parse(b.publishedAt as string))
    expect(published).toEqual([...published].sort((a, b) => b - a))
    expect(new Set(boards.items.map((b) => b.id)).size).toBe(3)
    for (const b of boards.items) {
      expect(b.entryCount).toBeGreaterThanOrEqual(3)
      expect(b.entryCount).toBeLessThanOrEqual(6)
      expect(Date.parse(b.publishedAt as string)).toBeLessThan(NOW.getTime())
    }
    // Another village's resident sees the town's board only.
    expect((await ok('resident-3', 'honour.boards', {})).items.map((b) => b.scopeName)).toEqual(['西岗镇'])

    const month = await ok('resident-1', 'honour.board', { boardId: (byLabel.get(periods[0]) ?? boards.items[0]).id })
    expect(new Set(month.entries.map((e) => e.virtueLabel))).toEqual(new Set(['社会公德', '职业道德', '家庭美德', '个人品德']))
    expect(new Set(month.entries.map((e) => e.subject))).toEqual(new Set(['person', 'household']))
    expect(month.entries.find((e) => e.photo)?.photoUrl).toEqual(expect.any(String))
  })

  test('one selection is in its voting with approved candidates and votes, another takes nominations', async () => {
    await seedDemoHonour(localCloud)
    const list = await ok('resident-1', 'honour.selections', {})
    const byPhase = Object.fromEntries(list.items.map((s) => [s.phase, s]))
    expect(Object.keys(byPhase).sort()).toEqual(['nominating', 'voting'])
    expect(byPhase.voting).toMatchObject({ scopeName: '东山村', categoryLabel: '孝老爱亲' })
    expect(byPhase.nominating).toMatchObject({ scopeName: '西岗镇', villageId: null })

    const voting = await ok('resident-1', 'honour.selection', { selectionId: byPhase.voting.id })
    expect(voting.candidates.length).toBeGreaterThanOrEqual(3)
    expect(voting.candidates.map((c) => c.votes)).toEqual([6, 4, 1])
    // 王秀兰 voted yesterday: today she still has her vote.
    expect(voting.myBallot).toMatchObject({ votedToday: 0, votedTotal: 1, remainingToday: 1 })
    const review = await ok('village-admin-dongshan', 'honour.candidates', { selectionId: voting.id, status: 'rejected' })
    expect(review.items).toHaveLength(1)

    const nominating = await ok('resident-3', 'honour.selection', { selectionId: byPhase.nominating.id })
    expect(nominating.candidates.map((c) => c.name)).toEqual(['周小雨'])
    const pending = await ok('town-admin', 'honour.candidates', { selectionId: nominating.id, status: 'pending' })
    expect(pending.items.map((c) => c.name)).toEqual(['林志愿'])
  })
})

test('npm start twice on the same data folder seeds the boards once', async () => {
  clockAt(NOW)
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-seed-honour-'))
  try {
    localCloud.open({ dataDir })
    seedDemoTown(localCloud.engine)
    expect(await seedDemoHonour(localCloud)).toEqual({ boards: 3, selections: 2 })
    const first = counts()
    localCloud.close()

    localCloud.open({ dataDir })
    expect(seedDemoTown(localCloud.engine)).toBe(false)
    expect(await seedDemoHonour(localCloud)).toEqual({ boards: 0, selections: 0 })
    expect(counts()).toEqual(first)
  } finally {
    localCloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
