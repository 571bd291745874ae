/**
 * Files on the local server: read with the sign-in token or a signed, expiring temporary URL (what
 * getTempFileURL hands out; an <Image src> cannot send a header), exports only with a signed URL;
 * uploads only where the app puts photos and never over an existing file; file paths decoded once.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { localCloud } from '../../local-cloud'
import { createLocalServer } from '../../local-server/server'
import { demoPng } from '../../local-server/seed-reports'
import { photoCloudPath } from '../../src/services/storage-types'
import { freshTown, ok, openidOf } from '../helpers/town'
import { draft } from '../helpers/reports'

let server: Server
let base: string
const publicUrlBefore = process.env.LOCAL_CLOUD_PUBLIC_URL

beforeAll(async () => {
  await freshTown()
  server = createLocalServer({ staticDir: null, dataDir: null })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  process.env.LOCAL_CLOUD_PUBLIC_URL = base
})
afterAll(async () => {
  if (publicUrlBefore === undefined) delete process.env.LOCAL_CLOUD_PUBLIC_URL
  else process.env.LOCAL_CLOUD_PUBLIC_URL = publicUrlBefore
  await new Promise((r) => server.close(r))
})

async function signIn(who: string): Promise<string> {
  const r = await fetch(`${base}/api/dev/sign-in`, { method: 'POST', body: JSON.stringify({ openid: openidOf(who) }) })
  return ((await r.json()) as { token: string }).token
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
/** A URL's path and query, without the query: what a caller holding only the fileID could try. */
const unsigned = (url: string) => new URL(url).pathname
const cloudPathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '')

/** A photo URL the app shows: the first photo on 东山村's 曝光台. */
async function shownPhotoUrl(): Promise<string> {
  const board = await ok('resident-1', 'reports.publicList', { villageId: 'v_dongshan', pageSize: 50 })
  const url = board.items.find((r) => r.before.length > 0)?.before[0].url
  if (!url) throw new Error('no photo on the board')
  return url
}

describe('reading files', () => {
  test('a temporary URL from a function is signed and works without a token; the bare path needs the token', async () => {
    const url = await shownPhotoUrl()
    expect(new URL(url).searchParams.get('sign')).toBeTruthy()
    const signed = await fetch(url)
    expect(signed.status).toBe(200)
    expect(signed.headers.get('content-type')).toBe('image/png')

    const anonymous = await fetch(`${base}${unsigned(url)}`)
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect((await fetch(`${base}${unsigned(url)}`, { headers: bearer(await signIn('resident-1')) })).status).toBe(200)
  })

  test('a tampered, borrowed or expired signature is refused', async () => {
    const url = new URL(await shownPhotoUrl())
    const sign = url.searchParams.get('sign') ?? ''
    const tampered = new URL(url)
    tampered.searchParams.set('sign', `${sign.slice(0, -2)}xx`)
    const later = new URL(url)
    later.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600))
    const other = new URL(url)
    other.pathname = url.pathname.replace(/\.png$/, '-2.png')
    for (const u of [tampered, later, other]) {
      const r = await fetch(u)
      expect(r.status).toBe(403)
      expect(await r.json()).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/链接/) })
    }

    const now = Date.now()
    jest.setSystemTime(now + 2 * 86400e3)
    try {
      expect((await fetch(url)).status).toBe(403)
    } finally {
      jest.setSystemTime(now)
    }
  })

  test('an export downloads only with the signed URL it was handed out with, not with a sign-in token', async () => {
    const exported = await ok('town-admin', 'reports.exportLedger', {})
    const r = await fetch(exported.url)
    expect(r.status).toBe(200)
    expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(100)

    const withToken = await fetch(`${base}${unsigned(exported.url)}`, { headers: bearer(await signIn('town-admin')) })
    expect(withToken.status).toBe(403)
    expect(await withToken.json()).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/导出/) })
  })

  test('an encoded slash, `..` or an absolute path is refused with 400; a path is decoded once, never twice', async () => {
    const exported = await ok('town-admin', 'reports.exportLedger', {})
    const name = cloudPathOf(exported.fileID).slice('exports/'.length)
    const headers = bearer(await signIn('resident-1'))
    const refused = [`exports%2F${name}`, `exports%2f${name}`, '..%2f..%2fpackage.json', '..%2F..%2Fpackage.json', '/etc/passwd', '%2Fetc%2Fpasswd', 'seed%5C..%5C..%5Cpackage.json']
    for (const path of refused) {
      const r = await fetch(`${base}/files/${path}`, { headers })
      expect([path, r.status]).toEqual([path, 400])
      expect(await r.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '文件地址不正确' })
    }
    // decoded once these name files that do not exist (a literal `%2F`, `%65xports`)
    for (const path of [`exports%252F${name}`, `%2565xports/${name}`, 'seed/photos%252Fbefore-1.png']) {
      const r = await fetch(`${base}/files/${path}`, { headers })
      expect([path, r.status]).toEqual([path, 404])
    }
  })

  test('a photo fileID with an encoded slash cannot point a report at an export', async () => {
    const exported = await ok('town-admin', 'reports.exportLedger', {})
    const sneaky = exported.fileID.replace('exports/', 'exports%2F')
    const token = await signIn('resident-1')
    const r = await fetch(`${base}/api/functions/reports`, { method: 'POST', headers: bearer(token), body: JSON.stringify({ action: 'reports.create', data: await draft({ photos: [sneaky] }) }) })
    expect(await r.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '图片不存在或已失效，请重新上传' })
  })

  test('a malformed % escape is a 400 with a Chinese message, and the server keeps serving', async () => {
    for (const path of ['/files/%E4%B8', '/files/a%zz.png', '/api/functions/%', '/%E0%A4%A']) {
      const r = await fetch(`${base}${path}`)
      expect([path, r.status]).toEqual([path, 400])
      expect(await r.json()).toEqual({ ok: false, code: 'INVALID_INPUT', message: '网址格式不正确' })
    }
    expect((await fetch(await shownPhotoUrl())).status).toBe(200)
  })
})

describe('uploading files', () => {
  const upload = (name: string, body: Buffer, token: string) => fetch(`${base}/api/files`, { method: 'POST', headers: { ...bearer(token), 'x-file-name': name }, body: new Uint8Array(body) })

  test('a photo goes where the app puts photos; the same bytes again are the same file (a retried upload)', async () => {
    const token = await signIn('resident-1')
    const name = photoCloudPath('k-abc-1')
    const bytes = demoPng([10, 20, 30])
    const first = await upload(name, bytes, token)
    expect(first.status).toBe(200)
    const { fileID } = (await first.json()) as { fileID: string }
    expect(fileID).toBe(`cloud://local-env.local/${name}`)
    const again = await upload(name, bytes, token)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ fileID })
  })

  test('an existing file is never overwritten, by its uploader or anyone else', async () => {
    const name = photoCloudPath('k-abc-2')
    expect((await upload(name, demoPng([1, 2, 3]), await signIn('resident-1'))).status).toBe(200)
    for (const who of ['resident-1', 'resident-2']) {
      const r = await upload(name, demoPng([200, 0, 0]), await signIn(who))
      expect(r.status).toBe(409)
      expect(await r.json()).toMatchObject({ ok: false, code: 'CONFLICT' })
    }
    expect(localCloud.storage.read(`cloud://local-env.local/${name}`)).toEqual(demoPng([1, 2, 3]))
  })

  test('nothing outside reports/<yyyy>/<mm>/<name>.jpg: not the seeded photos, not other folders', async () => {
    const token = await signIn('town-admin')
    const seeded = localCloud.storage.read('cloud://local-env.local/seed/photos/before-1.png')
    const exported = await ok('town-admin', 'reports.exportLedger', {})
    const names = [
      'seed/photos/before-1.png',
      'uploads/a.png',
      'reports/2026/11/a.png',
      'reports/2026/13/a.jpg',
      'reports/26/11/a.jpg',
      'reports/2026/11/x/a.jpg',
      'reports/2026/11/.jpg',
      'reports/2026/11/../a.jpg',
      'session-secret'
    ]
    for (const name of names) {
      const r = await upload(name, demoPng([0, 0, 0]), token)
      expect([name, r.status]).toEqual([name, 400])
      expect(await r.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
    expect(localCloud.storage.read('cloud://local-env.local/seed/photos/before-1.png')).toEqual(seeded)
    expect((await fetch(exported.url)).status).toBe(200)
  })

  test('checked/ and exports/ are written by the functions only: a client upload there is refused and changes nothing', async () => {
    const token = await signIn('resident-1')
    const report = await ok('resident-1', 'reports.create', await draft())
    const checked = cloudPathOf(report.photos[0].fileID)
    expect(checked).toMatch(/^checked\/[0-9a-f]{64}\.png$/)
    const kept = localCloud.storage.read(report.photos[0].fileID)
    const exported = await ok('town-admin', 'reports.exportLedger', {})
    const names = [checked, 'checked/new.jpg', 'checked/2026/11/a.jpg', 'Checked/a.jpg', 'checked./a.jpg', cloudPathOf(exported.fileID), 'exports/new.xlsx', 'EXPORTS/a.jpg']
    for (const name of names) {
      const r = await upload(name, demoPng([200, 0, 0]), token)
      expect([name, r.status]).toEqual([name, 403])
      expect(await r.json()).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '这个文件夹只能由系统写入，不能上传文件' })
    }
    expect(localCloud.storage.read(report.photos[0].fileID)).toEqual(kept)
    expect(localCloud.storage.exists('cloud://local-env.local/checked/new.jpg')).toBe(false)
    expect((await fetch(exported.url)).status).toBe(200)
  })

  test('uploading needs a sign-in', async () => {
    const r = await fetch(`${base}/api/files`, { method: 'POST', headers: { 'x-file-name': photoCloudPath('k-abc-3') }, body: new Uint8Array(demoPng([1, 1, 1])) })
    expect(r.status).toBe(401)
  })
})
