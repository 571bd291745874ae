import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InfoDetail, InfoHalfTable } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import InfoPage from '@/packages/supervision/pages/info/index'
import InfoHalfPage from '@/packages/supervision/pages/info-half/index'
import { profile } from './support/fixtures'
import { callsOf, serve } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { __setRouterParams: (params: Record<string, string>) => void }
const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })
const villageAdmin = profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })

const pending: InfoDetail = {
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
  text: '本周组织党员志愿者和保洁员对村道、沟渠进行集中清理。',
  photos: [],
  returnReason: null,
  decidedByName: null,
  history: [{ action: 'submit', actionLabel: '报送', at: '2026-11-18T02:00:00.000Z', byName: '李卫东', note: null }],
  rev: 1,
  canEdit: false,
  canWithdraw: false,
  canDecide: true
}

const inStore = (page: JSX.Element) => render(<AppStoreProvider>{page}</AppStoreProvider>)

beforeEach(() => {
  jest.clearAllMocks()
  taro.__setRouterParams({ id: 'if-1' })
})

test('the town office adopts at the chosen level; returning needs a reason (the server’s message shows)', async () => {
  serve({
    'users.me': () => ({ ok: true, data: townAdmin }),
    'supervision.info': () => ({ ok: true, data: pending }),
    'supervision.decideInfo': (input) => {
      const d = input as { decision: string; level?: string; reason?: string }
      if (d.decision === 'return' && !d.reason) return { ok: false, code: 'INVALID_INPUT', message: '退回请写明原因', fields: { reason: '退回请写明原因' } }
      return { ok: true, data: { ...pending, status: 'adopted', statusLabel: '已采用', level: 'county', levelLabel: '县级采用', canDecide: false } }
    }
  })
  inStore(<InfoPage />)
  expect(await screen.findByText('开展人居环境集中整治', {}, { timeout: 5000 })).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('退回'))
  })
  expect((await screen.findAllByText('退回请写明原因')).length).toBeGreaterThan(0)
  fireEvent.click(screen.getByText('县级采用'))
  await act(async () => {
    fireEvent.click(screen.getByText('采用'))
  })
  await waitFor(() => expect(callsOf('supervision.decideInfo').at(-1)?.[1]).toEqual({ infoId: 'if-1', decision: 'adopt', level: 'county' }))
  expect(await screen.findByText('县级采用')).toBeTruthy()
  expect(screen.queryByText('审核')).toBeNull()
})

test('a village admin sees their waiting item with 修改 and 撤回, no review', async () => {
  serve({
    'users.me': () => ({ ok: true, data: villageAdmin }),
    'supervision.info': () => ({ ok: true, data: { ...pending, canDecide: false, canEdit: true, canWithdraw: true } })
  })
  inStore(<InfoPage />)
  expect(await screen.findByText('修改', {}, { timeout: 5000 })).toBeTruthy()
  expect(screen.getByText('撤回')).toBeTruthy()
  expect(screen.queryByText('审核')).toBeNull()
})

test('半月统计 flags the villages that sent nothing in a closed half month', async () => {
  const row = (id: string, name: string, submitted: number, missing: boolean) => ({
    kind: 'village' as const,
    id,
    name,
    submitted,
    pending: 0,
    returned: 0,
    adopted: submitted,
    adoptedByLevel: { town: submitted, county: 0, city: 0 },
    missing
  })
  const table: InfoHalfTable = {
    year: 2026,
    month: 11,
    half: 1,
    key: '2026-11-1',
    label: '2026年11月上半月（1–15日）',
    from: '2026-11-01',
    to: '2026-11-15',
    closed: true,
    villages: [row('v-dongshan', '东山村', 2, false), row('v-beiling', '北岭村', 0, true)],
    units: [],
    missing: 1,
    definition: '每月 1–15 日为上半月'
  }
  serve({ 'users.me': () => ({ ok: true, data: townAdmin }), 'supervision.infoHalf': () => ({ ok: true, data: table }) })
  const { container } = inStore(<InfoHalfPage />)
  expect(await screen.findByText('已结束：1 个村（居）未报送', {}, { timeout: 5000 })).toBeTruthy()
  const missing = container.querySelectorAll('.info-half-row--missing')
  expect(missing).toHaveLength(1)
  expect(missing[0].textContent).toContain('北岭村')
})
