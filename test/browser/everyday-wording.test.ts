/**
 * Issue #14 items 6, 8 and 9 in the real H5 build (dist-h5) in chromium against local-server/main.ts,
 * at 390 × 844:
 *
 *   王秀兰 (resident) opens one of her open problems: the place in words (no coordinates) and one line
 *   saying what is awaited from whom by when; 曝光台 never says 整改中 for a problem not yet being
 *   rectified; 善行申报 keeps what she typed across a reload (已恢复上次未提交的内容); 积分超市 says why a
 *   兑换 is off and shows a placeholder for goods without a photo → 周建国 (town office) sees 节假日 as
 *   a month calendar without the word 数据包 → 李卫东 (东山村 admin) reads 人员与角色 without a promise
 *   of role assignment.
 *
 * Screenshots: test-artifacts/14-wording/NN-*.png. Needs the H5 build and the functions (`npm test`).
 */
import type { Page } from 'playwright-core'
import type { Page as Paged, ReportSummary } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, noToast, okData, openTab, text, tokenOf, type Person } from './kit'

const TIMEOUT = 600_000
const JOURNEY = '14-wording'
const suite = browserSuite(TIMEOUT)

const RESIDENT = '王秀兰'
const TOWN = '周建国'
const ADMIN = '李卫东'

const OPEN = new Set(['submitted', 'accepted', 'dispatched', 'signed', 'answered', 'returned', 'rectified'])

const open = (page: Page, route: string) => page.goto(`${suite.app.url}#${route}`)

/** One of the person's open problems; the demo data is written after the server answers, so poll for it. */
async function openProblemOf(page: Page): Promise<ReportSummary> {
  const token = await tokenOf(page)
  const deadline = Date.now() + 180_000
  for (;;) {
    const mine = okData('reports.mine', await callApi<Paged<ReportSummary>>(suite.app, token, 'reports', 'reports.mine', { pageSize: 50 }))
    const found = mine.items.find((item) => OPEN.has(item.status))
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no open problem in the demo data:\n${suite.app.output().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

describe('everyday wording and states (H5 build + local server)', () => {
  test(
    'addresses not coordinates, one awaited line, drafts that survive a reload, empty and disabled states that say why, the 节假日 month calendar',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }

      /* ---------------- 王秀兰: her open problem */
      const resident = await suite.signIn(RESIDENT)
      const rp = resident.page
      const waiting = await openProblemOf(rp)
      await open(rp, `/packages/reports/pages/detail/index?id=${waiting.id}`)
      const detail = rp.locator('.page-report-detail .report-detail')
      await detail.locator('.detail-awaited').waitFor()
      expect(await text(detail.locator('.detail-awaited'))).toMatch(/等待 \S+ \S+/)
      const head = await text(detail.locator('.detail-head'))
      expect(head).not.toMatch(/坐标|\d{2,3}\.\d{4,}/)
      expect(head).not.toContain('当前期限')
      await step(resident, 'detail-awaited')

      /* ---------------- 曝光台: 整改中 only for problems being rectified */
      await openTab(rp, '随手拍')
      await rp.locator('.page-report').getByText('曝光台', { exact: true }).click()
      const items = rp.locator('.public-list .public-item')
      await items.first().waitFor()
      const count = await items.count()
      for (let i = 0; i < count; i++) {
        const item = items.nth(i)
        const status = await text(item.locator('.status-tag').first())
        const after = await text(item.locator('.public-photos-col').nth(1))
        if (status !== '整改中') expect(after).not.toContain('整改中')
      }
      await step(resident, 'public-board')

      /* ---------------- 善行申报: the draft survives a reload */
      await open(rp, '/packages/deeds/pages/declare/index')
      const declare = rp.locator('.page-deed-declare .deed-form')
      await declare.locator('.deed-title input').fill('帮邻居把晒的稻谷收进屋')
      await declare.locator('.deed-description textarea').fill('下午突然下雨，邻居不在家，我和家里人一起把院子里晒的稻谷收进了屋。')
      // the save is debounced: wait until it is on the phone
      await rp.waitForFunction(() => Object.keys(window.localStorage).some((key) => key.includes('form-draft:') && key.endsWith(':deed-declare')))
      await rp.reload()
      await rp.locator('.page-deed-declare .draft-notice').getByText('已恢复上次未提交的内容').waitFor()
      expect(await rp.locator('.page-deed-declare .deed-title input').inputValue()).toBe('帮邻居把晒的稻谷收进屋')
      await step(resident, 'declare-restored')
      await rp.locator('.page-deed-declare .draft-notice-clear').click()
      expect(await rp.locator('.page-deed-declare .deed-title input').inputValue()).toBe('')

      /* ---------------- 积分超市: a 兑换 that is off says why; goods without a photo have a placeholder */
      await open(rp, '/packages/deeds/pages/shop/index')
      const cards = rp.locator('.page-shop .goods-card')
      await cards.first().waitFor()
      const goods = await cards.count()
      for (let i = 0; i < goods; i++) {
        const card = cards.nth(i)
        const off = await card.locator('.goods-card-redeem').isDisabled()
        if (!off) continue
        const said = await text(card)
        expect(said).toMatch(/积分不足（还差\d+分）|积分不足|已兑完/)
      }
      for (let i = 0; i < goods; i++) {
        const card = cards.nth(i)
        if ((await card.locator('img').count()) === 0) expect(await text(card.locator('.goods-card-photo'))).toContain('暂无图片')
      }
      await step(resident, 'shop')

      /* ---------------- 周建国: 节假日 as a month calendar */
      const town = await suite.signIn(TOWN)
      const tp = town.page
      await open(tp, '/packages/reports/pages/calendar/index')
      const calendar = tp.locator('.page-calendar .calendar')
      await calendar.locator('.calendar-cell[data-date]').first().waitFor()
      expect(await calendar.locator('.calendar-cell[data-date]').count()).toBeGreaterThanOrEqual(28)
      expect(await text(calendar)).not.toContain('数据包')
      await step(town, 'calendar')
      await calendar.locator('.calendar-cell[data-date]').nth(9).click()
      await calendar.locator('.calendar-editor').waitFor()
      expect(await text(calendar.locator('.calendar-editor'))).toContain('现在：')
      await step(town, 'calendar-day')

      /* ---------------- 李卫东: 人员与角色 says who assigns roles */
      const admin = await suite.signIn(ADMIN)
      const ap = admin.page
      await openTab(ap, '我的')
      const entry = ap.locator('.page-me .me-admin .me-admin-users')
      await entry.waitFor()
      expect(await text(entry)).toContain('分配角色请联系镇创建办')
      await step(admin, 'people-entry')

      for (const person of [resident, town, admin]) expect(person.errors).toEqual([])
    },
    TIMEOUT
  )
})
