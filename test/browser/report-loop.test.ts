/**
 * The 随手拍 closed loop end to end, across five people, in the real H5 build (dist-h5) in Debian's
 * chromium against local-server/main.ts (the real wx-server-sdk over the local cloud, the esbuild
 * function bundles, the seeded 西岗镇):
 *
 *   王秀兰 (resident) reports with a photo → 李卫东 (village admin) accepts and dispatches to
 *   镇综合行政执法中队 (问题通知函) → 郑军 (unit) signs, answers (答复函) and rectifies with an
 *   after-photo → 王海涛 (grid worker) verifies → 王秀兰 sees it closed and rates it → 周建国 (town
 *   admin) finds it in 问题台账 and exports the .xlsx, which exceljs reads back.
 *
 * Each person has their own browser context (own localStorage) and signs in on 本地演示登录. Every
 * wait is a Playwright auto-waiting locator, a response wait or a wait for the page's own state;
 * there are no sleeps and no timing assertions. Screenshots: test-artifacts/4-report-loop/NN-*.png,
 * and the exported ledger as test-artifacts/4-report-loop/ledger.xlsx.
 *
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first (`npm test` does both).
 */
import { join } from 'node:path'
import { Workbook, type Worksheet } from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import type { FlowAction, ReportDetail, ReportStatus } from '@/contract'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, choosePhoto, confirmModal, expectImageShown, expectOk, expectToast, noToast, openTab, png, replyTo, text, tokenOf, uploaded, type ApiReply, type Person } from './kit'

const TIMEOUT = 300_000
const JOURNEY = '4-report-loop'

const RESIDENT = { name: '王秀兰', phone: '13900000001', openid: 'demo-resident-1' }
const UNIT_NAME = '镇综合行政执法中队'
const CATEGORY = '乱扔垃圾/暴露垃圾'
const DESCRIPTION = '村口桥头垃圾堆了三天没人清理，塑料袋被风吹到河里'
const ADDRESS = '东山村委会南边桥头'
const MEASURES = '当天安排执法队员和保洁员清运垃圾，桥头增设垃圾桶 2 个并每日巡查'
const RECTIFY_NOTE = '垃圾已全部清运，新增 2 个垃圾桶'

/** Header row of the exported 问题台账, column by column (cloudfunctions/reports/export.ts). */
const LEDGER_HEADERS = [
  '编号',
  '来源',
  '上报时间',
  '村（居）',
  '网格',
  '地点',
  '问题类别',
  '问题描述',
  '责任单位',
  '派单时间',
  '整改期限',
  '当前期限',
  '整改措施',
  '计划完成',
  '状态',
  '挂起',
  '销号时间',
  '逾期工作日',
  '现场照片',
  '整改照片'
]

/** The loop's steps in order, and the state each one leaves the problem in. */
const LOOP: ReadonlyArray<{ action: FlowAction; label: string; from: ReportStatus | null; to: ReportStatus; actor: string }> = [
  { action: 'submit', label: '提交问题', from: null, to: 'submitted', actor: '您' },
  { action: 'accept', label: '受理', from: 'submitted', to: 'accepted', actor: '李卫东' },
  { action: 'dispatch', label: '派单', from: 'accepted', to: 'dispatched', actor: '李卫东' },
  { action: 'sign', label: '签收', from: 'dispatched', to: 'signed', actor: '郑军' },
  { action: 'answer', label: '答复', from: 'signed', to: 'answered', actor: '郑军' },
  { action: 'rectify', label: '提交整改结果', from: 'answered', to: 'rectified', actor: '郑军' },
  { action: 'verifyPass', label: '验收通过，销号', from: 'rectified', to: 'closed', actor: '王海涛' }
]

const suite = browserSuite(TIMEOUT)

/* ---------------------------------------------------------------- test images */

/** Before: grey road with brown heaps of rubbish. After: the same road, clean, two green bins. */
const BEFORE_PNG = png(240, 180, (x, y) => {
  const heap = (x - 80) ** 2 / 2 + (y - 120) ** 2 < 900 || (x - 170) ** 2 + (y - 130) ** 2 / 2 < 500
  if (heap) return (x + y) % 7 === 0 ? [230, 230, 220] : [120, 80, 40]
  return y < 60 ? [150, 190, 230] : [128, 128, 128]
})
const AFTER_PNG = png(240, 180, (x, y) => {
  const bin = (x > 60 && x < 90 && y > 90 && y < 140) || (x > 150 && x < 180 && y > 90 && y < 140)
  if (bin) return [30, 140, 60]
  return y < 60 ? [150, 190, 230] : [128, 128, 128]
})

/* ---------------------------------------------------------------- helpers */

/** POST /api/functions/<fn> the way the H5 transport does, with the page's own token. */
const api = <T>(token: string | null, action: string, data: unknown = {}, fn = 'reports'): Promise<ApiReply<T>> => callApi<T>(suite.app, token, fn, action, data)

/** A photo as the functions keep it: the checked copy `checked/<sha256>.<ext>`, never the page's own upload. */
const CHECKED_COPY = /^cloud:\/\/[^/]+\/checked\/[0-9a-f]{64}\.(png|jpg)$/

/** The bytes of a stored file, read with a sign-in token. */
async function fileBytes(token: string, fileID: string): Promise<Buffer> {
  const res = await fetch(`${suite.app.url}files/${fileID.replace(/^cloud:\/\/[^/]+\//, '')}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

/** YYYY-MM-DD moved by whole days (calendar arithmetic on the date alone). */
function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Waits until nothing in `root` is animating (the picker's slide-up, a column's scroll). */
async function settled(root: Locator): Promise<void> {
  await root.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))))
}

/**
 * Taro's H5 date picker (weui): three wheels (年 / 月 / 日). A tap on a row of a wheel moves that
 * row to the middle, so each wheel is turned by tapping rows up to three away from the middle
 * until the wanted one is there; then 确定.
 */
async function pickDate(page: Page, field: Locator, ymd: string): Promise<void> {
  await field.click()
  const picker = page.locator('.weui-picker').filter({ visible: true })
  await picker.waitFor()
  const [year, month, day] = ymd.split('-') // the wheels read 2026年 / 01月 / 05日
  const labels = [`${year}年`, `${month}月`, `${day}日`]
  for (const [column, label] of labels.entries()) {
    const wheel = picker.locator('taro-picker-group').nth(column)
    for (let turns = 0; ; turns++) {
      expect(turns).toBeLessThan(20)
      await settled(picker)
      const state = await wheel.evaluate((el) => {
        const content = el.querySelector<HTMLElement>('.weui-picker__content')
        const offset = /translate3d\([^,]+,\s*(-?[\d.]+)px/.exec(content?.style.transform ?? '')
        const rows = Array.from(el.querySelectorAll<HTMLElement>('.weui-picker__item'))
        return { offset: offset ? Number(offset[1]) : NaN, rowHeight: rows[0]?.getBoundingClientRect().height ?? 0, rows: rows.map((row) => (row.textContent ?? '').trim()) }
      })
      const current = Math.round((3 * state.rowHeight - state.offset) / state.rowHeight)
      const wanted = state.rows.indexOf(label)
      expect({ label, found: wanted >= 0 }).toEqual({ label, found: true })
      if (current === wanted) break
      const move = Math.max(-3, Math.min(3, wanted - current))
      const box = await wheel.boundingBox()
      if (!box) throw new Error('date picker wheel is not on screen')
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + move * state.rowHeight)
      // The wheel has taken the tap once its offset says so (then its scroll animation runs out).
      const content = await wheel.locator('.weui-picker__content').elementHandle()
      await page.waitForFunction(([el, px]) => new RegExp(`translate3d\\([^,]+,\\s*${px}px`).test((el as HTMLElement).style.transform), [
        content,
        3 * state.rowHeight - (current + move) * state.rowHeight
      ] as const)
    }
  }
  await picker.locator('.weui-picker__action', { hasText: '确定' }).click()
  await picker.waitFor({ state: 'hidden' })
  await field.locator('.date-field-value', { hasText: ymd }).waitFor()
}

/** A phone of one's own (fresh context, downloads allowed), signed in as `name`, privacy notice agreed. */
const signIn = (name: string): Promise<Person> => suite.signIn(name, { context: { acceptDownloads: true } })

/** 我的 → 管理 → an entry (问题处置 / 问题台账). */
async function openAdminEntry(page: Page, entry: 'report-queue' | 'report-ledger'): Promise<void> {
  await openTab(page, '我的')
  const admin = page.locator('.page-me .me-admin')
  await admin.waitFor()
  await admin.locator(`.me-admin-${entry}`).click()
}

/** 问题处置: the problem's card in the queue (status shown), tapped → the handling page. */
async function openFromQueue(page: Page, reportId: string, status: string): Promise<Locator> {
  await openAdminEntry(page, 'report-queue')
  const card = page.locator(`.page-report-queue .report-card[data-report-id="${reportId}"]`)
  await card.waitFor()
  expect(await text(card.locator('.status-tag'))).toBe(status)
  await expectImageShown(card.locator('.report-card-thumb')) // the resident's photo, seen by staff
  return card
}

async function handlePage(page: Page, card: Locator): Promise<Locator> {
  await card.click()
  const handle = page.locator('.page-report-staff-detail')
  await handle.locator('.staff-actions .flow-buttons').waitFor()
  return handle
}

async function statusOf(root: Locator): Promise<string> {
  return text(root.locator('.detail-head .status-tag'))
}

/** What the buttons of the handling page offer, in order. */
async function buttonsOf(handle: Locator): Promise<string[]> {
  return (await handle.locator('.flow-buttons .flow-button').allInnerTexts()).map((s) => s.trim())
}

/* ---------------------------------------------------------------- the journey */

describe('browser: 随手拍 closed loop across roles (H5 build + local server)', () => {
  test(
    'resident reports with a photo → village accepts and dispatches → unit signs, answers, rectifies → grid verifies → resident sees it closed and rates it → town exports the ledger',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }
      try {
        /* ---------- 1. 王秀兰 reports a problem with a photo */
        const resident = await signIn(RESIDENT.name)
        const rp = resident.page
        await openTab(rp, '随手拍')
        const reportPage = rp.locator('.page-report')
        const form = reportPage.locator('.report-form')
        await form.locator('.pick-category .choice-chip').first().waitFor()
        expect(await text(reportPage.locator('.report-tabs .segmented-item--on'))).toBe('随手拍')
        // Village and grid come from her profile.
        await form.locator('.pick-village .choice-chip--on', { hasText: '东山村' }).waitFor()
        await form.locator('.pick-grid .choice-chip--on', { hasText: '东山一组网格' }).waitFor()
        await step(resident, 'empty-form')

        await form.locator('.pick-category .choice-chip', { hasText: CATEGORY }).click()
        await form.locator('.pick-category .choice-chip--on', { hasText: CATEGORY }).waitFor()
        await form.locator('.input-description textarea').fill(DESCRIPTION)
        await choosePhoto(rp, form.locator('.photo-picker-add'), 'before.png', BEFORE_PNG)
        const thumb = form.locator('.photo-picker-item')
        await thumb.first().waitFor()
        expect(await thumb.count()).toBe(1)
        // Compressed on the phone: a JPEG kept in the draft, not the PNG that was picked.
        expect(await thumb.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
        await expectImageShown(thumb.first())
        await form.locator('.input-address input').fill(ADDRESS)
        expect(await text(form.locator('.pick-village .choice-chip--on'))).toBe('东山村')
        expect(await text(form.locator('.pick-grid .choice-chip--on'))).toBe('东山一组网格')
        await step(resident, 'form-filled')

        const createReply = replyTo(rp, 'reports.create')
        const beforeFileID = await uploaded(rp, () => form.locator('.report-submit').click())
        const createRes = await createReply
        const createBody = (await createRes.json()) as { ok: boolean; data: ReportDetail }
        expect(createBody.ok).toBe(true)
        const created = createBody.data
        const sent = JSON.parse(createRes.request().postData() ?? '{}') as { data: Record<string, unknown> }
        expect(sent.data).toMatchObject({ category: 'litter', description: DESCRIPTION, address: ADDRESS, villageId: 'v_dongshan', gridId: 'g_dongshan_1', anonymous: false, photos: [beforeFileID] })
        expect(created).toMatchObject({ status: 'submitted', statusLabel: '待受理', category: 'litter', villageName: '东山村', gridName: '东山一组网格', address: ADDRESS })
        const reportId = created.id
        const reportNo = created.no
        expect(reportNo).toMatch(/^SSP-\d{4}-\d{6}$/)
        const done = reportPage.locator('.report-created')
        await done.locator('.report-created-title', { hasText: '已提交' }).waitFor()
        expect(await text(done.locator('.report-created-no'))).toBe(`编号 ${reportNo}`)
        await step(resident, 'submitted')

        // 我的随手拍: there, 待受理.
        await reportPage.locator('.report-tabs .segmented-item--mine').click()
        const myCard = reportPage.locator(`.my-reports .report-card[data-report-id="${reportId}"]`)
        await myCard.waitFor()
        expect(await text(myCard.locator('.status-tag'))).toBe('待受理')
        expect(await text(myCard.locator('.report-card-category'))).toBe(CATEGORY)
        expect(await text(myCard.locator('.report-card-meta'))).toContain(reportNo)
        await expectImageShown(myCard.locator('.report-card-thumb'))
        await step(resident, 'my-reports-submitted')
        await openTab(rp, '首页')

        /* ---------- 2. 李卫东 (village admin) accepts and dispatches */
        const village = await signIn('李卫东')
        const vp = village.page
        const vCard = await openFromQueue(vp, reportId, '待受理')
        await step(village, 'queue')
        const vHandle = await handlePage(vp, vCard)
        expect(await text(vHandle.locator('.detail-no .detail-value'))).toBe(reportNo)
        expect(await statusOf(vHandle)).toBe('待受理')
        expect(await vHandle.locator('.detail-reporter').count()).toBe(0) // only the town office learns who reported
        expect(await buttonsOf(vHandle)).toEqual(expect.arrayContaining(['受理', '不予受理']))
        await expectImageShown(vHandle.locator('.detail-head .photo-grid-item').first())
        await step(village, 'handle-submitted')

        // 受理: one tap (it can be put right later), no form, no dialog
        await expectOk(vp, 'reports.accept', () => vHandle.locator('.action-accept').click())
        await expectToast(vp, '已受理')
        await vHandle.locator('.detail-head .status-tag', { hasText: '已受理' }).waitFor()

        await vHandle.locator('.action-dispatch').click()
        const dispatchForm = vHandle.locator('.flow-step--dispatch')
        await dispatchForm.locator('.pick-unit .choice-chip', { hasText: UNIT_NAME }).click()
        await dispatchForm.locator('.pick-unit .choice-chip--on', { hasText: UNIT_NAME }).waitFor()
        // 整改期限: the picker opens on a week from today; turn it to four days from today.
        const deadlineField = dispatchForm.locator('.input-deadline')
        const offered = await text(deadlineField.locator('.date-field-value'))
        expect(offered).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        const deadline = addDays(offered, -3)
        await pickDate(vp, deadlineField, deadline)
        await dispatchForm.locator('.input-dispatch-note textarea').fill('请尽快清运，并在桥头设置垃圾桶')
        await step(village, 'dispatch-form')
        await dispatchForm.locator('.action-dispatch-confirm').click()
        const dispatched = await expectOk<ReportDetail>(vp, 'reports.dispatch', () => confirmModal(vp, '派单', `派给“${UNIT_NAME}”，${deadline} 前整改完成？将生成问题通知函。`))
        await expectToast(vp, '已派单')
        expect(dispatched).toMatchObject({ status: 'dispatched', unitId: 'unit_1', unitName: UNIT_NAME, rectifyDeadline: deadline })
        const notice = dispatched.letters.find((letter) => letter.kind === 'notice')
        expect(notice).toBeDefined()
        const noticeNo = notice?.no as string
        expect(noticeNo).toBeTruthy()
        await vHandle.locator('.detail-head .status-tag', { hasText: '已派单' }).waitFor()
        const noticeItem = vHandle.locator('.detail-letters .detail-letter', { has: vp.locator('.detail-letter-kind', { hasText: '问题通知函' }) })
        await noticeItem.waitFor()
        expect(await text(noticeItem)).toContain(noticeNo)
        expect(await text(vHandle.locator('.detail-handling'))).toContain(UNIT_NAME)
        expect(await text(vHandle.locator('.detail-handling'))).toContain(deadline)
        await step(village, 'dispatched')

        // The 问题通知函 itself: numbered, to the unit, about this problem.
        await noticeItem.locator('.detail-letter-row').click()
        const letter = vp.locator('.page-letter .letter')
        await letter.waitFor()
        expect(await text(letter.locator('.letter-title'))).toBe('问题通知函')
        expect(await text(letter.locator('.letter-no'))).toBe(noticeNo)
        expect(await text(letter.locator('.letter-to'))).toBe(`${UNIT_NAME}：`)
        expect(await text(letter.locator('.letter-ref'))).toBe(`关联问题编号：${reportNo}`)
        expect(await text(letter)).not.toContain(RESIDENT.name)
        await step(village, 'notice-letter')

        /* ---------- 3. 郑军 (unit) signs, answers, rectifies with an after-photo */
        const unit = await signIn('郑军')
        const up = unit.page
        const uCard = await openFromQueue(up, reportId, '已派单')
        await step(unit, 'queue')
        const uHandle = await handlePage(up, uCard)
        expect(await statusOf(uHandle)).toBe('已派单')
        expect(await uHandle.locator('.detail-reporter').count()).toBe(0)
        expect(await text(uHandle)).not.toContain(RESIDENT.name)
        expect(await text(uHandle)).not.toContain(RESIDENT.phone)
        expect(await buttonsOf(uHandle)).toEqual(expect.arrayContaining(['签收', '退单']))
        await step(unit, 'handle-dispatched')

        await uHandle.locator('.action-sign').click()
        await uHandle.locator('.action-sign-confirm').click()
        await expectOk(up, 'reports.sign', () => confirmModal(up, '签收', '确认签收？签收后开始计算答复期限（2 个工作日）。'))
        await expectToast(up, '已签收')
        await uHandle.locator('.detail-head .status-tag', { hasText: '已签收' }).waitFor()

        await uHandle.locator('.action-answer').click()
        const answerForm = uHandle.locator('.flow-step--answer')
        await answerForm.locator('.input-measures textarea').fill(MEASURES)
        // 计划完成日期: offered as the deadline; one day earlier.
        const plannedField = answerForm.locator('.input-planned')
        expect(await text(plannedField.locator('.date-field-value'))).toBe(deadline)
        const planned = addDays(deadline, -1)
        await pickDate(up, plannedField, planned)
        await step(unit, 'answer-form')
        await answerForm.locator('.action-answer-confirm').click()
        const answered = await expectOk<ReportDetail>(up, 'reports.answer', () => confirmModal(up, '答复', `计划 ${planned} 前完成整改？将生成答复函。`))
        await expectToast(up, '已答复')
        expect(answered).toMatchObject({ status: 'answered', measures: MEASURES, plannedDate: planned })
        await uHandle.locator('.detail-head .status-tag', { hasText: '整改中' }).waitFor()
        expect(await text(uHandle.locator('.detail-measures .detail-value'))).toBe(MEASURES)
        expect(await text(uHandle.locator('.detail-planned .detail-value'))).toBe(planned)
        await uHandle.locator('.detail-letters .detail-letter-kind', { hasText: '答复函' }).waitFor()

        await uHandle.locator('.action-rectify').click()
        const rectifyForm = uHandle.locator('.flow-step--rectify')
        await choosePhoto(up, rectifyForm.locator('.rectify-photos .photo-picker-add'), 'after.png', AFTER_PNG)
        await expectImageShown(rectifyForm.locator('.rectify-photos .photo-picker-item').first())
        await rectifyForm.locator('.input-rectify-note textarea').fill(RECTIFY_NOTE)
        await step(unit, 'rectify-form')
        const rectifyReply = replyTo(up, 'reports.rectify')
        const afterFileID = await uploaded(up, () => rectifyForm.locator('.action-rectify-confirm').click())
        await confirmModal(up, '提交整改', '提交 1 张整改后照片，请验收？')
        const rectified = (await (await rectifyReply).json()) as { ok: boolean; data: ReportDetail }
        expect(rectified.ok).toBe(true)
        await expectToast(up, '已提交整改')
        expect(rectified.data.status).toBe('rectified')
        expect(rectified.data.afterPhotos.map((photo) => photo.fileID)).toEqual([expect.stringMatching(CHECKED_COPY)])
        await uHandle.locator('.detail-head .status-tag', { hasText: '待验收' }).waitFor()
        await expectImageShown(uHandle.locator('.detail-after .photo-grid-item').first())
        await uHandle.locator('.flow-none').waitFor() // nothing left for the unit
        await step(unit, 'rectified')

        /* ---------- 4. 王海涛 (grid worker) verifies → 已销号 */
        const grid = await signIn('王海涛')
        const gp = grid.page
        const gCard = await openFromQueue(gp, reportId, '待验收')
        const gHandle = await handlePage(gp, gCard)
        expect(await statusOf(gHandle)).toBe('待验收')
        expect(await gHandle.locator('.detail-reporter').count()).toBe(0)
        expect(await buttonsOf(gHandle)).toEqual(['验收通过', '验收不通过'])
        await expectImageShown(gHandle.locator('.detail-after .photo-grid-item').first())
        await step(grid, 'handle-rectified')
        await gHandle.locator('.action-verifyPass').click()
        await gHandle.locator('.action-verifyPass-confirm').click()
        const closed = await expectOk<ReportDetail>(gp, 'reports.verify', () => confirmModal(gp, '验收通过', '确认整改到位？验收通过后问题销号。'))
        await expectToast(gp, '已销号')
        expect(closed.status).toBe('closed')
        expect(closed.closedAt).toBeTruthy()
        await gHandle.locator('.detail-head .status-tag', { hasText: '已销号' }).waitFor()
        await gHandle.locator('.flow-none').waitFor()
        await step(grid, 'closed')

        /* ---------- 5. 王秀兰 sees it closed, with every step and the after-photo, and rates it */
        await openTab(rp, '随手拍') // the 我的随手拍 list refreshes when the page shows again
        await myCard.locator('.status-tag', { hasText: '已销号' }).waitFor()
        await step(resident, 'my-reports-closed')
        await myCard.click()
        const detail = rp.locator('.page-report-detail')
        await detail.locator('.detail-timeline .timeline-entry').first().waitFor()
        expect(await statusOf(detail)).toBe('已销号')
        expect(await text(detail.locator('.detail-no .detail-value'))).toBe(reportNo)
        const entries = detail.locator('.detail-timeline .timeline-entry')
        expect((await entries.locator('.timeline-action').allInnerTexts()).map((s) => s.trim())).toEqual(LOOP.map((s) => s.label))
        for (const [index, s] of LOOP.entries()) {
          const entry = entries.nth(index)
          expect(await entry.getAttribute('class')).toContain(`timeline-entry--${s.action}`)
          expect(await text(entry.locator('.timeline-meta'))).toContain(s.actor)
        }
        expect(await text(entries.nth(LOOP.findIndex((s) => s.action === 'rectify')))).toContain(RECTIFY_NOTE)
        expect(await text(detail.locator('.detail-measures .detail-value'))).toBe(MEASURES)
        expect(await detail.locator('.detail-letters').count()).toBe(0) // official letters are for staff
        const afterPhotos = detail.locator('.detail-after .photo-grid-item')
        expect(await afterPhotos.count()).toBe(1)
        await expectImageShown(afterPhotos.first())
        await expectImageShown(detail.locator('.detail-head .photo-grid-item').first())
        await step(resident, 'detail-closed')

        const rate = detail.locator('.rate-panel')
        await rate.locator('.pick-rating .choice-chip', { hasText: /^满意$/ }).click()
        await rate.locator('.pick-rating .choice-chip--on', { hasText: /^满意$/ }).waitFor()
        await rate.locator('.input-rate-comment textarea').fill('处理得很快，桥头干净了')
        await step(resident, 'rating')
        await rate.locator('.action-rate-confirm').click()
        const rated = await expectOk<ReportDetail>(rp, 'reports.rate', () => confirmModal(rp, '提交评价', '评价为“满意”？'))
        await expectToast(rp, '谢谢您的评价')
        expect(rated.rating).toMatchObject({ value: 'satisfied', comment: '处理得很快，桥头干净了' })
        const rating = detail.locator('.detail-rating')
        await rating.waitFor()
        expect(await text(rating.locator('.detail-rating-value'))).toBe('满意')
        expect(await text(rating.locator('.detail-rating-comment'))).toBe('处理得很快，桥头干净了')
        expect(await detail.locator('.rate-panel').count()).toBe(0) // rated once
        await step(resident, 'rated')

        /* ---------- 6. 周建国 (town admin): 问题台账 → 导出 Excel → the .xlsx read back */
        const town = await signIn('周建国')
        const tp = town.page
        await openAdminEntry(tp, 'report-ledger')
        const ledger = tp.locator('.page-ledger')
        // a phone shows cards (编号, 类别, 村, 状态, 期限); the full table on request
        const card = ledger.locator(`.ledger-card[data-report-id="${reportId}"]`)
        await card.waitFor()
        expect(await text(card.locator('.ledger-card-no'))).toBe(reportNo)
        expect(await text(card.locator('.ledger-card-status'))).toBe('已销号')
        expect(await text(ledger.locator('.ledger-total'))).toMatch(/^共 \d+ 条问题$/)
        await ledger.locator('.ledger-layout .segmented-item--table').click()
        const row = ledger.locator(`.ledger-row[data-report-id="${reportId}"]`)
        await row.waitFor()
        const cell = (key: string) => text(row.locator(`.ledger-cell--${key}`))
        expect(await cell('no')).toBe(reportNo)
        expect(await cell('status')).toBe('已销号')
        expect(await cell('unit')).toBe(UNIT_NAME)
        expect(await cell('deadline')).toBe(deadline)
        expect(await cell('planned')).toBe(planned)
        expect(await cell('village')).toBe('东山村')
        expect(await cell('closed')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        await step(town, 'ledger')

        const exported = await expectOk<{ url: string; rows: number }>(tp, 'reports.exportLedger', () => ledger.locator('.ledger-export').click())
        await expectToast(tp, `已导出 ${exported.rows} 条`)
        expect(exported.rows).toBeGreaterThanOrEqual(1)
        const link = ledger.locator('a.ledger-download')
        await link.waitFor()
        expect(await text(link)).toBe(`下载 Excel（${exported.rows} 条）`)
        expect(await link.getAttribute('href')).toBe(exported.url)
        await step(town, 'exported')
        const downloading = tp.waitForEvent('download')
        await link.click()
        const download = await downloading
        expect(download.suggestedFilename()).toBe('问题台账.xlsx')
        const xlsx = join(shots.dir, 'ledger.xlsx')
        await download.saveAs(xlsx)

        const book = new Workbook()
        await book.xlsx.readFile(xlsx)
        const sheet = book.getWorksheet('问题台账') as Worksheet
        expect(sheet).toBeDefined()
        const headers = (sheet.getRow(1).values as unknown[]).slice(1)
        expect(headers).toEqual(LEDGER_HEADERS)
        const col = (header: string) => LEDGER_HEADERS.indexOf(header) + 1
        const lines: number[] = []
        sheet.eachRow((line, n) => {
          if (n > 1 && line.getCell(col('编号')).text === reportNo) lines.push(n)
        })
        expect(lines).toHaveLength(1)
        expect(sheet.rowCount - 1).toBe(exported.rows)
        const line = sheet.getRow(lines[0])
        const at = (header: string) => line.getCell(col(header)).text
        expect(at('状态')).toBe('已销号')
        expect(at('来源')).toBe('随手拍')
        expect(at('村（居）')).toBe('东山村')
        expect(at('网格')).toBe('东山一组网格')
        expect(at('地点')).toBe(ADDRESS)
        expect(at('问题类别')).toBe(CATEGORY)
        expect(at('问题描述')).toBe(DESCRIPTION)
        expect(at('责任单位')).toBe(UNIT_NAME)
        expect(at('整改期限')).toBe(deadline)
        expect(at('整改措施')).toBe(MEASURES)
        expect(at('计划完成')).toBe(planned)
        expect(at('销号时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
        // Photos are links that open: the after-photo the unit sent.
        const afterLink = line.getCell(col('整改照片')).value as { text: string; hyperlink: string }
        expect(afterLink).toMatchObject({ text: '查看', hyperlink: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//) })
        const afterImage = await fetch(afterLink.hyperlink)
        expect(afterImage.status).toBe(200)
        expect(afterImage.headers.get('content-type')).toBe('image/jpeg')
        expect((line.getCell(col('现场照片')).value as { hyperlink?: string }).hyperlink).toMatch(/\/files\//)

        /* ---------- the server agrees: state, every step in order, and who may learn who reported */
        const tokens = {
          resident: await tokenOf(rp),
          village: await tokenOf(vp),
          unit: await tokenOf(up),
          grid: await tokenOf(gp),
          town: await tokenOf(tp)
        }
        const mine = await api<ReportDetail>(tokens.resident, 'reports.get', { reportId })
        expect(mine.status).toBe(200)
        expect(mine.body.ok).toBe(true)
        const final = mine.body.data as ReportDetail
        expect(final).toMatchObject({ id: reportId, no: reportNo, status: 'closed', statusLabel: '已销号', unitName: UNIT_NAME, rectifyDeadline: deadline, plannedDate: planned, measures: MEASURES })
        expect(final.reporter).toMatchObject({ name: RESIDENT.name, phone: RESIDENT.phone }) // she sees herself
        expect(final.photos.map((p) => p.fileID)).toEqual([expect.stringMatching(CHECKED_COPY)])
        expect(final.afterPhotos.map((p) => p.fileID)).toEqual([expect.stringMatching(CHECKED_COPY)])
        // the copies hold the bytes the page uploaded
        expect(await fileBytes(tokens.town, final.photos[0].fileID)).toEqual(await fileBytes(tokens.town, beforeFileID))
        expect(await fileBytes(tokens.town, final.afterPhotos[0].fileID)).toEqual(await fileBytes(tokens.town, afterFileID))
        expect(final.rating).toMatchObject({ value: 'satisfied' })
        const steps = final.timeline.map((entry) => ({ action: entry.action, from: entry.from, to: entry.to, actor: entry.actor }))
        expect(steps.slice(0, LOOP.length)).toEqual(LOOP.map(({ action, from, to, actor }) => ({ action, from, to, actor })))
        expect(steps.slice(LOOP.length).map((entry) => entry.action)).toEqual(['rate'])
        const seqs = final.timeline.map((entry) => entry.seq)
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
        const times = final.timeline.map((entry) => Date.parse(entry.at))
        expect(times).toEqual([...times].sort((a, b) => a - b))
        expect(final.timeline.find((entry) => entry.action === 'rectify')?.photos.map((p) => p.fileID)).toEqual([final.afterPhotos[0].fileID])

        const me = await api<{ id: string }>(tokens.resident, 'users.me', {}, 'users')
        const residentUserId = me.body.data?.id as string
        expect(residentUserId).toBeTruthy()
        // The unit (and the village and grid staff): the problem, the steps, the letters — not who reported it.
        for (const staff of ['unit', 'village', 'grid'] as const) {
          const seen = await api<ReportDetail>(tokens[staff], 'reports.get', { reportId })
          expect({ staff, status: seen.status, ok: seen.body.ok }).toEqual({ staff, status: 200, ok: true })
          expect(seen.body.data?.reporter).toBeNull()
          expect(seen.body.data?.timeline[0].actor).toBe('居民')
          for (const secret of [RESIDENT.name, RESIDENT.phone, RESIDENT.openid, residentUserId]) {
            expect({ staff, leaks: seen.raw.includes(secret) ? secret : null }).toEqual({ staff, leaks: null })
          }
        }
        const unitView = await api<ReportDetail>(tokens.unit, 'reports.get', { reportId })
        expect(unitView.body.data?.letters.map((l) => l.kind)).toEqual(['notice', 'reply'])
        // …while the town office does see it.
        const townView = await api<ReportDetail>(tokens.town, 'reports.get', { reportId })
        expect(townView.body.data?.reporter).toMatchObject({ name: RESIDENT.name, phone: RESIDENT.phone })
        expect(townView.raw).toContain(RESIDENT.name) // (so the search above would have found a leak)

        for (const person of suite.people) expect({ who: person.who, pageErrors: person.errors }).toEqual({ who: person.who, pageErrors: [] })
      } catch (err) {
        for (const person of suite.people) {
          if (!person.page.isClosed()) await shots.step(person.page, `failed-${person.who}`).catch(() => undefined)
        }
        if (err instanceof Error) {
          const errors = suite.people.filter((p) => p.errors.length).map((p) => `${p.who}: ${p.errors.join(' | ')}`)
          err.message += `${errors.length ? `\n--- page errors ---\n${errors.join('\n')}` : ''}\n--- local server output ---\n${suite.app.output().slice(-4000)}`
        }
        throw err
      }
    },
    TIMEOUT
  )
})
