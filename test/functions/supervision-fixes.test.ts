/**
 * Loose ends of patrols and visits found in review, each pinned by a test that fails without its fix:
 * a failure linked to an open problem is recorded on that problem's timeline; a problem a visit files
 * carries the visit's photo, the place and a report-length description; a patrol's submission key
 * answers only its own submitter; an empty page of households is the end of the list; the town's
 * monthly counts are read whole however many villages there are.
 */
import { localCloud } from '../../local-cloud'
import type { PatrolTemplate } from '../../src/contract'
import { clockFrom } from '../helpers/clock'
import { clientKey, draft, photo } from '../helpers/reports'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { givenPatrol, givenVisit, resultsFor, smallTemplate, submission, visitInput } from '../helpers/supervision'

const HERE = { lng: 120.4, lat: 30.5 }
const north = (metres: number) => ({ lng: HERE.lng, lat: HERE.lat + metres / 111_195 })
const eventsOf = (reportId: string) =>
  (localCloud.engine.find('report_events', { reportId }) as Array<{ seq: number; action: string; note: string | null; photos: string[]; byName: string }>).sort((a, b) => a.seq - b.seq)

let template: PatrolTemplate

beforeEach(async () => {
  clockFrom('2026-11-18T09:00:00+08:00')
  await freshTown()
  template = await smallTemplate()
})
afterEach(() => jest.useRealTimers())

describe('a patrol failure linked to an open problem', () => {
  test('adds a 督导巡查再次发现 event naming the patrol, with the failure’s photo, to that problem', async () => {
    const resident = await ok('resident-1', 'reports.create', await draft({ category: 'litter', location: north(0), address: '东山村北片' }))
    const before = localCloud.engine.get('reports', resident.id) as { eventSeq: number; rev: number }
    const patrol = await givenPatrol({ templateId: template.id })
    const done = await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(patrol, await resultsFor(patrol, { 0: north(30), 1: north(10) })))
    expect(done.results?.[0].problem).toMatchObject({ reportId: resident.id, linked: true })
    const events = eventsOf(resident.id)
    const last = events[events.length - 1]
    expect(last).toMatchObject({ action: 'recur', byName: '王海涛', seq: before.eventSeq + 1 })
    expect(last.note).toContain('督导巡查再次发现')
    expect(last.note).toContain('小型巡查表')
    expect(last.note).toContain(patrol.id)
    expect(last.photos).toHaveLength(1)
    expect(last.photos[0]).toMatch(/checked\/[0-9a-f]{64}\.png$/)
    expect(localCloud.engine.get('reports', resident.id)).toMatchObject({ eventSeq: before.eventSeq + 1, rev: before.rev + 1 })
    // the timeline shows it to the staff handling the problem
    const detail = await ok('village-admin-dongshan', 'reports.get', { reportId: resident.id })
    expect(detail.timeline.map((e) => e.action)).toContain('recur')
    // the new problem filed for the other item has only its own first event
    const filedId = done.results?.[1].problem?.reportId as string
    expect(eventsOf(filedId).map((e) => e.action)).toEqual(['submit'])
    // a step on the problem afterwards takes the next number
    await ok('village-admin-dongshan', 'reports.accept', { reportId: resident.id })
    expect(
      eventsOf(resident.id)
        .map((e) => e.action)
        .slice(-2)
    ).toEqual(['recur', 'accept'])
  })
})

describe('a patrol’s submission key', () => {
  test('answers only the one who submitted with it: another patroller reusing it is refused, sees nothing of it and changes nothing', async () => {
    const patrol = await givenPatrol({ templateId: template.id, patrollers: ['grid-dongshan-1', 'grid-dongshan-2'] })
    const key = clientKey()
    await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(patrol, await resultsFor(patrol, { 0: HERE }), key))
    const before = dumpAll()
    const { res } = await callAs('grid-dongshan-2', 'supervision.submitPatrol', submission(patrol, await resultsFor(patrol), key))
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(JSON.stringify(res)).not.toContain('"results"')
    expect(dumpAll()).toEqual(before)
    // the submitter's own retry still answers with the submission
    expect(await ok('grid-dongshan-1', 'supervision.submitPatrol', submission(patrol, await resultsFor(patrol, { 0: HERE }), key))).toMatchObject({ status: 'done', findings: 1 })
  })
})

describe('a problem filed from a visit', () => {
  test('carries the visit’s photo and the household’s village and grid as its place', async () => {
    const pic = await photo()
    const v = await givenVisit('grid-dongshan-1', { photos: [pic], problems: [{ text: '村口垃圾桶满了没人清运', outcome: 'report', category: 'litter' }] })
    const stored = localCloud.engine.get('visits', v.id) as { photos: string[] }
    const report = localCloud.engine.get('reports', v.problemList[0].report?.reportId as string) as { photos: string[]; address: string; villageId: string; gridId: string }
    expect(report.photos).toEqual(stored.photos)
    expect(report.photos[0]).toMatch(/checked\//)
    expect(report).toMatchObject({ address: '东山村 东山一组网格', villageId: 'v_dongshan', gridId: 'g_dongshan_1' })
  })

  test('needs a description as long as a report’s (5 characters); a problem solved on the spot does not', async () => {
    const before = dumpAll()
    const { res } = await callAs('grid-dongshan-1', 'supervision.recordVisit', visitInput({ problems: [{ text: '漏水了', outcome: 'report', category: 'litter' }] }))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect((res as { message: string }).message).toMatch(/至少 5 个字/)
    expect(dumpAll()).toEqual(before)
    expect(await givenVisit('grid-dongshan-1', { problems: [{ text: '漏水了', outcome: 'solved', done: '现场修好' }] })).toMatchObject({ solved: 1 })
  })
})

describe('visitHouseholds', () => {
  test('never answers an empty page with a cursor: past a long run of other grids’ households it reaches the grid worker’s own', async () => {
    const head = userIdOf('grid-dongshan-2')
    const now = new Date()
    localCloud.engine.insert(
      'households',
      Array.from({ length: 1100 }, (_, i) => ({
        _id: `hh_bulk_${i}`,
        villageId: 'v_dongshan',
        name: `A${String(i).padStart(4, '0')}家`,
        headUserId: head,
        memberIds: [],
        createdAt: now,
        updatedAt: now
      }))
    )
    const month = { year: 2026, month: 11 }
    let cursor: string | undefined
    const seen: string[] = []
    for (let pages = 0; pages < 20; pages++) {
      const page = await ok('grid-dongshan-1', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'all', ...(cursor ? { cursor } : {}) })
      if (page.next !== null) expect(page.items.length).toBeGreaterThan(0)
      seen.push(...page.items.map((h) => h.name))
      if (page.next === null) break
      cursor = page.next
    }
    expect(seen).toContain('王秀兰家')
    expect(seen.some((n) => n.startsWith('A0'))).toBe(false)
  })
})

describe('supervision.counts for the whole town', () => {
  test('reads every village’s days of the month, past one read’s 1000 rows', async () => {
    const now = new Date()
    const docs = []
    for (let v = 0; v < 40; v++) {
      for (let d = 1; d <= 28; d++) {
        const date = `2026-12-${String(d).padStart(2, '0')}`
        docs.push({
          _id: `v_bulk${v}_${date}`,
          villageId: `v_bulk${v}`,
          date,
          scheduled: 1,
          done: 1,
          missed: 0,
          late: 0,
          findings: 0,
          deductions: 0,
          problemsCreated: 0,
          problemsLinked: 0,
          updatedAt: now
        })
      }
    }
    localCloud.engine.insert('supervision_counts', docs)
    const counts = await ok('town-admin', 'supervision.counts', { year: 2026, month: 12 })
    expect(counts.days).toHaveLength(1120)
    expect(new Set(counts.days.map((d) => `${d.villageId}_${d.date}`)).size).toBe(1120)
    expect(counts.totals).toMatchObject({ scheduled: 1120, done: 1120 })
  })
})
