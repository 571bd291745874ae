/** 善行义举四德榜: who posts which board, who sees which, order, paging, detail for the poster. */
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { photo } from '../helpers/reports'
import { boardInput, draftBoard, publishedBoard } from '../helpers/honour'

beforeEach(() => freshTown())

describe('posting boards', () => {
  test("only the village's admin (or the town office) posts its boards", async () => {
    const before = dumpAll()
    const other = await callAs('village-admin-xigang', 'honour.saveBoard', boardInput('v_dongshan'))
    expect(other.res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const resident = await callAs('resident-1', 'honour.saveBoard', boardInput('v_dongshan'))
    expect(resident.res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const townLevel = await callAs('village-admin-dongshan', 'honour.saveBoard', boardInput(null))
    expect(townLevel.res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)

    const id = await draftBoard('village-admin-dongshan', 'v_dongshan')
    const before2 = dumpAll()
    expect((await callAs('village-admin-xigang', 'honour.publishBoard', { boardId: id })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-1', 'honour.publishBoard', { boardId: id })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before2)
    const published = await ok('village-admin-dongshan', 'honour.publishBoard', { boardId: id })
    expect(published).toMatchObject({ status: 'published', periodLabel: '2026年11月', scopeName: '东山村', issuer: '东山村村民委员会' })
    expect(published.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const town = await publishedBoard('town-admin', null, { period: { kind: 'quarter', year: 2026, index: 4 } })
    expect((await ok('town-admin', 'honour.board', { boardId: town })).periodLabel).toBe('2026年第四季度')
  })

  test('a published board is withdrawn to a draft with a reason, corrected and published again in its old place', async () => {
    const older = await publishedBoard('village-admin-dongshan', 'v_dongshan', { title: '十月四德榜', period: { kind: 'month', year: 2026, index: 10 } })
    const newer = await publishedBoard('village-admin-dongshan', 'v_dongshan', { title: '十一月四德榜' })
    const first = await ok('village-admin-dongshan', 'honour.board', { boardId: older })
    const listed = async () => (await ok('resident-1', 'honour.boards', {})).items.filter((b) => b.villageId === 'v_dongshan').map((b) => b.id)
    expect(await listed()).toEqual([newer, older])

    const before = dumpAll()
    for (const who of ['village-admin-xigang', 'resident-1', 'grid-dongshan-1'] as const) {
      expect((await callAs(who, 'honour.withdrawBoard', { boardId: older, reason: '姓名写错了' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect((await callAs('village-admin-dongshan', 'honour.withdrawBoard', { boardId: older, reason: ' ' })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(dumpAll()).toEqual(before)

    const withdrawn = await ok('village-admin-dongshan', 'honour.withdrawBoard', { boardId: older, reason: '上榜人姓名写错了' })
    expect(withdrawn).toMatchObject({ id: older, status: 'draft', issuedOn: null })
    expect(await listed()).toEqual([newer])
    expect((await callAs('resident-1', 'honour.board', { boardId: older })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const audit = localCloud.engine.all('audit_log').filter((a) => a.targetId === older && a.action === 'withdraw')
    expect(audit.map((a) => a.detail)).toEqual([{ title: '十月四德榜', reason: '上榜人姓名写错了' }])
    // Withdrawing again changes nothing.
    const still = dumpAll()
    expect(await ok('village-admin-dongshan', 'honour.withdrawBoard', { boardId: older, reason: '再点一次' })).toMatchObject({ status: 'draft' })
    expect(dumpAll()).toEqual(still)

    await ok('village-admin-dongshan', 'honour.saveBoard', boardInput('v_dongshan', { id: older, title: '十月四德榜（更正）', period: { kind: 'month', year: 2026, index: 10 } }))
    const again = await ok('village-admin-dongshan', 'honour.publishBoard', { boardId: older })
    expect(again).toMatchObject({ status: 'published', title: '十月四德榜（更正）', publishedAt: first.publishedAt, issuedOn: first.issuedOn })
    expect(await listed()).toEqual([newer, older])
  })

  test('a draft is edited, not shown to residents, and frozen once published', async () => {
    const id = await draftBoard('village-admin-dongshan', 'v_dongshan')
    expect((await callAs('resident-1', 'honour.board', { boardId: id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const edited = await ok('village-admin-dongshan', 'honour.saveBoard', boardInput('v_dongshan', { id, title: '十一月四德榜' }))
    expect(edited).toMatchObject({ id, title: '十一月四德榜', status: 'draft' })
    await ok('village-admin-dongshan', 'honour.publishBoard', { boardId: id })
    const again = await callAs('village-admin-dongshan', 'honour.saveBoard', boardInput('v_dongshan', { id }))
    expect(again.res).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  test('risky text is refused at publishing', async () => {
    const risky = '赌博'
    const id = await draftBoard('village-admin-dongshan', 'v_dongshan', { entries: [{ subject: 'person', name: '某人', category: 'honesty', story: `拾金不昧 ${risky} 归还失主` }] })
    const res = await callAs('village-admin-dongshan', 'honour.publishBoard', { boardId: id })
    expect(res.res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect((localCloud.engine.get('honour_boards', id) as { status: string }).status).toBe('draft')
  })
})

describe('seeing boards', () => {
  test("residents see their village's and the town's published boards only, newest first, paged", async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-01T02:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance']
    })
    const ds1 = await publishedBoard('village-admin-dongshan', 'v_dongshan', { title: '东山十月榜' })
    jest.setSystemTime(new Date('2026-11-02T02:00:00Z'))
    const xg = await publishedBoard('village-admin-xigang', 'v_xigang', { title: '西岗十月榜' })
    jest.setSystemTime(new Date('2026-11-03T02:00:00Z'))
    const town = await publishedBoard('town-admin', null, { title: '全镇十月榜' })
    jest.setSystemTime(new Date('2026-11-04T02:00:00Z'))
    await draftBoard('village-admin-dongshan', 'v_dongshan', { title: '东山草稿' })
    const ds2 = await publishedBoard('village-admin-dongshan', 'v_dongshan', { title: '东山十一月榜' })
    jest.useRealTimers()

    const page = await ok('resident-1', 'honour.boards', {})
    expect(page.items.map((b) => b.id)).toEqual([ds2, town, ds1])
    expect(page.items.every((b) => !('entries' in b))).toBe(true)
    const xgPage = await ok('resident-3', 'honour.boards', {})
    expect(xgPage.items.map((b) => b.id)).toEqual([town, xg])
    expect((await callAs('resident-1', 'honour.board', { boardId: xg })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    const first = await ok('resident-1', 'honour.boards', { pageSize: 2 })
    expect(first.items.map((b) => b.id)).toEqual([ds2, town])
    const second = await ok('resident-1', 'honour.boards', { pageSize: 2, cursor: first.next as string })
    expect(second.items.map((b) => b.id)).toEqual([ds1])
    expect(second.next).toBeNull()

    const managed = await ok('village-admin-dongshan', 'honour.manageBoards', { villageId: 'v_dongshan' })
    expect(managed.items.map((b) => b.title).sort()).toEqual(['东山十一月榜', '东山十月榜', '东山草稿'].sort())
    expect(managed.items[2].title).toBe('东山十月榜')
  })

  test('a board detail has its entries with photo URLs and what the poster needs', async () => {
    const fileID = await photo()
    const id = await publishedBoard('village-admin-dongshan', 'v_dongshan', {
      entries: [{ subject: 'person', name: '王秀兰', userId: null, category: 'bravery', story: '跳入河中救起落水儿童', photo: fileID }]
    })
    const b = await ok('resident-2', 'honour.board', { boardId: id })
    expect(b).toMatchObject({ title: '善行义举四德榜', periodLabel: '2026年11月', scopeName: '东山村', townName: expect.any(String), issuer: '东山村村民委员会', canManage: false })
    expect(b.entries).toHaveLength(1)
    // the photo is the checked copy, not the client's upload
    expect(b.entries[0]).toMatchObject({ name: '王秀兰', categoryLabel: '见义勇为', virtueLabel: '社会公德', photo: expect.stringMatching(/\/checked\/[0-9a-f]{64}\.png$/), secStatus: 'pass' })
    expect(b.entries[0].photo).not.toBe(fileID)
    expect(b.entries[0].photoUrl).toEqual(expect.stringMatching(/^https?:\/\//))
  })
})
