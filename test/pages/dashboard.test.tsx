/** 数据看板 page: figures, charts drawn on the canvas, sortable tables, tap-through to the ledger, empty and error states. */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { DashboardView } from '@/contract'
import DashboardPage from '@/packages/dashboard/pages/index/index'
import { barChart, linearScale, niceStep, niceTicks, trendChart } from '@/packages/dashboard/charts'
import { nextSort, sortRows } from '@/packages/dashboard/table'
import { buildDashboard, dashboardDefinitions, type CountCell, type DashboardScope } from '@/domain/dashboard'
import { weekOf } from '@/domain/indicators'
import { ledgerFiltersOf, ledgerUrl } from '@/services/ledger-link'
import { ROUTES } from '@/services/routes'
import { DASHBOARD_ROUTES } from '@/services/dashboard-routes'
import { profile } from './support/fixtures'
import { fakeCanvas, textWidth } from './support/fake-canvas'
import { click, inStore } from './support/render'
import { callMock, callsOf, serve } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { navigateTo: jest.Mock; showModal: jest.Mock; __setRouterParams: (params: Record<string, string>) => void }
const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })
const villageAdmin = profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v1', ...grant }] })
const unitStaff = profile({ roles: ['resident', 'unit_staff'], grants: [{ role: 'unit_staff', unitId: 'u1', ...grant }] })

const NOW = new Date('2026-11-18T02:00:00Z')
const cell = (day: string, villageId: string, unitId: string | null, figures: Partial<CountCell>): CountCell => ({
  day,
  villageId,
  unitId,
  gridId: null,
  category: 'litter',
  source: 'resident',
  ...figures
})

function view(scope: DashboardScope = { kind: 'town' }, empty = false): DashboardView {
  const figures = buildDashboard({
    now: NOW,
    period: weekOf(NOW),
    scope,
    cells: empty
      ? []
      : [
          cell('2026-11-18', 'v1', 'u1', { createdResident: 6, closed: 2, due: 2, closedOnTime: 2, resolved: 2 }),
          cell('2026-11-17', 'v2', 'u2', { createdResident: 9, closed: 8, due: 8, closedOnTime: 7, resolved: 8 })
        ],
    gauges: empty ? [] : [{ villageId: 'v1', unitId: 'u1', gridId: null, category: 'litter', overdue: true, n: 3 }],
    villages: [
      { id: 'v1', name: '东山村' },
      { id: 'v2', name: '南湖村' }
    ],
    grids: [],
    units: [
      { id: 'u1', name: '执法中队' },
      { id: 'u2', name: '城管办' }
    ],
    categories: [{ code: 'litter', name: '垃圾乱扔' }],
    patrols: [],
    info: [],
    visits: []
  })
  const items = empty
    ? []
    : [
        {
          id: 'r1',
          reportNo: 'SSP-2026-000001',
          categoryName: '垃圾乱扔',
          villageName: '东山村',
          unitName: '执法中队',
          address: '东山路',
          statusLabel: '整改中',
          rectifyDeadline: '2026-11-10',
          reminders: 1,
          createdAt: '2026-11-01T00:00:00.000Z'
        }
      ]
  return { ...figures, overdueList: { total: items.length ? 3 : 0, items }, definitions: dashboardDefinitions() }
}

const original = { getContext: HTMLCanvasElement.prototype.getContext, toDataURL: HTMLCanvasElement.prototype.toDataURL }
beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__setRouterParams({})
  const fake = fakeCanvas()
  HTMLCanvasElement.prototype.getContext = jest.fn(() => fake.canvas.getContext('2d')) as unknown as typeof HTMLCanvasElement.prototype.getContext
  HTMLCanvasElement.prototype.toDataURL = jest.fn(() => 'data:image/png;base64,AAAA')
})
afterEach(() => {
  HTMLCanvasElement.prototype.getContext = original.getContext
  HTMLCanvasElement.prototype.toDataURL = original.toDataURL
})

describe('数据看板 page', () => {
  test('the town office: cards, charts, village and unit tables, overdue list; numbers tap through to the ledger with the same filter', async () => {
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.dashboard': () => ({ ok: true, data: view() }) })
    const { container } = inStore(<DashboardPage />)
    await waitFor(() => expect(container.querySelector('.dashboard-cards')).toBeTruthy(), { timeout: 5000 })
    expect(callsOf('supervision.dashboard')[0][1]).toEqual({ period: 'week' })
    const values = Array.from(container.querySelectorAll('.dashboard-card-value')).map((e) => e.textContent)
    expect(values).toEqual(['6', '2', '15', '10', '3', '3'])
    await waitFor(() => expect(container.querySelectorAll('img.dashboard-trend-image')).toHaveLength(1))
    expect(container.querySelectorAll('img.dashboard-categories-image')).toHaveLength(1)

    // 超期 card → the ledger filtered 超期
    await click(container.querySelector('.dashboard-card--overdue'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.ledger}?overdue=1` })
    // a village's 超期 cell → the ledger of that village's 超期
    const villageTable = container.querySelector('.dashboard-table--village') as HTMLElement
    const firstRow = villageTable.querySelectorAll('.dashboard-tr')[1]
    await click(firstRow.querySelector('.dashboard-td--overdue'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.ledger}?villageId=v1&overdue=1` })
    // its 问题数 → the ledger of the week's submissions there
    await click(firstRow.querySelector('.dashboard-td--created'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.ledger}?villageId=v1&from=2026-11-16&to=2026-11-22` })
    // a village's name → its own dashboard
    await click(firstRow.querySelector('.dashboard-td--name'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${DASHBOARD_ROUTES.index}?villageId=v1` })
    // an overdue problem → its page
    await click(container.querySelector('.dashboard-overdue-row'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.handle}?id=r1` })
    await click(screen.getByText('在问题台账中查看全部 3 件'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.ledger}?overdue=1` })
    // ⓘ shows the definition
    await click(container.querySelector('.dashboard-card--overdue .dashboard-info'))
    expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '超期', content: expect.stringContaining('工作提示函') }))
  })

  test('tapping a column header sorts the table by it, again turns the order round', async () => {
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.dashboard': () => ({ ok: true, data: view() }) })
    const { container } = inStore(<DashboardPage />)
    await waitFor(() => expect(container.querySelector('.dashboard-table--village')).toBeTruthy(), { timeout: 5000 })
    const names = () => Array.from(container.querySelectorAll('.dashboard-table--village .dashboard-tr:not(.dashboard-tr--head) .dashboard-td--name')).map((e) => e.textContent)
    expect(names()).toEqual(['东山村', '南湖村'])
    await click(container.querySelector('.dashboard-table--village .dashboard-th--created'))
    expect(names()).toEqual(['南湖村', '东山村'])
    await click(container.querySelector('.dashboard-table--village .dashboard-th--created'))
    expect(names()).toEqual(['东山村', '南湖村'])
    await click(container.querySelector('.dashboard-table--village .dashboard-th--overdue'))
    expect(names()).toEqual(['东山村', '南湖村'])
  })

  test('a village admin: their village asked for; a unit: its unit, numbers open their queue filtered the same (no ledger)', async () => {
    serve({ 'users.me': () => ({ ok: true, data: villageAdmin }), 'supervision.dashboard': () => ({ ok: true, data: view({ kind: 'village', villageId: 'v1' }) }) })
    const first = inStore(<DashboardPage />)
    await waitFor(() => expect(first.container.querySelector('.dashboard-cards')).toBeTruthy(), { timeout: 5000 })
    expect(callsOf('supervision.dashboard')[0][1]).toEqual({ villageId: 'v1', period: 'week' })
    await click(first.container.querySelector('.dashboard-card--overdue'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.ledger}?villageId=v1&overdue=1` })
    first.unmount()

    callMock.mockReset()
    serve({ 'users.me': () => ({ ok: true, data: unitStaff }), 'supervision.dashboard': () => ({ ok: true, data: view({ kind: 'unit', unitId: 'u1' }) }) })
    const second = inStore(<DashboardPage />)
    await waitFor(() => expect(second.container.querySelector('.dashboard-cards')).toBeTruthy(), { timeout: 5000 })
    expect(callsOf('supervision.dashboard')[0][1]).toEqual({ unitId: 'u1', period: 'week' })
    await click(second.container.querySelector('.dashboard-card--overdue'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `${ROUTES.queue}?overdue=1` })
    await click(second.container.querySelector('.dashboard-card--open'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.queue })
  })

  test('the month, and the previous one, are asked for by a day in them', async () => {
    serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.dashboard': () => ({ ok: true, data: view() }) })
    const { container } = inStore(<DashboardPage />)
    await waitFor(() => expect(container.querySelector('.dashboard-cards')).toBeTruthy(), { timeout: 5000 })
    await click(container.querySelector('.segmented-item--month'))
    await waitFor(() => expect(callsOf('supervision.dashboard').at(-1)?.[1]).toEqual({ period: 'month' }))
    await click(screen.getByText('上一月'))
    await waitFor(() => expect(callsOf('supervision.dashboard').at(-1)?.[1]).toMatchObject({ period: 'month', from: expect.stringMatching(/^\d{4}-\d{2}-01$/) }))
  })

  test('empty: zeros and plain words instead of charts; an error says why and 重试 loads again', async () => {
    let reads = 0
    serve({
      'users.me': () => ({ ok: true, data: townAdmin }),
      'supervision.dashboard': () => (++reads === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: view({ kind: 'town' }, true) })
    })
    const { container } = inStore(<DashboardPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试', {}, { timeout: 5000 })).toBeTruthy()
    await click(screen.getByText('重试'))
    expect(await screen.findByText('近几周还没有问题')).toBeTruthy()
    expect(screen.getByText('本期没有问题')).toBeTruthy()
    expect(screen.getByText('没有超期问题')).toBeTruthy()
    expect(container.querySelectorAll('img')).toHaveLength(0)
  })

  test('长辈模式: the page carries the elder class, and the charts draw larger text', async () => {
    const fake = fakeCanvas()
    HTMLCanvasElement.prototype.getContext = jest.fn(() => fake.canvas.getContext('2d')) as unknown as typeof HTMLCanvasElement.prototype.getContext
    serve({ 'users.me': () => ({ ok: true, data: { ...townAdmin, largeFont: true } }), 'supervision.dashboard': () => ({ ok: true, data: view() }) })
    const { container } = inStore(<DashboardPage />)
    await waitFor(() => expect(container.querySelector('img.dashboard-trend-image')).toBeTruthy(), { timeout: 5000 })
    expect(container.querySelector('.page-dashboard')?.classList.contains('elder-mode')).toBe(true)
    expect(fake.calls.filter((c) => c.name === 'fillText').length).toBeGreaterThan(10)
    expect(fake.calls.filter((c) => c.name === 'fillText').every((c) => /^(bold )?(2[5-9]|3\d)/.test(c.font.replace(/\.\d+/, '')))).toBe(true)
  })
})

describe('chart layouts', () => {
  test('nice steps and ticks', () => {
    expect(niceStep(0)).toBe(1)
    expect(niceStep(7)).toBe(2)
    expect(niceStep(38)).toBe(10)
    expect(niceStep(130)).toBe(50)
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8])
    expect(niceTicks(0)).toEqual([0, 1])
    expect(niceTicks(100)).toEqual([0, 50, 100])
    const s = linearScale(8, 300, 100)
    expect(s.at(0)).toBe(300)
    expect(s.at(8)).toBe(100)
    expect(s.at(4)).toBe(200)
    expect(s.at(99)).toBe(100)
  })

  test('the trend: a line segment per week and series, dots, labels; values map to heights', () => {
    const points = [0, 1, 2, 3].map((i) => ({ label: `11/${i + 1}`, values: { a: i * 2, b: 8 - i * 2 } }))
    const d = trendChart(
      points,
      [
        { key: 'a', label: '新增', color: '#111' },
        { key: 'b', label: '销号', color: '#222' }
      ],
      { width: 600, fontSize: 20 },
      textWidth
    )
    const lines = d.ops.filter((o) => o.kind === 'line' && o.width === 3)
    expect(lines).toHaveLength(6)
    const texts = d.ops.filter((o) => o.kind === 'text').map((o) => (o as { text: string }).text)
    expect(texts).toEqual(expect.arrayContaining(['新增', '销号', '11/1', '11/4', '0', '8']))
    // a's first point (0) sits on the baseline, b's (8) at the top
    const [a0] = lines.filter((o) => (o as { color: string }).color === '#111') as Array<{ y1: number }>
    const [b0] = lines.filter((o) => (o as { color: string }).color === '#222') as Array<{ y1: number }>
    expect(a0.y1).toBeGreaterThan(b0.y1)
    expect(d.height).toBeGreaterThan(200)
  })

  test('bars: one per row, widths in proportion, long labels cut', () => {
    const d = barChart(
      [
        { label: '垃圾乱扔', value: 10 },
        { label: '乱停乱放', value: 5 },
        { label: '一个非常非常非常非常非常长的类别名称', value: 0 }
      ],
      { bar: '#165dff' },
      { width: 600, fontSize: 20 },
      textWidth
    )
    const bars = d.ops.filter((o) => o.kind === 'rect' && (o as { fill?: string }).fill === '#165dff') as Array<{ w: number }>
    expect(bars).toHaveLength(3)
    expect(bars[0].w).toBeCloseTo(bars[1].w * 2, 5)
    expect(bars[2].w).toBe(0)
    expect(d.ops.some((o) => o.kind === 'text' && (o as { text: string }).text.endsWith('…'))).toBe(true)
  })
})

describe('table sorting and ledger links', () => {
  test('sortRows: by a column, no data last either way', () => {
    const rows = view().places
    const withNull = [...rows, { ...rows[0], id: 'x', name: '无数据', score: null }]
    expect(sortRows(withNull, { key: 'score', dir: 'desc' }).at(-1)?.id).toBe('x')
    expect(sortRows(withNull, { key: 'score', dir: 'asc' }).at(-1)?.id).toBe('x')
    expect(nextSort(null, 'created')).toEqual({ key: 'created', dir: 'desc' })
    expect(nextSort({ key: 'created', dir: 'desc' }, 'created')).toEqual({ key: 'created', dir: 'asc' })
  })

  test('the ledger reads back the filters the dashboard writes; junk is left out', () => {
    const f = { villageId: 'v_dongshan', unitId: 'unit_1', category: 'litter', overdue: true, from: '2026-11-16', to: '2026-11-22' }
    const url = ledgerUrl(f)
    const params = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    expect(ledgerFiltersOf(params)).toEqual(f)
    expect(ledgerFiltersOf({ villageId: 'a b', from: '2026-1-1', overdue: 'yes', status: 'nope' })).toEqual({})
  })
})
