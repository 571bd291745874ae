/**
 * 数据看板 (issue #13) end to end, in the real H5 build (dist-h5) in chromium against
 * local-server/main.ts and the seeded 西岗镇: 周建国 (town office) opens 数据看板 from 我的, sees the
 * cards, the charts drawn on the canvas and the village table, taps 超期 and lands on 问题台账
 * filtered 只看超期 — the same problems (the ledger's rows are the dashboard's overdue list, and the
 * ledger holds exactly as many as the card says); then 东山村's 超期 cell opens the ledger of 东山村's.
 * Screenshots: test-artifacts/13-dashboard/NN-*.png.
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first (`npm test` does both).
 */
import type { Page } from 'playwright-core'
import type { DashboardView, LedgerRow, Page as Paged } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, noToast, okData, openTab, text, tokenOf, type Person } from './kit'

const TIMEOUT = 300_000
const JOURNEY = '13-dashboard'
const TOWN = '周建国'

const suite = browserSuite(TIMEOUT)
const api = async <T>(page: Page, fn: string, action: string, data: unknown): Promise<T> => okData(action, await callApi<T>(suite.app, await tokenOf(page), fn, action, data))

/** Every row of the ledger with this filter (page after page, through the API). */
async function ledgerIds(page: Page, filter: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const got: Paged<LedgerRow> = await api<Paged<LedgerRow>>(page, 'reports', 'reports.ledger', { ...filter, pageSize: 50, ...(cursor ? { cursor } : {}) })
    ids.push(...got.items.map((r) => r.id))
    cursor = got.next
  } while (cursor)
  return ids
}

describe('数据看板 (H5 build + local server)', () => {
  test(
    '镇创建办打开数据看板 → 点「超期」→ 问题台账只看超期，正是看板上的那些问题',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      try {
        const town = (current = await suite.signIn(TOWN))
        const page = town.page
        await openTab(page, '我的')
        const admin = page.locator('.page-me .me-admin')
        await admin.waitFor()
        await admin.locator('.me-admin-report-dashboard').click()

        const board = page.locator('.page-dashboard')
        const overdueCard = board.locator('.dashboard-card--overdue')
        await overdueCard.waitFor()
        const shown = Number(await text(overdueCard.locator('.dashboard-card-value')))
        const view = await api<DashboardView>(page, 'supervision', 'supervision.dashboard', { period: 'week' })
        expect(shown).toBe(view.overdueList.total)
        expect(shown).toBeGreaterThan(0)
        await board.locator('img.dashboard-trend-image').waitFor()
        await board.locator('.dashboard-table--village .dashboard-td--name', { hasText: '东山村' }).waitFor()
        await noToast(page)
        await shots.step(page, 'town-dashboard')

        // 超期 → 问题台账 (只看超期): the same problems, as many as the card says
        await overdueCard.click()
        const ledger = page.locator('.page-ledger')
        const rows = ledger.locator('[data-report-id]')
        await rows.first().waitFor()
        expect(page.url()).toContain('overdue=1')
        const onPage = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-report-id')))
        expect(onPage).toEqual(view.overdueList.items.map((i) => i.id).slice(0, onPage.length))
        expect(await ledgerIds(page, { overdue: true })).toHaveLength(shown)
        await shots.step(page, 'ledger-overdue')

        // back, 东山村's 超期 cell → the ledger of 东山村's overdue problems
        await page.goBack()
        const dongshan = board.locator('.dashboard-table--village .dashboard-tr', { has: page.locator('.dashboard-td--name', { hasText: '东山村' }) })
        const dsCount = Number(await text(dongshan.locator('.dashboard-td--overdue')))
        await dongshan.locator('.dashboard-td--overdue').click()
        expect(page.url()).toContain('villageId=v_dongshan')
        expect(await ledgerIds(page, { villageId: 'v_dongshan', overdue: true })).toHaveLength(dsCount)
        if (dsCount > 0) await ledger.locator('[data-report-id]').first().waitFor()
        await shots.step(page, 'ledger-dongshan-overdue')

        for (const person of suite.people) expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] })
      } catch (err) {
        if (current) await shots.step(current.page, 'failed').catch(() => undefined)
        if (err instanceof Error) err.message += `\n--- local server output ---\n${suite.app.output().slice(-4000)}`
        throw err
      }
    },
    TIMEOUT
  )
})
