import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { InputOf } from '@/contract'
import { AppStoreProvider } from '@/store/app-store'
import ReportPage from '@/pages/report/index'
import InspectPage from '@/packages/reports/pages/inspect/index'
import { uploadPhoto } from '@/services/storage'
import { draftStorageKey } from '@/services/report-drafts'
import { categories, org, profile, reportDetail } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
jest.mock('@/services/storage', () => ({
  uploadPhoto: jest.fn(),
  preparePhoto: jest.fn(async (path: string) => `${path}#compressed`),
  releasePhoto: jest.fn()
}))

const upload = uploadPhoto as jest.MockedFunction<typeof uploadPhoto>
const taro = Taro as unknown as {
  chooseMedia: jest.Mock
  getLocation: jest.Mock
  __resetStorage: () => void
  __show: () => void
}

type CreateInput = InputOf<'reports.create'>

const base: Replies = {
  'users.me': () => ({ ok: true, data: profile() }),
  'reports.categories': () => ({ ok: true, data: { items: categories, rev: 3 } }),
  'org.overview': () => ({ ok: true, data: org })
}

function renderPage() {
  return render(
    <AppStoreProvider>
      <ReportPage />
    </AppStoreProvider>
  )
}

function storedDraft(): Record<string, unknown> | null {
  const raw = Taro.getStorageSync(draftStorageKey('resident')) as string
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : null
}

/** Category, words, one photo, the address; village and grid come from the profile. */
async function fillForm(container: HTMLElement) {
  fireEvent.click(await screen.findByText('乱扔垃圾/暴露垃圾'))
  await typeInto(container, '.input-description', '村口垃圾堆了三天没人清理')
  taro.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/1.jpg' }], type: 'image' })
  await act(async () => {
    fireEvent.click(screen.getByText('拍照/选照片'))
  })
  await waitFor(() => expect(container.querySelectorAll('.photo-picker-item')).toHaveLength(1))
  await typeInto(container, '.input-address', '东山村委会南边路口')
}

beforeEach(() => {
  callMock.mockReset()
  upload.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
})

test('an empty form shows Chinese field errors and reaches no server', async () => {
  serve(base)
  const { container } = renderPage()
  expect(container.querySelector('.page-report')).toBeTruthy()
  await screen.findByText('乱扔垃圾/暴露垃圾')
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('请选择问题类别')).toBeTruthy()
  expect(screen.getByText('问题描述至少 5 个字')).toBeTruthy()
  expect(screen.getByText('请至少拍一张现场照片')).toBeTruthy()
  expect(screen.getByText('地址至少 2 个字')).toBeTruthy()
  expect(screen.getByText('还有内容没填好，请看标红的地方')).toBeTruthy()
  // The village came from the profile, so no error there.
  expect(screen.queryByText('请选择所在村（居）')).toBeNull()
  expect(callsOf('reports.create')).toHaveLength(0)
  expect(callsOf('reports.nearby')).toHaveLength(0)
  expect(upload).not.toHaveBeenCalled()
})

test('a failed submission keeps the draft (待重试); the retry sends the same clientKey and does not upload again', async () => {
  let attempts = 0
  serve({
    ...base,
    'reports.create': () => (++attempts === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: reportDetail({ id: 'r-new', no: 'SSP-2026-0042' }) })
  })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/p1.jpg' })
  const { container } = renderPage()
  await fillForm(container)

  // Typed text is on the phone before anything is sent.
  expect(storedDraft()).toEqual(expect.objectContaining({ description: '村口垃圾堆了三天没人清理', address: '东山村委会南边路口', status: 'editing' }))

  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('待重试')).toBeTruthy()
  expect(screen.getByText(/提交没有成功：网络不给力/)).toBeTruthy()

  const [first] = callsOf('reports.create')
  const firstInput = first[1] as CreateInput
  expect(firstInput).toEqual({
    clientKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    category: 'litter',
    description: '村口垃圾堆了三天没人清理',
    photos: ['cloud://env/reports/2026/11/p1.jpg'],
    location: null,
    address: '东山村委会南边路口',
    villageId: 'v-dongshan',
    gridId: 'g-ds-1',
    anonymous: false
  })
  expect(upload).toHaveBeenCalledTimes(1)
  expect(upload.mock.calls[0][0]).toBe('wxfile://tmp/1.jpg#compressed')
  expect(upload.mock.calls[0][1]).toMatch(new RegExp(`^reports/\\d{4}/\\d{2}/${firstInput.clientKey}-[A-Za-z0-9]{8}\\.jpg$`))

  // The draft is kept, frozen, with the uploaded fileID and the same key.
  expect(storedDraft()).toEqual(
    expect.objectContaining({
      status: 'pending',
      clientKey: firstInput.clientKey,
      lastError: '网络不给力，请检查网络后重试',
      photos: [expect.objectContaining({ fileID: 'cloud://env/reports/2026/11/p1.jpg' })]
    })
  )
  expect(screen.queryByText('提交')).toBeNull()

  await act(async () => {
    fireEvent.click(screen.getByText('重新提交'))
  })
  expect(await screen.findByText('已提交')).toBeTruthy()
  expect(screen.getByText('编号 SSP-2026-0042')).toBeTruthy()

  const creates = callsOf('reports.create')
  expect(creates).toHaveLength(2)
  expect(creates[1][1]).toEqual(firstInput)
  expect(upload).toHaveBeenCalledTimes(1)

  // Done: a fresh draft with a new key replaces the old one.
  const fresh = storedDraft()
  expect(fresh?.clientKey).not.toBe(firstInput.clientKey)
  expect(fresh?.description).toBe('')

  fireEvent.click(screen.getByText('查看进度'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/reports/pages/detail/index?id=r-new' })
})

test('a draft left 待重试 goes out by itself when the page shows again, with its clientKey', async () => {
  let online = false
  serve({
    ...base,
    'reports.create': () => (online ? { ok: true, data: reportDetail({ id: 'r-9', no: 'SSP-2026-0009' }) } : { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' })
  })
  Taro.setStorageSync(
    draftStorageKey('resident'),
    JSON.stringify({
      version: 1,
      clientKey: 'mk3x1-abcdEFGH12345678',
      mode: 'resident',
      category: 'parking',
      description: '电动车把盲道堵死了',
      photos: [{ key: 'k1', path: 'wxfile://usr/1.jpg', fileID: 'cloud://env/reports/2026/11/k1.jpg' }],
      location: null,
      address: '菜市场门口',
      villageId: 'v-dongshan',
      gridId: null,
      anonymous: true,
      status: 'pending',
      lastError: '网络不给力，请检查网络后重试',
      sentAt: '2026-11-21T00:00:00.000Z',
      createdAt: '2026-11-21T00:00:00.000Z',
      updatedAt: '2026-11-21T00:00:00.000Z'
    })
  )
  renderPage()
  // Opening the page retried it already (still offline).
  await waitFor(() => expect(callsOf('reports.create')).toHaveLength(1))
  expect(await screen.findByText('待重试')).toBeTruthy()
  // Sent once with this key: no 修改内容 (an edit could be silently dropped).
  expect(screen.queryByText('修改内容')).toBeNull()

  online = true
  await act(async () => {
    taro.__show()
  })
  expect(await screen.findByText('已提交')).toBeTruthy()
  const creates = callsOf('reports.create')
  expect(creates).toHaveLength(2)
  for (const [, input] of creates) {
    expect(input).toEqual(expect.objectContaining({ clientKey: 'mk3x1-abcdEFGH12345678', anonymous: true, photos: ['cloud://env/reports/2026/11/k1.jpg'] }))
  }
  expect(upload).not.toHaveBeenCalled()
})

test('a refusal of the content (INVALID_INPUT) shows the message and keeps the draft editable', async () => {
  serve({
    ...base,
    'reports.create': () => ({ ok: false, code: 'INVALID_INPUT', message: '描述中含有不当内容，请修改后再提交', fields: { description: '描述中含有不当内容，请修改后再提交' } })
  })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/p.jpg' })
  const { container } = renderPage()
  await fillForm(container)
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findAllByText('描述中含有不当内容，请修改后再提交')).toHaveLength(2)
  expect(screen.queryByText('待重试')).toBeNull()
  expect(storedDraft()).toEqual(expect.objectContaining({ status: 'editing', sentAt: null }))

  // Editing works again and what was typed is still there.
  await typeInto(container, '.input-description', '村口垃圾堆了三天，没人清理')
  expect(storedDraft()?.description).toBe('村口垃圾堆了三天，没人清理')
  expect(screen.getByText('提交')).toBeTruthy()
})

test('with a location, nearby reports of the same kind are shown first; 我也遇到了 supports one', async () => {
  const near = {
    id: 'r-old',
    no: 'SSP-2026-0003',
    categoryName: '乱扔垃圾/暴露垃圾',
    statusLabel: '已受理',
    address: '东山村委会南边',
    distanceM: 42.4,
    createdAt: '2026-11-18T02:00:00.000Z',
    thumb: null,
    supportCount: 2
  }
  serve({
    ...base,
    'reports.nearby': () => ({ ok: true, data: [near] }),
    'reports.support': () => ({ ok: true, data: { ...near, supportCount: 3 } }),
    'reports.create': () => ({ ok: true, data: reportDetail({ id: 'r-new' }) })
  })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/p.jpg' })
  const { container } = renderPage()
  await fillForm(container)
  await act(async () => {
    fireEvent.click(screen.getByText('用当前位置'))
  })
  expect(await screen.findByText(/^已定位/)).toBeTruthy()
  // the place in words (what was typed), never the coordinates
  expect(screen.getByText('已定位：东山村委会南边路口')).toBeTruthy()
  expect(container.textContent).not.toMatch(/113\.26|23\.129/)

  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('附近 100 米内已有同类问题')).toBeTruthy()
  expect(callsOf('reports.nearby')).toEqual([['reports.nearby', { category: 'litter', location: { lng: 113.2644, lat: 23.1291 } }]])
  expect(callsOf('reports.create')).toHaveLength(0)
  const item = container.querySelector('.nearby-item[data-report-id="r-old"]') as HTMLElement
  expect(within(item).getByText('东山村委会南边 · 约 42 米')).toBeTruthy()

  await act(async () => {
    fireEvent.click(within(item).getByText('我也遇到了'))
  })
  await waitFor(() => expect(callsOf('reports.support')).toEqual([['reports.support', { reportId: 'r-old' }]]))
  expect(await within(item).findByText('已告诉处理人员')).toBeTruthy()
  expect(callsOf('reports.create')).toHaveLength(0)

  // Not the same problem after all: file it anyway.
  await act(async () => {
    fireEvent.click(screen.getByText('不是同一个，仍要提交新问题'))
  })
  expect(await screen.findByText('已提交')).toBeTruthy()
  expect(callsOf('reports.create')[0][1]).toEqual(expect.objectContaining({ location: { lng: 113.2644, lat: 23.1291 } }))
  expect(callsOf('reports.nearby')).toHaveLength(1)
})

test('refusing location is a clear message; the address can still be typed and the report sent', async () => {
  serve({ ...base, 'reports.create': () => ({ ok: true, data: reportDetail() }) })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/p.jpg' })
  taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
  const { container } = renderPage()
  await fillForm(container)
  await act(async () => {
    fireEvent.click(screen.getByText('用当前位置'))
  })
  expect(await screen.findByText(/没有获得位置权限。您可以直接填写地址/)).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('已提交')).toBeTruthy()
  expect(callsOf('reports.nearby')).toHaveLength(0)
  expect(callsOf('reports.create')[0][1]).toEqual(expect.objectContaining({ location: null, address: '东山村委会南边路口' }))
})

test('督导上报: a grid worker files from patrol with the same form, marked inspection, without the anonymity switch', async () => {
  serve({ ...base, 'reports.create': () => ({ ok: true, data: reportDetail({ id: 'r-insp', source: 'inspection' }) }) })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/p.jpg' })
  const { container } = render(
    <AppStoreProvider>
      <InspectPage />
    </AppStoreProvider>
  )
  await fillForm(container)
  expect(container.querySelector('.page-report-inspect')).toBeTruthy()
  expect(container.querySelector('.anonymous-switch')).toBeNull()
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('已提交')).toBeTruthy()
  expect(callsOf('reports.create')[0][1]).toEqual(expect.objectContaining({ inspection: true, anonymous: false, villageId: 'v-dongshan' }))
  // The 督导 draft is kept apart from the resident's own 随手拍 draft.
  expect(Taro.getStorageSync(draftStorageKey('resident'))).toBe('')
  fireEvent.click(screen.getByText('查看进度'))
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/reports/pages/handle/index?id=r-insp' })
})

test('an upload that fails before anything was sent leaves the draft 待重试 but it may still be changed', async () => {
  serve({ ...base, 'reports.create': () => ({ ok: true, data: reportDetail() }) })
  upload.mockResolvedValueOnce({ ok: false, code: 'INTERNAL', message: '照片上传没有成功，网络不给力，请稍后重试' })
  const { container } = renderPage()
  await fillForm(container)
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('待重试')).toBeTruthy()
  expect(callsOf('reports.create')).toHaveLength(0)
  expect(storedDraft()).toEqual(expect.objectContaining({ status: 'pending', sentAt: null }))

  fireEvent.click(screen.getByText('修改内容'))
  await typeInto(container, '.input-address', '东山村委会南边路口东侧')
  expect(storedDraft()).toEqual(expect.objectContaining({ status: 'editing', address: '东山村委会南边路口东侧' }))

  upload.mockResolvedValueOnce({ ok: true, data: 'cloud://env/p.jpg' })
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  expect(await screen.findByText('已提交')).toBeTruthy()
  expect(callsOf('reports.create')[0][1]).toEqual(expect.objectContaining({ address: '东山村委会南边路口东侧', photos: ['cloud://env/p.jpg'] }))
})

test('leaving the page while the report is being sent and coming back follows that send: one reports.create, then 已提交', async () => {
  let answer: (res: unknown) => void = () => undefined
  serve({
    ...base,
    'reports.mine': () => ({ ok: true, data: { items: [], next: null } }),
    'reports.create': (() => new Promise((resolve) => (answer = resolve))) as unknown as Replies['reports.create']
  })
  upload.mockResolvedValue({ ok: true, data: 'cloud://env/reports/2026/11/p1.jpg' })
  const { container } = renderPage()
  await fillForm(container)
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  await waitFor(() => expect(callsOf('reports.create')).toHaveLength(1))
  const clientKey = (callsOf('reports.create')[0][1] as CreateInput).clientKey

  // Away to 我的随手拍 (the form unmounts) and back: the form opens on the draft being sent.
  await act(async () => {
    fireEvent.click(screen.getByText('我的随手拍'))
  })
  expect(container.querySelector('.report-form')).toBeNull()
  await act(async () => {
    fireEvent.click(screen.getByText('随手拍'))
  })
  expect(await screen.findByText('正在重新提交…')).toBeTruthy()
  expect((container.querySelector('.report-retry') as HTMLElement).textContent).toContain('正在提交…')
  // Opening the page again sent nothing more.
  expect(callsOf('reports.create')).toHaveLength(1)

  await act(async () => {
    answer({ ok: true, data: reportDetail({ id: 'r-new', no: 'SSP-2026-0042' }) })
  })
  expect(await screen.findByText('编号 SSP-2026-0042')).toBeTruthy()
  expect(callsOf('reports.create')).toHaveLength(1)
  expect(upload).toHaveBeenCalledTimes(1)
  const fresh = storedDraft()
  expect(fresh).toEqual(expect.objectContaining({ status: 'editing', description: '' }))
  expect(fresh?.clientKey).not.toBe(clientKey)
})
