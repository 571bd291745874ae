/**
 * Issue #14 item 2 in the real H5 build (dist-h5) in chromium against local-server/main.ts: no page
 * without a way back. As 周建国 (town office, who may open the most pages) on a 390 × 844 phone:
 *
 *   - every page of app.config (the main pages and every subpackage page) opened from a link shows
 *     Taro's navigation bar with the page's title and a way out — 首页 in the bar (nothing to go back
 *     to) or, on a tab page, the tab bar — and the way out leads to 首页;
 *   - a real back step: 我的 → 管理 entry → 返回 in the bar → 我的 again, and a detail page → 返回;
 *   - an unknown route shows the 404 page with 返回首页 (opened from a link and from inside the app),
 *     and a detail page with an id that does not exist says 未找到…（可能已删除或链接有误） with 返回首页.
 *
 * Screenshots: test-artifacts/14-nav/NN-*.png. Needs the H5 build and the functions (`npm test` builds both).
 */
import type { Page } from 'playwright-core'
import type { AppConfig } from '@tarojs/taro'
import { screenshotSeries } from './harness'
import { browserSuite, openTab, pageInPlace, text } from './kit'

const TIMEOUT = 900_000
const suite = browserSuite(TIMEOUT)
const TOWN = '周建国'

/** The pages of app.config as the H5 build sees them (TARO_ENV=h5), with their subpackage roots. */
function appRoutes(): { tabs: string[]; pages: string[] } {
  const before = process.env.TARO_ENV
  process.env.TARO_ENV = 'h5'
  const globals = globalThis as unknown as { defineAppConfig?: (config: unknown) => unknown }
  globals.defineAppConfig = (config) => config
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require('../../src/app.config') as { default: AppConfig }).default
    const tabs = (config.tabBar?.list ?? []).map((tab) => `/${tab.pagePath}`)
    const main = (config.pages ?? []).map((page) => `/${page}`)
    const subpackages = (config.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `/${sub.root}/${page}`))
    return { tabs, pages: [...main, ...subpackages].filter((route) => !route.includes('dev-sign-in')) }
  } finally {
    process.env.TARO_ENV = before
  }
}

const bar = (page: Page) => page.locator('#taro-navigation-bar')
const backButton = (page: Page) => bar(page).locator('.taro-navigation-bar-back')
const homeButton = (page: Page) => bar(page).locator('.taro-navigation-bar-home')

/** Opens a route as a link would: a fresh load of the app at that hash (the page stack starts there). */
async function openLink(page: Page, route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${suite.app.url}#${route}`)
}

/** The page on screen: its shell rendered inside the visible Taro page. */
async function shownPage(page: Page): Promise<void> {
  await page.locator('.wm-page').filter({ visible: true }).first().waitFor()
}

/** After 返回: the page below on screen, or a failure that says where the app went instead. */
async function backTo(page: Page, selector: string): Promise<void> {
  try {
    await page.locator(selector).filter({ visible: true }).first().waitFor({ timeout: 15_000 })
  } catch {
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.wm-page'))
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => el.className)
    )
    throw new Error(`返回 did not lead to ${selector}: at ${page.url()}, pages shown: ${JSON.stringify(shown)}`)
  }
}

async function atHome(page: Page): Promise<void> {
  await page.locator('.page-home').filter({ visible: true }).first().waitFor()
}

describe('H5 navigation: a way back everywhere (issue #14 item 2)', () => {
  test(
    'every page of app.config has its title and a way back; unknown routes and missing things say so',
    async () => {
      const { tabs, pages } = appRoutes()
      expect(pages.length).toBeGreaterThan(40)
      const { page, errors } = await suite.signIn(TOWN)
      const { step } = screenshotSeries('14-nav')
      const noWayBack: string[] = []

      for (const route of pages) {
        await openLink(page, route)
        await shownPage(page)
        const name = route
          .replace(/^\/(packages\/)?/, '')
          .replace(/\/index$/, '')
          .replace(/[/]/g, '-')
        await expect(bar(page).isVisible()).resolves.toBe(true)
        // The title is the page's navigationBarTitleText, never empty.
        expect((await text(bar(page).locator('.taro-navigation-bar-title'))).length).toBeGreaterThan(0)
        if (tabs.includes(route)) {
          // A tab page: the tab bar is the way around, the bar has no button.
          if (!(await page.locator('.weui-tabbar').isVisible())) noWayBack.push(route)
          await expect(backButton(page).isVisible()).resolves.toBe(false)
          await step(page, name)
          continue
        }
        // Opened from a link there is nothing to go back to: 首页 (icon and word) in the bar.
        if (!(await homeButton(page).isVisible())) {
          noWayBack.push(route)
          continue
        }
        expect(await text(homeButton(page))).toBe('首页')
        await step(page, name)
        await homeButton(page).click()
        await atHome(page)
      }
      expect(noWayBack).toEqual([])

      // A real back step: 我的 → a 管理 entry → 返回 → 我的.
      await openLink(page, '/pages/home/index')
      await atHome(page)
      await openTab(page, '我的')
      await pageInPlace(page, '.page-me')
      const entry = page.locator('.page-me .me-admin .me-admin-entry').first()
      await entry.waitFor()
      // The entry's badge comes with users.home: tap once the list stands still.
      await page.locator('.page-me .me-admin .me-admin-badge').first().waitFor()
      await entry.click()
      // The page opened (its own shell, slid in and still) before anyone taps 返回.
      await page.locator('.page-report-queue').filter({ visible: true }).first().waitFor()
      await pageInPlace(page, '.page-report-queue')
      await backButton(page).waitFor()
      expect(await text(backButton(page))).toBe('返回')
      await expect(homeButton(page).isVisible()).resolves.toBe(false)
      await step(page, 'admin-entry-with-back')
      await backButton(page).click()
      await backTo(page, '.page-me')
      await expect(backButton(page).isVisible()).resolves.toBe(false)

      // An unknown route opened from a link: the 404 page, 返回首页 leads home.
      await openLink(page, '/pages/nowhere/index')
      const notFound = page.locator('.page-not-found').filter({ visible: true })
      await notFound.waitFor()
      expect(await text(notFound.locator('.not-found-title'))).toBe('没有这个页面')
      expect(await text(bar(page).locator('.taro-navigation-bar-title'))).toBe('页面不存在')
      await step(page, '404-from-link')
      await notFound.locator('.not-found-home').click()
      await atHome(page)

      // An unknown route from inside the app (a stale link in a page): the 404 page in its place.
      await page.evaluate(() => {
        window.location.hash = '/packages/reports/pages/nowhere/index'
      })
      await notFound.waitFor()
      await step(page, '404-inside-app')
      await notFound.locator('.not-found-home').click()
      await atHome(page)

      // A detail page whose id does not exist: not just 重试.
      for (const [route, said] of [
        ['/packages/reports/pages/detail/index?id=nope-0000', /^未找到.+（可能已删除或链接有误）$/],
        ['/packages/volunteers/pages/detail/index?id=nope-0000', /^未找到.+（可能已删除或链接有误）$/],
        ['/packages/honour/pages/board/index?id=nope-0000', /^未找到.+（可能已删除或链接有误）$/],
        ['/packages/supervision/pages/visit/index?id=nope-0000', /^未找到.+（可能已删除或链接有误）$/]
      ] as const) {
        await openLink(page, route)
        const state = page.locator('.wm-state--not-found').filter({ visible: true })
        await state.waitFor()
        expect(await text(state.locator('.wm-state-title'))).toMatch(said)
        await expect(state.getByText('重试').count()).resolves.toBe(0)
        await step(page, `not-found-${route.split('/')[2]}`)
        await state.locator('.wm-state-home').click()
        await atHome(page)
      }

      expect(errors).toEqual([])
    },
    TIMEOUT
  )
})
