/**
 * 首页 by role (issue 14, item 1) in the real H5 build (dist-h5) in chromium against
 * local-server/main.ts and the seeded 西岗镇, on a 390 × 844 phone:
 *
 *   王秀兰 (resident, 东山村) sees her open problems with their status, 本月积分 — the same figure as
 *   我的善行 — the next activity and the village's board, and opens a problem from there;
 *   周建国 (town office) sees 待我处理 first: each count is the one users.home gives, 待受理 opens
 *   问题处置 on 待受理, and 我的's 问题处置 entry carries the same count as a badge.
 *
 * Screenshots: test-artifacts/14-home/NN-*.png. Needs `node scripts/build-functions.mjs` and
 * `npx taro build --type h5` first (`npm test` does both).
 */
import type { Page } from 'playwright-core'
import type { Balance, HomeView } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, noToast, okData, openTab, text, tokenOf, type Person } from './kit'

const TIMEOUT = 300_000
const JOURNEY = '14-home'
const RESIDENT = '王秀兰'
const TOWN = '周建国'

const suite = browserSuite(TIMEOUT)

const home = async (page: Page): Promise<HomeView> => okData('users.home', await callApi<HomeView>(suite.app, await tokenOf(page), 'users', 'users.home', {}))

/** The demo data is written after the server answers: wait until the town has problems waiting and the honour boards are there. */
async function demoWritten(): Promise<void> {
  const signedIn = await fetch(`${suite.app.url}api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-town-admin' }) })
  const { token } = (await signedIn.json()) as { token: string }
  const deadline = Date.now() + 180_000
  for (;;) {
    const reply = await callApi<HomeView>(suite.app, token, 'users', 'users.home', {})
    const boards = await callApi<{ items: unknown[] }>(suite.app, token, 'honour', 'honour.boards', {})
    const waiting = reply.body.ok ? (reply.body.data.todo.find((t) => t.key === 'submitted')?.count ?? 0) : 0
    if (waiting > 0 && boards.body.ok && boards.body.data.items.length > 0) return
    if (Date.now() > deadline) throw new Error(`the demo data was not written in time:\n${suite.app.output().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

describe('首页按身份 (H5 build + local server)', () => {
  test(
    '居民看到自己的问题、本月积分、下一场活动和本村光荣榜；镇创建办先看到待办，点数字进入筛好的列表，我的里同样的角标',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }
      await demoWritten()

      /* ---------------- 王秀兰: her own state */
      const resident = await suite.signIn(RESIDENT)
      const rp = resident.page
      const mine = await home(rp)
      const reports = rp.locator('.page-home .home-reports')
      await reports.waitFor()
      expect(await rp.locator('.page-home .home-todo').count()).toBe(0)
      expect(await rp.locator('.page-home .home-report').count()).toBe(mine.openReports.length)
      if (mine.openReports.length) {
        expect(await text(rp.locator('.page-home .home-reports-all'))).toBe(`办理中 ${mine.openReportCount} 件`)
        expect(await text(rp.locator('.page-home .home-report').first())).toContain(mine.openReports[0].statusLabel)
      }
      // 本月积分 is the figure 我的善行 shows for the month
      const ledger = okData('deeds.ledger', await callApi<{ balance: Balance }>(suite.app, await tokenOf(rp), 'deeds', 'deeds.ledger', {}))
      expect(mine.pointsThisMonth).toBe(ledger.balance.earnedThisMonth)
      expect(await text(rp.locator('.page-home .home-tile--points .home-tile-value'))).toBe(`${mine.pointsThisMonth > 0 ? '+' : ''}${mine.pointsThisMonth} 分`)
      if (mine.nextActivity) expect(await text(rp.locator('.page-home .home-tile--activity'))).toContain(mine.nextActivity.title)
      if (mine.board) expect(await text(rp.locator('.page-home .home-tile--board'))).toContain(mine.board.title)
      await step(resident, 'home')
      if (mine.openReports.length) {
        await rp.locator('.page-home .home-report').first().click()
        await rp.locator('.page-report-detail', { hasText: mine.openReports[0].no }).waitFor()
        await step(resident, 'report')
      }

      /* ---------------- 周建国: what waits for the town office first */
      const town = await suite.signIn(TOWN)
      const tp = town.page
      const view = await home(tp)
      const todo = tp.locator('.page-home .home-todo')
      await todo.waitFor()
      for (const t of view.todo) expect(await text(tp.locator(`.page-home .home-todo-item--${t.key} .home-todo-count`))).toBe(t.count > 99 ? '99+' : String(t.count))
      await step(town, 'home')
      await tp.locator('.page-home .home-todo-item--submitted').click()
      await tp.locator('.page-report-queue').waitFor()
      await tp.locator('.page-report-queue .report-card').first().waitFor()
      await step(town, 'queue-submitted')

      await openTab(tp, '我的')
      const badge = tp.locator('.page-me .me-admin-report-queue .me-admin-badge')
      const queueCount = view.todo.filter((t) => ['submitted', 'toDispatch', 'rectified'].includes(t.key)).reduce((s, t) => s + t.count, 0)
      expect(await text(badge)).toBe(queueCount > 99 ? '99+' : String(queueCount))
      await step(town, 'me-badges')
      for (const person of suite.people) expect(person.errors).toEqual([])
    },
    TIMEOUT
  )
})
