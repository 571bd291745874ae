/**
 * End-to-end journeys: the real H5 build (dist-h5) in Debian's chromium, against local-server/main.ts
 * (the real wx-server-sdk over the local cloud, the esbuild function bundles, the seeded 西岗镇).
 *
 * Needs `node scripts/build-functions.mjs` and `npx taro build --type h5` first (`npm test` does both).
 * Every wait is a Playwright auto-waiting locator / response wait; there are no sleeps and no timing
 * assertions. Screenshots of each step land in test-artifacts/<journey>/NN-<step>.png.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { PRIVACY_VERSION } from '@/contract'
import { screenshots } from './harness'
import { browserSuite, callApi, openTab, replyTo, storedToken, tapDemoUser, text, TOKEN_KEY, type ApiReply } from './kit'

const TIMEOUT = 120_000
const LARGE_FONT_CACHE_KEY = 'wm.largeFont'

const suite = browserSuite(TIMEOUT)

/** POST /api/functions/<fn> the way the H5 transport does (token may be null: no header at all). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (token: string | null, action: string, data: unknown = {}, fn = 'users'): Promise<ApiReply<any>> => callApi(suite.app, token, fn, action, data)

const tokenOf = storedToken

interface Phone {
  page: Page
  /** Numbered full-page screenshot of the current state. */
  step: (name: string) => Promise<string>
}

/**
 * Runs one journey in a fresh context (own localStorage) with a phone-sized viewport. On failure it
 * saves a `failed` screenshot and adds the server's output to the error; at the end, no uncaught
 * page errors are allowed.
 */
async function onPhone(journey: string, body: (phone: Phone) => Promise<void>): Promise<void> {
  const context: BrowserContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (err) => pageErrors.push(err.message))
  const { step } = screenshots(page, journey)
  try {
    await body({ page, step })
  } catch (err) {
    await step('failed').catch(() => undefined)
    if (err instanceof Error) err.message += `\n--- local server output ---\n${suite.app.output().slice(-4000)}`
    throw err
  } finally {
    await context.close()
  }
  expect(pageErrors).toEqual([])
}

/** After a first sign-in: the privacy notice over 首页, agreed with 同意并继续. */
async function agreePrivacy(page: Page, step?: (name: string) => Promise<string>): Promise<void> {
  const gate = page.locator('.page-home .privacy-gate')
  await gate.waitFor()
  expect(await text(gate.locator('.privacy-gate-title'))).toBe('用户隐私保护指引')
  if (step) await step('privacy-notice')
  const saved = replyTo(page, 'users.acceptPrivacy')
  await gate.locator('.privacy-agree').click()
  expect((await (await saved).json()).ok).toBe(true)
  await gate.waitFor({ state: 'detached' })
}

describe('browser journeys (H5 build + local server)', () => {
  test(
    '1 resident (first visit): demo sign-in → privacy → 首页 → 我的 → 长辈模式 survives a reload (saved on the server)',
    async () => {
      await onPhone('1-resident', async ({ page, step }) => {
        // No token yet: the app opens on the local sign-in page, listing every demo person by role.
        await page.goto(suite.app.url)
        const signIn = page.locator('.page-dev-sign-in')
        await signIn.locator('.demo-user').first().waitFor()
        const { users } = (await (await fetch(`${suite.app.url}api/dev/demo-users`)).json()) as { users: Array<{ name: string; title: string }> }
        expect(users.length).toBeGreaterThanOrEqual(10)
        const shown = await signIn.locator('.demo-user-name').allInnerTexts()
        expect(shown.map((s) => s.trim())).toEqual(users.map((u) => u.name))
        const wang = signIn.locator('.demo-user').filter({ has: page.locator('.demo-user-name', { hasText: '钱玉珍' }) })
        expect(await text(wang.locator('.demo-user-title'))).toBe('居民 · 东山村')
        expect(await signIn.locator('.dev-sign-in-role').allInnerTexts()).toEqual(expect.arrayContaining(['居民', '镇创建办', '网格员']))
        await step('sign-in-list')

        // Tap 钱玉珍 → 首页 with the first-launch privacy notice over it → agree.
        await tapDemoUser(page, '钱玉珍')
        await agreePrivacy(page, step)
        const token = await tokenOf(page)
        expect(token).toBeTruthy()

        const home = page.locator('.page-home')
        await home.locator('.home-greeting', { hasText: '钱玉珍' }).waitFor()
        expect(await text(home.locator('.home-place'))).toContain('东山村')
        await step('home')

        // 我的: name, phone (masked, then in full), role 居民, village 东山村.
        await openTab(page, '我的')
        const me = page.locator('.page-me')
        await me.locator('.me-name', { hasText: '钱玉珍' }).waitFor()
        expect(await text(me.locator('.me-phone'))).toBe('139****0006')
        await me.locator('.me-phone-toggle', { hasText: '显示完整号码' }).click()
        await me.locator('.me-phone', { hasText: '13900000006' }).waitFor()
        expect(await text(me.locator('.me-phone'))).toBe('13900000006')
        expect((await me.locator('.me-roles .role-tag').allInnerTexts()).map((s) => s.trim())).toEqual(['居民'])
        expect(await text(me.locator('.me-place'))).toContain('东山村')
        expect(await me.locator('.me-privacy-state').innerText()).toContain('已同意')
        expect(await me.locator('.me-admin').count()).toBe(0) // a resident gets no 管理 entry
        expect(await me.evaluate((el) => el.classList.contains('elder-mode'))).toBe(false)
        await step('me')

        // 长辈模式 on: the page root gets .elder-mode and users.setPreferences saves it.
        const saved = replyTo(page, 'users.setPreferences')
        await me.locator('.elder-switch').click()
        const savedBody = await (await saved).json()
        expect(savedBody).toMatchObject({ ok: true, data: { largeFont: true } })
        await page.locator('.page-me.elder-mode').waitFor()
        expect(await text(me.locator('.me-elder-state'))).toBe('长辈模式已开启')
        await step('elder-mode-on')

        // It applies app-wide: 首页 is in large-font mode too.
        await openTab(page, '首页')
        await page.locator('.page-home.elder-mode').waitFor()
        await step('home-elder-mode')

        // Reload on 我的: still on.
        await openTab(page, '我的')
        await page.locator('.page-me .me-name').waitFor()
        await page.reload()
        await page.locator('.page-me .me-name', { hasText: '钱玉珍' }).waitFor()
        await page.locator('.page-me.elder-mode').waitFor()
        expect(await text(page.locator('.page-me .me-elder-state'))).toBe('长辈模式已开启')
        await step('reloaded-elder-mode')

        // …and the server holds it: users.me with the page's own token.
        const mine = await api(token, 'users.me')
        expect(mine.status).toBe(200)
        expect(mine.body.ok).toBe(true)
        expect(mine.body.data.largeFont).toBe(true)
        expect(mine.body.data.name).toBe('钱玉珍')
        expect(mine.body.data.privacyVersion).toBe(PRIVACY_VERSION) // the consent tapped at first sign-in was recorded

        // Without the browser's local cache the server copy alone turns it back on after users.me.
        expect(await page.evaluate((key) => window.localStorage.getItem(key), LARGE_FONT_CACHE_KEY)).not.toBeNull()
        await page.evaluate((key) => window.localStorage.removeItem(key), LARGE_FONT_CACHE_KEY)
        const me2 = replyTo(page, 'users.me')
        await page.reload()
        expect((await (await me2).json()).data.largeFont).toBe(true)
        await page.locator('.page-me.elder-mode').waitFor()
        await step('reloaded-without-cache')
      })
    },
    TIMEOUT
  )

  test(
    '2 town admin: 人员与角色 → search 张小明 → 分配角色 网格员 → confirmed → visible in the row and through users.list',
    async () => {
      await onPhone('2-town-admin', async ({ page, step }) => {
        await page.goto(suite.app.url)
        await page.locator('.page-dev-sign-in .demo-user').first().waitFor()
        await step('sign-in-list')
        await tapDemoUser(page, '周建国')
        await page.locator('.page-home .home-greeting', { hasText: '周建国' }).waitFor()
        expect(await page.locator('.page-home .privacy-gate').count()).toBe(0) // accepted on an earlier visit
        const token = await tokenOf(page)
        expect(token).toBeTruthy()

        // 我的 → 管理 → 人员与角色.
        await openTab(page, '我的')
        const me = page.locator('.page-me')
        await me.locator('.me-name', { hasText: '周建国' }).waitFor()
        await me.locator('.me-roles .role-tag--town_admin').waitFor()
        const admin = me.locator('.me-admin')
        await admin.waitFor()
        await step('me-admin-entry')
        await admin.locator('.me-admin-users').click()

        const users = page.locator('.page-admin-users')
        await users.locator('.admin-title', { hasText: '人员与角色' }).waitFor()
        expect(await text(users.locator('.admin-scope'))).toBe('镇创建办 · 全镇')
        await users.locator('[data-user-id]').first().waitFor()
        await step('users-list')

        // Search 张小明: the list narrows to his one row.
        await users.locator('.search-input input').fill('张小明')
        const searched = replyTo(page, 'users.list', '张小明')
        await users.getByText('搜索', { exact: true }).click()
        const searchReply = await (await searched).json()
        expect(searchReply.ok).toBe(true)
        expect(searchReply.data.items.map((u: { name: string }) => u.name)).toEqual(['张小明'])
        await page.waitForFunction(() => {
          const rows = document.querySelectorAll('.page-admin-users [data-user-id]')
          return rows.length === 1 && (rows[0].textContent ?? '').includes('张小明')
        })
        const row = users.locator('[data-user-id]').filter({ has: page.locator('.user-name', { hasText: '张小明' }) })
        const userId = await row.getAttribute('data-user-id')
        expect(userId).toBe(searchReply.data.items[0].id)
        expect(await row.locator('.role-tag--grid_worker').count()).toBe(0)
        await step('search-result')

        // 分配角色 → 网格员 → 西岗社区 → 西岗第二网格 → 确认分配.
        await row.getByText('分配角色', { exact: true }).click()
        const editor = row.locator('.role-editor')
        await editor.waitFor()
        await editor.locator('.pick-role').getByText('网格员', { exact: true }).click()
        await editor.locator('.pick-role-village').getByText('西岗社区', { exact: true }).click()
        await editor.locator('.pick-role-grid').getByText('西岗第二网格', { exact: true }).click()
        await editor.locator('.pick-role-grid .choice-chip--on', { hasText: '西岗第二网格' }).waitFor()
        expect(await text(editor.locator('.pick-role .choice-chip--on'))).toBe('网格员')
        expect(await text(editor.locator('.pick-role-village .choice-chip--on'))).toBe('西岗社区')
        await step('role-picked')

        await editor.getByText('确认分配', { exact: true }).click()
        // Taro's H5 modal: a zero-size wrapper around fixed-position mask and dialog.
        const modal = page.locator('.taro__modal .taro-modal__content')
        await modal.waitFor({ state: 'visible' })
        expect(await text(modal.locator('.taro-modal__title'))).toBe('确认分配角色')
        expect(await text(modal.locator('.taro-modal__text'))).toBe('给 张小明 分配「网格员 · 西岗社区 西岗第二网格」？')
        await step('confirm-modal')

        const assigned = replyTo(page, 'users.assignRole')
        await modal.getByText('确定', { exact: true }).click()
        const assignReply = await (await assigned).json()
        expect(assignReply.ok).toBe(true)
        await modal.waitFor({ state: 'hidden' })
        const tag = row.locator('.role-tag--grid_worker')
        await tag.waitFor()
        expect(await text(tag)).toBe('网格员 · 西岗社区 西岗第二网格')
        await editor.locator('.role-editor-grant', { hasText: '网格员' }).waitFor()
        await step('role-assigned')

        // The server agrees: users.list as the town admin shows the grant.
        const listed = await api(token, 'users.list', { keyword: '张小明' })
        expect(listed.status).toBe(200)
        expect(listed.body.ok).toBe(true)
        expect(listed.body.data.items).toHaveLength(1)
        const zhang = listed.body.data.items[0]
        expect(zhang.id).toBe(userId)
        expect(zhang.grants).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'grid_worker', gridId: 'g_xigang_2' })]))
        expect(zhang.roles).toEqual(expect.arrayContaining(['grid_worker']))

        // A reload of the page shows it too (read back from the server, not local state).
        await page.reload()
        await page.locator('.page-admin-users [data-user-id]').first().waitFor()
        await page
          .locator('.page-admin-users [data-user-id]')
          .filter({ has: page.locator('.user-name', { hasText: '张小明' }) })
          .locator('.role-tag--grid_worker')
          .waitFor()
        await step('reloaded-list')
      })
    },
    TIMEOUT
  )

  test(
    '3 bad paths: invalid phone is refused in Chinese and not saved; a forged token gets 401; the server keeps serving',
    async () => {
      await onPhone('3-bad-paths', async ({ page, step }) => {
        await page.goto(suite.app.url)
        await tapDemoUser(page, '陈阿婆')
        await page.locator('.page-home .home-greeting', { hasText: '陈阿婆' }).waitFor()
        const token = await tokenOf(page)
        expect(token).toBeTruthy()

        // 我的 → 编辑资料 → a phone number one digit short → 保存.
        await openTab(page, '我的')
        const me = page.locator('.page-me')
        await me.locator('.me-name', { hasText: '陈阿婆' }).waitFor()
        await me.getByText('编辑资料', { exact: true }).click()
        const form = me.locator('.profile-form')
        await form.waitFor()
        const phoneInput = form.locator('.input-phone input')
        expect(await phoneInput.inputValue()).toBe('13900000004')
        await phoneInput.fill('1390000000')
        await step('typed-bad-phone')
        await form.getByText('保存', { exact: true }).click()
        const phoneField = form.locator('.form-field', { has: page.locator('.form-field-label', { hasText: '手机号' }) })
        const fieldError = phoneField.locator('.form-field-error')
        await fieldError.waitFor()
        expect(await text(fieldError)).toBe('请填写 11 位手机号')
        expect(await phoneField.evaluate((el) => el.classList.contains('form-field--invalid'))).toBe(true)
        expect(await phoneInput.inputValue()).toBe('1390000000') // what was typed is kept
        expect(await form.isVisible()).toBe(true) // the form stays open, nothing "已保存"
        await step('phone-error')

        // Nothing was saved.
        const after = await api(token, 'users.me')
        expect(after.body.ok).toBe(true)
        expect(after.body.data.phone).toBe('13900000004')

        // The server refuses the same input on its own, field by field, in Chinese.
        const direct = await api(token, 'users.updateProfile', { phone: '1390000000' })
        expect(direct.status).toBe(200)
        expect(direct.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { phone: '请填写 11 位手机号' } })
        expect((await api(token, 'users.me')).body.data.phone).toBe('13900000004')

        // Forged tokens: somebody else's openid with a made-up signature, a tampered real one, none at all.
        const forged = `${Buffer.from('demo-town-admin').toString('base64url')}.${'A'.repeat(43)}`
        const tampered = `${token!.slice(0, -1)}${token!.endsWith('A') ? 'B' : 'A'}`
        for (const bad of [forged, tampered, 'not-a-token', null]) {
          const reply = await api(bad, 'users.me')
          expect({ token: bad, status: reply.status }).toEqual({ token: bad, status: 401 })
          expect(reply.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
          expect(reply.body.message).toMatch(/登录/)
        }
        const forgedAdmin = await api(forged, 'users.list', { keyword: '张小明' })
        expect(forgedAdmin.status).toBe(401)
        expect(forgedAdmin.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })

        // In the browser: a forged token sends the person back to 本地演示登录 and is dropped.
        await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [TOKEN_KEY, forged] as const)
        await page.reload()
        await page.locator('.page-dev-sign-in .demo-user').first().waitFor()
        expect(await tokenOf(page)).toBeNull()
        // The app restarted on the sign-in page: the page that got the 401 is not left mounted over it.
        expect(await page.locator('.taro_page').count()).toBe(1)
        expect(await page.locator('.page-me').count()).toBe(0)
        await step('forged-token-back-to-sign-in')

        // The server keeps serving: the real token still works, and signing in again works.
        const still = await api(token, 'users.me')
        expect(still.status).toBe(200)
        expect(still.body).toMatchObject({ ok: true, data: { name: '陈阿婆', phone: '13900000004' } })
        const org = await api(token, 'org.overview', {}, 'org')
        expect(org.status).toBe(200)
        await tapDemoUser(page, '陈阿婆')
        await page.locator('.page-home .home-greeting', { hasText: '陈阿婆' }).waitFor()
        expect(await page.locator('.page-home .privacy-gate').count()).toBe(0) // consent was kept
        await step('signed-in-again')
      })
    },
    TIMEOUT
  )
})
