/**
 * 首页 (users.home): a resident's own state — open problems (first 3 and the count), 本月获得 (the
 * ledger's figure), the next activity signed up for, the newest board of the village — and staff's
 * counts of what waits for THEM: a village admin's 待受理 counts only their village, a unit's 待签收
 * only its own, the town office's the town's. Two database requests: the caller, and one aggregate.
 */
import { localCloud } from '../../local-cloud'
import type { HomeTodoKey, HomeView } from '../../src/contract'
import { isOpen } from '../../src/domain/report-flow'
import { chinaDay } from '../../src/domain/china-time'
import { costMeter } from '../helpers/cost'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'

type Doc = Record<string, unknown>
const all = (coll: string) => localCloud.engine.all(coll) as Doc[]
const todo = (view: HomeView, key: HomeTodoKey) => view.todo.find((t) => t.key === key)?.count
const home = (who: string) => ok(who, 'users.home', {})
const reportsWhere = (pick: (r: Doc) => boolean) => all('reports').filter(pick).length

describe('users.home', () => {
  beforeEach(async () => {
    clockAt('2026-11-18T02:00:00Z') // Wednesday 10:00 in China
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test("a resident's own problems, points, next activity and the village's newest board", async () => {
    const me = userIdOf('resident-1')
    await ok('resident-1', 'reports.create', await draft())
    jest.setSystemTime(new Date('2026-11-18T02:05:00Z'))
    await ok('resident-1', 'reports.create', await draft({ category: 'parking' }))
    const open = all('reports').filter((r) => r.reporterId === me && isOpen(r.status as never))
    expect(open.length).toBeGreaterThan(3)
    localCloud.engine.insert('honour_boards', [
      { _id: 'hb_old', villageId: 'v_dongshan', scope: 'v_dongshan', scopeName: '东山村', title: '十月四德榜', status: 'published', publishedAt: new Date('2026-10-30T02:00:00Z') },
      { _id: 'hb_new', villageId: 'v_dongshan', scope: 'v_dongshan', scopeName: '东山村', title: '十一月四德榜', status: 'published', publishedAt: new Date('2026-11-15T02:00:00Z') },
      { _id: 'hb_draft', villageId: 'v_dongshan', scope: 'v_dongshan', scopeName: '东山村', title: '草稿', status: 'draft', publishedAt: null },
      { _id: 'hb_other', villageId: 'v_xigang', scope: 'v_xigang', scopeName: '西岗社区', title: '西岗榜', status: 'published', publishedAt: new Date('2026-11-17T02:00:00Z') }
    ])

    const view = await home('resident-1')
    expect(view.openReportCount).toBe(open.length)
    expect(view.openReports).toHaveLength(3)
    const newest = [...open].sort((a, b) => +new Date(b.createdAt as string) - +new Date(a.createdAt as string)).slice(0, 3)
    expect(view.openReports.map((r) => r.id)).toEqual(newest.map((r) => r._id))
    expect(view.openReports[0]).toMatchObject({ status: 'submitted', statusLabel: '待受理' })
    expect(view.pointsThisMonth).toBe((await ok('resident-1', 'deeds.ledger', {})).balance.earnedThisMonth)
    expect(view.board).toMatchObject({ id: 'hb_new', title: '十一月四德榜', scopeName: '东山村' })
    expect(view.todo).toEqual([]) // a resident has nothing waiting

    // a correction of +5 shows at once, as in the ledger
    await ok('village-admin-dongshan', 'deeds.correct', { userId: me, delta: 5, reason: '补记善行' })
    expect((await home('resident-1')).pointsThisMonth).toBe(view.pointsThisMonth + 5)
  })

  test('the next activity: the soonest coming sign-up, not a waitlist place or a cancelled one', async () => {
    const now = Date.now()
    const coming = all('activity_signups').filter((s) => +new Date(s.activityStartAt as string) >= now)
    const signed = coming.filter((s) => s.status === 'signed')
    expect(signed.length).toBeGreaterThan(0) // the demo volunteer service has coming activities with sign-ups
    const person = all('users').find((u) => u._id === signed[0].userId) as Doc
    const theirs = signed.filter((s) => s.userId === person._id).sort((a, b) => +new Date(a.activityStartAt as string) - +new Date(b.activityStartAt as string))
    const { res } = await callAs({ openid: String(person.openid) }, 'users.home', {})
    expect(res).toMatchObject({ ok: true, data: { nextActivity: { id: theirs[0].activityId, title: theirs[0].activityTitle, startAt: new Date(theirs[0].activityStartAt as string).toISOString() } } })
    // someone only on a waitlist or cancelled has no next activity from it
    const other = coming.find((s) => s.status !== 'signed' && !signed.some((x) => x.userId === s.userId))
    if (other) {
      const u = all('users').find((x) => x._id === other.userId) as Doc
      const r = await callAs({ openid: String(u.openid) }, 'users.home', {})
      expect(r.res).toMatchObject({ ok: true, data: { nextActivity: null } })
    }
  })

  test('a resident of a village without boards and without sign-ups: nulls, not an error', async () => {
    const view = await home('resident-5')
    const count = reportsWhere((r) => r.reporterId === userIdOf('resident-5') && isOpen(r.status as never))
    expect(view.openReportCount).toBe(count)
    expect(view.openReports).toHaveLength(Math.min(3, count))
    expect(view).toMatchObject({ board: null, nextActivity: null, todo: [] })
  })

  test("staff counts are the caller's own scope", async () => {
    const open = (r: Doc) => isOpen(r.status as never)
    const inVillage = (v: string, status: string) => reportsWhere((r) => r.villageId === v && r.status === status)
    const dongshan = await home('village-admin-dongshan')
    const xigang = await home('village-admin-xigang')
    const town = await home('town-admin')
    expect(dongshan.todo.map((t) => t.key)).toEqual(['submitted', 'toDispatch', 'rectified', 'overdue', 'deeds', 'hours', 'nominations', 'patrols'])
    expect(todo(dongshan, 'submitted')).toBe(inVillage('v_dongshan', 'submitted'))
    expect(todo(dongshan, 'toDispatch')).toBe(inVillage('v_dongshan', 'accepted') + inVillage('v_dongshan', 'returned'))
    expect(todo(dongshan, 'rectified')).toBe(inVillage('v_dongshan', 'rectified'))
    expect(todo(dongshan, 'overdue')).toBe(reportsWhere((r) => r.villageId === 'v_dongshan' && r.overdue === true && open(r)))
    expect(todo(xigang, 'submitted')).toBe(inVillage('v_xigang', 'submitted'))
    expect(todo(town, 'submitted')).toBe(reportsWhere((r) => r.status === 'submitted'))
    expect(todo(town, 'overdue')).toBe(reportsWhere((r) => r.overdue === true && open(r)))
    expect(todo(dongshan, 'deeds')).toBe(all('deeds').filter((d) => d.villageId === 'v_dongshan' && d.status === 'pending').length)
    expect(todo(town, 'deeds')).toBe(all('deeds').filter((d) => d.status === 'pending').length)
    expect(todo(dongshan, 'hours')).toBe(all('hours_requests').filter((h) => (h.scopes as string[]).includes('v:v_dongshan') && h.status === 'pending').length)
    expect(todo(town, 'hours')).toBe(all('hours_requests').filter((h) => h.status === 'pending').length)

    // a new 随手拍 in 东山村: 东山's 待受理 and the town's go up by one, 西岗's does not
    await ok('resident-1', 'reports.create', await draft())
    expect(todo(await home('village-admin-dongshan'), 'submitted')).toBe((todo(dongshan, 'submitted') ?? 0) + 1)
    expect(todo(await home('town-admin'), 'submitted')).toBe((todo(town, 'submitted') ?? 0) + 1)
    expect(todo(await home('village-admin-xigang'), 'submitted')).toBe(todo(xigang, 'submitted'))

    // a grid worker responds in the village (no dispatching, no reviews) and sees today's patrols
    const grid = await home('grid-dongshan-1')
    expect(grid.todo.map((t) => t.key)).toEqual(['submitted', 'rectified', 'overdue', 'patrols'])
    expect(todo(grid, 'patrols')).toBe(
      all('patrols').filter((p) => (p.patrollerIds as string[]).includes(userIdOf('grid-dongshan-1')) && p.date === chinaDay(new Date()) && p.status === 'scheduled').length
    )

    // a unit: only its own problems, by the steps it takes
    const unit = await home('unit-zhifa')
    const ofUnit = (status: string) => reportsWhere((r) => r.unitId === 'unit_1' && r.status === status)
    expect(unit.todo.map((t) => t.key)).toEqual(['toSign', 'toAnswer', 'toRectify', 'unitOverdue'])
    expect(unit.todo.map((t) => t.count)).toEqual([ofUnit('dispatched'), ofUnit('signed'), ofUnit('answered'), reportsWhere((r) => r.unitId === 'unit_1' && r.overdue === true && open(r))])
    expect(unit.todo.find((t) => t.key === 'toSign')).toMatchObject({ label: '待签收' })
    // the seed gives the figures something to count
    expect(todo(town, 'submitted')).toBeGreaterThan(0)
    expect(ofUnit('dispatched') + ofUnit('signed') + ofUnit('answered')).toBeGreaterThan(0)
  })

  test('nominations waiting in the caller’s selections', async () => {
    localCloud.engine.insert('selections', [{ _id: 'sel_ds', scope: 'v_dongshan', villageId: 'v_dongshan', title: '好婆婆', createdAt: new Date('2026-11-10T02:00:00Z') }])
    localCloud.engine.insert('selection_candidates', [
      { _id: 'c1', selectionId: 'sel_ds', status: 'pending', votes: 0, nominatedAt: new Date('2026-11-11T02:00:00Z'), approvedAt: null },
      { _id: 'c2', selectionId: 'sel_ds', status: 'pending', votes: 0, nominatedAt: new Date('2026-11-12T02:00:00Z'), approvedAt: null },
      { _id: 'c3', selectionId: 'sel_ds', status: 'approved', votes: 0, nominatedAt: new Date('2026-11-12T02:00:00Z'), approvedAt: new Date('2026-11-13T02:00:00Z') }
    ])
    const before = todo(await home('village-admin-xigang'), 'nominations') ?? 0
    const dongshan = todo(await home('village-admin-dongshan'), 'nominations') ?? 0
    expect(dongshan).toBeGreaterThanOrEqual(2)
    localCloud.engine.insert('selection_candidates', [{ _id: 'c4', selectionId: 'sel_ds', status: 'pending', votes: 0, nominatedAt: new Date('2026-11-13T02:00:00Z'), approvedAt: null }])
    expect(todo(await home('village-admin-dongshan'), 'nominations')).toBe(dongshan + 1)
    expect(todo(await home('village-admin-xigang'), 'nominations')).toBe(before)
  })

  test('two database requests: the caller, and one aggregate of every figure', async () => {
    const { cost, print } = costMeter()
    for (const who of ['resident-1', 'grid-dongshan-1', 'unit-zhifa', 'village-admin-dongshan', 'town-admin']) expect(await cost(who, 'users.home', {})).toBe(2)
    print()
  })

  test('only for those who have accepted the privacy notice', async () => {
    expect((await callAs('resident-6', 'users.home', {})).res).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
  })
})
