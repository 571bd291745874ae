import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Cleaner, CleaningInspection, CleaningRules, CleaningZone, InputOf } from '@/contract'
import CleaningPage from '@/packages/supervision/pages/cleaning/index'
import ZoneEditPage from '@/packages/supervision/pages/zone-edit/index'
import InspectPage from '@/packages/supervision/pages/inspect/index'
import CleanersPage from '@/packages/supervision/pages/cleaners/index'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import { uploadPhoto } from '@/services/storage'
import { org, profile, units } from './support/fixtures'
import { click, inStore } from './support/render'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({ uploadPhoto: jest.fn(), preparePhoto: jest.fn(async (path: string) => path), releasePhoto: jest.fn() }))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as {
  navigateTo: jest.Mock
  navigateBack: jest.Mock
  showToast: jest.Mock
  chooseMedia: jest.Mock
  __setRouterParams: (params: Record<string, string>) => void
}
// (the shared Taro stand-in has no navigateBack; the zone form and the inspection go back with it)
taro.navigateBack = jest.fn(async () => ({ errMsg: 'navigateBack:ok' }))

const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })
const villageAdmin = profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })
const gridWorker = profile({ roles: ['resident', 'grid_worker'], grants: [{ role: 'grid_worker', villageId: 'v-dongshan', gridId: 'g-ds-1', ...grant }] })

const cleaner = (id: string, name: string, extra: Partial<Cleaner> = {}): Cleaner => ({
  id,
  name,
  phone: '139****0101',
  villageId: 'v-dongshan',
  villageName: '东山村',
  userId: null,
  enabled: true,
  rev: 1,
  ...extra
})

const zone = (extra: Partial<CleaningZone> = {}): CleaningZone => ({
  id: 'z-1',
  villageId: 'v-dongshan',
  villageName: '东山村',
  name: '东山村主街',
  description: '村口牌坊至东山小学',
  kind: 'street',
  kindLabel: '保洁区域',
  unitId: null,
  unitName: null,
  centre: { lng: 120.311, lat: 30.4105 },
  radiusM: 400,
  cleaners: [
    { id: 'c-1', name: '刘桂英' },
    { id: 'c-2', name: '陈大勇' }
  ],
  enabled: true,
  rev: 2,
  canEdit: true,
  canInspect: true,
  ...extra
})

const RULES: CleaningRules = {
  items: [
    { key: 'c1', text: '暴露垃圾未清理' },
    { key: 'c2', text: '小广告未清除' }
  ],
  deductionYuan: 20,
  deductionSet: false,
  rev: 0
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  upload.mockReset()
  taro.__setRouterParams({})
})

/* ---------------------------------------------------------------- 保洁考核: the zones */

describe('保洁考核 (zones of a village or 集镇)', () => {
  const as = (who: typeof townAdmin, replies: Replies = {}) =>
    serve({
      'users.me': () => ({ ok: true, data: who }),
      'org.overview': () => ({ ok: true, data: org }),
      'supervision.zones': (input) => {
        const { villageId } = input as { villageId: string | null }
        if (villageId === null) return { ok: true, data: { items: [zone({ id: 'z-town', villageId: null, villageName: '集镇', name: '集镇主街', cleaners: [] })], next: null } }
        return { ok: true, data: { items: [zone(), zone({ id: 'z-2', name: '东山村北片', enabled: false, cleaners: [{ id: 'c-1', name: '刘桂英' }] })], next: null } }
      },
      ...replies
    })

  test('the town office: the village’s zones (disabled ones marked), 集镇, and the ways to inspect, edit, the rules and the notices', async () => {
    as(townAdmin)
    const { container } = inStore(<CleaningPage />)
    expect(await screen.findByText('东山村主街', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.zones')[0][1]).toEqual({ villageId: 'v-dongshan', includeDisabled: true, pageSize: expect.any(Number) })
    const cards = Array.from(container.querySelectorAll('.zone-card')) as HTMLElement[]
    expect(cards[0].textContent).toContain('保洁员：刘桂英、陈大勇 · 半径 400 米')
    expect(cards[1].textContent).toContain('已停用')
    expect(screen.getAllByText('集镇').length).toBeGreaterThan(0)

    await click(cards[0].querySelector('.taro-button-core, button') ?? screen.getAllByText('检查')[0])
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${SUPERVISION_ROUTES.inspect}?id=z-1` })
    await click(screen.getAllByText('修改')[1])
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${SUPERVISION_ROUTES.zoneEdit}?id=z-2` })
    await click(screen.getByText('考核规则（检查项、扣款金额）'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: SUPERVISION_ROUTES.cleaningRules })
    await click(screen.getByText('整改通知'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: SUPERVISION_ROUTES.rectifyNotices })
    await click(screen.getByText('新建保洁区域'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${SUPERVISION_ROUTES.zoneEdit}?villageId=v-dongshan` })

    await click(screen.getAllByText('集镇').find((n) => n.closest('.choice-chip')) ?? null)
    expect(await screen.findByText('集镇主街')).toBeTruthy()
    expect(callsOf('supervision.zones').at(-1)?.[1]).toMatchObject({ villageId: null })
    expect(screen.queryByText('东山村主街')).toBeNull()
  })

  test('a grid worker inspects the zones of their village and manages nothing', async () => {
    as(gridWorker, {
      'supervision.zones': () => ({ ok: true, data: { items: [zone({ canEdit: false })], next: null } })
    })
    inStore(<CleaningPage />)
    expect(await screen.findByText('东山村主街', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('检查')).toBeTruthy()
    expect(screen.queryByText('修改')).toBeNull()
    expect(screen.queryByText('新建保洁区域')).toBeNull()
    expect(screen.queryByText('扣款与申诉')).toBeNull()
    // one village only: no chips to choose from
    expect(document.querySelector('.choice-chips')).toBeNull()
  })

  test('no zones yet; a failed load says why and 重试 loads again', async () => {
    let reads = 0
    as(villageAdmin, {
      'supervision.zones': () => {
        reads++
        if (reads === 1) return { ok: true, data: { items: [], next: null } }
        if (reads === 2) return { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }
        return { ok: true, data: { items: [zone()], next: null } }
      }
    })
    const first = inStore(<CleaningPage />)
    expect(await screen.findByText('还没有保洁区域', {}, { timeout: 5000 })).toBeTruthy()
    first.unmount()
    inStore(<CleaningPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试', {}, { timeout: 5000 })).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await screen.findByText('东山村主街')).toBeTruthy()
  })
})

/* ---------------------------------------------------------------- 新建 / 修改保洁区域 */

describe('保洁区域 form', () => {
  const as = (who: typeof townAdmin, replies: Replies = {}) =>
    serve({
      'users.me': () => ({ ok: true, data: who }),
      'org.listUnits': () => ({ ok: true, data: units }),
      'supervision.cleaners': () => ({ ok: true, data: { items: [cleaner('c-1', '刘桂英'), cleaner('c-2', '陈大勇')], next: null } }),
      'supervision.zone': () => ({ ok: true, data: zone() }),
      'supervision.saveZone': (input) => ({ ok: true, data: zone({ ...(input as object), id: 'z-new' }) }),
      ...replies
    })

  test('a new zone of the village: name, the place located here, radius and cleaners; the centre is needed first', async () => {
    taro.__setRouterParams({ villageId: 'v-dongshan' })
    as(villageAdmin)
    const { container } = inStore(<ZoneEditPage />)
    expect(await screen.findByText('刘桂英', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.cleaners')[0][1]).toEqual({ villageId: 'v-dongshan', pageSize: 50 })
    // a village admin makes street zones only: no 办公区域 choice
    expect(screen.queryByText('单位办公区域')).toBeNull()
    await typeInto(container, '.text-input[placeholder="如：东山村主街"]', '东山村南片')
    await click(screen.getByText('陈大勇'))
    await click(screen.getByText('保存'))
    expect(screen.getAllByText('请标记区域中心位置').length).toBeGreaterThan(0)
    expect(callsOf('supervision.saveZone')).toHaveLength(0)

    await click(screen.getByText('标记当前位置'))
    expect(await screen.findByText('已标记在您定位时所站的地方')).toBeTruthy()
    await typeInto(container, '.text-input[type="number"]', '300')
    await click(screen.getByText('保存'))
    expect(callsOf('supervision.saveZone').map((c) => c[1])).toEqual([
      { villageId: 'v-dongshan', name: '东山村南片', description: null, kind: 'street', unitId: null, centre: { lng: 113.2644, lat: 23.1291 }, radiusM: 300, cleanerIds: ['c-2'], enabled: true }
    ])
    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalled())
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
  })

  test('changing a zone sends its id and the revision it was loaded at; a refusal shows and nothing navigates', async () => {
    taro.__setRouterParams({ id: 'z-1' })
    as(villageAdmin, { 'supervision.saveZone': () => ({ ok: false, code: 'CONFLICT', message: '这个保洁区域刚被他人修改，请返回后重新打开' }) })
    inStore(<ZoneEditPage />)
    expect(await screen.findByText('修改保洁区域', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect((document.querySelector('.text-input input') as HTMLInputElement | null)?.value).toBe('东山村主街'))
    expect(screen.getByText('已标记在您定位时所站的地方')).toBeTruthy()
    await click(screen.getByText('刘桂英')) // takes 刘桂英 off
    await click(screen.getByText('保存'))
    expect(callsOf('supervision.saveZone')[0][1]).toMatchObject({ id: 'z-1', rev: 2, name: '东山村主街', radiusM: 400, cleanerIds: ['c-2'], centre: { lng: 120.311, lat: 30.4105 } })
    expect(await screen.findByText('这个保洁区域刚被他人修改，请返回后重新打开')).toBeTruthy()
    expect(taro.navigateBack).not.toHaveBeenCalled()
  })

  test('the town office makes a unit’s office area; a zone that does not load says why', async () => {
    taro.__setRouterParams({ villageId: 'town_centre' })
    as(townAdmin)
    const { container, unmount } = inStore(<ZoneEditPage />)
    expect(await screen.findByText('单位办公区域', {}, { timeout: 5000 })).toBeTruthy()
    await typeInto(container, '.text-input', '城管办办公区')
    await click(screen.getByText('单位办公区域'))
    await click(await screen.findByText('城管办'))
    await click(screen.getByText('标记当前位置'))
    await screen.findByText('已标记在您定位时所站的地方')
    await click(screen.getByText('保存'))
    expect(callsOf('supervision.saveZone')[0][1]).toMatchObject({ villageId: null, name: '城管办办公区', kind: 'office', unitId: 'u-cgb' })
    unmount()

    taro.__setRouterParams({ id: 'z-9' })
    as(townAdmin, { 'supervision.zone': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这个保洁区域' }) })
    inStore(<ZoneEditPage />)
    expect(await screen.findByText('未找到这个保洁区域（可能已删除或链接有误）', {}, { timeout: 5000 })).toBeTruthy()
  })
})

/* ---------------------------------------------------------------- 检查保洁区域 */

describe('检查保洁区域', () => {
  const inspection = (f: InputOf<'supervision.inspectZone'>): CleaningInspection => ({
    id: 'ci-1',
    zoneId: f.zoneId,
    zoneName: '东山村主街',
    date: '2026-11-18',
    at: '2026-11-18T02:00:00.000Z',
    byName: '张秀兰',
    findings: f.findings.map((x, i) => ({
      id: `ci-1_${i + 1}`,
      inspectionId: 'ci-1',
      zoneId: f.zoneId,
      zoneName: '东山村主街',
      zoneKind: 'street',
      villageId: 'v-dongshan',
      villageName: '东山村',
      unitName: null,
      date: '2026-11-18',
      at: '2026-11-18T02:00:00.000Z',
      itemKey: x.itemKey,
      itemText: '暴露垃圾未清理',
      note: x.note,
      photoUrls: [],
      location: x.location,
      address: null,
      amountYuan: 20,
      cleaners: [
        { id: 'c-1', name: '刘桂英' },
        { id: 'c-2', name: '陈大勇' }
      ],
      status: 'standing',
      statusLabel: '已扣款',
      deducts: true,
      appealDueAt: '2026-11-20T15:59:59.999Z',
      appeal: null,
      decision: null,
      notice: null,
      inspectedByName: '张秀兰',
      canAppeal: false,
      canDecide: false
    })),
    notice: null
  })

  test('a finding needs a note, the place and a photo; sent once with its key, a failed send retried with the same key; the result shows the deduction', async () => {
    taro.__setRouterParams({ id: 'z-1' })
    let attempts = 0
    serve({
      'users.me': () => ({ ok: true, data: gridWorker }),
      'supervision.zone': () => ({ ok: true, data: zone() }),
      'supervision.cleaningRules': () => ({ ok: true, data: RULES }),
      'supervision.inspectZone': (input) =>
        ++attempts === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: inspection(input as InputOf<'supervision.inspectZone'>) }
    })
    upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/z1.jpg' })
    const { container } = inStore(<InspectPage />)
    expect(await screen.findByText('每条发现扣每位保洁员当月工资 20 元', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('保洁员：刘桂英、陈大勇')).toBeTruthy()
    expect(screen.getByText('没有勾选的项视为合格')).toBeTruthy()

    await click(container.querySelector('[data-item-key="c1"] .patrol-choice-option'))
    expect(screen.getByText('已记为发现问题')).toBeTruthy()
    await click(screen.getByText('提交检查结果'))
    expect(screen.getByText('请写明发现的问题')).toBeTruthy()
    await typeInto(container, '[data-item-key="c1"] .patrol-note', '小学门口一堆生活垃圾未清运')
    await click(screen.getByText('提交检查结果'))
    expect(screen.getByText('请标记位置')).toBeTruthy()
    await click(screen.getByText('标记当前位置'))
    await screen.findByText(/已定位/)
    await click(screen.getByText('提交检查结果'))
    expect(screen.getByText('请至少拍一张照片')).toBeTruthy()
    expect(callsOf('supervision.inspectZone')).toHaveLength(0)

    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/z1.jpg' }], type: 'image' })
    await click(screen.getByText('拍现场照片'))
    await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))
    await click(screen.getByText('提交检查结果'))
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    const first = callsOf('supervision.inspectZone')[0][1] as InputOf<'supervision.inspectZone'>
    expect(first).toEqual({
      zoneId: 'z-1',
      key: expect.stringMatching(/^clean-[A-Za-z0-9_-]+$/),
      findings: [{ itemKey: 'c1', note: '小学门口一堆生活垃圾未清运', photos: ['cloud://env/reports/2026/11/z1.jpg'], location: { lng: 113.2644, lat: 23.1291 } }]
    })
    await click(screen.getByText('提交检查结果'))
    expect(await screen.findByText('检查已提交')).toBeTruthy()
    expect((callsOf('supervision.inspectZone')[1][1] as typeof first).key).toBe(first.key)
    expect(upload).toHaveBeenCalledTimes(1) // the photo went up once
    expect(screen.getByText('发现问题 1 条')).toBeTruthy()
    expect(screen.getByText('扣 20 元 × 2 人 · 可申诉至 2026-11-20')).toBeTruthy()
  })

  test('an office area says a notice goes to the unit; a disabled zone cannot be inspected; a failed load says why', async () => {
    taro.__setRouterParams({ id: 'z-2' })
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.zone': () => ({ ok: true, data: zone({ id: 'z-2', kind: 'office', kindLabel: '办公区域', unitName: '城管办', enabled: false, canInspect: false }) }),
      'supervision.cleaningRules': () => ({ ok: true, data: RULES })
    })
    const first = inStore(<InspectPage />)
    expect(await screen.findByText('每条发现扣每位保洁员当月工资 20 元；办公区域有发现的，向责任单位发整改通知', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('这个保洁区域已停用或不在您的范围内')).toBeTruthy()
    expect(screen.queryByText('提交检查结果')).toBeNull()
    first.unmount()

    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.zone': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这个保洁区域' }),
      'supervision.cleaningRules': () => ({ ok: true, data: RULES })
    })
    inStore(<InspectPage />)
    // Not there (issue #14): said so, with 返回首页 instead of 重试.
    expect(await screen.findByText('未找到这个保洁区域（可能已删除或链接有误）', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('返回首页')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })
})

/* ---------------------------------------------------------------- 保洁员 */

describe('保洁员与月度考核', () => {
  test('the village’s cleaners open their monthly sheet; a new one is registered without a WeChat account and the list reloads', async () => {
    let saved: Cleaner[] = [cleaner('c-1', '刘桂英'), cleaner('c-3', '周秀梅', { enabled: false })]
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'org.overview': () => ({ ok: true, data: org }),
      'supervision.cleaners': () => ({ ok: true, data: { items: saved, next: null } }),
      'supervision.saveCleaner': (input) => {
        const i = input as InputOf<'supervision.saveCleaner'>
        if (i.phone === '1390000') return { ok: false, code: 'INVALID_INPUT', message: '请填写 11 位手机号', fields: { phone: '请填写 11 位手机号' } }
        const c = cleaner('c-4', i.name, { phone: i.phone ?? null })
        saved = [...saved, c]
        return { ok: true, data: c }
      }
    })
    const { container } = inStore(<CleanersPage />)
    expect(await screen.findByText('刘桂英', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.cleaners')[0][1]).toEqual({ villageId: 'v-dongshan', includeDisabled: true, pageSize: expect.any(Number) })
    expect(screen.getByText('已停用')).toBeTruthy()
    await click(screen.getByText('刘桂英'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${SUPERVISION_ROUTES.cleanerSheet}?id=c-1` })

    const [name, phone] = Array.from(container.querySelectorAll('.text-input')) as HTMLElement[]
    name.classList.add('t-name')
    phone.classList.add('t-phone')
    await typeInto(container, '.t-name', '陈大勇')
    await typeInto(container, '.t-phone', '1390000')
    await click(screen.getByText('登记'))
    expect((await screen.findAllByText('请填写 11 位手机号')).length).toBeGreaterThan(0)
    await typeInto(container, '.t-phone', '13900000102')
    await click(screen.getByText('登记'))
    expect(callsOf('supervision.saveCleaner').at(-1)?.[1]).toEqual({ name: '陈大勇', phone: '13900000102', villageId: 'v-dongshan', enabled: true })
    expect(await screen.findByText('陈大勇')).toBeTruthy()
    await waitFor(() => expect((container.querySelector('.t-name input') as HTMLInputElement | null)?.value ?? '').toBe(''))
  })

  test('none registered yet; a failed load with 重试; a grid worker is turned away', async () => {
    let reads = 0
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'org.overview': () => ({ ok: true, data: org }),
      'supervision.cleaners': () => {
        reads++
        if (reads === 1) return { ok: true, data: { items: [], next: null } }
        if (reads === 2) return { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }
        return { ok: true, data: { items: [cleaner('c-1', '刘桂英')], next: null } }
      }
    })
    const first = inStore(<CleanersPage />)
    expect(await screen.findByText('还没有登记保洁员', {}, { timeout: 5000 })).toBeTruthy()
    first.unmount()
    const second = inStore(<CleanersPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试', {}, { timeout: 5000 })).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await screen.findByText('刘桂英')).toBeTruthy()
    second.unmount()

    serve({ 'users.me': () => ({ ok: true, data: gridWorker }), 'org.overview': () => ({ ok: true, data: org }) })
    inStore(<CleanersPage />)
    expect(await screen.findByText('保洁员名册由村（居）管理员和镇创建办管理', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.cleaners')).toHaveLength(3)
  })
})
