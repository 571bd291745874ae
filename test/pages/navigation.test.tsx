/**
 * Issue #14 items 2, 7 and 10 in page tests: a read that finds nothing shows 未找到…（可能已删除或链接有误）
 * with 返回首页 (not 重试), the 404 page, the weapp's custom tab bar (icons, the tab of the page, 长辈模式),
 * and the 长辈模式 sizes the tokens give on a 390 px phone.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CustomTabBar, { TAB_ITEMS } from '@/custom-tab-bar'
import NotFoundPage from '@/pages/not-found/index'
import ReportDetailPage from '@/packages/reports/pages/detail/index'
import ActivityDetailPage from '@/packages/volunteers/pages/detail/index'
import { ErrorState } from '@/components/state-view'
import { cacheLargeFont } from '@/services/prefs'
import { profile } from './support/fixtures'
import { callMock, serve, type Replies } from './support/serve'
import { click, inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as {
  __resetStorage: () => void
  __setRouterParams: (params: Record<string, string>) => void
  reLaunch: jest.Mock
  navigateBack: jest.Mock
  switchTab: jest.Mock
  getCurrentPages: jest.Mock
}

const base: Replies = { 'users.me': () => ({ ok: true, data: profile() }) }
const root = join(__dirname, '..', '..')

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  taro.__resetStorage()
  taro.__setRouterParams({})
  taro.getCurrentPages.mockReturnValue([{ route: 'packages/reports/pages/detail/index' }])
  serve(base)
})

describe('not-found states', () => {
  test('a report the cloud does not know: 未找到这个问题 with 返回首页, no 重试', async () => {
    taro.__setRouterParams({ id: 'r-gone' })
    serve({ ...base, 'reports.get': () => ({ ok: false, code: 'NOT_FOUND', message: '没有找到这个问题' }) })
    inStore(<ReportDetailPage />)
    expect(await screen.findByText('未找到这个问题（可能已删除或链接有误）')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    // Only one page in the stack (opened from a link): no 返回, only 返回首页.
    expect(screen.queryByText('返回')).toBeNull()
    await click(screen.getByText('返回首页'))
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  test('a malformed id in the link is not found either, and 返回 goes back when there is a page to go back to', async () => {
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/activities/index' }, { route: 'packages/volunteers/pages/detail/index' }])
    taro.__setRouterParams({ id: '<script>' })
    serve({ ...base, 'volunteers.activity': () => ({ ok: false, code: 'INVALID_INPUT', message: '活动编号格式不正确', fields: { activityId: '活动编号格式不正确' } }) })
    inStore(<ActivityDetailPage />)
    expect(await screen.findByText('未找到要找的内容（可能已删除或链接有误）')).toBeTruthy()
    await click(screen.getByText('返回'))
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 })
    expect(taro.reLaunch).not.toHaveBeenCalled()
  })

  test('a link without an id names what it was for', async () => {
    serve(base)
    inStore(<ReportDetailPage />)
    expect(await screen.findByText('未找到要查看的问题（可能已删除或链接有误）')).toBeTruthy()
  })

  test('any other failure keeps its message and 重试', async () => {
    const retry = jest.fn()
    inStore(<ErrorState message='服务暂时不可用，请稍后再试' onRetry={retry} />)
    expect(screen.getByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    expect(screen.queryByText('返回首页')).toBeNull()
    await click(screen.getByText('重试'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  test('the 404 page says what happened and leads home', async () => {
    serve(base)
    taro.__setRouterParams({ from: encodeURIComponent('/pages/nowhere/index') })
    const { container } = inStore(<NotFoundPage />)
    expect(screen.getByText('没有这个页面')).toBeTruthy()
    expect(screen.getByText('/pages/nowhere/index')).toBeTruthy()
    expect(container.querySelector('.page-not-found')).not.toBeNull()
    expect(screen.queryByText('返回上一页')).toBeNull()
    await click(screen.getByText('返回首页'))
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })
})

describe('tab bar', () => {
  test('app.config lists the same tabs with an icon pair each; the weapp draws the custom tab bar', () => {
    const globals = globalThis as unknown as { defineAppConfig?: (config: unknown) => unknown }
    globals.defineAppConfig = (config) => config
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require('@/app.config') as { default: Taro.AppConfig }).default
    const tabBar = config.tabBar as NonNullable<Taro.AppConfig['tabBar']> & { custom?: boolean }
    expect(tabBar.custom).toBe(true)
    expect(tabBar.list.map(({ pagePath, text }) => ({ pagePath, text }))).toEqual(TAB_ITEMS.map(({ pagePath, text }) => ({ pagePath, text })))
    expect(config.pages).toContain('pages/not-found/index')
    for (const item of tabBar.list) {
      for (const icon of [item.iconPath, item.selectedIconPath]) {
        const png = readFileSync(join(root, 'src', icon as string))
        // A PNG of 81 × 81 (WeChat's recommendation), far under the 40 KB limit.
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81])
        expect(png.length).toBeLessThan(4 * 1024)
      }
    }
  })

  test('shows every tab with its icon, marks the page’s own tab and switches tabs', async () => {
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/honour/index' }])
    // Outside the pages' store, as in the weapp (its own component tree).
    const { container } = render(<CustomTabBar />)
    const items = Array.from(container.querySelectorAll('.wm-tabbar-item'))
    expect(items.map((item) => item.textContent)).toEqual(['首页', '随手拍', '志愿', '光荣榜', '我的'])
    await waitFor(() => expect(container.querySelector('.wm-tabbar-item--on')?.textContent).toBe('光荣榜'))
    const icons = Array.from(container.querySelectorAll('.wm-tabbar-icon')).map((icon) => icon.getAttribute('src') ?? icon.querySelector('img')?.getAttribute('src'))
    expect(icons).toEqual(['/assets/tabbar/home.png', '/assets/tabbar/report.png', '/assets/tabbar/activities.png', '/assets/tabbar/honour-active.png', '/assets/tabbar/me.png'])
    expect(container.querySelector('.wm-tabbar--elder')).toBeNull()
    await click(screen.getByText('随手拍'))
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' })
    expect(container.querySelector('.wm-tabbar-item--on')?.textContent).toBe('随手拍')
  })

  test('follows 长辈模式: on at start from the saved preference, and at once when it is switched', async () => {
    cacheLargeFont(true)
    // Outside the pages' store, as in the weapp (its own component tree).
    const { container } = render(<CustomTabBar />)
    expect(container.querySelector('.wm-tabbar.wm-tabbar--elder')).not.toBeNull()
    act(() => cacheLargeFont(false))
    expect(container.querySelector('.wm-tabbar--elder')).toBeNull()
    act(() => cacheLargeFont(true))
    expect(container.querySelector('.wm-tabbar--elder')).not.toBeNull()
  })
})

describe('长辈模式 sizes', () => {
  /** The design is 750 px wide: on a 390 px phone one design px is 0.52 CSS px. */
  const cssPx = (designPx: number) => (designPx * 390) / 750
  const tokens = readFileSync(join(root, 'src/styles/tokens.scss'), 'utf8')
  const token = (name: string) => Number(new RegExp(`^\\$${name}: (\\d+)px;`, 'm').exec(tokens)?.[1])
  const shell = readFileSync(join(root, 'src/components/page-shell/index.scss'), 'utf8')
  const elderBlock = shell.slice(shell.indexOf('.wm-page.elder-mode'))

  test('every font variable is at least 18 px and every touch target at least 44 px on a 390 px phone', () => {
    const fonts = Array.from(elderBlock.matchAll(/--wm-fs[a-z-]*: #\{\$([a-z-]+)\};/g), (match) => match[1])
    expect(fonts).toEqual(expect.arrayContaining(['wm-fs-elder', 'wm-fs-small-elder']))
    expect(fonts.length).toBeGreaterThanOrEqual(8)
    for (const name of fonts) expect(cssPx(token(name))).toBeGreaterThanOrEqual(18)
    expect(cssPx(token('wm-tap-elder'))).toBeGreaterThanOrEqual(44)
    const buttons = Array.from(elderBlock.matchAll(/--nutui-button-[a-z]+-height: (\d+)px;/g), (match) => Number(match[1]))
    expect(buttons).toHaveLength(3)
    for (const height of buttons) expect(cssPx(height)).toBeGreaterThanOrEqual(44)
  })

  test('the counters, captions and tab labels read the 长辈模式 variables', () => {
    for (const file of ['src/components/report-card/index.scss', 'src/components/photo-picker/index.scss', 'src/components/qr-code/index.scss']) {
      const scss = readFileSync(join(root, file), 'utf8')
      expect(scss).not.toMatch(/font-size: \$wm-fs-tiny;/)
      expect(scss).toMatch(/font-size: var\(--wm-fs-tiny, \$wm-fs-tiny\);/)
    }
    const tabbar = readFileSync(join(root, 'src/custom-tab-bar/index.scss'), 'utf8')
    expect(tabbar).toMatch(/\.wm-tabbar--elder \.wm-tabbar-label \{\s*font-size: \$wm-fs-small-elder;/)
  })
})
