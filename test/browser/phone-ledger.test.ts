/**
 * 问题台账 and 问题处置 on a phone (issue 14, items 4 and 5) in the real H5 build (dist-h5) in
 * chromium against local-server/main.ts and the seeded 西岗镇, on a 390 × 844 phone:
 *
 *   周建国 (town office) opens 问题台账: cards (编号, 类别 · 村, 状态, 期限 or 逾期工作日) with the total on
 *   top — the same figure as reports.ledgerTotal — and no 17-column table until he asks for it;
 *   李卫东 (东山村 admin) opens 问题处置: it opens on 待我处理 with counts on the chips, the overdue
 *   problems first, then by deadline; he accepts a 待受理 problem with one tap (no form, no dialog).
 *
 * Screenshots: test-artifacts/14-phone/ledger/NN-*.png. Needs `node scripts/build-functions.mjs` and
 * `npx taro build --type h5` first (`npm test` does both).
 */
import type { Page } from 'playwright-core'
import type { QueuePage, ReportDetail } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, expectOk, expectToast, noToast, okData, openTab, pageInPlace, text, tokenOf, type Person } from './kit'

const TIMEOUT = 300_000
const JOURNEY = '14-phone/ledger'
const TOWN = '周建国'
const VILLAGE = '李卫东'

const suite = browserSuite(TIMEOUT)
const signIn = (name: string): Promise<Person> => suite.signIn(name)

/** The demo problems are written after the server answers: wait until 东山村 has one waiting for 受理. */
async function demoWritten(): Promise<void> {
  const signedIn = await fetch(`${suite.app.url}api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-village-admin-dongshan' }) })
  const { token } = (await signedIn.json()) as { token: string }
  const deadline = Date.now() + 180_000
  for (;;) {
    const reply = await callApi<QueuePage>(suite.app, token, 'reports', 'reports.queue', { mine: true })
    if (reply.body.ok && (reply.body.data.counts?.byStatus.submitted ?? 0) > 0) return
    if (Date.now() > deadline) throw new Error(`the demo data was not written in time:\n${suite.app.output().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

async function openAdminEntry(page: Page, entry: 'report-queue' | 'report-ledger'): Promise<void> {
  await openTab(page, '我的')
  const admin = page.locator('.page-me .me-admin')
  await admin.waitFor()
  await admin.locator(`.me-admin-${entry}`).click()
}

describe('问题台账和问题处置 on a phone (H5 build + local server)', () => {
  test(
    '台账：卡片和总数，表格按需；处置：打开即待我处理，超期在前，受理一点即成',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }
      try {
        await demoWritten()
        /* ---------------- 1. 周建国: 问题台账 as cards */
        const town = (current = await signIn(TOWN))
        const tp = town.page
        await openAdminEntry(tp, 'report-ledger')
        const ledger = tp.locator('.page-ledger')
        await ledger.locator('.ledger-card').first().waitFor()
        const total = okData('reports.ledgerTotal', await callApi<{ total: number }>(suite.app, await tokenOf(tp), 'reports', 'reports.ledgerTotal', {})).total
        expect(await text(ledger.locator('.ledger-total'))).toBe(`共 ${total} 条问题`)
        expect(await ledger.locator('.ledger-table').count()).toBe(0)
        const first = ledger.locator('.ledger-card').first()
        expect(await text(first.locator('.ledger-card-no'))).toMatch(/^[A-Z]+-\d{4}-\d+/)
        expect((await text(first.locator('.ledger-card-status'))).length).toBeGreaterThan(0)
        // a card fits the phone: nothing to swipe sideways (measured once the page has slid in)
        await pageInPlace(tp, '.page-ledger')
        const widths = await ledger
          .locator('.ledger-card')
          .first()
          .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }))
        expect(widths.scroll).toBeLessThanOrEqual(widths.client)
        expect(widths.right).toBeLessThanOrEqual(390)
        // an overdue problem says by how many working days
        await ledger.locator('.filter-overdue .choice-chip', { hasText: '只看超期' }).click()
        const overdueCard = ledger.locator('.ledger-card--overdue').first()
        await overdueCard.waitFor()
        expect(await text(overdueCard.locator('.ledger-card-time'))).toMatch(/^逾期 \d+ 个工作日$/)
        await step(town, 'ledger-cards')
        await ledger.locator('.ledger-layout .segmented-item--table').click()
        await ledger.locator('.ledger-table').waitFor()
        expect(await text(ledger.locator('.ledger-row--head .ledger-cell--overdue'))).toBe('逾期工作日')
        await step(town, 'ledger-table')

        /* ---------------- 2. 李卫东: 问题处置 opens on 待我处理, the most urgent first */
        const village = (current = await signIn(VILLAGE))
        const vp = village.page
        await openAdminEntry(vp, 'report-queue')
        const queue = vp.locator('.page-report-queue')
        const views = queue.locator('.queue-views')
        await views.locator('.choice-chip--on', { hasText: /^待我处理 \d+$/ }).waitFor()
        await queue.locator('.report-card').first().waitFor()
        const mine = okData('reports.queue', await callApi<QueuePage>(suite.app, await tokenOf(vp), 'reports', 'reports.queue', { mine: true }))
        expect(await text(views.locator('.choice-chip--on'))).toBe(`待我处理 ${mine.counts?.mine}`)
        expect(await queue.locator('.filter-status').count()).toBe(0) // the rarer filters are folded
        const shown = await queue.locator('.report-card').evaluateAll((cards) => cards.map((c) => ({ id: c.getAttribute('data-report-id'), overdue: c.classList.contains('report-card--overdue') })))
        expect(shown.map((c) => c.id)).toEqual(mine.items.map((r) => r.id))
        // overdue first, then by deadline
        const firstOnTime = shown.findIndex((c) => !c.overdue)
        expect(shown.slice(firstOnTime < 0 ? shown.length : firstOnTime).some((c) => c.overdue)).toBe(false)
        const due = mine.items.map((r) => (r.dueAt ? Date.parse(r.dueAt) : -Infinity))
        expect(due.every((t, i) => i === 0 || due[i - 1] <= t)).toBe(true)
        await step(village, 'queue-mine')

        /* ---------------- 3. 受理 with one tap */
        const waiting = mine.items.find((r) => r.status === 'submitted')
        expect(waiting).toBeDefined()
        await queue.locator(`.report-card[data-report-id="${waiting?.id}"]`).click()
        const handle = vp.locator('.page-report-staff-detail')
        await handle.locator('.staff-actions .flow-buttons').waitFor()
        const accepted = await expectOk<ReportDetail>(vp, 'reports.accept', () => handle.locator('.action-accept').click())
        expect(accepted.status).toBe('accepted')
        await expectToast(vp, '已受理')
        expect(await vp.locator('.taro__modal .taro-modal__content').filter({ visible: true }).count()).toBe(0)
        await handle.locator('.detail-head .status-tag', { hasText: '已受理' }).waitFor()
        await step(village, 'accepted')
        for (const person of suite.people) expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] })
      } catch (err) {
        if (current) await shots.step(current.page, `${current.who}-failed`).catch(() => undefined)
        throw err
      }
    },
    TIMEOUT
  )
})
