/**
 * The staff side of 善行档案 and 积分, end to end in the real H5 build against local-server/main.ts
 * (the seeded 东山村):
 *
 *   周建国 (town office) raises 孝老爱亲 to 30 points in 积分规则 → 刘桂芳 (grid worker of 东山二组)
 *   enters a good deed for 李大爷 of her grid (代录: search by name, pick him) → 李卫东 (东山村 admin)
 *   sees it marked 代录 and approves it: 30 points by the new rule land on 李大爷 → 李大爷 redeems
 *   毛巾 (API) → 李卫东 cancels the redemption in 积分超市管理 and the points come back → 李卫东 takes
 *   5 points off in 积分更正 with a reason: a new ledger entry, and the balance equals the ledger's sum.
 *
 * API only for 李大爷's redemption and the balance checks. No sleeps, no timing assertions.
 * Screenshots: test-artifacts/7-deeds-staff/. Needs the built functions and H5 app (npm test builds both).
 */
import type { Locator, Page } from 'playwright-core'
import type { Balance, CorrectionOutcome, Deed, Page as ListPage, PointEntry, PointRule, Redemption } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, confirmModal, expectOk, noToast, okData, text, tokenOf, type Person } from './kit'

const TIMEOUT = 300_000
const JOURNEY = '7-deeds-staff'
const ELDER = '李大爷'
const GRID_WORKER = '刘桂芳'
const ADMIN = '李卫东'
const TOWN = '周建国'
const DEED_TITLE = '每天给独居的老伙计送饭'
const TOWEL = { id: 'gd_ds_towel', price: 10 }
const RULE = { key: 'deed:filial', points: 30, dailyCap: 60, monthlyCap: 300 }

const suite = browserSuite(TIMEOUT)

const signIn = (name: string) => suite.signIn(name)
const open = (page: Page, route: string) => page.goto(`${suite.app.url}#${route}`)
const apiOk = async <T>(token: string, action: string, data: unknown = {}): Promise<T> => okData(action, await callApi<T>(suite.app, token, 'deeds', action, data))

type Ledger = { balance: Balance; page: ListPage<PointEntry> }
const sumOf = (ledger: Ledger) => ledger.page.items.reduce((sum, e) => sum + e.delta, 0)

async function fill(root: Locator, selector: string, value: string): Promise<void> {
  await root.locator(selector).fill(value)
}

describe('善行档案：积分规则、网格员代录、兑换取消与积分更正', () => {
  test(
    '创建办改规则 → 网格员为李大爷代录 → 村里按新规则审核加分 → 取消兑换退分 → 更正扣分',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      try {
        /* ---------------- 1. 周建国 sets 孝老爱亲 to 30 points */
        const town = (current = await signIn(TOWN))
        await open(town.page, '/packages/deeds/pages/rules/index')
        const rule = town.page.locator(`.page-deed-rules .rule-card[data-rule-key="${RULE.key}"]`)
        await rule.waitFor()
        expect(await text(rule.locator('.rule-card-label'))).toContain('孝老爱亲')
        await fill(rule, '.rule-points input', String(RULE.points))
        await fill(rule, '.rule-dailyCap input', String(RULE.dailyCap))
        await fill(rule, '.rule-monthlyCap input', String(RULE.monthlyCap))
        const saved = await expectOk<PointRule[]>(town.page, 'deeds.saveRules', () => town.page.locator('.page-deed-rules .rules-save').click())
        expect(saved.find((r) => r.key === RULE.key)).toMatchObject(RULE)
        await town.page.locator('.page-deed-rules .rules-saved').waitFor()
        await shots.step(town.page, 'rules-saved')

        /* ---------------- 2. 刘桂芳 enters a deed for 李大爷 (代录) */
        const grid = (current = await signIn(GRID_WORKER))
        await open(grid.page, '/packages/deeds/pages/declare/index')
        const form = grid.page.locator('.page-deed-declare .deed-form')
        await form.waitFor()
        await form.locator('.choice-chip', { hasText: '代录（为本网格居民登记）' }).click()
        await form.locator('.deed-behalf-hint').waitFor()
        await fill(form, '.resident-name input', ELDER)
        const matches = await expectOk<Array<{ userId: string; name: string; gridName: string | null }>>(grid.page, 'deeds.findResidents', () => form.locator('.resident-search-button').click())
        expect(matches.map((m) => ({ name: m.name, gridName: m.gridName }))).toEqual([{ name: ELDER, gridName: '东山二组网格' }])
        expect(JSON.stringify(matches)).not.toMatch(/phone|openid|1390000/)
        await form.locator(`.resident-match[data-user-id="${matches[0].userId}"]`).click()
        await form.locator('.resident-picked', { hasText: ELDER }).waitFor()
        await form.locator('.choice-chip', { hasText: '孝老爱亲' }).click()
        await fill(form, '.deed-title input', DEED_TITLE)
        await fill(form, '.deed-place input', '东山村二组')
        await fill(form, '.deed-description textarea', '李大爷连续三个月每天中午给独居的王大爷送饭，还帮他打扫院子，邻居都看在眼里。')
        await shots.step(grid.page, 'behalf-form')
        const declared = await expectOk<Deed>(grid.page, 'deeds.declare', () => form.locator('.deed-submit').click())
        expect(declared).toMatchObject({ subjectUserId: matches[0].userId, subjectName: ELDER, declarerName: GRID_WORKER, onBehalf: true, status: 'pending', category: 'filial' })
        await grid.page.locator('.page-deed-declare .deed-sent-title', { hasText: '已代录' }).waitFor()
        await shots.step(grid.page, 'behalf-sent')

        /* ---------------- 3. 李卫东 approves it: 30 points by the new rule */
        const elder = (current = await signIn(ELDER))
        const eToken = await tokenOf(elder.page)
        const before = await apiOk<Ledger>(eToken, 'deeds.ledger', { pageSize: 50 })

        const admin = (current = await signIn(ADMIN))
        const aPage = admin.page
        await open(aPage, '/packages/deeds/pages/review/index')
        const queued = aPage.locator('.page-deed-review .deed-review', { has: aPage.locator(`.deed-card[data-deed-id="${declared.id}"]`) })
        await queued.waitFor()
        expect(await text(queued)).toContain('代录')
        await shots.step(aPage, 'review-behalf')
        const approved = await expectOk<Deed>(aPage, 'deeds.approve', () => queued.locator('.deed-approve').click())
        expect(approved).toMatchObject({ id: declared.id, status: 'approved', points: RULE.points, capped: false })
        await queued.waitFor({ state: 'detached' })

        const afterApprove = await apiOk<Ledger>(eToken, 'deeds.ledger', { pageSize: 50 })
        expect(afterApprove.balance.balance).toBe(before.balance.balance + RULE.points)
        expect(afterApprove.page.items.find((e) => e.refId === declared.id)).toMatchObject({ delta: RULE.points, source: 'deed' })
        expect(afterApprove.balance.balance).toBe(sumOf(afterApprove))

        /* ---------------- 4. 李大爷 redeems 毛巾; 李卫东 cancels it, the points come back */
        current = elder
        const redemption = await apiOk<Redemption>(eToken, 'deeds.redeem', { goodsId: TOWEL.id })
        expect((await apiOk<Ledger>(eToken, 'deeds.ledger', { pageSize: 50 })).balance.balance).toBe(afterApprove.balance.balance - TOWEL.price)

        current = admin
        await open(aPage, '/packages/deeds/pages/goods/index')
        const goodsPage = aPage.locator('.page-goods-admin')
        await goodsPage.locator('.segmented-item', { hasText: '兑换记录' }).click()
        const row = goodsPage.locator(`.redemption-admin[data-redemption-id="${redemption.id}"]`)
        await row.waitFor()
        await row.locator('.redemption-cancel-open').click()
        await row.locator('.redemption-cancel-reason textarea').fill('居民说家里毛巾够用，不要了')
        await shots.step(aPage, 'cancel-redemption')
        const cancelReply = expectOk<Redemption>(aPage, 'deeds.cancelRedemption', async () => {
          await row.locator('.redemption-cancel-confirm').click()
          await confirmModal(aPage, '取消兑换', `取消 ${ELDER} 兑换的「毛巾」？将退回 ${TOWEL.price} 积分，库存加回 1 件。`, '确认取消')
        })
        expect(await cancelReply).toMatchObject({ id: redemption.id, status: 'cancelled' })
        await goodsPage.locator(`.redemption-admin--cancelled[data-redemption-id="${redemption.id}"]`).waitFor()
        await noToast(aPage)
        await shots.step(aPage, 'redemption-cancelled')
        const afterCancel = await apiOk<Ledger>(eToken, 'deeds.ledger', { pageSize: 50 })
        expect(afterCancel.balance.balance).toBe(afterApprove.balance.balance)
        expect(afterCancel.balance.balance).toBe(sumOf(afterCancel))

        /* ---------------- 5. 李卫东 takes 5 points off in 积分更正 */
        await open(aPage, '/packages/deeds/pages/correct/index')
        const correct = aPage.locator('.page-deed-correct')
        await fill(correct, '.user-search-input input', ELDER)
        await correct.locator('.user-search-button').click()
        await correct.locator(`.user-pick[data-user-id="${matches[0].userId}"]`).click()
        await correct.locator('.person-balance', { hasText: `当前积分 ${afterCancel.balance.balance}` }).waitFor()
        const correction = correct.locator('.correction-form')
        await correction.locator('.choice-chip', { hasText: '扣分' }).click()
        await fill(correction, '.correction-amount input', '5')
        await fill(correction, '.correction-reason textarea', '同一件事重复申报，扣回 5 分')
        const corrected = await expectOk<CorrectionOutcome>(aPage, 'deeds.correct', async () => {
          await correction.locator('.correction-submit').click()
          await confirmModal(aPage, '确认更正积分', /^给李大爷扣 5 分，原因：同一件事重复申报，扣回 5 分。更正记为一条新明细，原记录不变。$/, '确认更正')
        })
        expect(corrected).toMatchObject({ status: 'posted', entry: { delta: -5, source: 'correction' } })
        await correct.locator('.person-balance', { hasText: `当前积分 ${afterCancel.balance.balance - 5}` }).waitFor()
        await correct.locator('.ledger-row', { hasText: '同一件事重复申报' }).waitFor()
        await noToast(aPage)
        await shots.step(aPage, 'corrected')

        const final = await apiOk<Ledger>(eToken, 'deeds.ledger', { pageSize: 50 })
        expect(final.balance.balance).toBe(afterCancel.balance.balance - 5)
        expect(final.balance.balance).toBe(sumOf(final))
        expect(final.page.items[0]).toMatchObject({ delta: -5, source: 'correction' })
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
