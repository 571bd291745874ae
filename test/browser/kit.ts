/**
 * What every browser journey does with the app: calls the local server's API the way the H5
 * transport does, waits for a page's reply to one action, taps Taro's H5 modal and waits out its
 * toast, signs a demo person in on a phone of their own, picks a photo. The journeys keep only
 * their own story (and harness.ts keeps starting the server and the browser).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page, Response } from 'playwright-core'
import { launchBrowser, startLocalApp, type LocalApp } from './harness'
import { PRIVACY_VERSION } from '../../src/contract'
import { rgbPng } from '../../local-cloud/png'

/** Where the H5 transport keeps the local sign-in token. */
export const TOKEN_KEY = 'wm.localToken'

export interface ApiBody<T> {
  ok: boolean
  code?: string
  message?: string
  fields?: Record<string, string>
  data: T
}

export interface ApiReply<T> {
  status: number
  body: ApiBody<T>
  /** The reply's text as sent (for checks that no reply names someone). */
  raw: string
}

/** POST /api/functions/<fn> the way the H5 transport does (token null: no header at all). */
export async function callApi<T>(app: LocalApp, token: string | null, fn: string, action: string, data: unknown = {}): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== null) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${app.url}api/functions/${fn}`, { method: 'POST', headers, body: JSON.stringify({ action, data }) })
  const raw = await res.text()
  return { status: res.status, body: JSON.parse(raw) as ApiBody<T>, raw }
}

/** The reply of a call that must go through: status 200 and ok, else the test fails naming the action. */
export function okData<T>(action: string, reply: ApiReply<T>): T {
  expect({ action, status: reply.status, ok: reply.body.ok, code: reply.body.code, message: reply.body.message }).toEqual({ action, status: 200, ok: true, code: undefined, message: undefined })
  return reply.body.data
}

/** The page's own local sign-in token (null when signed out). */
export async function storedToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => window.localStorage.getItem(key), TOKEN_KEY)
}

/** The page's own token; the test fails when the page is signed out. */
export async function tokenOf(page: Page): Promise<string> {
  const token = await storedToken(page)
  expect(token).toBeTruthy()
  return token as string
}

/** Waits for the H5 transport's reply to one action (request body `{ action, data }`), optionally with `also` in the body. */
export function replyTo(page: Page, action: string, also?: string): Promise<Response> {
  return page.waitForResponse((res) => {
    if (!res.url().includes('/api/functions/') || res.request().method() !== 'POST') return false
    const body = res.request().postData() ?? ''
    return body.includes(`"action":"${action}"`) && (also === undefined || body.includes(also))
  })
}

/** Runs `trigger` and hands back the action's reply body (ok or not). */
export async function replyOf<T>(page: Page, action: string, trigger: () => Promise<void>): Promise<ApiBody<T>> {
  const reply = replyTo(page, action)
  await trigger()
  const res = await reply
  expect(res.status()).toBe(200)
  return (await res.json()) as ApiBody<T>
}

/** Runs `trigger`, expects the action's reply to be ok and hands back its data. */
export async function expectOk<T>(page: Page, action: string, trigger: () => Promise<void>): Promise<T> {
  const body = await replyOf<T>(page, action, trigger)
  expect({ action, ok: body.ok, code: body.code, message: body.message }).toEqual({ action, ok: true, code: undefined, message: undefined })
  return body.data
}

export const text = async (locator: Locator): Promise<string> => (await locator.innerText()).trim()

/**
 * Waits until the Taro H5 page holding `selector` has slid into place: a page opened with
 * navigateTo enters from the right (a transform animation), so what is measured before that is
 * off by the slide, not by its layout.
 */
export async function pageInPlace(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const shell = document.querySelector(sel)?.closest('.taro_page') ?? document.querySelector(sel)
    return !!shell && Math.abs(shell.getBoundingClientRect().left) < 0.5 && shell.getAnimations({ subtree: false }).every((a) => a.playState !== 'running')
  }, selector)
}

/** Taro's H5 modal (a zero-size wrapper around a fixed mask and dialog): checks it, taps the confirm button. */
export async function confirmModal(page: Page, title: string, content?: string | RegExp, confirm = '确定'): Promise<void> {
  const modal = page.locator('.taro__modal .taro-modal__content')
  await modal.waitFor({ state: 'visible' })
  expect(await text(modal.locator('.taro-modal__title'))).toBe(title)
  if (typeof content === 'string') expect(await text(modal.locator('.taro-modal__text'))).toBe(content)
  else if (content) expect(await text(modal.locator('.taro-modal__text'))).toMatch(content)
  await modal.locator('.taro-modal__foot').getByText(confirm, { exact: true }).click()
  await modal.waitFor({ state: 'hidden' })
}

/** Taro's H5 toast showing `title` (one reused `.taro__toast` wrapper around the fixed box). */
export async function expectToast(page: Page, title: string): Promise<void> {
  await page.locator('.taro__toast > div', { hasText: title }).filter({ visible: true }).waitFor()
}

/** No toast over the page (it hides itself after its duration): for clean screenshots. */
export async function noToast(page: Page): Promise<void> {
  await page.locator('.taro__toast > div').filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 15_000 })
}

const TAB_ROUTES = { 首页: '/pages/home/index', 随手拍: '/pages/report/index', 志愿: '/pages/activities/index', 光荣榜: '/pages/honour/index', 我的: '/pages/me/index' } as const

/** Taps a tab; from a page outside the tab bar (Taro's H5 shows the bar on tab pages only) it opens the tab's route, as a person would by going back. */
export async function openTab(page: Page, label: keyof typeof TAB_ROUTES): Promise<void> {
  const item = page.locator('.weui-tabbar__item', { has: page.locator('.weui-tabbar__label', { hasText: label }) })
  if (await item.isVisible()) return item.click()
  const url = new URL(page.url())
  await page.goto(`${url.origin}${url.pathname}${url.search}#${TAB_ROUTES[label]}`)
  await item.waitFor()
}

/** The 本地演示登录 page: waits for the list, taps the person by name. */
export async function tapDemoUser(page: Page, name: string): Promise<void> {
  const list = page.locator('.page-dev-sign-in')
  await list.locator('.demo-user').first().waitFor()
  await list
    .locator('.demo-user')
    .filter({ has: page.locator('.demo-user-name', { hasText: name }) })
    .click()
}

export interface Person {
  who: string
  context: BrowserContext
  page: Page
  /** Uncaught errors of the page (a journey ends expecting none). */
  errors: string[]
}

export interface PhoneOptions {
  /** Extra context options (geolocation, downloads …) over the phone-sized defaults. */
  context?: BrowserContextOptions
  permissions?: string[]
  /** Sees every API response the page gets (to check later what a person was told). */
  onReply?: (res: Response, action: string) => void
}

/**
 * A phone of one's own (fresh context, 390×844, zh-CN, China time), signed in as `name` on
 * 本地演示登录 with the privacy notice agreed; the person is added to `people` for closing.
 */
export async function signIn(browser: Browser, app: LocalApp, people: Person[], name: string, options: PhoneOptions = {}): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options.context })
  if (options.permissions) await context.grantPermissions(options.permissions)
  const page = await context.newPage()
  const person: Person = { who: name, context, page, errors: [] }
  people.push(person)
  page.on('pageerror', (err) => person.errors.push(err.message))
  const { onReply } = options
  if (onReply) {
    page.on('response', (res) => {
      if (res.url().includes('/api/')) onReply(res, /"action":"([^"]+)"/.exec(res.request().postData() ?? '')?.[1] ?? '')
    })
  }
  await page.goto(app.url)
  const me = replyTo(page, 'users.me')
  await tapDemoUser(page, name)
  const profile = ((await (await me).json()) as { data?: { privacyVersion?: string | null } }).data
  const gate = page.locator('.page-home .privacy-gate')
  if (profile?.privacyVersion !== PRIVACY_VERSION) {
    // not accepted yet (or an older version): the notice comes first
    await gate.waitFor()
    await expectOk(page, 'users.acceptPrivacy', () => gate.locator('.privacy-agree').click())
    await gate.waitFor({ state: 'detached' })
  }
  await page.locator('.page-home .home-greeting', { hasText: name }).waitFor()
  expect(await gate.count()).toBe(0)
  return person
}

export async function closeAll(people: Person[]): Promise<void> {
  for (const person of people) await person.context.close().catch(() => undefined)
}

export interface BrowserSuite {
  /** The local server (`local-server/main.ts` on a free port with an empty data folder). */
  readonly app: LocalApp
  readonly browser: Browser
  /** Everyone signed in so far (their phones are closed after the file's tests). */
  readonly people: Person[]
  signIn(name: string, options?: PhoneOptions): Promise<Person>
}

/** Starts the local server and chromium before a file's tests and closes phones, browser and server after them. */
export function browserSuite(timeout: number): BrowserSuite {
  const people: Person[] = []
  let app: LocalApp | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    app = await startLocalApp()
    browser = await launchBrowser()
  }, timeout)
  afterAll(async () => {
    await closeAll(people)
    await browser?.close()
    await app?.stop()
  }, timeout)
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use it inside a test)`)
    return value
  }
  const suite: BrowserSuite = {
    get app() {
      return ready(app, 'the local server')
    },
    get browser() {
      return ready(browser, 'chromium')
    },
    people,
    signIn: (name, options) => signIn(suite.browser, suite.app, people, name, options)
  }
  return suite
}

/* ---------------------------------------------------------------- photos */

/** A small RGB PNG made here, pixel by pixel: what the "camera" hands the app. */
export const png = rgbPng

/** Picks the photo given as the app's "camera" (Taro.chooseMedia → <input type=file>). */
export async function choosePhoto(page: Page, addTile: Locator, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await addTile.click()
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer })
}

/** One photo upload (POST /api/files) started by `trigger`; hands back its fileID. */
export async function uploaded(page: Page, trigger: () => Promise<void>): Promise<string> {
  const reply = page.waitForResponse((res) => res.url().endsWith('/api/files') && res.request().method() === 'POST')
  await trigger()
  const res = await reply
  expect(res.status()).toBe(200)
  const { fileID } = (await res.json()) as { fileID: string }
  expect(fileID).toMatch(/^cloud:\/\//)
  return fileID
}

/** Waits for an <img> inside `image` (Taro's Image, lazy) to be on screen and really decoded. */
export async function expectImageShown(image: Locator): Promise<void> {
  await image.scrollIntoViewIfNeeded()
  const img = image.locator('img')
  await img.waitFor()
  const handle = await img.elementHandle()
  await image.page().waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, handle)
}
