import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InputOf, VisitDetail } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import VisitFormPage from '@/packages/supervision/pages/visit-form/index'
import VisitsPage from '@/packages/supervision/pages/visits/index'
import { profile } from './support/fixtures'
import { callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({ uploadPhoto: jest.fn(), preparePhoto: jest.fn(async (path: string) => path), releasePhoto: jest.fn() }))

const taro = Taro as unknown as { __setRouterParams: (params: Record<string, string>) => void; redirectTo: jest.Mock }
const gridWorker = profile({
  roles: ['resident', 'grid_worker'],
  grants: [{ role: 'grid_worker', villageId: 'v-dongshan', gridId: 'g-ds-1', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

const saved = { id: 'vs-1' } as VisitDetail

beforeEach(() => {
  jest.clearAllMocks()
  taro.__setRouterParams({ villageId: 'v-dongshan' })
})

test('记走访: household, 三个记录 and a problem 转问题; checked on the phone; a failed send is retried with the same key', async () => {
  let attempts = 0
  const replies: Replies = {
    'users.me': () => ({ ok: true, data: gridWorker }),
    'supervision.visitHouseholds': () => ({
      ok: true,
      data: { items: [{ householdId: 'hh-wang', name: '王秀兰家', headName: '王秀兰', gridId: 'g-ds-1', gridName: '一组', visits: 0, lastVisitDate: null }], next: null }
    }),
    'reports.categories': () => ({ ok: true, data: { items: [{ code: 'public_facility', name: '公用设施缺失', enabled: true }], rev: 0 } }),
    'supervision.recordVisit': () => (++attempts === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: saved })
  }
  serve(replies)
  const { container } = render(
    <AppStoreProvider>
      <VisitFormPage />
    </AppStoreProvider>
  )
  expect(await screen.findByText('王秀兰家', {}, { timeout: 5000 })).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('提交走访记录'))
  })
  expect(screen.getByText('请选择走访的家庭')).toBeTruthy()
  expect(callsOf('supervision.recordVisit')).toHaveLength(0)

  fireEvent.click(screen.getByText('王秀兰家'))
  await typeInto(container, '.visit-situation', '老人腿脚不便')
  fireEvent.click(screen.getByText('添加问题'))
  await typeInto(container, '.visit-problem-text', '门口路灯不亮')
  fireEvent.click(screen.getByText('转问题'))
  await act(async () => {
    fireEvent.click(screen.getByText('提交走访记录'))
  })
  expect(screen.getByText('第 1 个问题请选择问题类别')).toBeTruthy()
  fireEvent.click(await screen.findByText('公用设施缺失'))
  await act(async () => {
    fireEvent.click(screen.getByText('提交走访记录'))
  })
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('提交走访记录'))
  })
  await waitFor(() => expect(callsOf('supervision.recordVisit')).toHaveLength(2))
  const [first, second] = callsOf('supervision.recordVisit').map((c) => c[1] as InputOf<'supervision.recordVisit'>)
  expect(first).toEqual({
    villageId: 'v-dongshan',
    householdId: 'hh-wang',
    date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    situation: '老人腿脚不便',
    problems: [{ text: '门口路灯不亮', outcome: 'report', category: 'public_facility' }]
  })
  expect(second.key).toBe(first.key)
  await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/supervision/pages/visit/index?id=vs-1' }))
})

test('走访记录 when the villages cannot be loaded: the reason and 重试, not an endless skeleton', async () => {
  let failing = true
  serve({
    'users.me': () => ({ ok: true, data: gridWorker }),
    'org.overview': () => (failing ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: { town: null, villages: [] } })
  })
  render(
    <AppStoreProvider>
      <VisitsPage />
    </AppStoreProvider>
  )
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  failing = false
  await act(async () => {
    fireEvent.click(screen.getByText('重试'))
  })
  expect(await screen.findByText('没有您负责的村（居）')).toBeTruthy()
})
