import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppStoreProvider } from '@/store/app-store'
import MePage from '@/pages/me/index'
import { org, profile, units } from './support/fixtures'
import { callMock, callsOf, serve, typeInto } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

function renderMe() {
  const view = render(
    <AppStoreProvider>
      <MePage />
    </AppStoreProvider>
  )
  const root = () => view.container.querySelector('.page-me') as HTMLElement
  return { ...view, root }
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  ;(Taro as unknown as { __resetStorage: () => void }).__resetStorage()
})

test('shows who I am with my roles resolved to place names', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile() }),
    'org.overview': () => ({ ok: true, data: org })
  })
  renderMe()
  expect(await screen.findByText('张秀兰')).toBeTruthy()
  expect(screen.getByText('138****8000')).toBeTruthy()
  expect(screen.getByText('居民')).toBeTruthy()
  expect(await screen.findByText('网格员 · 东山村 第一网格')).toBeTruthy()
  expect(screen.getByText('所在村（居）：东山村 · 第一网格')).toBeTruthy()
  // A grid worker is not an administrator: no 管理 entry.
  expect(screen.queryByText('人员与角色')).toBeNull()

  fireEvent.click(screen.getByText('显示完整号码'))
  expect(screen.getByText('13800138000')).toBeTruthy()
})

test('长辈模式 applies at once, is saved with users.setPreferences and cached', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile() }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.setPreferences': (input) => ({ ok: true, data: profile({ largeFont: (input as { largeFont: boolean }).largeFont }) })
  })
  const { root, container } = renderMe()
  await screen.findByText('张秀兰')
  expect(root().classList.contains('elder-mode')).toBe(false)

  const toggle = container.querySelector('.elder-switch') as HTMLElement
  expect(toggle).toBeTruthy()
  await act(async () => {
    fireEvent.click(toggle)
  })

  await waitFor(() => expect(callsOf('users.setPreferences')).toEqual([['users.setPreferences', { largeFont: true }]]))
  await waitFor(() => expect(root().classList.contains('elder-mode')).toBe(true))
  expect(screen.getByText('长辈模式已开启')).toBeTruthy()
  expect(Taro.setStorageSync).toHaveBeenCalledWith('wm.largeFont', true)
})

test('长辈模式 reverts and shows the server message when saving fails', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile() }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.setPreferences': () => ({ ok: false, code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' })
  })
  const { root, container } = renderMe()
  await screen.findByText('张秀兰')
  await act(async () => {
    fireEvent.click(container.querySelector('.elder-switch') as HTMLElement)
  })
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '操作太频繁，请稍后再试' })))
  expect(root().classList.contains('elder-mode')).toBe(false)
})

test('an invalid phone shows the Chinese field error and does not reach the server', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile() }),
    'org.overview': () => ({ ok: true, data: org })
  })
  const { container } = renderMe()
  await screen.findByText('张秀兰')
  fireEvent.click(screen.getByText('编辑资料'))
  await screen.findByText('手机号')

  await typeInto(container, '.input-phone', '12345')
  await act(async () => {
    fireEvent.click(screen.getByText('保存'))
  })

  expect(await screen.findByText('请填写 11 位手机号', { selector: '.form-field-error' })).toBeTruthy()
  expect(callsOf('users.updateProfile')).toHaveLength(0)
})

test('saving the profile sends the edited fields and keeps them when the server refuses', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile() }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.updateProfile': () => ({ ok: false, code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' })
  })
  const { container } = renderMe()
  await screen.findByText('张秀兰')
  fireEvent.click(screen.getByText('编辑资料'))
  await screen.findByText('西山村')

  await typeInto(container, '.input-name', '张秀英')
  fireEvent.click(screen.getByText('西山村'))
  fireEvent.click(await screen.findByText('西山一网格'))
  await act(async () => {
    fireEvent.click(screen.getByText('保存'))
  })

  await waitFor(() => expect(callsOf('users.updateProfile')).toEqual([['users.updateProfile', { name: '张秀英', phone: '13800138000', villageId: 'v-xishan', gridId: 'g-xs-1' }]]))
  expect(await screen.findByText('数据已被他人修改，请刷新后重试')).toBeTruthy()
  // What was typed is still there.
  const nameInput = container.querySelector('.input-name input') as HTMLInputElement | null
  expect(nameInput?.value ?? (container.querySelector('.input-name') as HTMLInputElement).value).toBe('张秀英')
})

test('first launch shows the privacy notice; agreeing records PRIVACY_VERSION', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ privacyVersion: null, privacyAcceptedAt: null }) }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.acceptPrivacy': () => ({ ok: true, data: profile() })
  })
  renderMe()
  expect(await screen.findByText('用户隐私保护指引')).toBeTruthy()
  expect(screen.getByText('您还没有同意用户隐私保护指引')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('同意并继续'))
  })
  await waitFor(() => expect(callsOf('users.acceptPrivacy')).toEqual([['users.acceptPrivacy', { version: '2026-11' }]]))
  await waitFor(() => expect(screen.queryByText('用户隐私保护指引')).toBeNull())
  expect(screen.getByText(/^已同意（版本 2026-11/)).toBeTruthy()
})

test('refusing the privacy notice is a normal path with a clear message', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ privacyVersion: null, privacyAcceptedAt: null }) }),
    'org.overview': () => ({ ok: true, data: org })
  })
  renderMe()
  await screen.findByText('用户隐私保护指引')
  fireEvent.click(screen.getByText('不同意'))
  await waitFor(() => expect(screen.queryByText('用户隐私保护指引')).toBeNull())
  expect(screen.getByText(/您未同意隐私保护指引，随手拍、定位和上传照片暂不能使用/)).toBeTruthy()
  expect(callsOf('users.acceptPrivacy')).toHaveLength(0)
})

test('administrators see the 管理 entry; a failed users.me shows its message with 重试', async () => {
  let attempt = 0
  serve({
    'users.me': () =>
      ++attempt === 1
        ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' }
        : { ok: true, data: profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '', grantedBy: '' }] }) },
    'org.overview': () => ({ ok: true, data: org }),
    'org.listUnits': () => ({ ok: true, data: units })
  })
  renderMe()
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('重试'))
  })
  expect(await screen.findByText('人员与角色')).toBeTruthy()
  expect(await screen.findByText('镇创建办 · 西岗镇')).toBeTruthy()
  fireEvent.click(screen.getByText('人员与角色'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/users/index' })
})

const toXishan = { villageId: 'v-xishan', villageName: '西山村', gridId: 'g-xs-1', gridName: '西山一网格', requestedAt: '2026-11-18T02:00:00.000Z' }

test('choosing another village explains that its admin must confirm; the request shows 待确认 until 取消申请', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile() }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.updateProfile': () => ({ ok: true, data: profile({ pendingMove: toXishan }) }),
    'users.cancelMove': () => ({ ok: true, data: profile() })
  })
  renderMe()
  await screen.findByText('张秀兰')
  fireEvent.click(screen.getByText('编辑资料'))
  await screen.findByText('西山村')
  expect(screen.queryByText('更换村（居）需要新村（居）管理员确认')).toBeNull()

  fireEvent.click(screen.getByText('西山村'))
  expect(await screen.findByText('更换村（居）需要新村（居）管理员确认')).toBeTruthy()
  expect(screen.getByText(/确认前您仍属于东山村/)).toBeTruthy()
  fireEvent.click(await screen.findByText('西山一网格'))
  await act(async () => {
    fireEvent.click(screen.getByText('保存'))
  })

  // Still 东山村; the move waits.
  expect(await screen.findByText('申请迁往：西山村 · 西山一网格')).toBeTruthy()
  expect(screen.getByText('待确认')).toBeTruthy()
  expect(screen.getByText('所在村（居）：东山村 · 第一网格')).toBeTruthy()
  expect(screen.getByText(/需要西山村管理员或镇创建办确认/)).toBeTruthy()
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，等待确认' }))

  await act(async () => {
    fireEvent.click(screen.getByText('取消申请'))
  })
  await waitFor(() => expect(screen.queryByText('待确认')).toBeNull())
  expect(callsOf('users.cancelMove')).toEqual([['users.cancelMove', {}]])
})

test('a refused move shows the reason until 知道了; a failed withdrawal shows the message', async () => {
  let attempt = 0
  serve({
    'users.me': () => ({ ok: true, data: profile({ refusedMove: { villageId: 'v-xishan', villageName: '西山村', reason: '经核实未在本村居住', refusedAt: '2026-11-18T03:00:00.000Z' } }) }),
    'org.overview': () => ({ ok: true, data: org }),
    'users.cancelMove': () => (++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: profile() })
  })
  renderMe()
  expect(await screen.findByText('迁往西山村的申请未获同意：经核实未在本村居住')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('知道了'))
  })
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('知道了'))
  })
  await waitFor(() => expect(screen.queryByText(/申请未获同意/)).toBeNull())
})
