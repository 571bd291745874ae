import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InfoDetail, InfoSummary, InputOf } from '@/contract'
import InfosPage from '@/packages/supervision/pages/infos/index'
import InfoFormPage from '@/packages/supervision/pages/info-form/index'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import { uploadPhoto } from '@/services/storage'
import { profile } from './support/fixtures'
import { click, inStore } from './support/render'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({ uploadPhoto: jest.fn(), preparePhoto: jest.fn(async (path: string) => path), releasePhoto: jest.fn() }))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as { navigateTo: jest.Mock; redirectTo: jest.Mock; showToast: jest.Mock; chooseMedia: jest.Mock; __setRouterParams: (params: Record<string, string>) => void }
const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })
const villageAdmin = profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })
const unitStaff = profile({ roles: ['resident', 'unit_staff'], grants: [{ role: 'unit_staff', unitId: 'u-zhifa', ...grant }] })

const summary = (extra: Partial<InfoSummary> = {}): InfoSummary => ({
  id: 'if-1',
  kind: 'news',
  kindLabel: '工作动态',
  title: '开展人居环境集中整治',
  status: 'pending',
  statusLabel: '待审',
  level: null,
  levelLabel: null,
  submitter: { kind: 'village', id: 'v-dongshan', name: '东山村' },
  half: '2026-11-2',
  halfLabel: '2026年11月下半月（16–30日）',
  submittedAt: '2026-11-18T02:00:00.000Z',
  submittedByName: '李卫东',
  decidedAt: null,
  photoCount: 0,
  resubmissions: 0,
  ...extra
})

const detail = (extra: Partial<InfoDetail> = {}): InfoDetail => ({
  ...summary(),
  text: '本周组织党员志愿者和保洁员对村道、沟渠进行集中清理。',
  photos: [],
  returnReason: null,
  decidedByName: null,
  history: [],
  rev: 1,
  canEdit: true,
  canWithdraw: true,
  canDecide: false,
  ...extra
})

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  upload.mockReset()
  taro.__setRouterParams({})
})

/* ---------------------------------------------------------------- the list */

describe('信息报送 list', () => {
  test('a village admin: their items with state, level and half month; 报送信息; a filter asks the server for that state', async () => {
    serve({
      'users.me': () => ({ ok: true, data: villageAdmin }),
      'supervision.infos': (input) => {
        const { status } = input as { status?: string }
        if (status === 'pending') return { ok: true, data: { items: [summary()], next: null } }
        return {
          ok: true,
          data: {
            items: [summary(), summary({ id: 'if-2', title: '东山村“门前三包”责任到户', status: 'adopted', statusLabel: '已采用', level: 'county', levelLabel: '县级采用', resubmissions: 1 })],
            next: null
          }
        }
      }
    })
    const { container } = inStore(<InfosPage />)
    expect(await screen.findByText('东山村“门前三包”责任到户', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.infos')[0][1]).toEqual({ pageSize: expect.any(Number) })
    const cards = Array.from(container.querySelectorAll('.info-card')) as HTMLElement[]
    expect(cards.map((c) => c.querySelector('.info-status')?.textContent)).toEqual(['待审', '县级采用'])
    expect(cards[1].textContent).toContain('重报 1 次')
    expect(cards[0].textContent).toContain('计入 2026年11月下半月（16–30日）')
    expect(screen.queryByText('半月统计（未报送）')).toBeNull()

    await click(cards[1])
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${SUPERVISION_ROUTES.info}?id=if-2` })
    await click(screen.getByText('报送信息'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: SUPERVISION_ROUTES.infoForm })

    await click(container.querySelector('.segmented-item--pending'))
    await waitFor(() => expect(container.querySelectorAll('.info-card')).toHaveLength(1))
    expect(callsOf('supervision.infos').at(-1)?.[1]).toEqual({ status: 'pending', pageSize: expect.any(Number) })
  })

  test('the town office’s queue (?review=1): 待审 first, none waiting said so, 半月统计 offered; it sends nothing itself', async () => {
    taro.__setRouterParams({ review: '1' })
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.infos': () => ({ ok: true, data: { items: [], next: null } }) })
    inStore(<InfosPage />)
    expect(await screen.findByText('没有待审核的信息', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.infos')[0][1]).toEqual({ status: 'pending', pageSize: expect.any(Number) })
    expect(screen.queryByText('报送信息')).toBeNull()
    await click(screen.getByText('半月统计（未报送）'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: SUPERVISION_ROUTES.infoHalf })
  })

  test('a failed load says why; 重试 loads again', async () => {
    let reads = 0
    serve({
      'users.me': () => ({ ok: true, data: unitStaff }),
      'supervision.infos': () =>
        ++reads === 1
          ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }
          : { ok: true, data: { items: [summary({ submitter: { kind: 'unit', id: 'u-zhifa', name: '执法中队' } })], next: null } }
    })
    inStore(<InfosPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试', {}, { timeout: 5000 })).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await screen.findByText('开展人居环境集中整治')).toBeTruthy()
  })
})

/* ---------------------------------------------------------------- the form */

describe('报送信息 form', () => {
  const as = (who: typeof villageAdmin, replies: Replies = {}) =>
    serve({
      'users.me': () => ({ ok: true, data: who }),
      'supervision.info': () => ({ ok: true, data: detail() }),
      ...replies
    })

  test('a new item for the village: kind, title, text and a photo; the server’s field message shows; a retry keeps the key; then the item opens', async () => {
    let attempts = 0
    as(villageAdmin, {
      'supervision.submitInfo': (input) => {
        attempts++
        if (attempts === 1) return { ok: false, code: 'INVALID_INPUT', message: '标题至少 4 个字', fields: { title: '标题至少 4 个字' } }
        if (attempts === 2) return { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }
        return { ok: true, data: detail({ id: 'if-9', title: (input as { title: string }).title }) }
      }
    })
    upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/info.jpg' })
    const { container } = inStore(<InfoFormPage />)
    await click(await screen.findByText('经验做法', {}, { timeout: 5000 }))
    await typeInto(container, '.info-title-input', '门前')
    await typeInto(container, '.info-text-input', '东山村把村道划分到户，每户负责门前卫生、秩序和绿化。')
    taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/info.jpg' }], type: 'image' })
    await click(screen.getByText('拍照/选照片'))
    await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))

    await click(screen.getByText('报送'))
    expect((await screen.findAllByText('标题至少 4 个字')).length).toBeGreaterThan(0)
    await typeInto(container, '.info-title-input', '东山村“门前三包”责任到户')
    await click(screen.getByText('报送'))
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await click(screen.getByText('报送'))
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: `${SUPERVISION_ROUTES.info}?id=if-9` }))

    const sent = callsOf('supervision.submitInfo').map((c) => c[1] as InputOf<'supervision.submitInfo'>)
    expect(sent[2]).toEqual({
      key: expect.stringMatching(/^info-[A-Za-z0-9_-]+$/),
      submitterKind: 'village',
      submitterId: 'v-dongshan',
      kind: 'practice',
      title: '东山村“门前三包”责任到户',
      text: '东山村把村道划分到户，每户负责门前卫生、秩序和绿化。',
      photos: ['cloud://env/reports/2026/11/info.jpg']
    })
    expect(new Set(sent.map((s) => s.key)).size).toBe(1)
    expect(upload).toHaveBeenCalledTimes(1)
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已报送', icon: 'success' })
  })

  test('a returned item: the reason, and saving sends it again with the photos it keeps and the revision it was loaded at', async () => {
    taro.__setRouterParams({ id: 'if-1' })
    as(villageAdmin, {
      'supervision.info': () => ({
        ok: true,
        data: detail({ status: 'returned', statusLabel: '已退回', returnReason: '请补充现场照片后再报送', rev: 3, photos: [{ fileId: 'cloud://env/checked/a.png', url: 'http://127.0.0.1/a.png' }] })
      }),
      'supervision.editInfo': () => ({ ok: true, data: detail({ id: 'if-1', status: 'pending' }) })
    })
    const { container } = inStore(<InfoFormPage />)
    expect(await screen.findByText('请补充现场照片后再报送', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('修改后保存即重新报送，仍计入 2026年11月下半月（16–30日）。')).toBeTruthy()
    await typeInto(container, '.info-text-input', '本周组织党员志愿者和保洁员对村道、沟渠进行集中清理，现补充现场照片。')
    await click(screen.getByText('重新报送'))
    await waitFor(() => expect(callsOf('supervision.editInfo')).toHaveLength(1))
    expect(callsOf('supervision.editInfo')[0][1]).toEqual({
      infoId: 'if-1',
      rev: 3,
      kind: 'news',
      title: '开展人居环境集中整治',
      text: '本周组织党员志愿者和保洁员对村道、沟渠进行集中清理，现补充现场照片。',
      photos: ['cloud://env/checked/a.png']
    })
    expect(upload).not.toHaveBeenCalled()
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: `${SUPERVISION_ROUTES.info}?id=if-1` }))
  })

  test('a decided item cannot be edited; a failed load says why; the town office does not send', async () => {
    taro.__setRouterParams({ id: 'if-1' })
    as(villageAdmin, { 'supervision.info': () => ({ ok: true, data: detail({ status: 'adopted', statusLabel: '已采用', canEdit: false }) }) })
    const first = inStore(<InfoFormPage />)
    expect(await screen.findByText('这条信息已审核或已撤回，不能再修改', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.queryByText('保存修改')).toBeNull()
    first.unmount()

    as(villageAdmin, { 'supervision.info': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这条信息' }) })
    const second = inStore(<InfoFormPage />)
    // Not there (issue #14): said so, with 返回首页 instead of 重试.
    expect(await screen.findByText('未找到这条信息（可能已删除或链接有误）', {}, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('返回首页')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    second.unmount()

    taro.__setRouterParams({})
    as(townAdmin)
    inStore(<InfoFormPage />)
    expect(await screen.findByText('信息由村（居）管理员或责任单位报送', {}, { timeout: 5000 })).toBeTruthy()
    expect(callsOf('supervision.submitInfo')).toHaveLength(0)
  })
})
