/**
 * 扫码签到 in the browser (issue 14, item 3) in the real H5 build (dist-h5) against
 * local-server/main.ts and the seeded 西岗镇, on a 390 × 844 phone:
 *
 *   林志愿 stands at 东山村文化广场 during 东山村文明劝导（进行中）. His phone's camera sees the organiser's
 *   screen: chromium's fake camera plays a video made here of the activity's current QR code (a .y4m
 *   written from volunteers.checkinCode), the page decodes it with jsQR and checks him in.
 *   On a phone whose camera cannot be opened the page says why in Chinese, and the six digits under
 *   the QR code are the way on: wrong digits are refused with the reason.
 *
 * Screenshots: test-artifacts/14-phone/scan/NN-*.png (and the video, checkin-qr.y4m). Needs `node scripts/build-functions.mjs` and
 * `npx taro build --type h5` first (`npm test` does both).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import type { Activity, ActivityDetail, CheckinCode, Page as ListPage, ScanResult } from '@/contract'
import { qrMatrix } from '@/services/qr'
import { INVALID_SHORT_CODE } from '../../cloudfunctions/volunteers/handlers/checkin'
import { ARTIFACTS, screenshotSeries } from './harness'
import { browserSuite, callApi, expectOk, noToast, okData, signIn, text, type ApiReply, type Person } from './kit'

const TIMEOUT = 300_000
/** Its own folder (screenshotSeries clears it; phone-ledger.test.ts writes 14-phone/ledger/). */
const JOURNEY = '14-phone/scan'
const VOLUNTEER = '林志愿'
const ACTIVITY = '东山村文明劝导（进行中）'

const suite = browserSuite(TIMEOUT)

async function tokenFor(openid: string): Promise<string> {
  const signedIn = await fetch(`${suite.app.url}api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
  return ((await signedIn.json()) as { token: string }).token
}

/** The seeded activity going on now (written after the server answers: waited for). */
async function ongoing(token: string): Promise<ActivityDetail> {
  const deadline = Date.now() + 180_000
  for (;;) {
    const reply: ApiReply<ListPage<Activity>> = await callApi(suite.app, token, 'volunteers', 'volunteers.activities', { pageSize: 50 })
    const found = reply.body.ok ? reply.body.data.items.find((a) => a.title === ACTIVITY) : undefined
    if (found) return okData('volunteers.activity', await callApi<ActivityDetail>(suite.app, token, 'volunteers', 'volunteers.activity', { activityId: found.id }))
    if (Date.now() > deadline) throw new Error(`the demo data was not written in time:\n${suite.app.output().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/**
 * A .y4m video (what chromium's --use-file-for-fake-video-capture plays, looping) of `text` as a QR
 * code on white: 640×480, 4:2:0, a few identical frames.
 */
function qrVideo(file: string, content: string): void {
  const W = 640
  const H = 480
  const matrix = qrMatrix(content)
  const n = matrix.length
  const cell = Math.floor(400 / (n + 8))
  const left = Math.floor((W - n * cell) / 2)
  const top = Math.floor((H - n * cell) / 2)
  const y = Buffer.alloc(W * H, 235)
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!matrix[r][c]) continue
      for (let dy = 0; dy < cell; dy++) y.fill(16, (top + r * cell + dy) * W + left + c * cell, (top + r * cell + dy) * W + left + (c + 1) * cell)
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma])
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame, frame, frame]))
}

function fakeCameraBrowser(video: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`
    ]
  })
}

describe('扫码签到 in the browser (H5 build + local server)', () => {
  test(
    '摄像头扫组织者的二维码签到；打不开摄像头时说明原因，数字签到码输错被拒',
    async () => {
      const shots = screenshotSeries(JOURNEY)
      let current: Person | null = null
      let camera: Browser | null = null
      const step = async (person: Person, name: string) => {
        await noToast(person.page)
        return shots.step(person.page, `${person.who}-${name}`)
      }
      try {
        const town = await tokenFor('demo-town-admin')
        const activity = await ongoing(town)
        const code = okData('volunteers.checkinCode', await callApi<CheckinCode>(suite.app, town, 'volunteers', 'volunteers.checkinCode', { activityId: activity.id }))
        expect(code.shortCode).toMatch(/^\d{6}$/)
        mkdirSync(join(ARTIFACTS, JOURNEY), { recursive: true })
        const video = join(ARTIFACTS, JOURNEY, 'checkin-qr.y4m')
        qrVideo(video, code.code)
        const here = { latitude: activity.venue.location.lat, longitude: activity.venue.location.lng }
        const detailUrl = `${suite.app.url}#/packages/volunteers/pages/detail/index?id=${activity.id}`

        /* ---------------- 1. the camera reads the organiser's QR code: checked in */
        camera = await fakeCameraBrowser(video)
        const scanner = (current = await signIn(camera, suite.app, suite.people, VOLUNTEER, { context: { geolocation: here }, permissions: ['geolocation', 'camera'] }))
        const sp = scanner.page
        await sp.goto(detailUrl)
        const box = sp.locator('.checkin-box')
        await box.locator('.checkin-camera').waitFor()
        await step(scanner, 'before-scan')
        const result = await expectOk<ScanResult>(sp, 'volunteers.scan', () => box.locator('.checkin-camera').click())
        expect(result).toMatchObject({ kind: 'checkin', activityTitle: ACTIVITY })
        await sp.locator('.checkin-title', { hasText: '活动结束时签退' }).waitFor()
        await step(scanner, 'checked-in')

        /* ---------------- 2. no camera: the reason, then the six digits (wrong ones refused) */
        const plain = (current = await suite.signIn(VOLUNTEER, { context: { geolocation: here }, permissions: ['geolocation'] }))
        const pp = plain.page
        await pp.goto(detailUrl)
        const plainBox = pp.locator('.checkin-box')
        await plainBox.locator('.checkin-camera').click()
        const problem = plainBox.locator('.camera-scan-error')
        await problem.waitFor()
        expect(await text(problem)).toMatch(/摄像头.*6 位数字签到码$/)
        await step(plain, 'no-camera')
        const wrong = String((Number(code.shortCode) + 500_000) % 1_000_000).padStart(6, '0')
        await plainBox.locator('.input-checkin-code input').fill(wrong)
        await plainBox.locator('.checkin-submit').click()
        await plainBox.locator('.checkin-error', { hasText: INVALID_SHORT_CODE }).waitFor()
        await step(plain, 'wrong-digits')
        for (const person of suite.people) expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] })
      } catch (err) {
        if (current) await shots.step(current.page, `${current.who}-failed`).catch(() => undefined)
        throw err
      } finally {
        await camera?.close()
      }
    },
    TIMEOUT
  )
})
