/**
 * 民情日记 (household visits): who may record a visit to which household, the 三个记录 and the problems
 * (当场解决 / 转问题 as 代录 for the household, in the visit's transaction), an idempotent retry, who
 * sees the notes (never a resident, not even the household's own), and the month's coverage (户户到).
 */
import { localCloud } from '../../local-cloud'
import { clockFrom } from '../helpers/clock'
import { photo } from '../helpers/reports'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { givenVisit, thisMonth, today, visitInput } from '../helpers/supervision'

const countsOf = (villageId: string, month: string) => localCloud.engine.get('visit_counts', `${villageId}_${month}`) as Record<string, number> | null
const NOTES = ['老两口身体尚可，儿子在外务工', '希望村里多组织义诊', '门口路灯不亮', '家门口水管漏水', '现场联系水电工修好']
const FILED = { text: '村口垃圾桶满了没人清运', outcome: 'report' as const, category: 'litter' }

beforeEach(async () => {
  clockFrom('2026-11-18T10:00:00+08:00')
  await freshTown()
})
afterEach(() => jest.useRealTimers())

describe('recording a visit', () => {
  test('a grid worker visits a household of their grid with a co-visitor: 三个记录, one problem solved, one filed as 代录', async () => {
    const pic = await photo()
    const v = await givenVisit('grid-dongshan-1', {
      coVisitorIds: [userIdOf('village-admin-dongshan')],
      photos: [pic],
      problems: [{ text: '家门口水管漏水', outcome: 'solved', done: '现场联系水电工修好' }, FILED]
    })
    expect(v).toMatchObject({
      date: '2026-11-18',
      villageId: 'v_dongshan',
      gridId: 'g_dongshan_1',
      householdId: 'hh_wang',
      householdName: '王秀兰家',
      situation: NOTES[0],
      suggestions: NOTES[1],
      issues: NOTES[2],
      problems: 2,
      solved: 1,
      filed: 1,
      hasPhoto: true,
      mine: true,
      recordedByName: '王海涛'
    })
    expect(v.visitors.map((p) => p.name)).toEqual(['王海涛', '李卫东'])
    expect(v.photoUrls).toHaveLength(1)
    const stored = localCloud.engine.get('visits', v.id) as { photos: string[] }
    expect(stored.photos[0]).toMatch(/checked\/[0-9a-f]{64}\.png$/)
    expect(v.problemList[0]).toMatchObject({ outcome: 'solved', outcomeLabel: '当场解决', done: '现场联系水电工修好', report: null })
    expect(v.problemList[1]).toMatchObject({ outcome: 'report', outcomeLabel: '转问题', report: { categoryName: expect.any(String) } })
    const reportId = v.problemList[1].report?.reportId as string
    const report = localCloud.engine.get('reports', reportId) as Record<string, unknown>
    expect(report).toMatchObject({
      source: 'resident',
      status: 'submitted',
      reporterId: userIdOf('resident-1'),
      reporterName: '王秀兰',
      villageId: 'v_dongshan',
      gridId: 'g_dongshan_1',
      description: FILED.text,
      photos: stored.photos,
      onBehalf: { byId: userIdOf('grid-dongshan-1'), visitId: v.id }
    })
    expect(report.no).toBe(v.problemList[1].report?.reportNo)
    expect(localCloud.engine.find('audit_log', { targetType: 'visit', targetId: v.id })).toHaveLength(1)
    expect(countsOf('v_dongshan', '2026-11')).toMatchObject({ visits: 1, visited: 1, problemsRaised: 2, solvedOnSite: 1, filed: 1 })
  })

  test('the filed problem is in the village queue as 代录 with the visit linked; the household’s resident sees only the problem', async () => {
    const v = await givenVisit('grid-dongshan-1', { problems: [FILED] })
    const reportId = v.problemList[0].report?.reportId as string
    const queue = await ok('village-admin-dongshan', 'reports.queue', { villageId: 'v_dongshan', status: 'submitted', pageSize: 50 })
    expect(queue.items.find((r) => r.id === reportId)).toMatchObject({ onBehalf: true, description: FILED.text })
    expect(await ok('village-admin-dongshan', 'reports.get', { reportId })).toMatchObject({ visitId: v.id, onBehalf: true })
    expect(await ok('grid-dongshan-1', 'reports.get', { reportId })).toMatchObject({ visitId: v.id })
    // the reporter is the household head: it is in their 我的随手拍, without the visit
    const mine = await ok('resident-1', 'reports.mine', {})
    const own = mine.items.find((r) => r.id === reportId)
    expect(own).toMatchObject({ description: FILED.text })
    const detail = await ok('resident-1', 'reports.get', { reportId })
    expect(detail.visitId).toBeNull()
    // entered by the grid worker during the visit, not by the resident: the first step says who did it
    expect(detail.timeline[0]).toMatchObject({ action: 'submit', actor: '王海涛' })
    const seen = JSON.stringify([mine, detail, await ok('resident-2', 'reports.mine', {}), await ok('resident-1', 'reports.publicList', {})])
    for (const note of NOTES.slice(0, 3)) expect(seen).not.toContain(note)
    expect(seen).not.toContain(v.id)
    // accepted, it earns the household nobody a 随手拍 reward: the resident did not report it
    await ok('village-admin-dongshan', 'reports.accept', { reportId })
    expect(localCloud.engine.get('report_rewards', reportId)).toBeNull()
  })

  test('a retry with the same key, even two at once, records one visit and files one problem', async () => {
    const input = visitInput({ problems: [FILED] })
    const [a, b] = await Promise.all([ok('grid-dongshan-1', 'supervision.recordVisit', input), ok('grid-dongshan-1', 'supervision.recordVisit', input)])
    const c = await ok('grid-dongshan-1', 'supervision.recordVisit', input)
    expect(new Set([a.id, b.id, c.id]).size).toBe(1)
    expect(localCloud.engine.find('visits', {})).toHaveLength(1)
    expect(localCloud.engine.find('reports', { reporterId: userIdOf('resident-1'), 'onBehalf.visitId': a.id })).toHaveLength(1)
    expect(countsOf('v_dongshan', '2026-11')).toMatchObject({ visits: 1, visited: 1, filed: 1 })
  })

  test('refusals change nothing: other village, grid worker outside their grid, residents, bad dates, people and categories', async () => {
    const before = dumpAll()
    const refused = async (who: string, input: unknown, code: string, message?: RegExp) => {
      const { res } = await callAs(who, 'supervision.recordVisit', input)
      expect(res).toMatchObject({ ok: false, code })
      if (message) expect((res as { message: string }).message).toMatch(message)
    }
    await refused('village-admin-xigang', visitInput(), 'FORBIDDEN')
    await refused('grid-dongshan-2', visitInput(), 'FORBIDDEN', /本网格/)
    await refused('resident-1', visitInput(), 'FORBIDDEN')
    await refused('volunteer-1', visitInput(), 'FORBIDDEN')
    await refused('unit-zhifa', visitInput(), 'FORBIDDEN')
    await refused('village-admin-dongshan', visitInput({ householdId: 'hh_zhang' }), 'NOT_FOUND')
    await refused('village-admin-dongshan', visitInput({ date: '2026-11-19' }), 'INVALID_INPUT', /不能晚于今天/)
    await refused('village-admin-dongshan', visitInput({ date: '2026-09-01' }), 'INVALID_INPUT', /60 天/)
    await refused('village-admin-dongshan', visitInput({ coVisitorIds: [userIdOf('resident-2')] }), 'INVALID_INPUT', /同行|网格员/)
    await refused('village-admin-dongshan', visitInput({ problems: [{ ...FILED, category: 'no_such_thing' }] }), 'INVALID_INPUT', /类别/)
    await refused('village-admin-dongshan', visitInput({ problems: [{ text: '漏水', outcome: 'solved' }] }), 'INVALID_INPUT', /怎么解决/)
    await refused('village-admin-dongshan', visitInput({ problems: [{ text: '漏水', outcome: 'report' }] }), 'INVALID_INPUT', /类别/)
    expect(dumpAll()).toEqual(before)
  })

  test('the town office and a village admin visit any household of the village; a grid worker of another grid cannot', async () => {
    expect(await givenVisit('town-admin', { householdId: 'hh_lin' })).toMatchObject({ householdName: '林志愿家', gridId: 'g_dongshan_3' })
    expect(await givenVisit('village-admin-dongshan', { householdId: 'hh_lin' })).toMatchObject({ householdId: 'hh_lin' })
    expect((await callAs('grid-dongshan-1', 'supervision.recordVisit', visitInput({ householdId: 'hh_lin' }))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('who sees visits', () => {
  test('the visitors, the village admins and the town office; another grid worker, another village and residents never', async () => {
    const v = await givenVisit('grid-dongshan-1', { coVisitorIds: [userIdOf('grid-dongshan-2')] })
    const lone = await givenVisit('village-admin-dongshan', { householdId: 'hh_li' })
    for (const who of ['grid-dongshan-1', 'grid-dongshan-2', 'village-admin-dongshan', 'town-admin'])
      expect(await ok(who, 'supervision.visit', { visitId: v.id })).toMatchObject({ situation: NOTES[0] })
    expect((await callAs('grid-dongshan-1', 'supervision.visit', { visitId: lone.id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('village-admin-xigang', 'supervision.visit', { visitId: v.id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    for (const who of ['resident-1', 'resident-2', 'volunteer-1', 'unit-zhifa']) expect((await callAs(who, 'supervision.visit', { visitId: v.id })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const month = thisMonth()
    const all = await ok('village-admin-dongshan', 'supervision.visits', { villageId: 'v_dongshan', ...month })
    expect(all.items.map((x) => x.id).sort()).toEqual([v.id, lone.id].sort())
    expect(JSON.stringify(all)).not.toContain(NOTES[0])
    const worker = await ok('grid-dongshan-1', 'supervision.visits', { villageId: 'v_dongshan', ...month })
    expect(worker.items.map((x) => x.id)).toEqual([v.id])
    expect((await ok('village-admin-dongshan', 'supervision.visits', { villageId: 'v_dongshan', ...month, householdId: 'hh_li' })).items.map((x) => x.id)).toEqual([lone.id])
    expect((await callAs('village-admin-xigang', 'supervision.visits', { villageId: 'v_dongshan', ...month })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-1', 'supervision.visits', { villageId: 'v_dongshan', ...month })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('coverage (户户到)', () => {
  test('households visited ÷ households this month, counted once per household; last month apart; the households still to visit', async () => {
    await givenVisit('grid-dongshan-1')
    await givenVisit('grid-dongshan-1', { date: today(-1) })
    await givenVisit('village-admin-dongshan', { householdId: 'hh_lin', problems: [FILED] })
    await givenVisit('village-admin-dongshan', { householdId: 'hh_li', date: '2026-10-25', problems: [] })
    const month = thisMonth()
    const cov = await ok('village-admin-dongshan', 'supervision.visitCoverage', { villageId: 'v_dongshan', ...month })
    expect(cov).toMatchObject({ villageName: '东山村', households: 4, visited: 2, rate: 0.5, visits: 3, problemsRaised: 3, solvedOnSite: 2, filed: 1 })
    expect(cov.definition).toContain('÷')
    expect(await ok('grid-dongshan-1', 'supervision.visitCoverage', { villageId: 'v_dongshan', year: 2026, month: 10 })).toMatchObject({ visited: 1, visits: 1, rate: 0.25 })
    const unvisited = await ok('village-admin-dongshan', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'unvisited' })
    expect(unvisited.items.map((h) => h.name).sort()).toEqual(['李卫东家', '王海涛家'].sort())
    expect(unvisited.next).toBeNull()
    const all = await ok('village-admin-dongshan', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'all' })
    expect(all.items.find((h) => h.householdId === 'hh_wang')).toMatchObject({ visits: 2, lastVisitDate: '2026-11-18', headName: '王秀兰', gridId: 'g_dongshan_1' })
    // a grid worker: the households of their grid only
    const mine = await ok('grid-dongshan-1', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'all' })
    expect(mine.items.map((h) => h.householdId).sort()).toEqual(['hh_li', 'hh_wang', 'hh_wanght'])
    const paged = await ok('village-admin-dongshan', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'all', pageSize: 3 })
    expect(paged.items).toHaveLength(3)
    const rest = await ok('village-admin-dongshan', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'all', pageSize: 3, cursor: paged.next as string })
    expect(rest.items).toHaveLength(1)
    expect((await callAs('village-admin-xigang', 'supervision.visitCoverage', { villageId: 'v_dongshan', ...month })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-1', 'supervision.visitHouseholds', { villageId: 'v_dongshan', ...month, only: 'all' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
