/**
 * 督导 in the field (issue #12) end to end, in the real H5 build (dist-h5) in chromium against
 * local-server/main.ts and the seeded 西岗镇:
 *
 *   王海涛 (grid worker) opens 今日巡查 from 我的, fails two items with photos — the draft on the phone
 *   survives a page reload, and a send without signal waits as 待重试 — then sends it: two problems
 *   appear in 周建国's (town office) 问题处置 queue → 李卫东 (东山村 admin) records a visit whose problem
 *   is filed as a report for the household → 周建国 inspects 东山村主街 (the rules page on the way), 李卫东
 *   appeals the finding, 周建国 withdraws it, and 刘桂英's monthly sheet exports: the .xlsx the local
 *   server serves reads back with exceljs → 郑军 (unit) reads his unit's 整改通知 from 我的 → 李卫东
 *   sends a 信息 item and 周建国 adopts it (县级); supervision.counts shows the day's cleaning and the
 *   half month's 信息.
 *
 * Every wait in the journey is a Playwright auto-waiting locator or a response wait (before it, a
 * poll until the server has written the demo data); no sleeps, no timing assertions. Screenshots: test-artifacts/8-supervision/NN-*.png, the export as cleaning.xlsx.
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first (`npm test` does both).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Workbook, type Worksheet } from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import type { CleaningExport, CleaningFinding, CleaningInspection, InfoDetail, PatrolCounts, PatrolDetail, ReportDetail, VisitDetail } from '@/contract'
import { chinaDay } from '@/domain/china-time'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, choosePhoto, expectOk, noToast, okData, openTab, png, text, tokenOf, type Person } from './kit'

const TIMEOUT = 600_000
const JOURNEY = '8-supervision'

const GRID = '王海涛'
const ADMIN = '李卫东'
const TOWN = '周建国'
const UNIT = '郑军'

/** Where the phones are: east of 东山村, far (> 50 m) from every seeded open problem, so each failure files a new one. */
const OUT_EAST = { longitude: 120.3452, latitude: 30.4321 }

/** The two failed items of today's 社区环境督导 (by position in the checklist) and what was seen. */
const FAILURES = [
  { index: 0, category: '私搭乱建', note: '村东头有人在河边新搭了一间彩钢棚' },
  { index: 2, category: '乱贴乱画/小广告', note: '东山桥桥墩上贴满了办证小广告' }
]
const VISIT_PROBLEM = '村道东段两盏路灯不亮，晚上老人出门看不清路'
const FINDING_NOTE = '主街东段边沟里积了一层落叶和塑料瓶'
const APPEAL_REASON = '保洁员上午刚清扫过，落叶是下午大风后新落的'
const WITHDRAW_REASON = '核实检查前两小时刮大风，撤销扣款'
const INFO = { title: '东山村网格员“日巡查”发现问题当天办结', text: '东山村网格员每天按巡查表走一遍村道，发现私搭乱建、小广告等问题当场拍照上报，村里当天派人处理，群众满意度明显提高。' }

const suite = browserSuite(TIMEOUT)

/** A small photo of a "scene": a grey road, a coloured patch where the problem is. */
const scene = (r: number, g: number, b: number) => png(160, 120, (x, y) => ((x - 80) ** 2 + (y - 70) ** 2 < 900 ? [r, g, b] : y < 40 ? [150, 190, 230] : [128, 128, 128]))

const signIn = (name: string): Promise<Person> => suite.signIn(name, { context: { geolocation: OUT_EAST }, permissions: ['geolocation'] })
const open = (page: Page, route: string) => page.goto(`${suite.app.url}#${route}`)
const api = async <T>(page: Page, action: string, data: unknown, fn = 'supervision'): Promise<T> => okData(action, await callApi<T>(suite.app, await tokenOf(page), fn, action, data))

/**
 * The demo data is written after the server answers (local-server/main.ts writes 督导, 民情日记, 信息 and
 * 保洁考核 in turn): wait for the last of them, the appeal pending in seed-cleaning, before anyone signs in.
 */
async function demoWritten(): Promise<void> {
  const signedIn = await fetch(`${suite.app.url}api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-town-admin' }) })
  const { token } = (await signedIn.json()) as { token: string }
  const deadline = Date.now() + 180_000
  for (;;) {
    const reply = await callApi<{ items: CleaningFinding[] }>(suite.app, token, 'supervision', 'supervision.findings', { status: 'appealed' })
    if (reply.body.ok && reply.body.data.items.length > 0) return
    if (Date.now() > deadline) throw new Error(`the demo data was not written in time:\n${suite.app.output().slice(-3000)}`)
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

/** Fills one failed item of the patrol: photo, what was seen, the place. */
async function failItem(page: Page, item: Locator, note: string, photo: Buffer): Promise<void> {
  await item.locator('.patrol-choice-option--fail').click()
  const failure = item.locator('.patrol-failure')
  await failure.waitFor()
  await choosePhoto(page, failure.locator('.photo-picker-add'), 'scene.png', photo)
  await failure.locator('.photo-picker-item img').waitFor()
  await failure.locator('textarea').fill(note)
  await failure.getByText('标记当前位置', { exact: true }).click()
  await failure.getByText(/^已定位/).waitFor()
}

describe('督导：巡查、走访、保洁考核和信息报送 (H5 build + local server)', () => {
  test(
    '网格员巡查（草稿经刷新仍在、无信号待重试）→ 镇里看到两个问题 → 村里走访转问题 → 镇里检查保洁区域、村里申诉、镇里撤销、导出月度考核表 → 单位看整改通知 → 信息报送与采用',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }
      try {
        await demoWritten()
        /* ---------------- 1. 王海涛: 今日巡查 from 我的, two items fail with photos */
        const grid = (current = await signIn(GRID))
        const gp = grid.page
        await openTab(gp, '我的')
        const today = gp.locator('.page-me .me-patrols .me-patrol')
        await today.first().waitFor()
        expect(await text(today.first())).toContain('社区环境督导')
        await step(grid, 'today')
        await today.first().click()
        const patrolPage = gp.locator('.page-patrol')
        const items = patrolPage.locator('.patrol-item')
        await items.first().locator('.patrol-choice-option--pass').waitFor()
        const itemCount = await items.count()
        expect(itemCount).toBeGreaterThanOrEqual(10)
        for (const [k, f] of FAILURES.entries()) {
          expect(await text(items.nth(f.index).locator('.patrol-item-meta'))).toContain(`不合格转为：${f.category}`)
          await failItem(gp, items.nth(f.index), f.note, scene(200, 60 + k * 80, 40))
        }
        const failed = new Set(FAILURES.map((f) => f.index))
        for (let i = 0; i < itemCount; i++) if (!failed.has(i)) await items.nth(i).locator('.patrol-choice-option--pass').click()
        expect(await gp.evaluate(() => Object.keys(window.localStorage).some((k) => k.includes('patrolDraft')))).toBe(true)
        await step(grid, 'patrol-filled')

        // the draft is on the phone: a reload shows everything as it was, photos included
        await gp.reload()
        await items.nth(1).locator('.patrol-choice-option--pass.patrol-choice-option--on').waitFor()
        expect(await patrolPage.locator('.patrol-choice-option--pass.patrol-choice-option--on').count()).toBe(itemCount - FAILURES.length)
        for (const f of FAILURES) {
          const item = items.nth(f.index)
          await item.locator('.patrol-choice-option--fail.patrol-choice-option--on').waitFor()
          expect(await item.locator('.patrol-failure textarea').inputValue()).toBe(f.note)
          expect(await item.locator('.patrol-failure .photo-picker-item img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
          await item.getByText(/^已定位/).waitFor()
        }
        await step(grid, 'patrol-after-reload')

        // no signal: the send waits on the phone as 待重试
        await grid.context.setOffline(true)
        await patrolPage.locator('.patrol-submit').click()
        await patrolPage.locator('.patrol-notice', { hasText: '待重试' }).first().waitFor()
        await step(grid, 'patrol-offline')
        await grid.context.setOffline(false)
        const submitted = await expectOk<PatrolDetail>(gp, 'supervision.submitPatrol', () => patrolPage.locator('.patrol-submit', { hasText: '重新提交' }).click())
        expect(submitted).toMatchObject({ status: 'done', findings: FAILURES.length })
        const problems = FAILURES.map((f) => submitted.results?.find((r) => r.itemKey === submitted.items[f.index].key)?.problem)
        for (const p of problems) expect(p).toMatchObject({ linked: false, reportNo: expect.stringMatching(/\S/) })
        const reportIds = problems.map((p) => p?.reportId as string)
        expect(new Set(reportIds).size).toBe(2)
        await patrolPage.locator('.patrol-score').waitFor()
        for (const p of problems) await patrolPage.getByText(`已转为问题 ${p?.reportNo}`).waitFor()
        expect(await gp.evaluate(() => Object.keys(window.localStorage).some((k) => k.includes('patrolDraft')))).toBe(false)
        await step(grid, 'patrol-done')

        /* ---------------- 2. 周建国: both problems in 问题处置 */
        const town = (current = await signIn(TOWN))
        const tp = town.page
        await openAdminEntry(tp, 'report-queue')
        for (const [k, id] of reportIds.entries()) {
          const card = tp.locator(`.page-report-queue .report-card[data-report-id="${id}"]`)
          await card.waitFor()
          expect(await text(card.locator('.report-card-category'))).toBe(FAILURES[k].category)
          expect(await text(card.locator('.report-card-desc'))).toContain(FAILURES[k].note)
          expect(await text(card.locator('.status-tag'))).toBe('待受理')
        }
        await step(town, 'queue-two-problems')

        /* ---------------- 3. 李卫东: a visit whose problem becomes a report (代录 for the household) */
        const admin = (current = await signIn(ADMIN))
        const ap = admin.page
        await openAdminEntry(ap, 'report-visits')
        await ap.locator('.page-visits .visit-new').click()
        const visitForm = ap.locator('.page-visit-form')
        await visitForm.locator('.choice-chip', { hasText: '王海涛家' }).click()
        await visitForm.locator('.choice-chip--on', { hasText: '王海涛家' }).waitFor()
        await visitForm.locator('.visit-situation textarea').fill('王海涛一家四口，老人身体硬朗，孩子在镇上读书')
        await visitForm.locator('.visit-add-problem').click()
        const problemForm = visitForm.locator('.visit-problem-form')
        await problemForm.locator('.visit-problem-text input').fill(VISIT_PROBLEM)
        await problemForm.locator('.choice-chip', { hasText: '转问题' }).click()
        await problemForm.locator('.choice-chip', { hasText: '公用设施缺失' }).click()
        await problemForm.locator('.choice-chip--on', { hasText: '公用设施缺失' }).waitFor()
        await step(admin, 'visit-form')
        const visit = await expectOk<VisitDetail>(ap, 'supervision.recordVisit', () => visitForm.locator('.visit-submit').click())
        expect(visit).toMatchObject({ householdName: '王海涛家', filed: 1, villageName: '东山村' })
        const filed = visit.problemList[0].report
        expect(filed).toMatchObject({ categoryName: expect.stringContaining('公用设施缺失') })
        await ap.locator('.page-visit').getByText(`已转问题 ${filed?.reportNo}`, { exact: false }).waitFor()
        await step(admin, 'visit-recorded')
        const report = await api<ReportDetail>(ap, 'reports.get', { reportId: filed?.reportId }, 'reports')
        expect(report).toMatchObject({ status: 'submitted', description: VISIT_PROBLEM, villageName: '东山村' })

        /* ---------------- 4. 周建国: the rules, then an inspection of 东山村主街 */
        await openAdminEntry(tp, 'report-cleaning')
        const cleaning = tp.locator('.page-cleaning')
        await cleaning.locator('.cleaning-rules-link').click()
        const rules = tp.locator('.page-cleaning-rules')
        await rules.locator('.cleaning-rule-card').first().waitFor()
        expect(await rules.locator('.cleaning-rules-deduction input').getAttribute('placeholder')).toBe('20')
        await step(town, 'cleaning-rules')
        await tp.goBack()
        const street = cleaning.locator('.zone-card', { hasText: '东山村主街' })
        await street.getByText('检查', { exact: true }).click()
        const inspect = tp.locator('.page-inspect')
        const c6 = inspect.locator('[data-item-key="c6"]')
        await c6.locator('.patrol-choice-option').click()
        await choosePhoto(tp, c6.locator('.photo-picker-add'), 'ditch.png', scene(120, 90, 40))
        await c6.locator('.photo-picker-item img').waitFor()
        await c6.locator('.patrol-failure textarea').fill(FINDING_NOTE)
        await c6.getByText('标记当前位置', { exact: true }).click()
        await c6.getByText(/^已定位/).waitFor()
        await step(town, 'inspect-filled')
        const inspection = await expectOk<CleaningInspection>(tp, 'supervision.inspectZone', () => inspect.locator('.patrol-submit').click())
        expect(inspection.findings).toHaveLength(1)
        const finding = inspection.findings[0]
        expect(finding).toMatchObject({ zoneName: '东山村主街', itemKey: 'c6', note: FINDING_NOTE, amountYuan: 20, status: 'standing', cleaners: [{ name: '刘桂英' }, { name: '陈大勇' }] })
        await inspect.getByText('检查已提交').waitFor()
        await step(town, 'inspected')

        /* ---------------- 5. 李卫东 appeals; 周建国 withdraws */
        await openAdminEntry(ap, 'report-cleaning')
        await ap.locator('.page-cleaning').getByText('扣款与申诉', { exact: true }).click()
        const mine = ap.locator('.page-findings .section-card', { hasText: FINDING_NOTE })
        const appealForm = mine.locator('.cleaning-appeal')
        await appealForm.locator('textarea').fill(APPEAL_REASON)
        await choosePhoto(ap, appealForm.locator('.photo-picker-add'), 'swept.png', scene(90, 140, 90))
        await appealForm.locator('.photo-picker-item img').waitFor()
        const appealed = await expectOk<CleaningFinding>(ap, 'supervision.appealFinding', () => appealForm.getByText('提交申诉', { exact: true }).click())
        expect(appealed).toMatchObject({ id: finding.id, status: 'appealed', deducts: true, appeal: { reason: APPEAL_REASON, byName: ADMIN } })
        await mine.getByText(`申诉（${ADMIN}）：${APPEAL_REASON}`).waitFor()
        await step(admin, 'appealed')

        await open(tp, '/packages/supervision/pages/findings/index')
        const theirs = tp.locator('.page-findings .section-card', { hasText: FINDING_NOTE })
        await theirs.locator('.cleaning-appeal textarea').fill(WITHDRAW_REASON)
        const withdrawn = await expectOk<CleaningFinding>(tp, 'supervision.decideAppeal', () => theirs.getByText('撤销扣款', { exact: true }).click())
        expect(withdrawn).toMatchObject({ id: finding.id, status: 'withdrawn', deducts: false, decision: { outcome: 'withdraw', reason: WITHDRAW_REASON } })
        await theirs.getByText(`处理（撤销）：${WITHDRAW_REASON}`).waitFor()
        await step(town, 'withdrawn')

        /* ---------------- 6. 刘桂英's monthly sheet and its .xlsx */
        await open(tp, '/packages/supervision/pages/cleaning/index')
        await cleaning.getByText('保洁员与月度考核', { exact: true }).click()
        await tp.locator('.page-cleaners .visit-card', { hasText: '刘桂英' }).click()
        const sheetPage = tp.locator('.page-cleaner-sheet')
        await sheetPage.locator('.patrol-item', { hasText: FINDING_NOTE }).waitFor()
        expect(await text(sheetPage.locator('.patrol-item', { hasText: FINDING_NOTE }).locator('.patrol-status'))).toBe('已撤销')
        const month = chinaDay(new Date()).slice(0, 7)
        const cleanerId = finding.cleaners[0].id
        const sheet = await api<{ totalYuan: number; counted: number; withdrawn: number; findings: CleaningFinding[] }>(tp, 'supervision.cleanerSheet', { cleanerId, month })
        expect(await text(sheetPage.locator('.patrol-score'))).toBe(`${sheet.totalYuan} 元`)
        expect(sheet.totalYuan).toBe(sheet.findings.filter((f) => f.deducts).reduce((s, f) => s + f.amountYuan, 0))
        const exported = await expectOk<CleaningExport>(tp, 'supervision.exportCleanerSheets', () => sheetPage.getByText('导出Excel', { exact: true }).click())
        expect(exported.rows).toBe(1)
        const link = sheetPage.locator('a.ledger-download')
        await link.waitFor()
        expect(await link.getAttribute('href')).toBe(exported.url)
        await step(town, 'sheet-exported')
        const served = await fetch(new URL(exported.url, suite.app.url))
        expect(served.status).toBe(200)
        const bytes = Buffer.from(await served.arrayBuffer())
        const xlsx = join(shots.dir, 'cleaning.xlsx')
        writeFileSync(xlsx, bytes)
        const book = new Workbook()
        await book.xlsx.load(bytes as unknown as ArrayBuffer)
        const summary = book.getWorksheet('月度扣款汇总') as Worksheet
        const detail = book.getWorksheet('扣款明细') as Worksheet
        expect(summary).toBeDefined()
        expect(detail).toBeDefined()
        const headerOf = (ws: Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String)
        const cellOf = (ws: Worksheet, row: number, header: string) => ws.getRow(row).getCell(headerOf(ws).indexOf(header) + 1)
        expect(summary.rowCount).toBe(2)
        expect(cellOf(summary, 2, '保洁员').text).toBe('刘桂英')
        expect(cellOf(summary, 2, '月份').text).toBe(month)
        expect(Number(cellOf(summary, 2, '当月扣款（元）').value)).toBe(sheet.totalYuan)
        expect(Number(cellOf(summary, 2, '已撤销').value)).toBe(sheet.withdrawn)
        const lines: number[] = []
        detail.eachRow((_, n) => {
          if (n > 1 && cellOf(detail, n, '问题说明').text === FINDING_NOTE) lines.push(n)
        })
        expect(lines).toHaveLength(1)
        expect(cellOf(detail, lines[0], '状态').text).toBe('已撤销')
        expect(Number(cellOf(detail, lines[0], '扣款（元）').value)).toBe(0)
        expect(cellOf(detail, lines[0], '申诉 / 处理').text).toBe(`申诉：${APPEAL_REASON}；处理：${WITHDRAW_REASON}`)
        expect(detail.rowCount - 1).toBe(sheet.findings.length)

        /* ---------------- 7. 郑军: his unit's 整改通知 from 我的 */
        const unit = (current = await signIn(UNIT))
        const up = unit.page
        await openTab(up, '我的')
        await up.locator('.page-me .me-admin .me-admin-report-rectify').click()
        const notice = up.locator('.page-rectify-notices .rectify-card').first()
        await notice.waitFor()
        expect(await text(notice.locator('.rectify-no'))).toMatch(/^整改〔\d{4}〕\d+号$/)
        expect(await text(notice.locator('.rectify-mark'))).toMatch(/^(整改通知|通报)$/)
        expect(await text(notice.locator('.rectify-deadline'))).toMatch(/^整改期限：\d{4}-\d{2}-\d{2}$/)
        expect(await text(notice.locator('.rectify-body'))).toContain('行政执法中队办公区')
        await step(unit, 'rectify-notices')

        /* ---------------- 8. 李卫东 sends a 信息 item; 周建国 adopts it (县级) */
        current = admin
        await openAdminEntry(ap, 'report-info')
        await ap.locator('.page-infos .info-new').click()
        const infoForm = ap.locator('.page-info-form')
        await infoForm.locator('.choice-chip', { hasText: '经验做法' }).click()
        await infoForm.locator('.info-title-input input').fill(INFO.title)
        await infoForm.locator('.info-text-input textarea').fill(INFO.text)
        await step(admin, 'info-form')
        const sent = await expectOk<InfoDetail>(ap, 'supervision.submitInfo', () => infoForm.locator('.info-submit').click())
        expect(sent).toMatchObject({ status: 'pending', kind: 'practice', title: INFO.title, submitter: { kind: 'village', name: '东山村' } })
        await ap.locator('.page-info').getByText(INFO.title).waitFor()

        current = town
        await openAdminEntry(tp, 'report-info')
        await tp.locator('.page-infos .info-card', { hasText: INFO.title }).click()
        const infoPage = tp.locator('.page-info')
        await infoPage.locator('.choice-chip', { hasText: '县级采用' }).click()
        const adopted = await expectOk<InfoDetail>(tp, 'supervision.decideInfo', () => infoPage.locator('.info-adopt').click())
        expect(adopted).toMatchObject({ id: sent.id, status: 'adopted', level: 'county', levelLabel: '县级采用' })
        await infoPage.locator('.info-status', { hasText: '县级采用' }).waitFor()
        await step(town, 'info-adopted')

        /* ---------------- 9. what the dashboards will read: the day's cleaning and the half month's 信息 */
        const [year, monthNo] = month.split('-').map(Number)
        const counts = await api<PatrolCounts>(tp, 'supervision.counts', { villageId: 'v_dongshan', year, month: monthNo })
        const day = counts.days.find((d) => d.date === chinaDay(new Date()))
        expect(day?.cleaningFindings).toBeGreaterThanOrEqual(1)
        expect(day?.cleaningWithdrawn).toBeGreaterThanOrEqual(1)
        expect(day?.done).toBeGreaterThanOrEqual(1)
        expect(counts.infoTotals.adopted).toBeGreaterThanOrEqual(1)
        expect(counts.info.every((r) => r.villageId === 'v_dongshan')).toBe(true)

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
