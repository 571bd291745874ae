/** 随手拍 submission: content security first, places and categories checked, 督导 only for inspectors; nearby duplicates and 我也遇到了. */
import { localCloud } from '../../local-cloud'
import { demoPng, seedReportId } from '../../local-server/seed-reports'
import { callAs, dumpAll, freshTown, ok, upload, userIdOf } from '../helpers/town'
import { draft, identityOf } from '../helpers/reports'
import { dumpButDailyCounts } from '../helpers/safeguards'

async function refusedCreate(who: string, input: unknown, code: string, message?: string) {
  const before = dumpButDailyCounts()
  const { res } = await callAs(who, 'reports.create', input)
  expect(res).toMatchObject({ ok: false, code, ...(message ? { message } : {}) })
  // a report refused by the content check still counts toward the day's cap; nothing else is written
  expect(dumpButDailyCounts()).toEqual(before)
}

describe('reports.create', () => {
  beforeEach(() => freshTown())

  test('risky text is refused before anything is written', async () => {
    await refusedCreate('resident-1', await draft({ description: '这里晚上有人聚众赌博' }), 'INVALID_INPUT', '内容含有不当信息，请修改后再提交')
    await refusedCreate('resident-1', await draft({ address: '违禁词测试路 1 号' }), 'INVALID_INPUT', '内容含有不当信息，请修改后再提交')
  })

  test('a risky, missing or identity-bearing photo is refused before anything is written', async () => {
    const risky = await upload('uploads/risky-photo.png', Buffer.concat([demoPng([1, 2, 3]), Buffer.from('risky')]))
    await refusedCreate('resident-1', await draft({ photos: [risky] }), 'INVALID_INPUT', '图片含有不当内容，请更换后再提交')
    await refusedCreate('resident-1', await draft({ photos: ['cloud://local-env.local/uploads/never-uploaded.png'] }), 'INVALID_INPUT', '图片不存在或已失效，请重新上传')
    const named = await upload(`uploads/${identityOf('resident-1')[1]}/a.png`, demoPng([9, 9, 9]))
    await refusedCreate('resident-1', await draft({ photos: [named] }), 'INVALID_INPUT')
    const exported = await upload('exports/ledger-2026-01-01-x.xlsx', Buffer.from('PK'))
    await refusedCreate('resident-1', await draft({ photos: [exported] }), 'INVALID_INPUT')
  })

  test('text the check cannot decide is accepted but never shown publicly', async () => {
    const created = await ok('resident-1', 'reports.create', await draft({ description: '路边摊贩说有事加微信联系' }))
    const stored = localCloud.engine.get('reports', created.id) as { secStatus: string; facets: string[] }
    expect(stored.secStatus).toBe('review')
    await ok('grid-dongshan-1', 'reports.accept', { reportId: created.id })
    const board = await ok('resident-2', 'reports.publicList', { villageId: 'v_dongshan', pageSize: 50 })
    expect(board.items.map((r) => r.id)).not.toContain(created.id)
    expect((localCloud.engine.get('reports', created.id) as { facets: string[] }).facets).not.toContain('p')
  })

  test('village, grid and category must exist and match', async () => {
    await refusedCreate('resident-1', await draft({ villageId: 'v_nowhere', gridId: null }), 'INVALID_INPUT')
    await refusedCreate('resident-1', await draft({ villageId: 'v_xigang', gridId: 'g_dongshan_1' }), 'INVALID_INPUT', '所选网格不属于该村（居）')
    await refusedCreate('resident-1', await draft({ category: 'no_such' }), 'INVALID_INPUT')
    await ok('town-admin', 'reports.saveCategories', {
      items: [
        { code: 'litter', name: '乱扔垃圾', enabled: false },
        { code: 'other', name: '其他', enabled: true }
      ],
      rev: 0
    })
    await refusedCreate('resident-1', await draft({ category: 'litter' }), 'INVALID_INPUT', '问题类别不存在或已停用')
    expect((await ok('resident-1', 'reports.categories', {})).items).toEqual([
      { code: 'litter', name: '乱扔垃圾', enabled: false },
      { code: 'other', name: '其他', enabled: true }
    ])
    const noGrid = await ok('resident-1', 'reports.create', await draft({ category: 'other', gridId: null, location: null }))
    expect(noGrid).toMatchObject({ gridId: null, location: null, categoryName: '其他' })
  })

  test('categories: repeated codes or names, or none enabled, are refused and change nothing', async () => {
    const before = dumpAll()
    const refused = async (items: Array<{ code: string; name: string; enabled: boolean }>, message: string) =>
      expect((await callAs('town-admin', 'reports.saveCategories', { items, rev: 0 })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message })
    await refused(
      [
        { code: 'litter', name: '乱扔垃圾', enabled: true },
        { code: 'litter', name: '其他', enabled: true }
      ],
      '类别代码不能重复'
    )
    await refused(
      [
        { code: 'litter', name: '乱扔垃圾', enabled: true },
        { code: 'other', name: '乱扔垃圾', enabled: true }
      ],
      '类别名称不能重复，居民会分不清'
    )
    await refused([{ code: 'litter', name: '乱扔垃圾', enabled: false }], '至少启用一个类别')
    expect(dumpAll()).toEqual(before)
  })

  test('督导 (inspection) only by a grid worker of the village or the town office; numbered DD-', async () => {
    await refusedCreate('resident-1', await draft({ inspection: true }), 'FORBIDDEN')
    await refusedCreate('grid-xigang-1', await draft({ inspection: true }), 'FORBIDDEN')
    const byGrid = await ok('grid-dongshan-2', 'reports.create', await draft({ inspection: true, gridId: 'g_dongshan_2' }))
    expect(byGrid).toMatchObject({ source: 'inspection', status: 'submitted' })
    expect(byGrid.no).toMatch(/^DD-\d{4}-\d{6}$/)
    const byTown = await ok('town-admin', 'reports.create', await draft({ inspection: true }))
    expect(Number(byTown.no.slice(-6))).toBe(Number(byGrid.no.slice(-6)) + 1)
    // other staff see an inspector, not who
    const seen = await ok('village-admin-dongshan', 'reports.get', { reportId: byGrid.id })
    expect(seen.timeline[0].actor).toBe('督导人员')
    expect(JSON.stringify(seen)).not.toContain('刘桂芳')
  })

  test('a new report waits for acceptance within one working day and shows in the queue of its area', async () => {
    const created = await ok('resident-1', 'reports.create', await draft())
    expect(created.dueAt).not.toBeNull()
    expect(created.allowed).toEqual([])
    const queue = await ok('grid-dongshan-1', 'reports.queue', { status: 'submitted', gridId: 'g_dongshan_1' })
    expect(queue.items[0]).toMatchObject({ id: created.id, status: 'submitted', thumb: { url: expect.stringContaining('/files/checked/') } })
    expect((await ok('resident-1', 'reports.mine', {})).items[0].id).toBe(created.id)
  })
})

describe('nearby and 我也遇到了', () => {
  beforeEach(() => freshTown())

  test('open problems of the same category within ~100 m of the last 30 days, nearest first', async () => {
    const here = { lng: 120.35, lat: 30.45 }
    const north = (m: number) => ({ lng: here.lng, lat: here.lat + m / 111195 })
    const a = await ok('resident-2', 'reports.create', await draft({ location: north(30) }))
    const b = await ok('resident-3', 'reports.create', await draft({ location: north(80) }))
    for (const r of [a, b]) await ok('grid-dongshan-1', 'reports.accept', { reportId: r.id })
    await ok('resident-4', 'reports.create', await draft({ location: north(300) }))
    await ok('resident-4', 'reports.create', await draft({ location: north(10), category: 'graffiti' }))
    // still 待受理: not on 曝光台, so not shown to anyone else either (photos, address)
    const waiting = await ok('resident-4', 'reports.create', await draft({ location: north(20) }))
    const closed = await ok('resident-5', 'reports.create', await draft({ location: north(5) }))
    await ok('grid-dongshan-1', 'reports.reject', { reportId: closed.id, reason: '已处理' })
    const { res, dbRequests } = await callAs('resident-1', 'reports.nearby', { category: 'litter', location: here })
    if (!res.ok) throw new Error(res.message)
    expect(res.data.map((r) => r.id)).toEqual([a.id, b.id])
    expect(JSON.stringify(res.data)).not.toContain(waiting.id)
    expect(res.data[0].distanceM).toBeGreaterThanOrEqual(29)
    expect(res.data[0].distanceM).toBeLessThanOrEqual(31)
    expect(JSON.stringify(res.data)).not.toContain(userIdOf('resident-2'))
    expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'geo:location_geo', served: true })
    expect(dbRequests).toBeLessThanOrEqual(2)
  })

  test('a problem still 待受理 takes no support and is not shown to others', async () => {
    expect((await callAs('resident-3', 'reports.support', { reportId: seedReportId('ds-submitted') })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(localCloud.engine.find('report_supports', { reportId: seedReportId('ds-submitted') })).toHaveLength(0)
  })

  test('support counts each person once and never the reporter', async () => {
    const target = seedReportId('ds-submitted')
    await ok('grid-dongshan-1', 'reports.accept', { reportId: target })
    const results = await Promise.all(['resident-1', 'resident-1', 'resident-3', 'resident-1'].map((who) => callAs(who, 'reports.support', { reportId: target })))
    for (const { res } of results) expect(res.ok).toBe(true)
    expect((localCloud.engine.get('reports', target) as { supportCount: number }).supportCount).toBe(2)
    expect((await ok('resident-2', 'reports.support', { reportId: target })).supportCount).toBe(2)
    expect(localCloud.engine.find('report_supports', { reportId: target })).toHaveLength(2)
    // closed problems take no more support
    expect((await callAs('resident-1', 'reports.support', { reportId: seedReportId('ds-closed-old') })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})
