import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InfoDetail, MyProfile, VisitDetail } from '@/contract'
import InfoFormPage from '@/packages/supervision/pages/info-form/index'
import VisitFormPage from '@/packages/supervision/pages/visit-form/index'
import ActivityEditPage from '@/packages/volunteers/pages/edit/index'
import EditBoardPage from '@/packages/honour/pages/edit/index'
import ZoneEditPage from '@/packages/supervision/pages/zone-edit/index'
import { goBack } from '@/services/not-found'
import { activityDetail, org, profile } from './support/fixtures'
import { click, inStore } from './support/render'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({ uploadPhoto: jest.fn(), preparePhoto: jest.fn(async (path: string) => path), releasePhoto: jest.fn() }))

/* Every long form keeps what was typed when the page is left, puts it back with a notice when it opens again, and forgets it once submitted. */

const taro = Taro as unknown as {
  __resetStorage: () => void
  __setRouterParams: (params: Record<string, string>) => void
  getStorageSync: (key: string) => unknown
  redirectTo: jest.Mock
  navigateBack: jest.Mock
  showModal: jest.Mock
}
const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const villageAdmin = profile({ id: 'user-va', roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })

const valueOf = (container: HTMLElement, selector: string) => (container.querySelector(selector)?.querySelector('input, textarea') as HTMLInputElement | null)?.value
const draftKeys = () => ['form-draft:user-va:info-new', 'form-draft:user-va:visit-new:v-dongshan:', 'form-draft:user-va:activity-new'].filter((key) => taro.getStorageSync(key))

function as(person: MyProfile, replies: Replies) {
  serve({ 'users.me': () => ({ ok: true, data: person }), 'org.overview': () => ({ ok: true, data: org }), ...replies })
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
})

describe('信息报送 draft', () => {
  const info = { id: 'if-9', title: '东山村门前三包' } as InfoDetail

  test('type, leave, come back: restored; 报送 forgets it', async () => {
    taro.__setRouterParams({})
    as(villageAdmin, { 'supervision.submitInfo': () => ({ ok: true, data: info }) })
    const first = inStore(<InfoFormPage />)
    await click(await screen.findByText('经验做法', {}, { timeout: 5000 }))
    await typeInto(first.container, '.info-title-input', '东山村门前三包')
    await typeInto(first.container, '.info-text-input', '东山村把村道划分到户，每户负责门前卫生、秩序和绿化。')
    first.unmount()
    expect(draftKeys()).toEqual(['form-draft:user-va:info-new'])

    const again = inStore(<InfoFormPage />)
    expect(await screen.findByText('已恢复上次未提交的内容', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect(valueOf(again.container, '.info-title-input')).toBe('东山村门前三包'))
    await click(screen.getByText('报送'))
    await waitFor(() => expect(callsOf('supervision.submitInfo')).toHaveLength(1))
    expect(callsOf('supervision.submitInfo')[0][1]).toMatchObject({ kind: 'practice', title: '东山村门前三包' })
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled())
    again.unmount()
    expect(draftKeys()).toEqual([])
  })
})

describe('走访 draft', () => {
  test('the three records survive leaving the page; 清空 empties the form and the draft', async () => {
    taro.__setRouterParams({ villageId: 'v-dongshan' })
    const gridWorker = profile({ id: 'user-va', roles: ['resident', 'grid_worker'], grants: [{ role: 'grid_worker', villageId: 'v-dongshan', gridId: 'g-ds-1', ...grant }] })
    as(gridWorker, {
      'supervision.visitHouseholds': () => ({
        ok: true,
        data: { items: [{ householdId: 'hh-wang', name: '王秀兰家', headName: '王秀兰', gridId: 'g-ds-1', gridName: '一组', visits: 0, lastVisitDate: null }], next: null }
      }),
      'reports.categories': () => ({ ok: true, data: { items: [], rev: 0 } }),
      'supervision.recordVisit': () => ({ ok: true, data: { id: 'vs-1' } as VisitDetail })
    })
    const first = inStore(<VisitFormPage />)
    await click(await screen.findByText('王秀兰家', {}, { timeout: 5000 }))
    await typeInto(first.container, '.visit-situation', '老人腿脚不便')
    first.unmount()

    const again = inStore(<VisitFormPage />)
    expect(await screen.findByText('已恢复上次未提交的内容', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect(valueOf(again.container, '.visit-situation')).toBe('老人腿脚不便'))
    await click(screen.getByText('清空'))
    await waitFor(() => expect(valueOf(again.container, '.visit-situation')).toBe(''))
    expect(screen.queryByText('已恢复上次未提交的内容')).toBeNull()
    again.unmount()
    expect(draftKeys()).toEqual([])
  })
})

describe('新建活动 draft', () => {
  test('restored after leaving, kept while not submitted', async () => {
    taro.__setRouterParams({})
    as(villageAdmin, {
      'volunteers.activities': () => ({ ok: true, data: { items: [], next: null } }),
      'volunteers.teams': () => ({ ok: true, data: [] }),
      'volunteers.saveActivity': (input) => ({ ok: true, data: activityDetail({ ...(input as object), id: 'a-new', status: 'draft', statusLabel: '草稿', canManage: true }) })
    })
    const first = inStore(<ActivityEditPage />)
    await waitFor(() => expect(first.container.querySelector('.activity-form')).toBeTruthy(), { timeout: 8000 })
    await typeInto(first.container, '.input-title', '重阳节敬老院陪护')
    first.unmount()
    expect(draftKeys()).toEqual(['form-draft:user-va:activity-new'])

    const again = inStore(<ActivityEditPage />)
    expect(await screen.findByText('已恢复上次未提交的内容', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect(valueOf(again.container, '.input-title')).toBe('重阳节敬老院陪护'))
    again.unmount()
    // nothing typed since: the draft is still there, unchanged
    expect(draftKeys()).toEqual(['form-draft:user-va:activity-new'])
  }, 20_000)
})

describe('光荣榜 editor draft', () => {
  test('a new board keeps its entries when left; 清空 starts again', async () => {
    taro.__setRouterParams({ village: 'v-dongshan' })
    as(villageAdmin, {})
    const first = inStore(<EditBoardPage />)
    await waitFor(() => expect(first.container.querySelector('.page-board-edit .board-save')).toBeTruthy())
    await typeInto(first.container, '.board-entry-name-input', '李桂芳')
    await typeInto(first.container, '.board-entry-story-input', '照顾瘫痪在床的婆婆十二年。')
    first.unmount()
    expect(taro.getStorageSync('form-draft:user-va:honour-new:v-dongshan')).toBeTruthy()

    const again = inStore(<EditBoardPage />)
    expect(await screen.findByText('已恢复上次未提交的内容', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect(valueOf(again.container, '.board-entry-name-input')).toBe('李桂芳'))
    await click(screen.getByText('清空'))
    await waitFor(() => expect(valueOf(again.container, '.board-entry-name-input')).toBe(''))
    again.unmount()
    expect(taro.getStorageSync('form-draft:user-va:honour-new:v-dongshan')).toBeFalsy()
  })
})

describe('保洁区域 draft', () => {
  test('restored after leaving; 保存 forgets it', async () => {
    taro.__setRouterParams({ villageId: 'v-dongshan' })
    as(villageAdmin, {
      'supervision.cleaners': () => ({ ok: true, data: { items: [], next: null } }),
      'supervision.saveZone': (input) => ({ ok: true, data: { ...(input as object), id: 'z-new', rev: 1 } })
    })
    const key = 'form-draft:user-va:zone-new:v-dongshan'
    const first = inStore(<ZoneEditPage />)
    await waitFor(() => expect(first.container.querySelector('.text-input[placeholder="如：东山村主街"]')).toBeTruthy())
    await typeInto(first.container, '.text-input[placeholder="如：东山村主街"]', '东山村南片')
    first.unmount()
    expect(taro.getStorageSync(key)).toBeTruthy()

    const again = inStore(<ZoneEditPage />)
    expect(await screen.findByText('已恢复上次未提交的内容', {}, { timeout: 5000 })).toBeTruthy()
    await waitFor(() => expect(valueOf(again.container, '.text-input[placeholder="如：东山村主街"]')).toBe('东山村南片'))
    await click(screen.getByText('标记当前位置'))
    await screen.findByText('已标记在您定位时所站的地方')
    await click(screen.getByText('保存'))
    await waitFor(() => expect(callsOf('supervision.saveZone')).toHaveLength(1))
    again.unmount()
    expect(taro.getStorageSync(key)).toBeFalsy()
  })
})

describe('leaving a form with unsent content', () => {
  test('返回 asks first and stays when told to; the browser warns before unloading; nothing typed = no question', async () => {
    taro.__setRouterParams({})
    as(villageAdmin, {})
    const view = inStore(<InfoFormPage />)
    await screen.findByText('经验做法', {}, { timeout: 5000 })
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    goBack()
    expect(taro.showModal).not.toHaveBeenCalled()
    expect(taro.navigateBack).toHaveBeenCalledTimes(1)
    expect(unload()).toBe(false)

    await typeInto(view.container, '.info-title-input', '东山村门前三包')
    expect(unload()).toBe(true)
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    goBack()
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '还没有提交' })))
    await Promise.resolve()
    expect(taro.navigateBack).toHaveBeenCalledTimes(1)

    taro.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
    goBack()
    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalledTimes(2))
    view.unmount()
    // the page is gone: nothing holds the way out any more
    expect(unload()).toBe(false)
  })
})
