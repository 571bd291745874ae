/**
 * 周通报、月通报 (issue #13) end to end, in the real H5 build (dist-h5) in chromium against
 * local-server/main.ts and the seeded 西岗镇 (local-server/seed-bulletins.ts: the week before last
 * published after its 申诉期, last week's opened for 申诉 an hour before the server started):
 *
 *   周建国 (town office) opens 周通报 · 月通报 from 我的 — last week's 周通报 is already in its 申诉期 — and
 *   generates last month's 月通报, edits its text and sends it to the villages and units → 李卫东 (东山村
 *   admin) sees only 东山村's own figures and contests one with a reason (no figure chosen is refused
 *   first) → 周建国 answers the contest; publishing is refused while the 申诉期 (one working day) runs and
 *   the page says why in Chinese → 周建国 opens the published 周通报: its image renders (canvas → <img>,
 *   保存图片), the printable page and 导出Excel → 王秀兰 (resident) opens 红黑榜 · 流动红旗 from the 光荣榜
 *   tab and sees the published 红黑榜, naming places, never persons.
 *
 * The server runs on the real clock, so a bulletin opened for 申诉 here cannot be published within the
 * test; the published one was published by the seed through the same handler once its window was over.
 * Every wait is a Playwright auto-waiting locator or a response wait; screenshots:
 * test-artifacts/13-bulletin/NN-*.png. Not run by its author (the coordinator runs the browser project).
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first (`npm test` does both).
 */
import type { Page } from 'playwright-core'
import { join } from 'node:path'
import type { BulletinDetail, BulletinExport, BulletinOwnFigures, BulletinSummary, Page as Paged, PublicBulletin } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, confirmModal, expectOk, noToast, okData, openTab, text, tokenOf, type Person } from './kit'

const TIMEOUT = 600_000
const JOURNEY = '13-bulletin'

const TOWN = '周建国'
const ADMIN = '李卫东'
const RESIDENT = '王秀兰'

const TEXT = '上周全镇各村（居）、责任单位按期办结率总体稳定，东山村问题处置及时。请各单位对照通报查找差距，按期整改。'
const REASON = '11月的一件超期问题已在期限内整改，是系统登记延误'
const ANSWER = '经核实属实，超期数据更正为 0 件'

const suite = browserSuite(TIMEOUT)
const open = (page: Page, route: string) => page.goto(`${suite.app.url}#${route}`)
const api = async <T>(page: Page, action: string, data: unknown): Promise<T> => okData(action, await callApi<T>(suite.app, await tokenOf(page), 'supervision', action, data))

/** The demo data is written after the server answers: wait for seed-bulletins' published 周通报 (one of the last seeds). */
async function demoWritten(): Promise<void> {
  const signedIn = await fetch(`${suite.app.url}api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-town-admin' }) })
  const { token } = (await signedIn.json()) as { token: string }
  const deadline = Date.now() + 180_000
  for (;;) {
    const reply = await callApi<Paged<PublicBulletin>>(suite.app, token, 'supervision', 'supervision.publicBulletins', {})
    if (reply.body.ok && reply.body.data.items.length > 0) return
    if (Date.now() > deadline) throw new Error(`the demo data has no published bulletin:\n${suite.app.output().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** 我的 → 管理 → an entry. */
async function openAdminEntry(page: Page, entry: string): Promise<void> {
  await open(page, '/pages/me/index')
  const admin = page.locator('.page-me .me-admin')
  await admin.waitFor()
  await admin.locator(`.me-admin-${entry}`).click()
}

describe('通报：生成、核对申诉、答复、发布前检查、图片和居民看到的红黑榜 (H5 build + local server)', () => {
  test(
    '镇里生成上月月通报并发给村居核对 → 东山村对一项数据申诉 → 镇里答复、申诉期内不能发布 → 已发布的周通报生成图片、打印版、导出 → 居民看到红黑榜',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }
      try {
        await demoWritten()
        /* ---------------- 1. 周建国: last week's 周通报 is in its 申诉期; generate last month's 月通报 and open it */
        const town = (current = await suite.signIn(TOWN))
        const tp = town.page
        await openAdminEntry(tp, 'report-bulletins')
        const list = tp.locator('.page-bulletins')
        await list.locator('.bulletin-card--review').first().waitFor()
        await list.locator('.bulletin-card--published').first().waitFor()
        await step(town, 'list')
        const made = await expectOk<BulletinDetail>(tp, 'supervision.generateBulletin', () => list.locator('.bulletin-generate-month').click())
        expect(made).toMatchObject({ kind: 'month', status: 'draft' })
        expect(made.groups.length).toBeGreaterThan(0)
        const detail = tp.locator('.page-bulletin')
        await detail.locator('.bulletin-head', { hasText: made.title }).waitFor()
        // 红榜 and 黑榜 per group; a place with too few problems reads 数据不足, never a place.
        await detail.locator('.bulletin-group').first().locator('.bulletin-board--red').waitFor()
        for (const row of made.groups.flatMap((g) => g.rows).filter((r) => r.insufficient)) expect(await text(detail.locator(`[data-place-id="${row.placeId}"] .bulletin-row-rank`))).toBe('数据不足')
        await detail.locator('.bulletin-text-input textarea').fill(TEXT)
        const edited = await expectOk<BulletinDetail>(tp, 'supervision.editBulletin', () => detail.locator('.bulletin-save').click())
        expect(edited).toMatchObject({ id: made.id, text: TEXT })
        expect(edited.rev).toBeGreaterThan(made.rev)
        await step(town, 'draft')
        // a draft cannot be published yet: the reason is on the page
        await detail.locator('.bulletin-blocker').first().waitFor()
        const review = await expectOk<BulletinDetail>(tp, 'supervision.openBulletinReview', () => detail.locator('.bulletin-open-review').click())
        expect(review).toMatchObject({ id: made.id, status: 'review', reviewUntil: expect.any(String) })
        await detail.locator('.bulletin-status--review').waitFor()
        await step(town, 'in-review')

        /* ---------------- 2. 李卫东: 东山村's own figures, one contested with a reason */
        const admin = (current = await suite.signIn(ADMIN))
        const ap = admin.page
        await openAdminEntry(ap, 'report-bulletins')
        await ap.locator(`.page-bulletins .bulletin-card[data-bulletin-id="${made.id}"]`).click()
        const own = ap.locator('.page-bulletin')
        await own.locator('.bulletin-own .bulletin-row').first().waitFor()
        expect(await text(own.locator('.bulletin-own'))).toContain('东山村')
        // only its own rows: no other village's name among them
        for (const other of ['北岭村', '南湖村', '西岗社区']) expect(await own.locator('.bulletin-own .bulletin-row-name', { hasText: other }).count()).toBe(0)
        const form = own.locator('.bulletin-contest-form')
        await form.locator('.bulletin-contest-submit').click()
        await form.getByText('请选择申诉的数据').waitFor()
        await form.locator('.choice-chip', { hasText: '超期' }).click()
        await form.locator('.bulletin-contest-reason-input textarea').fill(REASON)
        await step(admin, 'contest-form')
        const contested = await expectOk<BulletinOwnFigures>(ap, 'supervision.contestBulletin', () => form.locator('.bulletin-contest-submit').click())
        expect(contested.contests).toEqual([expect.objectContaining({ figure: 'overdue', reason: REASON, status: 'open' })])
        await own.locator('.bulletin-contest-status--open').waitFor()
        expect(await own.locator('.bulletin-contest-form').count()).toBe(0)
        await step(admin, 'contested')

        /* ---------------- 3. 周建国: answers; publishing is refused while the 申诉期 runs */
        current = town
        await tp.reload()
        const contest = detail.locator('.bulletin-contest--open').first()
        await contest.getByText(REASON, { exact: false }).waitFor()
        await contest.locator('.bulletin-contest-note textarea').fill(ANSWER)
        const answered = await expectOk<BulletinDetail>(tp, 'supervision.answerContest', () => contest.locator('.bulletin-contest-accept').click())
        expect(answered.contests.find((c) => c.reason === REASON)).toMatchObject({ status: 'accepted', answer: ANSWER })
        await detail.locator('.bulletin-contest--accepted').waitFor()
        expect(answered.canPublish).toBe(false)
        expect(answered.publishBlockers.join('')).toContain('申诉期')
        await detail.locator('.bulletin-blocker', { hasText: '申诉期' }).waitFor()
        await detail.locator('.bulletin-publish-button').click()
        await confirmModal(tp, '发布这期通报？')
        await detail.locator('.bulletin-publish-error').waitFor()
        expect(await text(detail.locator('.bulletin-publish-error'))).toMatch(/申诉期/)
        await step(town, 'publish-refused')

        /* ---------------- 4. 周建国: the published 周通报 — its image, the printable page, the Excel */
        const done = await api<Paged<BulletinSummary>>(tp, 'supervision.bulletins', { status: 'published' })
        const due = done.items[0]
        if (!due) throw new Error('the demo data has no published bulletin (local-server/seed-bulletins.ts)')
        await openAdminEntry(tp, 'report-bulletins')
        await list.locator(`.bulletin-card[data-bulletin-id="${due.id}"]`).click()
        await detail.locator('.bulletin-head', { hasText: due.title }).waitFor()
        expect(await detail.locator('.bulletin-publish-button').count()).toBe(0)
        const image = detail.locator('.bulletin-published img.bulletin-image-image')
        await image.waitFor()
        expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
        const size = await image.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }))
        expect(size.w).toBe(1500)
        expect(size.h).toBeGreaterThan(1000)
        await detail.locator('.bulletin-image-save').waitFor()
        await image.scrollIntoViewIfNeeded()
        await step(town, 'published-image')
        await image.screenshot({ path: join(shots.dir, 'bulletin-image.png') })
        const exported = await expectOk<BulletinExport>(tp, 'supervision.exportBulletin', () => detail.locator('.bulletin-export-button').click())
        expect(exported.rows).toBeGreaterThan(0)
        await detail.locator('.file-link-anchor').waitFor()
        await detail.locator('.bulletin-print-link').click()
        const print = tp.locator('.page-bulletin-print .bulletin-doc')
        await print.locator('.bulletin-doc-title', { hasText: due.title }).waitFor()
        expect(await text(print.locator('.bulletin-doc-issuer'))).toBe('西岗镇文明创建办公室')
        await step(town, 'printable')

        /* ---------------- 5. 王秀兰 (resident): 红黑榜 · 流动红旗 from the 光荣榜 tab */
        const resident = (current = await suite.signIn(RESIDENT))
        const rp = resident.page
        await openTab(rp, '光荣榜')
        await rp.locator('.page-honour .honour-bulletins-link').click()
        const board = rp.locator('.page-bulletin-board')
        const card = board.locator(`.bulletin-public[data-bulletin-id="${due.id}"]`)
        await card.waitFor()
        const pub = await api<PublicBulletin>(rp, 'supervision.publicBulletin', { bulletinId: due.id })
        for (const g of pub.groups) for (const e of [...g.red, ...g.black]) await card.locator('.bulletin-board-row', { hasText: e.name }).first().waitFor()
        if (pub.flag) expect(await text(card.locator('.bulletin-public-flag-name'))).toContain(pub.flag.name)
        // the public part names places, never persons
        const shown = await text(card)
        for (const person of [TOWN, ADMIN, '王海涛', '郑军']) expect(shown).not.toContain(person)
        await card.locator('.bulletin-public-image').click()
        await card.locator('img.bulletin-image-image').waitFor()
        await step(resident, 'red-black-board')

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
