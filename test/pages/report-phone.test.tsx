/** 问题台账 on a phone: cards with the total on top; the full table on a wide screen or on request; the words of the Excel file. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { LedgerRow, MyProfile } from '@/contract'
import LedgerPage from '@/packages/reports/pages/ledger/index'
import { LEDGER_WORDS } from '@/domain/ledger-words'
import { categories, org, profile, units } from './support/fixtures'
import { callMock, callsOf, serve, type Replies } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __resetStorage: () => void; __setRouterParams: (params: Record<string, string>) => void }
const systemInfo = Taro.getSystemInfoSync as jest.Mock
const PHONE = { windowWidth: 390, windowHeight: 844, pixelRatio: 3, platform: 'devtools' }
const TABLET = { windowWidth: 820, windowHeight: 1180, pixelRatio: 2, platform: 'devtools' }

const townAdmin = profile({
  id: 'user-town',
  name: '王主任',
  roles: ['resident', 'town_admin'],
  grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

function as(person: MyProfile, replies: Replies) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'reports.categories': () => ({ ok: true, data: { items: categories, rev: 3 } }),
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units }),
    ...replies
  })
}

const row = (patch: Partial<LedgerRow> = {}): LedgerRow => ({
  id: 'r-1',
  no: 'SSP-2026-0001',
  source: 'resident',
  createdAt: '2026-11-20T02:00:00.000Z',
  villageName: '东山村',
  gridName: '第一网格',
  address: '村委会南边路口',
  categoryName: '乱扔垃圾/暴露垃圾',
  description: '村口垃圾',
  unitName: '城管办',
  dispatchedAt: '2026-11-20T05:00:00.000Z',
  rectifyDeadline: '2026-11-27',
  dueAt: '2026-11-27T15:59:59.999Z',
  dueEstimated: false,
  measures: null,
  plannedDate: null,
  status: 'dispatched',
  statusLabel: '已派单',
  closedAt: null,
  daysOverdue: 0,
  ...patch
})

const ROWS = [
  row({ id: 'r-1', no: 'SSP-2026-0001', daysOverdue: 3 }),
  row({ id: 'r-2', no: 'SSP-2026-0002', villageName: '西岗村', categoryName: '公厕不洁', status: 'submitted', statusLabel: '待受理', dueAt: '2026-11-30T15:59:59.999Z' }),
  row({ id: 'r-3', no: 'SSP-2026-0003', status: 'closed', statusLabel: '已销号', dueAt: null, closedAt: '2026-11-23T02:00:00.000Z' })
]

function givenLedger() {
  as(townAdmin, {
    'reports.ledger': () => ({ ok: true, data: { items: ROWS, next: null } }),
    'reports.ledgerTotal': (input) => ({ ok: true, data: { total: (input as { overdue?: boolean }).overdue ? 1 : 137 } })
  })
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
  taro.__setRouterParams({})
  systemInfo.mockReturnValue(PHONE)
})
afterAll(() => systemInfo.mockReturnValue({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' }))

test('a phone: one card per problem (编号, 类别 · 村, 状态, 期限 or 逾期工作日), the total on top, no 17-column table', async () => {
  givenLedger()
  const { container } = inStore(<LedgerPage />)
  expect(await screen.findByText('共 137 条问题')).toBeTruthy()
  await waitFor(() => expect(container.querySelectorAll('.ledger-card')).toHaveLength(3))
  expect(container.querySelector('.ledger-table')).toBeNull()
  const card = (id: string) => container.querySelector(`.ledger-card[data-report-id="${id}"]`) as HTMLElement
  const part = (id: string, cls: string) => card(id).querySelector(`.ledger-card-${cls}`)?.textContent
  expect([part('r-1', 'no'), part('r-1', 'status'), part('r-1', 'category'), part('r-1', 'village'), part('r-1', 'time')]).toEqual([
    'SSP-2026-0001',
    '已派单',
    '乱扔垃圾/暴露垃圾',
    '东山村',
    '逾期 3 个工作日'
  ])
  expect(card('r-1').className).toContain('ledger-card--overdue')
  expect(part('r-2', 'time')).toBe('当前期限 2026-11-30')
  expect(part('r-3', 'time')).toBe('销号时间 2026-11-23')
  expect(callsOf('reports.ledgerTotal')[0]).toEqual(['reports.ledgerTotal', {}])

  // a filter changes the total with the rows
  fireEvent.click(screen.getByText('只看超期'))
  expect(await screen.findByText('共 1 条问题')).toBeTruthy()
  expect(callsOf('reports.ledgerTotal').at(-1)).toEqual(['reports.ledgerTotal', { overdue: true }])

  // the full table on request; a card opens the problem
  await act(async () => {
    fireEvent.click(container.querySelector('.ledger-layout .segmented-item--table') as HTMLElement)
  })
  expect(container.querySelector('.ledger-table')).toBeTruthy()
  expect(container.querySelector('.ledger-cards')).toBeNull()
  await act(async () => {
    fireEvent.click(container.querySelector('.ledger-layout .segmented-item--cards') as HTMLElement)
  })
  fireEvent.click(card('r-2'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/reports/pages/handle/index?id=r-2' })
})

test('a wide screen (≥ 768 px): the table at once, no cards and no switch; its words are the Excel file’s', async () => {
  systemInfo.mockReturnValue(TABLET)
  givenLedger()
  const { container } = inStore(<LedgerPage />)
  await waitFor(() => expect(container.querySelectorAll('.ledger-row[data-report-id]')).toHaveLength(3))
  expect(container.querySelector('.ledger-cards')).toBeNull()
  expect(container.querySelector('.ledger-layout')).toBeNull()
  const headers = Array.from(container.querySelectorAll('.ledger-row--head .ledger-cell')).map((node) => node.textContent)
  // every title on the screen is a column title of the Excel file, 逾期工作日 (working days) included
  const excel = Object.values(LEDGER_WORDS) as string[]
  expect(headers.filter((h) => !excel.includes(h ?? ''))).toEqual([])
  expect(headers).toContain('逾期工作日')
  expect(headers).not.toContain('超期天数')
  expect(container.querySelector('.ledger-row[data-report-id="r-1"] .ledger-cell--overdue')?.textContent).toBe('3')
})
