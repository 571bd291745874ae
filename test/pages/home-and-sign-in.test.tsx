import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '@/pages/home/index'
import DevSignInPage from '@/pages/dev-sign-in/index'
import { LOCAL_TOKEN_KEY } from '@/services/local-token'
import { profile } from './support/fixtures'
import { callMock, callsOf, serve } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  window.localStorage.clear()
})

describe('首页', () => {
  test('greets the person by name and village, with the four entries', async () => {
    serve({ 'users.me': () => ({ ok: true, data: profile() }) })
    const { container } = inStore(<HomePage />)
    expect(container.querySelector('.page-home .wm-skeleton')).toBeTruthy()
    expect(await screen.findByText(/好，张秀兰$/)).toBeTruthy()
    expect(screen.getByText('东山村 · 第一网格')).toBeTruthy()
    for (const title of ['随手拍', '志愿活动', '光荣榜', '我的善行']) expect(screen.getByText(title)).toBeTruthy()
    expect(screen.getByText('一起创建文明城市')).toBeTruthy()
    fireEvent.click(screen.getByText('光荣榜'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/honour/index' })
    fireEvent.click(screen.getByText('我的善行'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/deeds/pages/index/index' })
  })

  test('asks a person without a village to pick one', async () => {
    serve({ 'users.me': () => ({ ok: true, data: profile({ villageId: null, villageName: null, gridId: null, gridName: null }) }) })
    inStore(<HomePage />)
    expect(await screen.findByText(/还没有选择所在的村（居）/)).toBeTruthy()
  })

  test('shows the error with 重试, which loads again', async () => {
    let attempt = 0
    serve({ 'users.me': () => (++attempt === 1 ? { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' } : { ok: true, data: profile() }) })
    inStore(<HomePage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(await screen.findByText(/好，张秀兰$/)).toBeTruthy()
  })

  test('长辈模式 from the local cache applies before users.me answers', async () => {
    ;(Taro.getStorageSync as jest.Mock).mockImplementation((key: string) => key === 'wm.largeFont')
    let answer: (value: unknown) => void = () => undefined
    callMock.mockImplementation((() => new Promise((resolve) => (answer = resolve))) as never)
    const { container } = inStore(<HomePage />)
    expect(container.querySelector('.page-home')?.classList.contains('elder-mode')).toBe(true)
    await act(async () => answer({ ok: true, data: profile({ largeFont: false }) }))
    expect(container.querySelector('.page-home')?.classList.contains('elder-mode')).toBe(false)
    ;(Taro.getStorageSync as jest.Mock).mockReset()
  })
})

describe('本地演示登录 (H5 only)', () => {
  const fetchMock = jest.fn()
  beforeAll(() => {
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  })
  afterEach(() => fetchMock.mockReset())

  const json = (body: unknown, status = 200) => ({ ok: status < 300, status, json: async () => body }) as unknown as Response

  test('lists demo people by role and signs in with one tap', async () => {
    let signedIn = false
    serve({ 'users.me': () => (signedIn ? { ok: true, data: profile() } : { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' }) })
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url === '/api/dev/demo-users')
        return json({
          users: [
            { openid: 'o-res', name: '张秀兰', title: '居民 · 东山村' },
            { openid: 'o-res2', name: '李建国', title: '居民 · 西山村' },
            { openid: 'o-town', name: '王主任', title: '镇创建办' }
          ]
        })
      if (url === '/api/dev/sign-in') {
        expect(JSON.parse(String(init?.body))).toEqual({ openid: 'o-town' })
        signedIn = true
        return json({ token: 'tok-town' })
      }
      return json({}, 404)
    })
    const { container } = inStore(<DevSignInPage />)
    expect(screen.getByText('本地演示登录')).toBeTruthy()
    expect(await screen.findByText('王主任')).toBeTruthy()
    const groups = Array.from(container.querySelectorAll('.dev-sign-in-role')).map((node) => node.textContent)
    expect(groups).toEqual(['居民', '镇创建办'])

    await act(async () => {
      fireEvent.click(screen.getByText('王主任'))
    })
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(window.localStorage.getItem(LOCAL_TOKEN_KEY)).toBe('tok-town')
    expect(callsOf('users.me').length).toBeGreaterThanOrEqual(2)
  })

  test('a server that is not running is explained, with 重试', async () => {
    serve({ 'users.me': () => ({ ok: false, code: 'UNAUTHENTICATED', message: '请先登录' }) })
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    inStore(<DevSignInPage />)
    expect(await screen.findByText('连不上本地服务，请确认已运行 npm start')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
