import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CleanerSheet, CleaningFinding } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import FindingsPage from '@/packages/supervision/pages/findings/index'
import CleanerSheetPage from '@/packages/supervision/pages/cleaner-sheet/index'
import { profile } from './support/fixtures'
import { callsOf, serve, typeInto } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({ uploadPhoto: jest.fn(), preparePhoto: jest.fn(async (path: string) => path), releasePhoto: jest.fn() }))

const taro = Taro as unknown as { __setRouterParams: (params: Record<string, string>) => void }
const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })

const finding = (extra: Partial<CleaningFinding> = {}): CleaningFinding => ({
  id: 'f-1',
  inspectionId: 'ci-1',
  zoneId: 'z-1',
  zoneName: '东山村主街',
  zoneKind: 'street',
  villageId: 'v-dongshan',
  villageName: '东山村',
  unitName: null,
  date: '2026-11-18',
  at: '2026-11-18T02:00:00.000Z',
  itemKey: 'c1',
  itemText: '暴露垃圾未清理',
  note: '小学门口一堆生活垃圾',
  photoUrls: [],
  location: { lng: 120.31, lat: 30.41 },
  address: null,
  amountYuan: 20,
  cleaners: [{ id: 'c-1', name: '刘桂英' }],
  status: 'appealed',
  statusLabel: '申诉中',
  deducts: true,
  appealDueAt: '2026-11-20T15:59:59.999Z',
  appeal: { reason: '检查前已清扫', photoUrls: [], byName: '李卫东', at: '2026-11-18T03:00:00.000Z' },
  decision: null,
  notice: null,
  inspectedByName: '王海涛',
  canAppeal: false,
  canDecide: true,
  ...extra
})

beforeEach(() => {
  jest.clearAllMocks()
})

test('扣款与申诉: the town office withdraws an appealed finding with a reason; the list reloads', async () => {
  let decided = false
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'supervision.findings': () => ({ ok: true, data: { items: [decided ? finding({ status: 'withdrawn', statusLabel: '已撤销', deducts: false, canDecide: false }) : finding()], next: null } }),
    'supervision.decideAppeal': () => {
      decided = true
      return { ok: true, data: finding({ status: 'withdrawn' }) }
    }
  })
  const { container } = render(
    <AppStoreProvider>
      <FindingsPage />
    </AppStoreProvider>
  )
  expect(await screen.findByText('申诉（李卫东）：检查前已清扫', {}, { timeout: 5000 })).toBeTruthy()
  await typeInto(container, '.cleaning-appeal', '核实为新产生的垃圾')
  fireEvent.click(screen.getByText('撤销扣款'))
  await waitFor(() => expect(callsOf('supervision.decideAppeal').map((c) => c[1])).toEqual([{ findingId: 'f-1', outcome: 'withdraw', reason: '核实为新产生的垃圾' }]))
  await waitFor(() => expect(screen.queryByText('撤销扣款')).toBeNull())
  expect(screen.getAllByText('已撤销').length).toBeGreaterThan(1)
})

test('扣款与申诉: a failed load says why and offers 重试', async () => {
  serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.findings': () => ({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }) })
  render(
    <AppStoreProvider>
      <FindingsPage />
    </AppStoreProvider>
  )
  expect(await screen.findByText('网络不给力，请检查网络后重试', {}, { timeout: 5000 })).toBeTruthy()
})

test('月度考核表: the month’s total with its formula, the findings, and 导出Excel', async () => {
  taro.__setRouterParams({ id: 'c-1' })
  const sheet: CleanerSheet = {
    cleaner: { id: 'c-1', name: '刘桂英', phone: '13900000101', villageId: 'v-dongshan', villageName: '东山村', userId: null, enabled: true, rev: 1 },
    month: '2026-11',
    findings: [finding({ status: 'withdrawn', statusLabel: '已撤销', deducts: false }), finding({ id: 'f-2', status: 'standing', statusLabel: '已扣款' })],
    counted: 1,
    withdrawn: 1,
    pending: 0,
    totalYuan: 20,
    formula: '20 + 20 − 20（已撤销 1 条）= 20 元',
    definition: '当月扣款 = …'
  }
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'supervision.cleanerSheet': () => ({ ok: true, data: sheet }),
    'supervision.exportCleanerSheets': () => ({ ok: true, data: { fileID: 'cloud://exports/x.xlsx', url: 'http://127.0.0.1/x.xlsx', rows: 1 } })
  })
  render(
    <AppStoreProvider>
      <CleanerSheetPage />
    </AppStoreProvider>
  )
  expect(await screen.findByText('20 元', {}, { timeout: 5000 })).toBeTruthy()
  expect(screen.getByText('20 + 20 − 20（已撤销 1 条）= 20 元')).toBeTruthy()
  expect(screen.getAllByText(/暴露垃圾未清理/)).toHaveLength(2)
  fireEvent.click(screen.getByText('导出Excel'))
  await waitFor(() => expect(callsOf('supervision.exportCleanerSheets').map((c) => c[1])).toEqual([{ month: expect.stringMatching(/^\d{4}-\d{2}$/), cleanerId: 'c-1' }]))
  expect(await screen.findByText('下载 Excel')).toBeTruthy()
})
