/**
 * Issue #14 item 7 in the real H5 build (dist-h5) in chromium against local-server/main.ts: 长辈模式
 * everywhere. 王秀兰 (resident) turns it on in 我的, then on every tab page at 390 × 844 every text
 * on screen — the page, the tab bar labels, the navigation bar, the placeholders of the fields — is at
 * least 18 px, and every button and switch at least 44 px high. Screenshots: test-artifacts/14-elder/.
 * Needs the H5 build and the functions (`npm test` builds both).
 */
import type { Page } from 'playwright-core'
import { screenshotSeries } from './harness'
import { browserSuite, expectOk, openTab } from './kit'

const TIMEOUT = 600_000
const suite = browserSuite(TIMEOUT)
const RESIDENT = '王秀兰'
const MIN_TEXT = 18
const MIN_TARGET = 44

const TABS = [
  { label: '首页', page: 'home' },
  { label: '随手拍', page: 'report' },
  { label: '志愿', page: 'activities' },
  { label: '光荣榜', page: 'honour' },
  { label: '我的', page: 'me' }
] as const

interface Misfit {
  what: 'text' | 'placeholder' | 'target'
  size: number
  text: string
  className: string
}

/** Everything on screen smaller than allowed: the shown page, the tab bar and the navigation bar. */
async function misfits(page: Page, shell: string): Promise<Misfit[]> {
  return page.evaluate(
    ({ shell, minText, minTarget }) => {
      const found: Misfit[] = []
      const shown = (el: Element) => {
        const box = el.getBoundingClientRect()
        const style = getComputedStyle(el)
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0
      }
      const roots = [Array.from(document.querySelectorAll(shell)).find(shown), document.querySelector('.weui-tabbar'), document.getElementById('taro-navigation-bar')].filter(
        (root): root is Element => !!root && shown(root)
      )
      const describe = (el: Element) => ({ text: (el.textContent ?? el.getAttribute('placeholder') ?? '').trim().slice(0, 40), className: String(el.getAttribute('class') ?? el.tagName) })
      for (const root of roots) {
        for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
          if (!shown(el)) continue
          const ownText = Array.from(el.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '')
          const size = parseFloat(getComputedStyle(el).fontSize)
          if (ownText && size < minText) found.push({ what: 'text', size, ...describe(el) })
          if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.getAttribute('placeholder')) {
            const placeholder = parseFloat(getComputedStyle(el, '::placeholder').fontSize)
            if (placeholder < minText) found.push({ what: 'placeholder', size: placeholder, ...describe(el) })
          }
          if (el.matches('.nut-button, button, [role="button"], .nut-switch, .weui-tabbar__item')) {
            const height = el.getBoundingClientRect().height
            if (height < minTarget) found.push({ what: 'target', size: height, ...describe(el) })
          }
        }
      }
      return found
    },
    { shell, minText: MIN_TEXT, minTarget: MIN_TARGET }
  )
}

describe('长辈模式 on every tab page (issue #14 item 7)', () => {
  test(
    'text ≥ 18 px (tab bar labels and placeholders included), buttons ≥ 44 px high',
    async () => {
      const { page, errors } = await suite.signIn(RESIDENT)
      const { step } = screenshotSeries('14-elder')

      await openTab(page, '我的')
      const me = page.locator('.page-me')
      await me.locator('.elder-switch').waitFor()
      await expectOk(page, 'users.setPreferences', () => me.locator('.elder-switch').click())
      await page.locator('.page-me.elder-mode').waitFor()
      // The chrome outside the pages follows: <html> carries the class the tab bar and the bar read.
      await page.locator('html.wm-elder').waitFor({ state: 'attached' })

      const report: Record<string, Misfit[]> = {}
      for (const tab of TABS) {
        await openTab(page, tab.label)
        const shell = `.page-${tab.page}.elder-mode`
        await page.locator(shell).filter({ visible: true }).first().waitFor()
        // Measured once the page has its data (no skeleton rows left).
        await page
          .locator(`${shell} .wm-skeleton`)
          .filter({ visible: true })
          .first()
          .waitFor({ state: 'detached', timeout: 30_000 })
          .catch(() => undefined)
        await expect(page.locator(`${shell} .wm-skeleton`).filter({ visible: true }).count()).resolves.toBe(0)
        report[tab.label] = await misfits(page, shell)
        await step(page, tab.page)
      }

      // 随手拍 has the form's fields and 用当前位置: its placeholders were measured above; say so.
      const reportForm = page.locator('.page-report.elder-mode')
      await openTab(page, '随手拍')
      await expect(reportForm.locator('input[placeholder], textarea[placeholder]').count()).resolves.toBeGreaterThan(0)

      // Every tab label itself, read directly (a label missed by the walk would hide here).
      const labels = await page.locator('.weui-tabbar__label').evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)))
      expect(labels).toHaveLength(5)
      for (const size of labels) expect(size).toBeGreaterThanOrEqual(MIN_TEXT)

      expect(report).toEqual(Object.fromEntries(TABS.map((tab) => [tab.label, []])))
      expect(errors).toEqual([])
    },
    TIMEOUT
  )
})
