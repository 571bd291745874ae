/**
 * Photos are kept as checked copies: the bytes the content check saw are copied to
 * `checked/<sha256>.<ext>`, a folder only the functions write, and every record stores that copy, so
 * uploading other bytes to the client's own path afterwards changes nothing anyone sees. A photo over
 * the 1 MB the check takes is refused before it is downloaded. On honour boards and nominations a
 * photo the check could not decide holds publishing back until the town office has looked at it.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { localCloud } from '../../local-cloud'
import { FILE_ID_PREFIX } from '../../local-cloud/storage'
import { demoPng, seedReportId } from '../../local-server/seed-reports'
import * as files from '../../cloudfunctions/_shared/files'
import { MAX_PHOTO_BYTES } from '../../cloudfunctions/_shared/security'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockFrom } from '../helpers/clock'
import { draft } from '../helpers/reports'
import { deedInput } from '../helpers/deeds'
import { boardInput, createdSelection } from '../helpers/honour'

const T0 = '2026-11-18T10:00:00+08:00'
const TOO_LARGE = '图片太大（超过 1 MB），请重新拍摄或选择较小的图片'

let uploads = 0
/** A client's upload at a path of its own (the app's `reports/<yyyy>/<mm>/<name>.jpg` layout). */
async function clientPhoto(bytes: Buffer): Promise<{ fileID: string; path: string }> {
  const path = `reports/2026/11/t${++uploads}-${createHash('sha1').update(bytes).digest('hex').slice(0, 8)}.jpg`
  return { fileID: await localCloud.uploadFile(path, bytes), path }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const checkedIdOf = (bytes: Buffer, ext = 'png') => `${FILE_ID_PREFIX}checked/${sha256(bytes)}.${ext}`
const read = (fileID: string) => localCloud.storage.read(fileID)
/** A PNG the local imgSecCheck cannot decide on (a system error, as when the service fails). */
const undecidedPng = (seed: number) => Buffer.concat([demoPng([seed, 90, 90]), Buffer.from('sec-check-busy')])
/** A photo of more than 1 MB (a phone photo the app did not compress). */
const bigPng = () => Buffer.concat([demoPng([5, 5, 5]), Buffer.alloc(MAX_PHOTO_BYTES, 7)])
/** The database, for asserting that a refused call changed nothing (the daily caps take their slot before any check, by design). */
function dataOf(): Record<string, unknown[]> {
  const { daily_counts: _caps, ...rest } = dumpAll()
  return rest
}

beforeEach(async () => {
  clockFrom(T0)
  await freshTown()
})
afterEach(() => {
  jest.restoreAllMocks()
  jest.useRealTimers()
})

describe('a checked photo cannot be replaced', () => {
  test('reports.create stores the checked copy: new bytes at the client path change nothing stored or shown', async () => {
    const original = demoPng([11, 22, 33])
    const mine = await clientPhoto(original)
    const created = await ok('resident-1', 'reports.create', await draft({ photos: [mine.fileID] }))
    const stored = (localCloud.engine.get('reports', created.id) as { photos: string[] }).photos
    expect(stored).toEqual([checkedIdOf(original)])
    expect(created.photos.map((p) => p.fileID)).toEqual(stored)

    // the client uploads other bytes to its own path after the check
    await localCloud.uploadFile(mine.path, Buffer.concat([demoPng([250, 0, 0]), Buffer.from('risky')]))
    const shown = await ok('resident-1', 'reports.get', { reportId: created.id })
    expect(shown.photos.map((p) => p.fileID)).toEqual(stored)
    expect(read(stored[0])).toEqual(original)
    expect(shown.photos[0].url).toContain(`/files/checked/${sha256(original)}.png`)
  })

  test('the same bytes land on the same checked file, whichever path they were uploaded to; the client path is kept as it is', async () => {
    const bytes = demoPng([44, 55, 66])
    const a = await clientPhoto(bytes)
    const b = await clientPhoto(bytes)
    const first = await ok('resident-1', 'reports.create', await draft({ photos: [a.fileID, b.fileID] }))
    const second = await ok('resident-2', 'reports.create', await draft({ photos: [b.fileID] }))
    expect(first.photos.map((p) => p.fileID)).toEqual([checkedIdOf(bytes)])
    expect(second.photos.map((p) => p.fileID)).toEqual([checkedIdOf(bytes)])
    expect(read(a.fileID)).toEqual(bytes)
  })

  test('a rectification, a declared deed, a nomination and a board entry store the checked copy too', async () => {
    const bytes = (n: number) => demoPng([n, 100, 150])
    const replaced = async (photo: { path: string }) => localCloud.uploadFile(photo.path, demoPng([1, 1, 1]))

    const after = await clientPhoto(bytes(1))
    const rectified = await ok('unit-zhifa', 'reports.rectify', { reportId: seedReportId('ds-answered'), photos: [after.fileID], note: '已拆除' })
    await replaced(after)
    expect((localCloud.engine.get('reports', rectified.id) as { afterPhotos: string[] }).afterPhotos).toEqual([checkedIdOf(bytes(1))])

    const deedPhoto = await clientPhoto(bytes(2))
    const deed = await ok('resident-2', 'deeds.declare', deedInput({ subjectUserId: userIdOf('resident-1'), photos: [deedPhoto.fileID] }))
    await replaced(deedPhoto)
    expect((localCloud.engine.get('deeds', deed.id) as { photos: string[] }).photos).toEqual([checkedIdOf(bytes(2))])

    const nominee = await clientPhoto(bytes(3))
    const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan')
    const c = await ok('resident-1', 'honour.nominate', { selectionId, subject: 'person', name: '王秀兰', story: '多年照顾邻居孤寡老人，风雨无阻', photo: nominee.fileID })
    await replaced(nominee)
    expect(localCloud.engine.get('selection_candidates', c.id)).toMatchObject({ photo: checkedIdOf(bytes(3)), contentCheck: 'pass' })

    const entryPhoto = await clientPhoto(bytes(4))
    const input = boardInput('v_dongshan')
    const board = await ok('village-admin-dongshan', 'honour.saveBoard', { ...input, entries: [{ ...input.entries[0], photo: entryPhoto.fileID }] })
    await replaced(entryPhoto)
    expect(board.entries[0]).toMatchObject({ photo: checkedIdOf(bytes(4)), secStatus: 'pass' })
    // saved again as the editor sends it back (the copy it was given): not checked or copied again
    const calls: string[] = []
    const off = localCloud.onCloudCall((method) => calls.push(method))
    const again = await ok('village-admin-dongshan', 'honour.saveBoard', { ...input, id: board.id, entries: [{ ...input.entries[0], photo: board.entries[0].photo }] })
    off()
    expect(again.entries[0].photo).toBe(checkedIdOf(bytes(4)))
    expect(calls.filter((m) => m === 'uploadFile' || m === 'fetch')).toEqual([])
    const published = await ok('village-admin-dongshan', 'honour.publishBoard', { boardId: board.id })
    expect(read(published.entries[0].photo as string)).toEqual(bytes(4))
  })

  test('a refused submission keeps no copy', async () => {
    const bytes = demoPng([77, 88, 99])
    const mine = await clientPhoto(bytes)
    const before = dataOf()
    const { res } = await callAs('resident-1', 'reports.create', await draft({ photos: [mine.fileID], description: '这里晚上有人聚众赌博' }))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '内容含有不当信息，请修改后再提交' })
    expect(dataOf()).toEqual(before)
    expect(localCloud.storage.exists(checkedIdOf(bytes))).toBe(false)
  })

  test('storage requests of a report with two photos: one URL batch, a HEAD and a capped GET each, one copy each', async () => {
    const photos = [await clientPhoto(demoPng([3, 30, 60])), await clientPhoto(demoPng([4, 40, 80]))]
    const calls: Array<[string, unknown]> = []
    const off = localCloud.onCloudCall((method, args) => calls.push([method, args]))
    await ok('resident-1', 'reports.create', await draft({ photos: photos.map((p) => p.fileID) }))
    off()
    // only this report's photos and copies (a refused call of an earlier test may still be checking its photo)
    const ours = [...photos.map((p) => p.path), 'checked/']
    const count = (name: string, pick: (args: unknown) => boolean = () => true) => calls.filter(([m, a]) => m === name && ours.some((p) => JSON.stringify(a).includes(p)) && pick(a)).length
    const http = (method: string) => (a: unknown) => (a as { method: string }).method === method
    // getTempFileURL: the check's batch and the reply's; uploadFile: the two copies
    expect({
      getTempFileURL: count('getTempFileURL'),
      head: count('fetch', http('HEAD')),
      get: count('fetch', http('GET')),
      uploadFile: count('uploadFile'),
      downloadFile: count('downloadFile')
    }).toEqual({
      getTempFileURL: 2,
      head: 2,
      get: 2,
      uploadFile: 2,
      downloadFile: 0
    })
  })
})

describe('the 1 MB the check takes', () => {
  test('a photo over 1 MB is refused before it is downloaded, and nothing is written', async () => {
    const big = await clientPhoto(bigPng())
    const small = await clientPhoto(demoPng([9, 8, 7]))
    const download = jest.spyOn(files, 'downloadAt')
    const before = dataOf()
    const { res } = await callAs('resident-1', 'reports.create', await draft({ photos: [small.fileID, big.fileID] }))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: TOO_LARGE })
    expect(download).not.toHaveBeenCalled()
    expect(dataOf()).toEqual(before)

    for (const [who, action, input] of [
      ['resident-2', 'deeds.declare', deedInput({ subjectUserId: userIdOf('resident-1'), photos: [big.fileID] })],
      ['village-admin-dongshan', 'honour.saveBoard', { ...boardInput('v_dongshan'), entries: [{ ...boardInput('v_dongshan').entries[0], photo: big.fileID }] }]
    ] as const) {
      expect((await callAs(who, action, input)).res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: TOO_LARGE })
    }
    expect(download).not.toHaveBeenCalled()
  })

  test('when the size cannot be learnt first, the download stops past 1 MB and the photo is refused', async () => {
    const big = await clientPhoto(bigPng())
    jest.spyOn(files, 'sizeAt').mockResolvedValue(null)
    const download = jest.spyOn(files, 'downloadAt')
    const { res } = await callAs('resident-1', 'reports.create', await draft({ photos: [big.fileID] }))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: TOO_LARGE })
    expect(download).toHaveBeenCalledTimes(1)
    await expect(download.mock.results[0].value).resolves.toBe('too-large')
  })

  test('a photo of exactly 1 MB is checked and kept', async () => {
    const exact = demoPng([6, 6, 6])
    const padded = Buffer.concat([exact, Buffer.alloc(MAX_PHOTO_BYTES - exact.length, 1)])
    const mine = await clientPhoto(padded)
    const created = await ok('resident-1', 'reports.create', await draft({ photos: [mine.fileID] }))
    expect(read(created.photos[0].fileID)?.length).toBe(MAX_PHOTO_BYTES)
  })
})

describe('honour: a photo the check could not decide waits for the town office', () => {
  // the function logs each check that could not decide
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined))

  test('a board holding one cannot be published until the town office has looked at it', async () => {
    const unsure = await clientPhoto(undecidedPng(1))
    const input = boardInput('v_dongshan')
    const board = await ok('village-admin-dongshan', 'honour.saveBoard', { ...input, entries: [{ ...input.entries[0], photo: unsure.fileID }, input.entries[1]] })
    expect(board.entries.map((e) => e.secStatus)).toEqual(['review', 'pass'])

    const before = dataOf()
    const refused = [
      ['village-admin-dongshan', {}, '有 1 张照片未能通过自动安全检查，正在等待镇创建办人工复核，复核通过后才能发布'],
      ['village-admin-dongshan', { photosReviewed: true }, '有 1 张照片未能通过自动安全检查，正在等待镇创建办人工复核，复核通过后才能发布'],
      ['town-admin', {}, '有 1 张照片未能通过自动安全检查：请逐张查看，确认没有不当内容后选择「已复核发布」']
    ] as const
    for (const [who, flag, message] of refused) {
      expect((await callAs(who, 'honour.publishBoard', { boardId: board.id, ...flag })).res).toEqual({ ok: false, code: 'CONFLICT', message })
    }
    expect(dataOf()).toEqual(before)
    expect((await ok('resident-1', 'honour.boards', {})).items.map((b) => b.id)).not.toContain(board.id)

    const published = await ok('town-admin', 'honour.publishBoard', { boardId: board.id, photosReviewed: true })
    expect(published).toMatchObject({ status: 'published' })
    expect(published.entries.map((e) => e.secStatus)).toEqual(['pass', 'pass'])
    expect((await ok('resident-1', 'honour.boards', {})).items.map((b) => b.id)).toContain(board.id)
    const audit = localCloud.engine.all('audit_log').filter((a) => a.targetId === board.id && a.action === 'publish')
    expect(audit).toEqual([expect.objectContaining({ detail: expect.objectContaining({ photosReviewed: 1 }) })])
  })

  test('a nomination holding one is shown (approved) only by the town office, whose approval clears it', async () => {
    const unsure = await clientPhoto(undecidedPng(2))
    const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan', {}, 1)
    const c = await ok('resident-1', 'honour.nominate', { selectionId, subject: 'person', name: '王秀兰', story: '多年照顾邻居孤寡老人，风雨无阻', photo: unsure.fileID })
    expect(c.contentCheck).toBe('review')
    // as a nomination: a village admin cannot approve (show) it; rejecting stays theirs
    const before = dataOf()
    expect((await callAs('village-admin-dongshan', 'honour.reviewCandidate', { candidateId: c.id, approve: true })).res).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '这份提名的文字或照片未能通过自动安全检查，正在等待镇创建办人工复核，复核通过前不能公开'
    })
    expect(dataOf()).toEqual(before)
    expect((await ok('resident-2', 'honour.selection', { selectionId })).candidates).toEqual([])

    const approved = await ok('town-admin', 'honour.reviewCandidate', { candidateId: c.id, approve: true })
    expect(approved).toMatchObject({ status: 'approved', contentCheck: 'pass' })
    expect((await ok('resident-2', 'honour.selection', { selectionId })).candidates.map((x) => x.id)).toEqual([c.id])
  })

  test('an entry saved before photos were kept as checked copies is checked again before publishing', async () => {
    const old = await clientPhoto(demoPng([12, 34, 56]))
    const input = boardInput('v_dongshan')
    const board = await ok('village-admin-dongshan', 'honour.saveBoard', input)
    // as an earlier version stored it: the client's own fileID, no verdict
    const stored = localCloud.engine.get('honour_boards', board.id) as { entries: Array<Record<string, unknown>> }
    localCloud.engine.replace('honour_boards', board.id, { ...stored, entries: [{ ...stored.entries[0], photo: old.fileID, secStatus: undefined }, stored.entries[1]] })
    expect((await callAs('village-admin-dongshan', 'honour.publishBoard', { boardId: board.id })).res).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '榜单中有照片还没有经过安全检查，请打开草稿重新保存后再发布'
    })
    const resaved = await ok('village-admin-dongshan', 'honour.saveBoard', { ...input, id: board.id, entries: [{ ...input.entries[0], photo: old.fileID }, input.entries[1]] })
    expect(resaved.entries[0]).toMatchObject({ photo: checkedIdOf(demoPng([12, 34, 56])), secStatus: 'pass' })
    await ok('village-admin-dongshan', 'honour.publishBoard', { boardId: board.id })
  })
})

describe('reading a temporary URL without fetch (the functions are built for Node 16)', () => {
  let server: Server
  let base: string
  const body = Buffer.alloc(3000, 9)
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/missing') return void res.writeHead(404).end()
      if (req.url === '/moved') return void res.writeHead(302, { location: '/a.png' }).end()
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end()
      res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'image/png' })
      res.end(req.method === 'HEAD' ? undefined : body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  test('node:http gives the size from a HEAD and the bytes up to the limit', async () => {
    const realFetch = globalThis.fetch
    Object.assign(globalThis, { fetch: undefined })
    try {
      expect(await files.sizeAt(`${base}/a.png`)).toBe(3000)
      expect(await files.sizeAt(`${base}/missing`)).toBeNull()
      expect(await files.downloadAt(`${base}/a.png`, 3000)).toEqual(body)
      expect(await files.downloadAt(`${base}/a.png`, 2999)).toBe('too-large')
      expect(await files.downloadAt(`${base}/missing`, 3000)).toBe('missing')
      // a CDN's redirect is followed, as fetch would; an endless one is not
      expect(await files.sizeAt(`${base}/moved`)).toBe(3000)
      expect(await files.downloadAt(`${base}/moved`, 3000)).toEqual(body)
      expect(await files.downloadAt(`${base}/loop`, 3000)).toBe('missing')
    } finally {
      Object.assign(globalThis, { fetch: realFetch })
    }
  })
})
