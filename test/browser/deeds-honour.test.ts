/**
 * 善行档案 / 积分超市 and 评选 / 光荣榜 end to end, in the real H5 build (dist-h5) in Debian's chromium
 * against local-server/main.ts (the real wx-server-sdk over the local cloud, the seeded 东山村 with
 * 王秀兰家 and the 积分超市 goods):
 *
 *   王秀兰 declares her own good deed (申报善行) → it is 待审核 in 我的申报 → 李卫东 (东山村 village
 *   admin) approves it in 善行审核 → 王秀兰's 善行档案 shows the points and the ledger entry, and her
 *   balance equals the sum of her ledger → she redeems 毛巾 in 积分超市 and sees the pickup code →
 *   李卫东 hands it over by the code (API) → 李卫东 creates a 评选 for 东山村 (API) → 王秀兰 nominates
 *   someone → 李卫东 approves the nomination → 王秀兰 votes (count 1; no second vote with 1 a day) →
 *   李卫东 ends the voting and publishes the winners to a 光荣榜 → 王秀兰 opens 光荣榜, the board,
 *   and its poster renders. Finally: no reply 李卫东 got about the selection names 王秀兰 as a voter.
 *
 * API (with the page's own token) only for set-up that is slow through pickers: creating the
 * selection (datetime pickers) and the hand-over by code; plus the checks of balances.
 * No sleeps and no timing assertions. Screenshots: test-artifacts/6-deeds-honour/.
 *
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { Balance, CandidateReview, Deed, HonourBoardDetail, HonourBoardSummary, Page as ListPage, PointEntry, Redemption, SelectionDetail } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, confirmModal, expectOk, noToast, replyTo, text, tokenOf, type ApiBody, type Person } from './kit'

const TIMEOUT = 420_000
const JOURNEY = '6-deeds-honour'
const VILLAGE_ID = 'v_dongshan'
const RESIDENT = '王秀兰'
const ADMIN = '李卫东'
const DEED_TITLE = '跳进池塘救起落水儿童'
const SELECTION_TITLE = '东山村助人为乐好人评选'
const NOMINEE = '林阿姨'
const STORY = '林阿姨多年来义务照看村里的留守儿童，风雨无阻，邻里都很感激她。'
const TOWEL = { id: 'gd_ds_towel', name: '毛巾', price: 10 }

const suite = browserSuite(TIMEOUT)

/** Raw text of every API reply 李卫东 received (pages and direct calls). */
const adminReplies: Array<{ action: string; body: Promise<string> | string }> = []

async function api<T>(token: string, fn: string, action: string, data: unknown = {}, recordAdmin = false): Promise<ApiBody<T>> {
  const reply = await callApi<T>(suite.app, token, fn, action, data)
  if (recordAdmin) adminReplies.push({ action, body: reply.raw })
  expect(reply.status).toBe(200)
  return reply.body
}

async function apiOk<T>(token: string, fn: string, action: string, data: unknown = {}, recordAdmin = false): Promise<T> {
  const body = await api<T>(token, fn, action, data, recordAdmin)
  expect({ action, ok: body.ok, message: body.message }).toEqual({ action, ok: true, message: undefined })
  return body.data
}

/** 李卫东's phone keeps every reply it gets, for the check that no voter is ever named to him. */
const signIn = (who: string, recordAdmin: boolean): Promise<Person> =>
  suite.signIn(who, recordAdmin ? { onReply: (res, action) => adminReplies.push({ action, body: res.text().catch(() => '') }) } : {})

/** Opens a page of the app by its route (hash router), as a fresh load. */
async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${suite.app.url}#${route}`)
}

async function segment(root: Locator, label: string): Promise<void> {
  await root.locator('.segmented-item', { hasText: label }).click()
}

describe('善行档案、积分超市、评选与光荣榜', () => {
  test(
    '王秀兰申报善行、李卫东审核加分、兑换毛巾；评选提名投票后发布光荣榜，海报生成',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      try {
        const resident = await signIn(RESIDENT, false)
        current = resident
        const rPage = resident.page
        const rToken = await tokenOf(rPage)
        const admin = await signIn(ADMIN, true)
        const aPage = admin.page
        const aToken = await tokenOf(aPage)

        const startLedger = await apiOk<{ balance: Balance; page: ListPage<PointEntry> }>(rToken, 'deeds', 'deeds.ledger', { pageSize: 50 })
        const startBalance = startLedger.balance.balance

        /* ---------------- 1. 王秀兰 declares her own deed */
        current = resident
        await open(rPage, '/packages/deeds/pages/declare/index')
        const form = rPage.locator('.page-deed-declare .deed-form')
        await form.waitFor()
        await form.locator('.choice-chip', { hasText: '我本人' }).click()
        await form.locator('.choice-chip', { hasText: '见义勇为' }).click()
        await form.locator('.deed-title input').fill(DEED_TITLE)
        await form.locator('.deed-place input').fill('东山村村口池塘')
        await form.locator('.deed-description textarea').fill('傍晚路过村口池塘，看见一名儿童落水，立即跳下水把孩子救上岸，并通知了家长。')
        await shots.step(rPage, 'declare-form')
        const declared = await expectOk<Deed>(rPage, 'deeds.declare', () => form.locator('.deed-submit').click())
        expect(declared).toMatchObject({ title: DEED_TITLE, status: 'pending', category: 'bravery', villageId: VILLAGE_ID, onBehalf: false })
        const residentUserId = declared.subjectUserId as string
        expect(residentUserId).toBeTruthy()
        await rPage.locator('.page-deed-declare .deed-sent-title', { hasText: '已提交' }).waitFor()
        await rPage.locator('.page-deed-declare .deed-sent-back').click()
        const deedsPage = rPage.locator('.page-deeds')
        await deedsPage.locator('.deeds-balance-value', { hasText: String(startBalance) }).waitFor()
        await segment(deedsPage, '我的申报')
        const mineCard = deedsPage.locator(`.deed-card[data-deed-id="${declared.id}"]`)
        await mineCard.waitFor()
        expect(await text(mineCard.locator('.deed-status'))).toBe('待审核')
        await shots.step(rPage, 'my-declarations-pending')

        /* ---------------- 2. 李卫东 approves it */
        current = admin
        await open(aPage, '/packages/deeds/pages/review/index')
        const review = aPage.locator('.page-deed-review')
        // A village admin of one village gets no village chips; the queue is 东山村's.
        const queued = review.locator('.deed-review', { has: aPage.locator(`.deed-card[data-deed-id="${declared.id}"]`) })
        await queued.waitFor()
        await shots.step(aPage, 'admin-review-queue')
        const approved = await expectOk<Deed>(aPage, 'deeds.approve', () => queued.locator('.deed-approve').click())
        expect(approved).toMatchObject({ id: declared.id, status: 'approved', capped: false })
        const awarded = approved.points as number
        expect(awarded).toBeGreaterThan(0)
        await queued.waitFor({ state: 'detached' })

        current = resident
        await rPage.reload()
        const newBalance = startBalance + awarded
        await deedsPage.locator('.deeds-balance-value', { hasText: String(newBalance) }).waitFor()
        const recordCard = deedsPage.locator(`.deed-card[data-deed-id="${declared.id}"]`)
        await recordCard.waitFor()
        expect(await text(recordCard.locator('.deed-status'))).toBe('已通过')
        await shots.step(rPage, 'record-approved')
        await segment(deedsPage, '积分明细')
        const ledgerRow = deedsPage.locator('.ledger-row', { hasText: DEED_TITLE })
        await ledgerRow.waitFor()
        expect(await text(ledgerRow.locator('.ledger-row-delta'))).toBe(`+${awarded}`)
        await shots.step(rPage, 'ledger')

        const record = await apiOk<{ balance: Balance; deeds: ListPage<Deed> }>(rToken, 'deeds', 'deeds.record', { pageSize: 50 })
        const ledger = await apiOk<{ balance: Balance; page: ListPage<PointEntry> }>(rToken, 'deeds', 'deeds.ledger', { pageSize: 50 })
        expect(ledger.page.next).toBeNull()
        expect(record.balance.balance).toBe(newBalance)
        expect(record.balance.balance).toBe(ledger.page.items.reduce((sum, e) => sum + e.delta, 0))
        expect(ledger.page.items.find((e) => e.refId === declared.id)).toMatchObject({ delta: awarded, source: 'deed' })
        expect(record.deeds.items.find((d) => d.id === declared.id)).toMatchObject({ status: 'approved', points: awarded })

        /* ---------------- 3. 积分超市: redeem 毛巾 */
        expect(newBalance).toBeGreaterThanOrEqual(TOWEL.price)
        await segment(deedsPage, '善行档案')
        await deedsPage.locator('.deeds-shop').click()
        const shop = rPage.locator('.page-shop')
        await shop.locator('.shop-balance', { hasText: String(newBalance) }).waitFor()
        const towel = shop.locator(`.goods-card[data-goods-id="${TOWEL.id}"]`)
        await towel.waitFor()
        await shots.step(rPage, 'shop')
        const redeemReply = replyTo(rPage, 'deeds.redeem')
        await towel.locator('.goods-card-redeem').click()
        await confirmModal(rPage, '积分兑换')
        const redeemBody = (await (await redeemReply).json()) as ApiBody<Redemption>
        expect(redeemBody.ok).toBe(true)
        const redemption = redeemBody.data
        expect(redemption).toMatchObject({ goodsId: TOWEL.id, price: TOWEL.price, status: 'awaiting' })
        expect(redemption.code).toMatch(/^\d{8}$/)
        const pickup = shop.locator('.pickup-code')
        await pickup.waitFor()
        expect(await text(pickup.locator('.pickup-code-value'))).toBe(redemption.code)
        await shots.step(rPage, 'pickup-code')
        const afterRedeem = await apiOk<{ balance: Balance; page: ListPage<PointEntry> }>(rToken, 'deeds', 'deeds.ledger', { pageSize: 50 })
        expect(afterRedeem.balance.balance).toBe(newBalance - TOWEL.price)
        expect(afterRedeem.balance.balance).toBe(afterRedeem.page.items.reduce((sum, e) => sum + e.delta, 0))

        // Hand-over by the code: through the API with 李卫东's token.
        current = admin
        const handed = await apiOk<Redemption>(aToken, 'deeds', 'deeds.handOver', { villageId: VILLAGE_ID, code: redemption.code })
        expect(handed).toMatchObject({ id: redemption.id, status: 'handed_over' })
        const mineRedemptions = await apiOk<ListPage<Redemption>>(rToken, 'deeds', 'deeds.myRedemptions', {})
        expect(mineRedemptions.items.find((r) => r.id === redemption.id)?.status).toBe('handed_over')

        /* ---------------- 4. 评选: created by API, nominated, approved, voted, closed, published */
        const now = Date.now()
        const iso = (ms: number) => new Date(ms).toISOString()
        const created = await apiOk<SelectionDetail>(
          aToken,
          'honour',
          'honour.saveSelection',
          {
            villageId: VILLAGE_ID,
            title: SELECTION_TITLE,
            rules: '由村民提名身边助人为乐的好人，经村委会审核后投票，得票最多者当选。',
            category: 'helping',
            nominateFrom: iso(now - 60_000),
            nominateTo: iso(now + 60 * 60_000),
            voteFrom: iso(now - 60_000),
            voteTo: iso(now + 2 * 60 * 60_000),
            votesPerDay: 1,
            votesTotal: 3,
            noticeDays: 0,
            winners: 1
          },
          true
        )
        const selectionId = created.id
        const selectionRoute = `/packages/honour/pages/selection/index?id=${selectionId}`

        current = resident
        await open(rPage, selectionRoute)
        const rSel = rPage.locator('.page-selection')
        const nominate = rSel.locator('.nominate-form')
        await nominate.waitFor()
        await nominate.locator('.nominate-name input').fill(NOMINEE)
        await nominate.locator('.nominate-story textarea').fill(STORY)
        const nominated = await expectOk<CandidateReview>(rPage, 'honour.nominate', () => nominate.locator('.nominate-submit').click())
        expect(nominated).toMatchObject({ name: NOMINEE, story: STORY, subject: 'person' })
        await noToast(rPage)
        await shots.step(rPage, 'nominated')

        current = admin
        await open(aPage, selectionRoute)
        const aSel = aPage.locator('.page-selection')
        const reviewBox = aSel.locator('.candidate-review')
        const pendingNom = reviewBox.locator('.candidate', { hasText: NOMINEE })
        await pendingNom.waitFor()
        await shots.step(aPage, 'admin-nomination')
        await expectOk<CandidateReview>(aPage, 'honour.reviewCandidate', () => pendingNom.locator('.candidate-approve').click())
        await pendingNom.waitFor({ state: 'detached' })

        current = resident
        await rPage.reload()
        const candidate = rSel.locator(`.candidate[data-candidate-id="${nominated.id}"]`)
        await candidate.waitFor()
        expect(await text(candidate.locator('.candidate-votes'))).toBe('0 票')
        await shots.step(rPage, 'candidate-listed')
        await expectOk(rPage, 'honour.vote', () => candidate.locator('.candidate-vote').click())
        await candidate.locator('.candidate-votes', { hasText: '1 票' }).waitFor()
        await rSel.locator('.selection-ballot', { hasText: '今天还可投 0 票' }).waitFor()
        // With 1 vote a day used, the page offers no second vote, and the server refuses one.
        expect(await candidate.locator('.candidate-vote').count()).toBe(0)
        const second = await api(rToken, 'honour', 'honour.vote', { candidateId: nominated.id })
        expect(second.ok).toBe(false)
        expect({ code: second.code, message: second.message }).toEqual({ code: 'RATE_LIMITED', message: '您今天的 1 票已投完，明天再来' })
        const afterVote = await apiOk<SelectionDetail>(rToken, 'honour', 'honour.selection', { selectionId })
        expect(afterVote.candidates.find((c) => c.id === nominated.id)?.votes).toBe(1)
        expect(afterVote.myBallot).toMatchObject({ votedToday: 1, remainingToday: 0 })
        await noToast(rPage)
        await shots.step(rPage, 'voted')

        current = admin
        await aPage.reload()
        await aSel.locator(`.candidate[data-candidate-id="${nominated.id}"] .candidate-votes`, { hasText: '1 票' }).waitFor()
        const closeReply = replyTo(aPage, 'honour.closeSelection')
        await aSel.locator('.selection-close').click()
        await confirmModal(aPage, '结束投票')
        const closed = (await (await closeReply).json()) as ApiBody<SelectionDetail>
        expect({ ok: closed.ok, message: closed.message }).toEqual({ ok: true, message: undefined })
        expect(closed.data.phase).toBe('finished')
        const publishButton = aSel.locator('.selection-publish')
        await publishButton.waitFor()
        await shots.step(aPage, 'admin-closed')
        const publishReply = replyTo(aPage, 'honour.publishWinners')
        await publishButton.click()
        await confirmModal(aPage, '发布到光荣榜')
        const published = (await (await publishReply).json()) as ApiBody<HonourBoardDetail>
        expect({ ok: published.ok, message: published.message }).toEqual({ ok: true, message: undefined })
        let board = published.data
        expect(board.entries).toEqual([expect.objectContaining({ name: NOMINEE, category: 'helping' })])
        if (board.status === 'draft') board = await apiOk<HonourBoardDetail>(aToken, 'honour', 'honour.publishBoard', { boardId: board.id }, true)
        expect(board.status).toBe('published')
        await aPage.locator('.page-board .board-head-title').waitFor()

        /* ---------------- 5. 王秀兰 opens 光荣榜 and the poster */
        current = resident
        await open(rPage, '/pages/honour/index')
        const honour = rPage.locator('.page-honour')
        const card = honour.locator(`.board-card[data-board-id="${board.id}"]`)
        await card.waitFor()
        expect(await text(card.locator('.board-card-title'))).toBe(board.title)
        await shots.step(rPage, 'honour-list')
        await card.click()
        const boardPage = rPage.locator('.page-board')
        await boardPage.locator('.board-entry-name', { hasText: NOMINEE }).waitFor()
        await shots.step(rPage, 'board')
        await segment(boardPage, '海报')
        const image = boardPage.locator('.board-poster img.board-poster-image')
        await image.waitFor()
        const handle = await image.elementHandle()
        await rPage.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0 && el.src.startsWith('data:image/png'), handle)
        const size = await image.evaluate((el) => ({ w: (el as HTMLImageElement).naturalWidth, h: (el as HTMLImageElement).naturalHeight }))
        expect(size.w).toBeGreaterThan(300)
        expect(size.h).toBeGreaterThan(300)
        expect(await image.isVisible()).toBe(true)
        await shots.step(rPage, 'board-poster')
        mkdirSync(shots.dir, { recursive: true })
        await image.scrollIntoViewIfNeeded()
        await image.screenshot({ path: join(shots.dir, 'poster.png'), animations: 'disabled' })

        const boards = await apiOk<ListPage<HonourBoardSummary>>(rToken, 'honour', 'honour.boards', {})
        expect(boards.items.find((b) => b.id === board.id)).toMatchObject({ status: 'published', selectionId })

        /* ---------------- 6. voters are not revealed to 李卫东 */
        await apiOk<SelectionDetail>(aToken, 'honour', 'honour.selection', { selectionId }, true)
        for (const status of ['pending', 'approved', 'rejected'] as const) await apiOk<ListPage<CandidateReview>>(aToken, 'honour', 'honour.candidates', { selectionId, status }, true)
        await apiOk<ListPage<CandidateReview>>(aToken, 'honour', 'honour.candidates', { selectionId }, true)
        const replies = await Promise.all(adminReplies.map(async (r) => ({ action: r.action, body: await r.body })))
        const aboutSelection = replies.filter((r) => r.action.startsWith('honour.'))
        expect(aboutSelection.map((r) => r.action)).toEqual(expect.arrayContaining(['honour.selection', 'honour.candidates', 'honour.closeSelection', 'honour.publishWinners']))
        // The search does find her id where it belongs (the deed 李卫东 approved names its subject).
        expect(replies.some((r) => r.action === 'deeds.approve' && r.body.includes(residentUserId))).toBe(true)
        const leaks = aboutSelection.filter((r) => r.body.includes(residentUserId)).map((r) => r.action)
        expect(leaks).toEqual([])

        for (const person of suite.people) expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] })
      } catch (err) {
        if (current) await shots.step(current.page, `failed-${current.who}`).catch(() => undefined)
        if (err instanceof Error) err.message += `\n--- local server output ---\n${suite.app.output().slice(-4000)}`
        throw err
      }
    },
    TIMEOUT
  )
})
