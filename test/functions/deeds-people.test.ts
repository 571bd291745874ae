/**
 * Residents and households for the village: finding a resident by exact name (no phone or openid
 * ever), the household list with balances, one person's points, and saving a household as one
 * transaction (a refused save writes nothing; a member moves between households).
 */
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok, openidOf, userIdOf } from '../helpers/town'
import { deedInput, expectLedgerInvariant, householdBalance, householdDoc, householdOfUser } from '../helpers/deeds'

const R1 = () => userIdOf('resident-1')
const R2 = () => userIdOf('resident-2')
const ADMIN = 'village-admin-dongshan'
/** The seeded households of 东山村, by name. */
const DONGSHAN = ['李卫东家', '林志愿家', '王海涛家', '王秀兰家']

const auditOf = (targetId: string) => localCloud.engine.all('audit_log').filter((a) => a.targetId === targetId)

describe('declaring about someone else', () => {
  beforeEach(() => freshTown())

  test("the declarer is not told a neighbour's household; the reviewer and the household's own members are", async () => {
    // 林志愿 (another household) declares a deed of 王秀兰 (王秀兰家)
    const declared = await ok('volunteer-1', 'deeds.declare', deedInput({ subjectUserId: R1() }))
    expect(declared).toMatchObject({ subjectName: '王秀兰', householdId: null, householdName: null })
    const again = await ok('volunteer-1', 'deeds.declare', deedInput({ subjectUserId: R1(), clientKey: 'ck-neighbour-1' }))
    expect(again).toMatchObject({ householdId: null, householdName: null })
    expect(JSON.stringify(await ok('volunteer-1', 'deeds.mine', {}))).not.toMatch(/hh_wang|王秀兰家/)
    // the village admin reviewing it sees the household the points will also go to
    const queue = await ok(ADMIN, 'deeds.queue', { villageId: 'v_dongshan' })
    expect(queue.items.find((d) => d.id === declared.id)).toMatchObject({ householdId: 'hh_wang', householdName: '王秀兰家' })
    // 王秀兰's daughter-in-law (same household) declaring it knows her own household
    expect(await ok('resident-2', 'deeds.declare', deedInput({ subjectUserId: R1() }))).toMatchObject({ householdId: 'hh_wang', householdName: '王秀兰家' })
  })
})

describe('finding a resident by name', () => {
  beforeEach(() => freshTown())

  test('exact name within the village; namesakes told apart by grid; nothing private in the reply', async () => {
    // 刘桂芳 (东山二组) and 张小明 (西岗社区) take the name 王秀兰 (东山一组)
    await ok('grid-dongshan-2', 'users.updateProfile', { name: '王秀兰' })
    await ok('resident-3', 'users.updateProfile', { name: '王秀兰' })
    const { res } = await callAs('resident-2', 'deeds.findResidents', { villageId: 'v_dongshan', name: ' 王秀兰 ' })
    if (!res.ok) throw new Error(res.message)
    expect(res.data).toHaveLength(2)
    expect(new Map(res.data.map((m) => [m.userId, m.gridName]))).toEqual(
      new Map([
        [R1(), '东山一组网格'],
        [userIdOf('grid-dongshan-2'), '东山二组网格']
      ])
    )
    for (const m of res.data) expect(Object.keys(m).sort()).toEqual(['gridName', 'name', 'userId', 'villageId'])
    const text = JSON.stringify(res)
    for (const secret of ['13900000001', '13800000022', openidOf('resident-1'), openidOf('grid-dongshan-2'), 'hh_wang', 'phone', 'openid', 'household']) expect(text).not.toContain(secret)
    // the 西岗 namesake only in 西岗
    expect((await ok('grid-dongshan-1', 'deeds.findResidents', { villageId: 'v_xigang', name: '王秀兰' })).map((m) => m.userId)).toEqual([userIdOf('resident-3')])
  })

  test('only the exact name; none → an empty list; a renamed grid shows its new name', async () => {
    expect(await ok('resident-1', 'deeds.findResidents', { villageId: 'v_dongshan', name: '王秀' })).toEqual([])
    expect(await ok('resident-1', 'deeds.findResidents', { villageId: 'v_dongshan', name: '张小明' })).toEqual([])
    expect(await ok('resident-1', 'deeds.findResidents', { villageId: 'v_nowhere', name: '王秀兰' })).toEqual([])
    await ok('town-admin', 'org.saveGrid', { id: 'g_dongshan_2', villageId: 'v_dongshan', name: '东山二组新网格' })
    expect(await ok('resident-1', 'deeds.findResidents', { villageId: 'v_dongshan', name: '李大爷' })).toEqual([{ userId: R2(), name: '李大爷', villageId: 'v_dongshan', gridName: '东山二组新网格' }])
  })

  test('at most five matches', async () => {
    const keys = ['grid-dongshan-1', 'grid-dongshan-2', 'village-admin-dongshan', 'volunteer-1', 'resident-2', 'resident-1']
    for (const k of keys) await ok(k, 'users.updateProfile', { name: '重名' })
    expect(await ok('resident-1', 'deeds.findResidents', { villageId: 'v_dongshan', name: '重名' })).toHaveLength(5)
  })

  test('bad input → INVALID_INPUT', async () => {
    for (const input of [
      { villageId: 'v_dongshan', name: '' },
      { villageId: 'v_dongshan', name: '   ' },
      { villageId: 'v_dongshan' },
      { name: '王秀兰' },
      { villageId: 'v dongshan', name: '王秀兰' }
    ]) {
      expect((await callAs('resident-1', 'deeds.findResidents', input)).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
  })
})

describe('the household list of a village', () => {
  beforeEach(() => freshTown())

  test('by name, page by page, with members and cached balances', async () => {
    const first = await ok(ADMIN, 'deeds.households', { villageId: 'v_dongshan', pageSize: 3 })
    expect(first.next).not.toBeNull()
    const second = await ok(ADMIN, 'deeds.households', { villageId: 'v_dongshan', pageSize: 3, cursor: first.next as string })
    expect(second.next).toBeNull()
    const all = [...first.items, ...second.items]
    expect(all.map((h) => h.name)).toEqual([...DONGSHAN].sort())
    expect(all.every((h) => h.villageId === 'v_dongshan')).toBe(true)
    expect(all.find((h) => h.id === 'hh_wang')).toEqual({
      id: 'hh_wang',
      villageId: 'v_dongshan',
      name: '王秀兰家',
      headUserId: R1(),
      members: [
        { userId: R1(), name: '王秀兰' },
        { userId: R2(), name: '李大爷' }
      ],
      balance: 5
    })
    // each with its cached balance (林志愿家 holds the points of his seeded hours)
    expect(all.map((h) => h.balance)).toEqual(all.map((h) => householdBalance(h.id)))
    // the town office sees it too; an empty village is an empty page
    expect((await ok('town-admin', 'deeds.households', { villageId: 'v_dongshan' })).items).toHaveLength(4)
    expect(await ok('town-admin', 'deeds.households', { villageId: 'v_nowhere' })).toEqual({ items: [], next: null })
  })

  test('the balance follows approvals', async () => {
    const before = householdBalance('hh_lin')
    const d = await ok('resident-3', 'deeds.declare', deedInput({ subjectName: '王小宝', householdId: 'hh_lin' }))
    await ok(ADMIN, 'deeds.approve', { deedId: d.id })
    const page = await ok(ADMIN, 'deeds.households', { villageId: 'v_dongshan' })
    expect(page.items.find((h) => h.id === 'hh_lin')?.balance).toBe(householdBalance('hh_lin'))
    expect(householdBalance('hh_lin')).toBe(before + 5)
  })

  test('no N+1: the requests do not grow with the page', async () => {
    const one = await callAs(ADMIN, 'deeds.households', { villageId: 'v_dongshan', pageSize: 1 })
    const four = await callAs(ADMIN, 'deeds.households', { villageId: 'v_dongshan', pageSize: 4 })
    expect(four.res).toMatchObject({ ok: true })
    expect(four.dbRequests).toBe(one.dbRequests)
  })

  test('another village’s admin, a grid worker and a resident are refused', async () => {
    for (const who of ['village-admin-xigang', 'grid-dongshan-1', 'resident-1']) {
      expect((await callAs(who, 'deeds.households', { villageId: 'v_dongshan' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
  })
})

describe('one person’s points for the village admin', () => {
  beforeEach(() => freshTown())

  test('the person, the balance and the entries newest first, page by page', async () => {
    await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: 3, reason: '补记活动积分' })
    const p = await ok(ADMIN, 'deeds.person', { userId: R1(), pageSize: 1 })
    expect(p.person).toEqual({ id: R1(), name: '王秀兰', villageId: 'v_dongshan', householdName: '王秀兰家' })
    expect(p.balance).toMatchObject({ balance: 8 })
    expect(p.page.items).toEqual([expect.objectContaining({ delta: 3, source: 'correction', note: '更正：补记活动积分' })])
    const rest = await ok(ADMIN, 'deeds.person', { userId: R1(), pageSize: 1, cursor: p.page.next as string })
    expect(rest.page).toEqual({ items: [expect.objectContaining({ delta: 5, source: 'deed' })], next: null })
    // the town office; a person without household or entries
    const other = await ok('town-admin', 'deeds.person', { userId: userIdOf('grid-dongshan-2') })
    expect(other).toEqual({
      person: { id: userIdOf('grid-dongshan-2'), name: '刘桂芳', villageId: 'v_dongshan', householdName: null },
      balance: { balance: 0, earnedThisMonth: 0 },
      page: { items: [], next: null }
    })
  })

  test('another village’s admin and residents are refused; an unknown person is not found', async () => {
    expect((await callAs('village-admin-xigang', 'deeds.person', { userId: R1() })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-2', 'deeds.person', { userId: R1() })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('grid-dongshan-1', 'deeds.person', { userId: R1() })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs(ADMIN, 'deeds.person', { userId: 'u_nobody' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('saving a household', () => {
  beforeEach(() => freshTown())

  test('a member of another household → CONFLICT and nothing written', async () => {
    const before = dumpAll()
    const { res } = await callAs(ADMIN, 'deeds.saveHousehold', { villageId: 'v_dongshan', name: '刘桂芳家', headUserId: userIdOf('grid-dongshan-2'), memberIds: [R2()] })
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: '有成员已登记在其他家庭' })
    expect(dumpAll()).toEqual(before)
  })

  test('members from another village, unknown people, a household of another village, too many → refused, nothing written', async () => {
    const before = dumpAll()
    const head = userIdOf('grid-dongshan-2')
    const many = Array.from({ length: 20 }, (_, i) => `u_many_${i}`)
    for (const [input, code] of [
      [{ villageId: 'v_dongshan', name: '刘桂芳家', headUserId: head, memberIds: [userIdOf('volunteer-2')] }, 'INVALID_INPUT'],
      [{ villageId: 'v_dongshan', name: '刘桂芳家', headUserId: head, memberIds: ['u_nobody'] }, 'INVALID_INPUT'],
      [{ villageId: 'v_dongshan', name: '刘桂芳家', headUserId: head, memberIds: many }, 'INVALID_INPUT'],
      [{ id: 'hh_zhang', villageId: 'v_dongshan', name: '张小明家', headUserId: head, memberIds: [] }, 'NOT_FOUND'],
      [{ id: 'hh_none', villageId: 'v_dongshan', name: '不存在家', headUserId: head, memberIds: [] }, 'NOT_FOUND']
    ] as const) {
      expect((await callAs(ADMIN, 'deeds.saveHousehold', input)).res).toMatchObject({ ok: false, code })
    }
    expect(dumpAll()).toEqual(before)
  })

  test('a member moves: out of one household, into a new one; the audit and the ledger stay right', async () => {
    const audits = auditOf('hh_wang').length
    const kept = await ok(ADMIN, 'deeds.saveHousehold', { id: 'hh_wang', villageId: 'v_dongshan', name: '王秀兰家', headUserId: R1(), memberIds: [R1()] })
    expect(kept.members).toEqual([{ userId: R1(), name: '王秀兰' }])
    expect(householdOfUser(R2())).toBeNull()
    const moved = await ok(ADMIN, 'deeds.saveHousehold', { villageId: 'v_dongshan', name: '李大爷家', headUserId: R2(), memberIds: [R2(), userIdOf('grid-dongshan-2')] })
    expect(moved.members.map((m) => m.name)).toEqual(['李大爷', '刘桂芳'])
    expect(householdOfUser(R2())).toBe(moved.id)
    expect(householdOfUser(userIdOf('grid-dongshan-2'))).toBe(moved.id)
    expect(householdDoc(moved.id)).toMatchObject({ villageId: 'v_dongshan', headUserId: R2(), memberIds: [R2(), userIdOf('grid-dongshan-2')] })
    expect(householdDoc('hh_wang')?.memberIds).toEqual([R1()])
    expect(auditOf(moved.id)).toEqual([expect.objectContaining({ action: 'save', detail: expect.objectContaining({ name: '李大爷家' }) })])
    expect(auditOf('hh_wang')).toHaveLength(audits + 1)
    // his next deed counts for the new household; the old household keeps what it earned
    const d = await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2() }))
    await ok(ADMIN, 'deeds.approve', { deedId: d.id })
    expect(householdBalance(moved.id)).toBe(5)
    expect(householdBalance('hh_wang')).toBe(5)
    expectLedgerInvariant()
    // the list shows both
    const list = await ok(ADMIN, 'deeds.households', { villageId: 'v_dongshan' })
    expect(list.items.find((h) => h.id === moved.id)).toMatchObject({
      balance: 5,
      members: [
        { userId: R2(), name: '李大爷' },
        { userId: userIdOf('grid-dongshan-2'), name: '刘桂芳' }
      ]
    })
  })

  test('renaming and changing the head keep the members; a repeated save changes nothing but the time', async () => {
    const saved = await ok(ADMIN, 'deeds.saveHousehold', { id: 'hh_wang', villageId: 'v_dongshan', name: '李大爷家', headUserId: R2(), memberIds: [R1()] })
    expect(saved).toMatchObject({ id: 'hh_wang', name: '李大爷家', headUserId: R2() })
    expect(saved.members.map((m) => m.userId)).toEqual([R2(), R1()])
    expect([householdOfUser(R1()), householdOfUser(R2())]).toEqual(['hh_wang', 'hh_wang'])
    expect(await ok(ADMIN, 'deeds.saveHousehold', { id: 'hh_wang', villageId: 'v_dongshan', name: '李大爷家', headUserId: R2(), memberIds: [R1()] })).toEqual(saved)
    expectLedgerInvariant()
  })

  test('two saves claiming the same person at once: one household gets her, the other writes nothing', async () => {
    const her = userIdOf('grid-dongshan-2')
    const householdAudits = () => localCloud.engine.all('audit_log').filter((a) => a.targetType === 'household')
    const audits = householdAudits().length
    const results = await Promise.all(['甲家', '乙家'].map((name) => callAs(ADMIN, 'deeds.saveHousehold', { villageId: 'v_dongshan', name, headUserId: her, memberIds: [] })))
    const won = results.filter((r) => r.res.ok)
    const lost = results.filter((r) => !r.res.ok)
    expect(won).toHaveLength(1)
    expect(lost.map((r) => r.res)).toEqual([expect.objectContaining({ ok: false, code: 'CONFLICT' })])
    const winner = (won[0].res as { data: { id: string; name: string } }).data
    expect(householdOfUser(her)).toBe(winner.id)
    const hers = localCloud.engine.all('households').filter((h) => h.headUserId === her)
    expect(hers.map((h) => h._id)).toEqual([winner.id])
    expect(householdAudits()).toHaveLength(audits + 1)
  })
})
