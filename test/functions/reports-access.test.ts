/** Who sees and acts on which problem: enforced from data, beyond the contract's roles. */
import { localCloud } from '../../local-cloud'
import { seedReportId } from '../../local-server/seed-reports'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { chinaDay, photo } from '../helpers/reports'

const id = seedReportId

async function refused(who: string, action: Parameters<typeof callAs>[1], input: unknown, code = 'FORBIDDEN') {
  const before = dumpAll()
  const { res } = await callAs(who, action, input)
  expect(res).toMatchObject({ ok: false, code })
  expect(dumpAll()).toEqual(before)
}

describe('visibility and authority over problems', () => {
  beforeEach(() => freshTown())

  test('a unit sees and acts only on problems dispatched to it', async () => {
    const queue = await ok('unit-zhifa', 'reports.queue', { pageSize: 50 })
    expect(queue.items.length).toBeGreaterThan(0)
    expect(queue.items.every((r) => r.unitId === 'unit_1')).toBe(true)
    // asking for another unit's or another village's list narrows to nothing, never widens
    expect((await ok('unit-zhifa', 'reports.queue', { unitId: 'unit_2' })).items).toEqual([])

    // xg-dispatched went to 镇环卫所 (unit_3), not to 执法中队
    await refused('unit-zhifa', 'reports.get', { reportId: id('xg-dispatched') })
    await refused('unit-zhifa', 'reports.sign', { reportId: id('xg-dispatched') })
    await refused('unit-zhifa', 'reports.return', { reportId: id('xg-dispatched'), reason: '不属于本单位职责' })
    await refused('unit-zhifa', 'reports.rectify', { reportId: id('xg-rectified'), photos: [await photo()], note: '已整改完毕' })
    const letter = localCloud.engine.find('letters', { reportId: id('xg-dispatched') }, { limit: 1 })[0] as { _id: string }
    await refused('unit-zhifa', 'reports.letter', { letterId: letter._id })
    // not yet dispatched: no unit sees it
    await refused('unit-huanwei', 'reports.get', { reportId: id('ds-submitted') })
    // the unit it did go to may act
    expect((await ok('unit-huanwei', 'reports.sign', { reportId: id('xg-dispatched') })).status).toBe('signed')
  })

  test('a village admin acts only in their own village', async () => {
    await refused('village-admin-xigang', 'reports.accept', { reportId: id('ds-submitted') })
    await refused('village-admin-xigang', 'reports.reject', { reportId: id('ds-submitted'), reason: '不属于文明创建范围' })
    await refused('village-admin-xigang', 'reports.dispatch', { reportId: id('ds-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(5) })
    await refused('village-admin-xigang', 'reports.verify', { reportId: id('ds-rectified'), pass: true })
    await refused('village-admin-xigang', 'reports.get', { reportId: id('ds-answered') })
    // marking a problem of their own village as a duplicate of one elsewhere: the original is not theirs to see
    await refused('village-admin-xigang', 'reports.markDuplicate', { reportId: id('xg-submitted'), originalId: id('ds-accepted') }, 'INVALID_INPUT')
    const queue = await ok('village-admin-xigang', 'reports.queue', { pageSize: 50 })
    expect(queue.items.length).toBeGreaterThan(0)
    expect(queue.items.every((r) => r.villageId === 'v_xigang')).toBe(true)
    expect((await ok('village-admin-xigang', 'reports.queue', { villageId: 'v_dongshan' })).items).toEqual([])
    const ledger = await ok('village-admin-xigang', 'reports.ledger', { pageSize: 50 })
    expect(ledger.items.every((r) => r.villageName === '西岗社区')).toBe(true)
    expect((await ok('village-admin-dongshan', 'reports.accept', { reportId: id('ds-submitted') })).status).toBe('accepted')
  })

  test('a grid worker sees the whole village but acts only in their grid', async () => {
    // ds-signed lies in 东山二组网格; 王海涛 works 东山一组网格
    expect((await ok('grid-dongshan-1', 'reports.get', { reportId: id('ds-signed') })).allowed).toEqual([])
    await refused('grid-dongshan-1', 'reports.accept', { reportId: id('ds-submitted-old') }) // 东山三组网格
    await refused('grid-dongshan-1', 'reports.get', { reportId: id('xg-submitted') })
    expect((await ok('grid-dongshan-1', 'reports.get', { reportId: id('ds-submitted') })).allowed).toEqual(expect.arrayContaining(['accept', 'reject', 'markDuplicate', 'changeCategory']))
    await refused('grid-dongshan-1', 'reports.dispatch', { reportId: id('ds-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(5) })
  })

  test('a resident reads their own problems, others only through 曝光台', async () => {
    await refused('resident-1', 'reports.get', { reportId: id('ds-submitted') }) // resident-2's
    await refused('resident-2', 'reports.support', { reportId: id('nh-rejected') }, 'NOT_FOUND')
    const mine = await ok('resident-2', 'reports.mine', { pageSize: 50 })
    expect(mine.items.length).toBeGreaterThan(3)
    expect(mine.items.map((r) => r.id)).toEqual(expect.arrayContaining([id('ds-submitted'), id('ds-rectified')]))
    expect(mine.items).toHaveLength(localCloud.engine.find('reports', { reporterId: userIdOf('resident-2') }, { limit: 100 }).length)

    const board = await ok('resident-1', 'reports.publicList', { pageSize: 50 })
    const ids = board.items.map((r) => r.id)
    // accepted or later only; never submitted, rejected or duplicate
    expect(ids).toEqual(expect.arrayContaining([id('ds-rectified'), id('ds-closed'), id('xg-anonymous-closed')]))
    for (const hidden of ['ds-submitted', 'nh-rejected', 'ds-duplicate', 'ds-submitted-old']) expect(ids).not.toContain(id(hidden))
    const text = JSON.stringify(board)
    for (const secret of ['reporter', 'description', '王秀兰', '13900000002', 'demo-resident']) expect(text).not.toContain(secret)
    const dongshan = await ok('resident-1', 'reports.publicList', { villageId: 'v_dongshan', pageSize: 50 })
    expect(dongshan.items.every((r) => r.villageName === '东山村')).toBe(true)
    const closed = dongshan.items.find((r) => r.id === id('ds-closed'))
    expect(closed?.after.length).toBe(1)
    expect(closed?.before[0].url).toMatch(/\/files\/seed\/photos\//)
  })

  test('letters: the staff handling a problem read them; a resident cannot call the action at all', async () => {
    const letter = localCloud.engine.find('letters', { reportId: id('ds-answered') }, { limit: 10 }) as Array<{ _id: string; kind: string }>
    expect(letter.map((l) => l.kind).sort()).toEqual(['notice', 'reply'])
    for (const who of ['grid-dongshan-1', 'village-admin-dongshan', 'unit-zhifa', 'town-admin']) {
      expect((await ok(who, 'reports.letter', { letterId: letter[0]._id })).reportId).toBe(id('ds-answered'))
    }
    await refused('village-admin-xigang', 'reports.letter', { letterId: letter[0]._id })
    await refused('unit-chengguan', 'reports.letter', { letterId: letter[0]._id })
    await refused('resident-1', 'reports.letter', { letterId: letter[0]._id })
  })
})
