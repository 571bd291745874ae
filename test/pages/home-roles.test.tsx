/**
 * 首页 by role (users.home): a resident sees their own state (open problems, 本月积分, the next
 * activity, the village's newest board), staff see what waits for them first, each count opening
 * the filtered list; 我的's management entries carry the same counts as badges; 问题处置 opens on the
 * status a count links to. Loading, empty and error states; 长辈模式.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HomeView } from '@/contract'
import HomePage from '@/pages/home/index'
import MePage from '@/pages/me/index'
import QueuePage from '@/packages/reports/pages/queue/index'
import { AppStoreProvider } from '@/store/app-store'
import { badgeOf, badgeText, queueFiltersOf, TODO_ROUTES } from '@/services/home-links'
import { org, profile, units } from './support/fixtures'
import { callMock, callsOf, serve } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const resident = profile({ roles: ['resident'], grants: [] })
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '', grantedBy: '' }] })

function view(patch: Partial<HomeView> = {}): HomeView {
  return {
    openReports: [
      { id: 'r1', no: 'SSP-2026-000101', categoryName: '乱扔垃圾', status: 'answered', statusLabel: '整改中', overdue: true, createdAt: '2026-11-10T02:00:00.000Z' },
      { id: 'r2', no: 'SSP-2026-000102', categoryName: '占道经营', status: 'submitted', statusLabel: '待受理', overdue: false, createdAt: '2026-11-12T02:00:00.000Z' }
    ],
    openReportCount: 4,
    pointsThisMonth: 5,
    nextActivity: { id: 'a1', title: '河道清洁志愿行', startAt: '2026-11-20T01:00:00.000Z' },
    board: { id: 'b1', title: '十一月善行义举四德榜', scopeName: '东山村', publishedAt: '2026-11-15T02:00:00.000Z' },
    todo: [],
    ...patch
  }
}

const TOWN_TODO: HomeView['todo'] = [
  { key: 'submitted', label: '待受理', count: 3 },
  { key: 'toDispatch', label: '待派单', count: 2 },
  { key: 'rectified', label: '待验收', count: 0 },
  { key: 'overdue', label: '超期', count: 4 },
  { key: 'deeds', label: '善行待审', count: 1 },
  { key: 'hours', label: '时长待审', count: 0 },
  { key: 'nominations', label: '提名待审', count: 2 },
  { key: 'patrols', label: '今日巡查', count: 1 }
]

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  ;(Taro as unknown as { __resetStorage: () => void }).__resetStorage()
  ;(Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams({})
})

describe('首页 for a resident', () => {
  test('their open problems, 本月积分, the next activity and the newest board — each opens its page; no 待我处理', async () => {
    serve({ 'users.me': () => ({ ok: true, data: resident }), 'users.home': () => ({ ok: true, data: view() }) })
    const { container } = inStore(<HomePage />)
    expect(await screen.findByText('乱扔垃圾')).toBeTruthy()
    expect(screen.getByText('办理中 4 件')).toBeTruthy()
    expect(screen.getByText('整改中')).toBeTruthy()
    expect(screen.getByText('已超期')).toBeTruthy()
    expect(screen.getByText('+5 分')).toBeTruthy()
    expect(screen.getByText('河道清洁志愿行')).toBeTruthy()
    expect(screen.getByText('11月20日 周五 09:00')).toBeTruthy() // China time
    expect(screen.getByText('十一月善行义举四德榜')).toBeTruthy()
    expect(container.querySelector('.home-todo')).toBeNull()

    fireEvent.click(screen.getByText('乱扔垃圾'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/reports/pages/detail/index?id=r1' })
    fireEvent.click(screen.getByText('+5 分'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/deeds/pages/index/index' })
    fireEvent.click(screen.getByText('河道清洁志愿行'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/volunteers/pages/detail/index?id=a1' })
    fireEvent.click(screen.getByText('十一月善行义举四德榜'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/honour/pages/board/index?id=b1' })
    fireEvent.click(screen.getByText('办理中 4 件'))
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/report/index' })
    expect(callsOf('users.home')).toHaveLength(1)
  })

  test('nothing yet: each part says what will appear and how, in grey — not an error', async () => {
    serve({
      'users.me': () => ({ ok: true, data: resident }),
      'users.home': () => ({ ok: true, data: view({ openReports: [], openReportCount: 0, pointsThisMonth: 0, nextActivity: null, board: null }) })
    })
    const { container } = inStore(<HomePage />)
    const empty = await screen.findByText(/没有办理中的问题/)
    expect(empty.className).toContain('wm-muted')
    expect(screen.getByText('0 分')).toBeTruthy()
    expect(screen.getByText('还没有报名的活动，去「志愿活动」看看')).toBeTruthy()
    expect(screen.getByText('本村还没有发布光荣榜，看看全镇的')).toBeTruthy()
    expect(container.querySelector('.wm-error-text')).toBeNull()
    fireEvent.click(screen.getByText('还没有报名的活动，去「志愿活动」看看'))
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/activities/index' })
  })

  test('loading shows a skeleton; a failure says so with 点此重试, which loads again', async () => {
    let attempt = 0
    let answer: (value: unknown) => void = () => undefined
    serve({ 'users.me': () => ({ ok: true, data: resident }) })
    callMock.mockImplementation((async (action: string) => {
      if (action === 'users.me') return { ok: true, data: resident }
      if (++attempt === 1) return { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }
      return new Promise((resolve) => (answer = resolve))
    }) as never)
    const { container } = inStore(<HomePage />)
    const failed = await screen.findByText('网络不给力，请检查网络后重试（点此重试）')
    await act(async () => {
      fireEvent.click(failed)
    })
    await waitFor(() => expect(container.querySelector('.page-home .wm-skeleton')).toBeTruthy())
    await act(async () => answer({ ok: true, data: view() }))
    expect(await screen.findByText('乱扔垃圾')).toBeTruthy()
  })

  test('before the privacy notice is accepted nothing is asked', async () => {
    serve({ 'users.me': () => ({ ok: true, data: profile({ ...resident, privacyVersion: null, privacyAcceptedAt: null }) }) })
    inStore(<HomePage />)
    await waitFor(() => expect(callsOf('users.me')).toHaveLength(1))
    await act(async () => undefined)
    expect(callsOf('users.home')).toHaveLength(0)
  })

  test('长辈模式: the page carries elder-mode (the panels use the scaled sizes)', async () => {
    serve({ 'users.me': () => ({ ok: true, data: { ...resident, largeFont: true } }), 'users.home': () => ({ ok: true, data: view() }) })
    const { container } = inStore(<HomePage />)
    await screen.findByText('乱扔垃圾')
    expect(container.querySelector('.page-home')?.classList.contains('elder-mode')).toBe(true)
  })
})

describe('首页 for staff', () => {
  test('待我处理 comes first with the counts; each opens the filtered list', async () => {
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'users.home': () => ({ ok: true, data: view({ todo: TOWN_TODO }) }) })
    const { container } = inStore(<HomePage />)
    expect(await screen.findByText('待我处理')).toBeTruthy()
    expect(screen.getByText('共 13 件')).toBeTruthy()
    const panels = Array.from(container.querySelectorAll('.section-card')).map((c) => c.className)
    expect(panels[0]).toContain('home-todo') // before the person's own state
    const item = (key: string) => container.querySelector(`.home-todo-item--${key}`) as HTMLElement
    expect(item('submitted').textContent).toBe('3待受理')
    expect(item('submitted').className).toContain('home-todo-item--waiting')
    expect(item('rectified').className).not.toContain('home-todo-item--waiting')
    fireEvent.click(item('submitted'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/reports/pages/queue/index?status=submitted' })
    fireEvent.click(item('overdue'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/reports/pages/queue/index?overdue=1' })
    fireEvent.click(item('deeds'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/deeds/pages/review/index' })
    fireEvent.click(item('nominations'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: TODO_ROUTES.nominations })
  })

  test('我的: the management entries carry the same counts as badges', async () => {
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'users.home': () => ({ ok: true, data: view({ todo: TOWN_TODO }) }),
      'org.overview': () => ({ ok: true, data: org }),
      'org.listUnits': () => ({ ok: true, data: units })
    })
    const { container } = render(
      <AppStoreProvider>
        <MePage />
      </AppStoreProvider>
    )
    await waitFor(() => expect(container.querySelector('.me-admin-report-queue .me-admin-badge')?.textContent).toBe('5'))
    expect(container.querySelector('.me-admin-deed-review .me-admin-badge')?.textContent).toBe('1')
    expect(container.querySelector('.me-admin-selection-manage .me-admin-badge')?.textContent).toBe('2')
    expect(container.querySelector('.me-admin-volunteer-hours .me-admin-badge')).toBeNull() // 0: no badge
  })

  test('badges add up their counts; 99+ above 99', () => {
    expect(badgeOf('report-queue', [...TOWN_TODO, { key: 'toSign', label: '待签收', count: 7 }])).toBe(12)
    expect(badgeOf('org', TOWN_TODO)).toBe(0)
    expect(badgeOf('report-queue', undefined)).toBe(0)
    expect([badgeText(99), badgeText(100)]).toEqual(['99', '99+'])
  })
})

describe('问题处置 opened from a count', () => {
  test('the link’s status or 超期 is the filter; anything else is ignored', () => {
    expect(queueFiltersOf({ status: 'submitted' })).toEqual({ status: 'submitted' })
    expect(queueFiltersOf({ overdue: '1' })).toEqual({ overdue: true })
    expect(queueFiltersOf({ status: 'nonsense', overdue: 'yes', villageId: 'v' })).toEqual({})
    expect(queueFiltersOf(undefined)).toEqual({})
  })

  test('?status=submitted asks reports.queue for 待受理 (not 待我处理)', async () => {
    ;(Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams({ status: 'submitted' })
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'reports.queue': () => ({ ok: true, data: { items: [], next: null, counts: { mine: 0, byStatus: {} } } }),
      'org.overview': () => ({ ok: true, data: org }),
      'org.listUnits': () => ({ ok: true, data: units }),
      'reports.categories': () => ({ ok: true, data: [] })
    })
    inStore(<QueuePage />)
    await waitFor(() => expect(callsOf('reports.queue').length).toBeGreaterThan(0))
    const input = callsOf('reports.queue')[0][1] as Record<string, unknown>
    expect(input).toMatchObject({ status: 'submitted' })
    expect(input.mine).toBeUndefined()
  })
})
