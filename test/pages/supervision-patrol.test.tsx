import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InputOf, PatrolDetail } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import PatrolPage from '@/packages/supervision/pages/patrol/index'
import { patrolDraftKey } from '@/services/patrol-drafts'
import { uploadPhoto } from '@/services/storage'
import { profile } from './support/fixtures'
import { callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => path),
  releasePhoto: jest.fn()
}))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as { chooseMedia: jest.Mock; __resetStorage: () => void; __setRouterParams: (params: Record<string, string>) => void }

const gridWorker = profile({
  roles: ['resident', 'grid_worker'],
  grants: [{ role: 'grid_worker', villageId: 'v-dongshan', gridId: 'g-ds-1', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

function patrol(patch: Partial<PatrolDetail> = {}): PatrolDetail {
  return {
    id: 'pt-1',
    date: '2026-11-18',
    villageId: 'v-dongshan',
    villageName: '东山村',
    gridId: null,
    gridName: null,
    templateId: 'tpl-1',
    templateName: '社区环境督导',
    version: 2,
    patrollers: [{ userId: 'user-zhang', name: '张秀兰' }],
    status: 'scheduled',
    statusLabel: '待巡查',
    late: false,
    itemCount: 2,
    score: null,
    findings: null,
    submittedAt: null,
    mine: true,
    items: [
      { key: 'i1', text: '社区内是否存在私搭乱建现象', category: 'illegal_building', categoryName: '私搭乱建', deduction: 10 },
      { key: 'i2', text: '是否有车辆乱停乱放现象', category: 'parking', categoryName: '车辆乱停乱放', deduction: 8 }
    ],
    results: null,
    deductions: null,
    scoreFormula: null,
    submittedByName: null,
    cancelReason: null,
    canSubmit: true,
    canCancel: false,
    ...patch
  }
}

const stored = () => {
  const raw = Taro.getStorageSync(patrolDraftKey('pt-1')) as string
  return raw ? (JSON.parse(raw) as { key: string; status: string; items: Record<string, { result: string | null; note: string; photos: Array<{ fileID: string | null }> }> }) : null
}

function renderPage() {
  return render(
    <AppStoreProvider>
      <PatrolPage />
    </AppStoreProvider>
  )
}

beforeEach(() => {
  jest.clearAllMocks()
  upload.mockReset()
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'pt-1' })
})

test('item by item; a failure needs a photo, a note and a place; kept on the phone; a failed send is retried with the same key; the result shows the problems', async () => {
  let attempts = 0
  const done = patrol({
    status: 'done',
    statusLabel: '已完成',
    canSubmit: false,
    score: 92,
    findings: 1,
    deductions: 8,
    scoreFormula: '100 − 8（第2项 车辆乱停乱放） = 92',
    submittedByName: '张秀兰',
    results: [
      { itemKey: 'i1', result: 'pass', note: null, photoUrls: [], location: null, address: null, problem: null },
      {
        itemKey: 'i2',
        result: 'fail',
        note: '小学门口电动车乱停',
        photoUrls: [],
        location: { lng: 120.31, lat: 30.41 },
        address: null,
        problem: { reportId: 'r-1', reportNo: 'DD-2026-000012', linked: false }
      }
    ]
  })
  const replies: Replies = {
    'users.me': () => ({ ok: true, data: gridWorker }),
    'supervision.patrol': () => ({ ok: true, data: patrol() }),
    'supervision.submitPatrol': () => (++attempts === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: done })
  }
  serve(replies)
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/p1.jpg' })
  const { container } = renderPage()
  expect(await screen.findByText('1. 社区内是否存在私搭乱建现象')).toBeTruthy()

  const [pass1, , , fail2] = screen.getAllByText(/^(合格|不合格)$/)
  fireEvent.click(pass1)
  fireEvent.click(fail2)
  await act(async () => {
    fireEvent.click(screen.getByText('提交巡查结果'))
  })
  expect(screen.getByText('不合格的检查项请至少拍一张照片')).toBeTruthy()
  expect(callsOf('supervision.submitPatrol')).toHaveLength(0)
  expect(stored()?.items.i2.result).toBe('fail')

  taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/1.jpg' }], type: 'image' })
  await act(async () => {
    fireEvent.click(screen.getByText('拍现场照片'))
  })
  await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))
  await typeInto(container, '.patrol-failure textarea, .patrol-failure .patrol-note', '小学门口电动车乱停')
  await act(async () => {
    fireEvent.click(screen.getByText('标记当前位置'))
  })
  await waitFor(() => expect(screen.getByText(/已定位/)).toBeTruthy())
  // all of it on the phone before anything is sent
  expect(stored()?.items.i2).toMatchObject({ result: 'fail', note: '小学门口电动车乱停', photos: [expect.objectContaining({ fileID: null })] })

  await act(async () => {
    fireEvent.click(screen.getByText('提交巡查结果'))
  })
  expect(await screen.findByText('待重试：网络不给力，请检查网络后重试')).toBeTruthy()
  const [first] = callsOf('supervision.submitPatrol')
  const input = first[1] as InputOf<'supervision.submitPatrol'>
  expect(input).toEqual({
    patrolId: 'pt-1',
    key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    version: 2,
    results: [
      { itemKey: 'i1', result: 'pass' },
      { itemKey: 'i2', result: 'fail', photos: ['cloud://env/reports/2026/11/p1.jpg'], note: '小学门口电动车乱停', location: { lng: 113.2644, lat: 23.1291 } }
    ]
  })
  expect(stored()).toMatchObject({ status: 'pending', key: input.key })

  await act(async () => {
    fireEvent.click(screen.getByText('重新提交'))
  })
  const [, second] = callsOf('supervision.submitPatrol')
  expect((second[1] as typeof input).key).toBe(input.key)
  expect(upload).toHaveBeenCalledTimes(1)
  expect(await screen.findByText('92')).toBeTruthy()
  expect(screen.getByText('已转为问题 DD-2026-000012')).toBeTruthy()
  expect(stored()).toBeNull()
})

test('a patrol of a later day is shown but cannot be filled in', async () => {
  serve({
    'users.me': () => ({ ok: true, data: gridWorker }),
    'supervision.patrol': () => ({ ok: true, data: patrol({ date: '2026-11-20', canSubmit: false }) })
  })
  renderPage()
  expect(await screen.findByText('巡查日期是 2026-11-20，当天才能填写提交。')).toBeTruthy()
  expect(screen.queryByText('提交巡查结果')).toBeNull()
})

test('loading fails with no draft on the phone: the patrol is not there, and the way home', async () => {
  serve({ 'users.me': () => ({ ok: true, data: gridWorker }), 'supervision.patrol': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这次巡查' }) })
  renderPage()
  expect(await screen.findByText('未找到这次巡查（可能已删除或链接有误）')).toBeTruthy()
  expect(screen.getByText('返回首页')).toBeTruthy()
})

test('without signal the patrol opens from the phone, with what was already filled in', async () => {
  serve({ 'users.me': () => ({ ok: true, data: gridWorker }), 'supervision.patrol': () => ({ ok: true, data: patrol() }) })
  const first = renderPage()
  expect(await screen.findByText('1. 社区内是否存在私搭乱建现象')).toBeTruthy()
  const [, fail1] = screen.getAllByText(/^(合格|不合格)$/)
  fireEvent.click(fail1)
  await typeInto(first.container, '.patrol-failure .patrol-note', '屋后新搭铁皮棚')
  first.unmount()

  serve({ 'users.me': () => ({ ok: true, data: gridWorker }), 'supervision.patrol': () => ({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }) })
  const { container } = renderPage()
  expect(await screen.findByText(/暂时连不上网络/)).toBeTruthy()
  expect(screen.getByText('1. 社区内是否存在私搭乱建现象')).toBeTruthy()
  await waitFor(() => expect((container.querySelector('.patrol-failure textarea') as HTMLTextAreaElement | null)?.value).toBe('屋后新搭铁皮棚'))
})
