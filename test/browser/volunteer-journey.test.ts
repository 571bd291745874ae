/**
 * The volunteer journey end to end, in the real H5 build (dist-h5) in Debian's chromium against
 * local-server/main.ts (the real wx-server-sdk over the local cloud, the esbuild function bundles,
 * the seeded 西岗镇 with its volunteer teams):
 *
 *   李大爷 (resident of 东山村, not a volunteer) registers on 实名注册 (a bad ID checksum first) →
 *   applies to 东山村助老服务队 → 李卫东 (东山村 village admin) approves in 志愿队伍 → 李卫东 publishes
 *   an activity open to all at a venue in 东山村 → 李大爷 signs up → 李卫东 shows the rotating
 *   签到码 → 李大爷 types it in and checks in (the test supplies his location), is refused when far
 *   away, checks out with a later code → 李卫东 corrects the hours on the roster, 周建国 (town office)
 *   approves them → 李大爷 opens 我的时长 → 开具志愿服务证明 and the certificate image renders.
 *
 * Each person has their own browser context and signs in on 本地演示登录. Every wait is a Playwright
 * auto-waiting locator, a response wait or a wait for the page's own state (the code on the
 * organiser's screen turning over); there are no sleeps and no timing assertions. Screenshots:
 * test-artifacts/5-volunteer/NN-*.png and test-artifacts/5-volunteer/certificate.png.
 *
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first (`npm test` does both).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Response } from 'playwright-core'
import type { ActivityDetail, Certificate, HoursDecision, HoursPendingItem, Page as ListPage, RosterPage, RosterRow, ScanResult, VolunteerProfile } from '@/contract'
import { hoursText } from '@/services/volunteer-text'
import { maskIdNumber } from '../../cloudfunctions/volunteers/rules'
import { RESCAN_GUARD_MS } from '@/domain/volunteer-rules'
import { screenshotSeries } from './harness'
import { browserSuite, callApi, confirmModal as confirmWith, expectOk, noToast, openTab, replyOf, replyTo, text, tokenOf, type ApiBody, type Person } from './kit'

const TIMEOUT = 420_000
const JOURNEY = '5-volunteer'

const VOLUNTEER = { name: '李大爷', realName: '李长根', phone: '13900000002', village: '东山村' }
const ADMIN = { name: '李卫东' }
const TOWN_ADMIN_OPENID = 'demo-town-admin'
const TEAM = { id: 'vt_seed_ds-elder', name: '东山村助老服务队' }
const VILLAGE_ID = 'v_dongshan'
const TITLE = '东山村文明新风入户宣传'

/** The venue (near 东山村's centre in the seed), where the volunteer stands, and somewhere 20 km off. */
const VENUE = { lng: 120.3102, lat: 30.4101 }
const AT_VENUE = { longitude: 120.3104, latitude: 30.4102 }
const FAR_AWAY = { longitude: 120.5, latitude: 30.55 }

/* ---------------------------------------------------------------- ID numbers */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** 17 digits + their GB 11643 check character. */
function withChecksum(body: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0)
  return body + CHECK[sum % 11]
}

/** 330110 (not a region the seed uses), born 1958-06-23, sequence 417. */
const ID_NUMBER = withChecksum('33011019580623417')
/** The same number with a wrong last character. */
const BAD_ID_NUMBER = ID_NUMBER.slice(0, 17) + CHECK[(CHECK.indexOf(ID_NUMBER[17]) + 1) % 11]

/* ---------------------------------------------------------------- helpers */

const suite = browserSuite(TIMEOUT)

/** Raw text of every API reply the volunteer or the village admin received (pages and direct calls). */
const replies: Array<Promise<string> | string> = []

/** POST /api/functions/volunteers the way the H5 transport does, with the page's own token. */
async function api<T>(token: string, action: string, data: unknown = {}, record = true): Promise<ApiBody<T>> {
  const reply = await callApi<T>(suite.app, token, 'volunteers', action, data)
  if (record) replies.push(reply.raw)
  expect(reply.status).toBe(200)
  return reply.body
}

async function apiOk<T>(token: string, action: string, data: unknown = {}, record = true): Promise<T> {
  const body = await api<T>(token, action, data, record)
  expect({ action, ok: body.ok, message: body.message }).toEqual({ action, ok: true, message: undefined })
  return body.data
}

const confirmModal = (page: Page, title: string, confirm: string) => confirmWith(page, title, undefined, confirm)

/** A phone of one's own at the venue (geolocation granted), signed in as `name`, privacy notice agreed. */
const signIn = (name: string, record: boolean): Promise<Person> =>
  suite.signIn(name, { context: { geolocation: AT_VENUE }, permissions: ['geolocation'], ...(record ? { onReply: (res: Response) => replies.push(res.text().catch(() => '')) } : {}) })

/** From a subpackage page back to the tab pages (a fresh load of 首页, so its tab bar is there). */
async function toTabs(page: Page): Promise<void> {
  await page.goto(suite.app.url)
  await page.locator('.page-home .home-greeting').waitFor()
}

/** 我的 → 管理 → one of the volunteer entries. */
async function openAdminEntry(page: Page, entry: 'volunteer-activities' | 'volunteer-teams'): Promise<void> {
  await toTabs(page)
  await openTab(page, '我的')
  const admin = page.locator('.page-me .me-admin')
  await admin.waitFor()
  await admin.locator(`.me-admin-${entry}`).click()
}

/** The slot number inside a check-in code: ZY1.<activity>.<slot>.<mac>. */
const slotOfCode = (code: string) => Number(code.split('.')[2])

/* ---------------------------------------------------------------- the journey */

describe('volunteer journey (H5 build + local server)', () => {
  test(
    "5 volunteer: 实名注册 → join a team → sign up → check in and out with the organiser's code → certificate",
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      try {
        /* ---------------- 1. 实名注册 */
        const vol = (current = await signIn(VOLUNTEER.name, true))
        const vPage = vol.page
        const vToken = await tokenOf(vPage)
        expect(await apiOk<VolunteerProfile | null>(vToken, 'volunteers.me')).toBeNull()

        await openTab(vPage, '志愿')
        const tab = vPage.locator('.page-activities')
        await tab.locator('.volunteer-intro .volunteer-register-entry').waitFor()
        await shots.step(vPage, 'not-a-volunteer')
        await tab.locator('.volunteer-register-entry').click()

        const register = vPage.locator('.page-volunteer-register')
        const form = register.locator('.register-form')
        await form.waitFor()
        // Prefilled from the profile: phone and village.
        expect(await form.locator('.input-phone input').inputValue()).toBe(VOLUNTEER.phone)
        await form.locator('.input-real-name input').fill(VOLUNTEER.realName)
        await form.locator('.input-id-number input').fill(BAD_ID_NUMBER)
        await form.locator('.pick-skills').getByText('助老陪护', { exact: true }).click()
        // A wrong check character: the field says so in Chinese, nothing is sent.
        let registerCalls = 0
        const countRegister = (req: { postData(): string | null }) => {
          if ((req.postData() ?? '').includes('"action":"volunteers.register"')) registerCalls++
        }
        vPage.on('request', countRegister)
        await form.locator('.register-submit').click()
        const idField = form.locator('.form-field', { has: vPage.locator('.input-id-number') })
        await idField.locator('.form-field-error').waitFor()
        expect(await text(idField.locator('.form-field-error'))).toBe('身份证号不正确，请核对')
        expect(await text(form.locator('.register-error'))).toBe('还有内容没填好，请看标红的地方')
        expect(registerCalls).toBe(0)
        await shots.step(vPage, 'register-bad-id')

        await form.locator('.input-id-number input').fill(ID_NUMBER)
        await idField.locator('.form-field-error').waitFor({ state: 'detached' })
        expect(await text(form.locator('.register-consent-error'))).toBe('请阅读身份证号的使用说明，同意后再注册')
        await form.locator('.register-consent').click()
        await form.locator('.register-consent-error').waitFor({ state: 'detached' })
        await shots.step(vPage, 'register-filled')
        const registered = await expectOk<VolunteerProfile>(vPage, 'volunteers.register', () => form.locator('.register-submit').click())
        vPage.off('request', countRegister)
        expect(registered).toMatchObject({ realName: VOLUNTEER.realName, idNumber: maskIdNumber(ID_NUMBER), villageName: VOLUNTEER.village, totalHours: 0, teams: [] })
        const volunteerUserId = registered.userId
        // Back on 志愿: my card instead of 实名注册.
        const card = tab.locator('.volunteer-card')
        await card.locator('.volunteer-card-name', { hasText: VOLUNTEER.realName }).waitFor()
        await noToast(vPage)
        await shots.step(vPage, 'registered')

        /* ---------------- 2. join a team, approved by the village admin */
        await card.locator('.team-browse').click()
        const teamItem = card.locator(`.team-join-item[data-team-id="${TEAM.id}"]`)
        await teamItem.waitFor()
        expect(await text(teamItem.locator('.team-join-name'))).toBe(TEAM.name)
        expect(await text(teamItem.locator('.team-apply'))).toBe('申请加入')
        const joined = await expectOk<VolunteerProfile>(vPage, 'volunteers.joinTeam', () => teamItem.locator('.team-apply').click())
        expect(joined.teams).toEqual([{ teamId: TEAM.id, teamName: TEAM.name, status: 'pending', leader: false }])
        await teamItem.locator('.team-apply', { hasText: '审核中' }).waitFor()
        await card.locator('.my-team--pending', { hasText: TEAM.name }).waitFor()
        expect(await text(card.locator('.my-team--pending .team-status'))).toBe('审核中')
        await noToast(vPage)
        await shots.step(vPage, 'team-pending')

        const admin = (current = await signIn(ADMIN.name, true))
        const aPage = admin.page
        const aToken = await tokenOf(aPage)
        await openAdminEntry(aPage, 'volunteer-teams')
        const teamCard = aPage.locator(`.page-teams .team-card[data-team-id="${TEAM.id}"]`)
        await teamCard.waitFor()
        await teamCard.locator('.team-members-toggle').click()
        const application = teamCard.locator(`.team-member--pending[data-user-id="${volunteerUserId}"]`)
        await application.waitFor()
        expect(await application.innerText()).toContain(VOLUNTEER.realName)
        await shots.step(aPage, 'admin-team-application')
        const members = await expectOk<Array<{ userId: string; status: string }>>(aPage, 'volunteers.reviewMember', () => application.locator('.member-approve').click())
        expect(members.find((m) => m.userId === volunteerUserId)?.status).toBe('approved')
        await application.waitFor({ state: 'detached' })
        await teamCard.locator(`.team-member[data-user-id="${volunteerUserId}"]`).waitFor()
        await noToast(aPage)
        await shots.step(aPage, 'admin-team-approved')

        // On the volunteer's side: 已加入 after coming back to 志愿.
        current = vol
        await vPage.reload()
        await tab.locator('.volunteer-card .my-team--approved', { hasText: TEAM.name }).waitFor()
        expect(await text(tab.locator('.my-team--approved .team-status'))).toBe('已加入')
        const approvedMe = await apiOk<VolunteerProfile>(vToken, 'volunteers.me')
        expect(approvedMe.teams).toEqual([{ teamId: TEAM.id, teamName: TEAM.name, status: 'approved', leader: false }])
        await shots.step(vPage, 'team-approved')

        /* ---------------- 3. the village admin creates and publishes an activity open to all */
        // The form's date/time wheels are not what this journey is about: the draft is saved with the
        // admin's own token (volunteers.saveActivity, as the form would), then published in the suite.app.
        current = admin
        const now = Date.now()
        const draftInput = {
          title: TITLE,
          description: '入户发放文明新风宣传册，讲解移风易俗和垃圾分类要点。',
          category: 'science',
          villageId: VILLAGE_ID,
          teamId: null,
          venue: { name: '东山村文化礼堂', address: '东山村文化礼堂门前', location: VENUE },
          startAt: new Date(now + 20 * 60_000).toISOString(),
          endAt: new Date(now + 140 * 60_000).toISOString(),
          signupDeadline: new Date(now + 15 * 60_000).toISOString(),
          capacity: 20,
          hoursCredit: 2
        }
        const draft = await apiOk<ActivityDetail>(aToken, 'volunteers.saveActivity', draftInput)
        expect(draft.status).toBe('draft')
        const activityId = draft.id

        await openAdminEntry(aPage, 'volunteer-activities')
        const managed = aPage.locator('.page-activity-manage .managed-item', { has: aPage.locator(`.activity-card[data-activity-id="${activityId}"]`) })
        await managed.waitFor()
        await managed.locator('.admin-publish').click()
        const published = await expectOk<ActivityDetail>(aPage, 'volunteers.publishActivity', () => confirmModal(aPage, '发布活动？', '发布'))
        expect(published).toMatchObject({ id: activityId, status: 'published', teamId: null, villageId: VILLAGE_ID })
        await managed.locator('.admin-show-code').waitFor()
        await noToast(aPage)
        await shots.step(aPage, 'admin-published')

        /* ---------------- 4. the volunteer finds it and signs up */
        current = vol
        await vPage.reload()
        const listed = tab.locator(`.activity-card[data-activity-id="${activityId}"]`)
        await listed.waitFor()
        expect(await text(listed.locator('.activity-card-title'))).toBe(TITLE)
        await listed.scrollIntoViewIfNeeded()
        await shots.step(vPage, 'activity-in-list')
        await listed.click()
        const detail = vPage.locator('.page-activity-detail')
        const signupCard = detail.locator('.activity-signup-card')
        await signupCard.locator('.signup-submit', { hasText: '报名' }).waitFor()
        const signedUp = await expectOk<ActivityDetail>(vPage, 'volunteers.signup', () => signupCard.locator('.signup-submit').click())
        expect(signedUp.mine).toMatchObject({ status: 'signed', checkInAt: null, checkOutAt: null })
        await signupCard.locator('.signup-mine-title', { hasText: '您已报名' }).waitFor()
        await noToast(vPage)
        await shots.step(vPage, 'signed-up')

        // The activity is moved to have started five minutes ago (sign-up closing before it, as the
        // rules want): corrections of hours are only possible once an activity has begun.
        current = admin
        const moved = Date.now()
        const started = await apiOk<ActivityDetail>(aToken, 'volunteers.saveActivity', {
          ...draftInput,
          id: activityId,
          startAt: new Date(moved - 5 * 60_000).toISOString(),
          endAt: new Date(moved + 115 * 60_000).toISOString(),
          signupDeadline: new Date(moved - 10 * 60_000).toISOString()
        })
        expect(started).toMatchObject({ status: 'published', signedCount: 1 })

        /* ---------------- 5. the organiser shows the code */
        await managed.locator(`.activity-card[data-activity-id="${activityId}"]`).click()
        const aDetail = aPage.locator('.page-activity-detail')
        await aDetail.locator('.activity-organiser-card .admin-show-code').click()
        const codePage = aPage.locator('.page-checkin-code')
        const codeText = codePage.locator('.checkin-code-text')
        await codeText.waitFor()
        await codePage.locator('.checkin-qr').waitFor()
        await shots.step(aPage, 'admin-checkin-code')
        const readCode = async () => text(codeText)
        const firstCode = await readCode()
        expect(firstCode).toMatch(new RegExp(`^ZY1\\.${activityId}\\.\\d+\\.[A-Za-z0-9_-]{16}$`))

        /* ---------------- 6. check in, a refusal from far away, check out */
        current = vol
        await vPage.reload()
        const checkinBox = signupCard.locator('.checkin-box')
        await checkinBox.locator('.checkin-title', { hasText: '到现场后签到' }).waitFor()
        await checkinBox.locator('.input-checkin-code input').fill(await readCode())
        const checkin = await expectOk<ScanResult>(vPage, 'volunteers.scan', () => checkinBox.locator('.checkin-submit', { hasText: '签到' }).click())
        expect(checkin).toMatchObject({ kind: 'checkin', hours: null, activityTitle: TITLE })
        const checkInMs = Date.parse(checkin.at)
        await checkinBox.locator('.checkin-result', { hasText: '签到成功' }).waitFor()
        await checkinBox.locator('.checkin-title', { hasText: '活动结束时签退' }).waitFor()
        await signupCard.locator('.signup-mine-line', { hasText: '签到：' }).waitFor()
        await noToast(vPage)
        await shots.step(vPage, 'checked-in')

        // Far away (20 km): refused with the server's reason, no check-out, no hours.
        await vol.context.setGeolocation(FAR_AWAY)
        await checkinBox.locator('.input-checkin-code input').fill(await readCode())
        const refused = await replyOf<ScanResult>(vPage, 'volunteers.scan', () => checkinBox.locator('.checkin-submit', { hasText: '签退' }).click())
        expect(refused.ok).toBe(false)
        expect(refused.message).toMatch(/^您距离活动地点约 \d+ 米，超出 500 米的签到范围，请到现场后再扫码$/)
        await checkinBox.locator('.checkin-error').waitFor()
        expect(await text(checkinBox.locator('.checkin-error'))).toBe(refused.message)
        const afterRefusal = await apiOk<ActivityDetail>(vToken, 'volunteers.activity', { activityId })
        expect(afterRefusal.mine).toMatchObject({ checkOutAt: null, hours: 0, hoursStatus: 'none' })
        expect(Date.parse(afterRefusal.mine?.checkInAt ?? '')).toBe(checkInMs)
        await shots.step(vPage, 'refused-far-away')
        await vol.context.setGeolocation(AT_VENUE)

        // A scan within a minute of checking in counts as the same check-in; the organiser's code
        // turns over with the server's clock, so wait on that screen until it shows a code from a
        // slot that begins after that minute.
        const { rotateSeconds } = await apiOk<{ rotateSeconds: number }>(vToken, 'volunteers.settings')
        const wantedSlot = Math.ceil((checkInMs + RESCAN_GUARD_MS) / (rotateSeconds * 1000))
        current = admin
        await aPage.waitForFunction(
          (slot) => {
            const code = document.querySelector('.page-checkin-code .checkin-code-text')?.textContent?.trim() ?? ''
            return Number(code.split('.')[2]) >= slot
          },
          wantedSlot,
          { timeout: RESCAN_GUARD_MS + 3 * rotateSeconds * 1000 }
        )
        const freshCode = await readCode()
        expect(freshCode).not.toBe(firstCode)
        expect(slotOfCode(freshCode)).toBeGreaterThanOrEqual(wantedSlot)
        await shots.step(aPage, 'admin-fresh-code')

        current = vol
        await checkinBox.locator('.input-checkin-code input').fill(freshCode)
        const checkout = await expectOk<ScanResult>(vPage, 'volunteers.scan', () => checkinBox.locator('.checkin-submit', { hasText: '签退' }).click())
        expect(checkout.kind).toBe('checkout')
        expect(typeof checkout.hours).toBe('number')
        const scannedHours = checkout.hours as number
        expect(scannedHours).toBeGreaterThanOrEqual(0)
        const result = signupCard.locator('.checkin-result')
        await result.waitFor()
        expect(await text(result)).toBe(`签退成功，本次服务 ${hoursText(scannedHours)}`)
        await signupCard.locator('.signup-mine-line', { hasText: '签退：' }).waitFor()
        expect(await text(signupCard.locator('.signup-hours'))).toContain(`服务时长：${hoursText(scannedHours)}`)
        const afterCheckout = await apiOk<ActivityDetail>(vToken, 'volunteers.activity', { activityId })
        expect(afterCheckout.mine?.hours).toBe(scannedHours)
        expect(afterCheckout.mine?.checkOutAt).toBe(checkout.at)
        await noToast(vPage)
        await shots.step(vPage, 'checked-out')

        /* ---------------- roster: checked in and out; hours corrected and approved by a second person */
        current = admin
        await aPage.goBack()
        await aDetail.locator('.activity-organiser-card .admin-roster').click()
        const row = aPage.locator(`.page-roster .roster-row[data-user-id="${volunteerUserId}"]`)
        await row.waitFor()
        expect(await text(row.locator('.roster-name'))).toBe(VOLUNTEER.realName)
        expect(await text(row.locator('.roster-times'))).not.toContain('—')
        await shots.step(aPage, 'admin-roster')
        const roster = await apiOk<RosterPage>(aToken, 'volunteers.roster', { activityId, pageSize: 50 })
        // one page holds them all here; its totals agree with its rows
        expect(roster.next).toBeNull()
        const signedRows = roster.items.filter((r) => r.status === 'signed')
        expect(roster.counts).toMatchObject({ signed: signedRows.length, checkedIn: signedRows.filter((r) => r.checkInAt).length })
        const mineOnRoster = roster.items.find((r) => r.userId === volunteerUserId)
        expect(mineOnRoster).toMatchObject({ status: 'signed', checkInAt: checkin.at, checkOutAt: checkout.at, hours: scannedHours })

        // The scan gave only the minutes actually served (rounded down); the organiser corrects the
        // hours to what was agreed, and another person (the town office) approves the correction.
        const CORRECTED = 1.5
        await row.locator('.roster-correct').click()
        const correctForm = row.locator('.roster-form--correct')
        await correctForm.locator('.input-correct-hours input').fill(String(CORRECTED))
        await correctForm.locator('.input-correct-reason textarea').fill('入户宣传按约定时长计，签到后到各组走访')
        await expectOk<RosterRow[]>(aPage, 'volunteers.correctHours', () => correctForm.locator('.roster-correct-confirm').click())
        await correctForm.waitFor({ state: 'detached' })
        await row.locator('.roster-hours.hours-status--pending').waitFor()
        await noToast(aPage)
        await shots.step(aPage, 'admin-hours-corrected')

        const signInRes = await fetch(`${suite.app.url}api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: TOWN_ADMIN_OPENID }) })
        const { token: townToken } = (await signInRes.json()) as { token: string }
        const pending = await apiOk<ListPage<HoursPendingItem>>(townToken, 'volunteers.pendingHours', { pageSize: 50 }, false)
        const request = pending.items.find((p) => p.activityId === activityId && p.userId === volunteerUserId)
        expect(request).toBeDefined()
        const decided = await apiOk<HoursDecision>(townToken, 'volunteers.approveHours', { pendingId: request?.id, approve: true }, false)
        expect(decided).toMatchObject({ pendingId: request?.id, approved: true })

        /* ---------------- 7. 我的时长 → 开具志愿服务证明 */
        current = vol
        await toTabs(vPage) // from the detail page (reloaded, so without a tab bar)
        await openTab(vPage, '志愿')
        await tab.locator('.volunteer-card .volunteer-my-hours').click()
        const hours = vPage.locator('.page-my-hours')
        await hours.locator('.hours-total-number', { hasText: String(CORRECTED) }).waitFor()
        const line = hours.locator('.hours-row', { has: vPage.locator('.hours-row-title', { hasText: TITLE }) })
        await line.waitFor()
        expect(await text(line.locator('.hours-row-hours'))).toBe(`${CORRECTED} 小时`)
        await shots.step(vPage, 'my-hours')

        const certReply = replyTo(vPage, 'volunteers.certificate')
        await hours.locator('.certificate-open').click()
        const certBody = (await (await certReply).json()) as ApiBody<Certificate>
        expect(certBody.ok).toBe(true)
        const cert = certBody.data
        expect(cert).toMatchObject({ realName: VOLUNTEER.realName, idNumber: maskIdNumber(ID_NUMBER), totalHours: CORRECTED })
        expect(cert.idNumber).toMatch(/^330\*{11}\d{3}[\dX]$/)
        expect(cert.activities).toEqual([expect.objectContaining({ title: TITLE, hours: CORRECTED })])
        expect(cert.no).toBeTruthy()
        const certPage = vPage.locator('.page-certificate')
        await certPage.locator('.certificate-summary-line', { hasText: VOLUNTEER.realName }).waitFor()
        const image = certPage.locator('img.certificate-image')
        await image.waitFor()
        const imageHandle = await image.elementHandle()
        await vPage.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0 && el.src.startsWith('data:image/png'), imageHandle)
        const size = await image.evaluate((el) => ({ w: (el as HTMLImageElement).naturalWidth, h: (el as HTMLImageElement).naturalHeight }))
        expect(size.w).toBeGreaterThan(300)
        expect(size.h).toBeGreaterThan(300)
        await shots.step(vPage, 'certificate-page')
        mkdirSync(shots.dir, { recursive: true })
        await image.scrollIntoViewIfNeeded()
        await image.screenshot({ path: join(shots.dir, 'certificate.png'), animations: 'disabled' })

        /* ---------------- 8. API checks with the people's own tokens */
        const finalMe = await apiOk<VolunteerProfile>(vToken, 'volunteers.me')
        expect(finalMe).toMatchObject({ userId: volunteerUserId, realName: VOLUNTEER.realName, idNumber: maskIdNumber(ID_NUMBER), totalHours: CORRECTED, villageName: VOLUNTEER.village })
        expect(finalMe.teams).toEqual([{ teamId: TEAM.id, teamName: TEAM.name, status: 'approved', leader: false }])
        const finalRoster = await apiOk<RosterPage>(aToken, 'volunteers.roster', { activityId, pageSize: 50 })
        expect(finalRoster.items.find((r) => r.userId === volunteerUserId)).toMatchObject({ checkInAt: checkin.at, checkOutAt: checkout.at, hours: CORRECTED, hoursStatus: 'counted' })
        await apiOk(aToken, 'volunteers.members', { teamId: TEAM.id })

        // The full ID number is in no reply the volunteer or the village admin got, page or direct;
        // the town office alone sees it.
        const bodies = await Promise.all(replies)
        expect(bodies.length).toBeGreaterThan(20)
        const leaks = bodies.filter((body) => body.includes(ID_NUMBER) || body.includes(ID_NUMBER.slice(0, 14)))
        expect(leaks).toEqual([])

        for (const person of suite.people) expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] })
      } catch (err) {
        if (current) await shots.step(current.page, `failed-${current.who.replace(/\s+/g, '-')}`).catch(() => undefined)
        if (err instanceof Error) err.message += `\n--- local server output ---\n${suite.app.output().slice(-4000)}`
        throw err
      }
    },
    TIMEOUT
  )
})
