/**
 * Database requests of the bulletin actions (the caller's profile counts as one): reads ≤ 3, writes
 * ≤ 8 (publishing: 8, and 4 more per 工作提示函 it issues). Drafting costs 8 (was 15): the places, the scheme, the calendar,
 * the period's counts, the overdue list and the case candidates (sorted, bounded) come with the
 * caller's profile; then the gauges (two aggregations) and its transaction (start, read, write, audit,
 * commit) — a fixed number, whatever the history (no raw scan).
 */
import { clockFrom } from '../helpers/clock'
import { costMeter } from '../helpers/cost'
import { freshTown } from '../helpers/town'
import { forceState, givenDraft, givenLetter, givenReview } from '../helpers/bulletins'

const meter = costMeter()

beforeEach(async () => {
  clockFrom('2026-11-18T10:00:00+08:00')
  await freshTown()
})
afterEach(() => jest.useRealTimers())
afterAll(() => meter.print())

test('reads cost at most 3 requests', async () => {
  const r = await givenReview('week')
  expect(await meter.cost('town-admin', 'supervision.bulletin', { bulletinId: r.id })).toBeLessThanOrEqual(3)
  expect(await meter.cost('village-admin-dongshan', 'supervision.bulletinFigures', { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan' })).toBeLessThanOrEqual(3)
  expect(await meter.cost('village-admin-dongshan', 'supervision.bulletins', {})).toBeLessThanOrEqual(3)
  expect(await meter.cost('town-admin', 'supervision.scoringScheme', {})).toBeLessThanOrEqual(3)
  expect(await meter.cost('village-admin-dongshan', 'supervision.bulletinLetters', {})).toBeLessThanOrEqual(3)
  forceState(r.id, 'published')
  expect(await meter.cost('resident-1', 'supervision.publicBulletin', { bulletinId: r.id })).toBeLessThanOrEqual(3)
  expect(await meter.cost('resident-1', 'supervision.publicBulletins', {})).toBeLessThanOrEqual(3)
})

test('writes cost at most 8 requests; drafting a fixed number', async () => {
  const d = await givenDraft('week')
  expect(await meter.cost('town-admin', 'supervision.generateBulletin', { kind: 'week', periodKey: d.periodKey })).toBeLessThanOrEqual(8)
  const edited = await givenDraft('week')
  expect(await meter.cost('town-admin', 'supervision.editBulletin', { bulletinId: d.id, rev: edited.rev, text: '本周全镇环境整治总体平稳。' })).toBeLessThanOrEqual(8)
  const r = await givenReview('month')
  expect(
    await meter.cost('village-admin-dongshan', 'supervision.contestBulletin', { bulletinId: r.id, placeKind: 'village', placeId: 'v_dongshan', figure: 'overdue', reason: '超期问题已整改完毕' })
  ).toBeLessThanOrEqual(8)
  expect(await meter.cost('town-admin', 'supervision.answerContest', { bulletinId: r.id, contestId: 'village-v_dongshan', decision: 'reject', note: '经核实仍超期' })).toBeLessThanOrEqual(8)
  forceState(r.id, 'closedReview')
  expect(await meter.cost('town-admin', 'supervision.publishBulletin', { bulletinId: r.id, rev: r.rev + 2 })).toBeLessThanOrEqual(8)
  const letter = givenLetter('village', 'v_dongshan')
  expect(await meter.cost('village-admin-dongshan', 'supervision.answerBulletinLetter', { letterId: letter, answer: '已落实整改责任' })).toBeLessThanOrEqual(8)
  expect(
    await meter.cost('town-admin', 'supervision.saveScoringScheme', {
      baseVersion: 1,
      name: '本镇评分办法',
      weights: { onTimeRate: 40, closureRate: 20, satisfactionRate: 20, reworkRate: 10, avgHandlingDays: 10 },
      worstDays: 10,
      overduePoints: 2,
      overdueMax: 20,
      minVolume: 5,
      flagThreshold: 90
    })
  ).toBeLessThanOrEqual(8)
})
