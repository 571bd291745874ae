import Taro from '@tarojs/taro'
import { uploadPhoto as uploadH5 } from '@/services/storage.h5'
import { uploadPhoto as uploadWeapp } from '@/services/storage.weapp'
import { LOCAL_TOKEN_KEY } from '@/services/local-token'
import { photoCloudPath } from '@/services/storage-types'
import { bodyParagraphs, layoutLetter, wrap } from '@/services/letter-layout'
import { createInput, draftErrors, newClientKey, newDraft } from '@/services/report-drafts'
import type { Letter } from '@/contract'

function reply(status: number, body: unknown) {
  return { status, ok: status >= 200 && status < 300, json: async () => body, blob: async () => new Blob(['jpeg-bytes'], { type: 'image/jpeg' }) } as unknown as Response
}

describe('photo upload', () => {
  const fetchMock = jest.fn()
  beforeAll(() => {
    Object.assign(globalThis, { fetch: fetchMock })
  })
  beforeEach(() => {
    fetchMock.mockReset()
    window.localStorage.clear()
  })

  test('cloud paths are reports/<yyyy>/<mm>/<name>.jpg', () => {
    expect(photoCloudPath('abc-123', new Date(2026, 0, 5))).toBe('reports/2026/01/abc-123.jpg')
    expect(photoCloudPath('../etc/passwd', new Date(2026, 10, 5))).toBe('reports/2026/11/etcpasswd.jpg')
  })

  test('H5: POST /api/files with the bytes, x-file-name and the sign-in token → fileID', async () => {
    window.localStorage.setItem(LOCAL_TOKEN_KEY, 'tok-1')
    fetchMock.mockResolvedValueOnce(reply(200, null)).mockResolvedValueOnce(reply(200, { fileID: 'cloud://local/reports/2026/11/a.jpg' }))
    const res = await uploadH5('data:image/jpeg;base64,AAAA', 'reports/2026/11/a.jpg')
    expect(res).toEqual({ ok: true, data: 'cloud://local/reports/2026/11/a.jpg' })
    const [path, init] = fetchMock.mock.calls[1] as [string, RequestInit]
    expect(path).toBe('/api/files')
    expect(init.method).toBe('POST')
    expect(init.headers).toEqual(expect.objectContaining({ 'x-file-name': 'reports/2026/11/a.jpg', Authorization: 'Bearer tok-1' }))
    expect(init.body).toBeInstanceOf(Blob)
  })

  test('H5: no token, a server refusal and a network failure are Results, never throws', async () => {
    expect(await uploadH5('blob:x', 'reports/2026/11/a.jpg')).toEqual(expect.objectContaining({ ok: false, code: 'UNAUTHENTICATED' }))
    window.localStorage.setItem(LOCAL_TOKEN_KEY, 'tok-1')
    fetchMock.mockResolvedValueOnce(reply(200, null)).mockResolvedValueOnce(reply(413, { ok: false, code: 'INVALID_INPUT', message: '文件太大' }))
    expect(await uploadH5('blob:x', 'reports/2026/11/a.jpg')).toEqual({ ok: false, code: 'INVALID_INPUT', message: '文件太大' })
    jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    fetchMock.mockResolvedValueOnce(reply(200, null)).mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await uploadH5('blob:x', 'reports/2026/11/a.jpg')).toEqual(expect.objectContaining({ ok: false, code: 'INTERNAL' }))
    // A blob: URL that died with a reload cannot be read.
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await uploadH5('blob:dead', 'reports/2026/11/a.jpg')).toEqual(expect.objectContaining({ ok: false, code: 'INVALID_INPUT' }))
  })

  test('weapp: Taro.cloud.uploadFile with cloudPath and filePath → fileID; failures are INTERNAL', async () => {
    const cloud = { init: jest.fn(), uploadFile: jest.fn(), DYNAMIC_CURRENT_ENV: 'env' }
    Object.assign(Taro, { cloud })
    cloud.uploadFile.mockResolvedValueOnce({ fileID: 'cloud://env.123/reports/2026/11/a.jpg' })
    expect(await uploadWeapp('wxfile://usr/a.jpg', 'reports/2026/11/a.jpg')).toEqual({ ok: true, data: 'cloud://env.123/reports/2026/11/a.jpg' })
    expect(cloud.uploadFile).toHaveBeenCalledWith({ cloudPath: 'reports/2026/11/a.jpg', filePath: 'wxfile://usr/a.jpg' })
    jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    cloud.uploadFile.mockRejectedValueOnce({ errMsg: 'cloud.uploadFile:fail timeout' })
    expect(await uploadWeapp('wxfile://usr/a.jpg', 'reports/2026/11/a.jpg')).toEqual(expect.objectContaining({ ok: false, code: 'INTERNAL' }))
  })
})

describe('drafts', () => {
  test('a clientKey fits the contract and differs each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newClientKey()))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })

  test('the create input carries the uploaded fileIDs and inspection only for 督导', () => {
    const draft = { ...newDraft('inspection', { villageId: 'v1', gridId: 'g1' }), photos: [{ key: 'a', path: 'p', fileID: 'f1' }] }
    expect(createInput(draft)).toEqual(expect.objectContaining({ photos: ['f1'], villageId: 'v1', gridId: 'g1', inspection: true }))
    expect(createInput(newDraft('resident', { villageId: null, gridId: 'g1' }))).not.toHaveProperty('inspection')
    // No village, no grid.
    expect(newDraft('resident', { villageId: null, gridId: 'g1' }).gridId).toBeNull()
  })

  test('errors name each missing field in Chinese', () => {
    expect(draftErrors(newDraft('resident', { villageId: null, gridId: null }))).toEqual({
      category: '请选择问题类别',
      description: '问题描述至少 5 个字',
      photos: '请至少拍一张现场照片',
      address: '地址至少 2 个字',
      villageId: '请选择所在村（居）'
    })
  })
})

describe('letters', () => {
  const letter: Letter = {
    id: 'l1',
    kind: 'notice',
    kindLabel: '问题通知函',
    no: '通知〔2026〕17号',
    reportId: 'r1',
    reportNo: 'SSP-2026-000023',
    issuedAt: '2026-11-22T02:00:00.000Z',
    to: '镇城管办',
    from: '东山村',
    body: '镇城管办：\n现将问题交你单位办理。\n问题编号：SSP-2026-000023\n东山村\n2026年11月22日',
    dueAt: '2026-11-29'
  }

  test('a body carrying the whole letter loses the salutation, sender and date (printed in place)', () => {
    expect(bodyParagraphs(letter)).toEqual(['现将问题交你单位办理。', '问题编号：SSP-2026-000023'])
    expect(bodyParagraphs({ ...letter, body: '只有正文。' })).toEqual(['只有正文。'])
  })

  test('wraps by measured width and lays out title, number, rule, body, sender and date', () => {
    const measure = (text: string) => Array.from(text).length * 30
    expect(wrap('一二三四五六七', 90, '', measure)).toEqual(['一二三', '四五六', '七'])
    expect(wrap('一二三四五', 90, '', measure, 60)).toEqual(['一', '二三四', '五'])
    const layout = layoutLetter(letter, measure)
    const texts = layout.texts.map((op) => op.text)
    expect(texts[0]).toBe('问题通知函')
    expect(texts[1]).toBe('通知〔2026〕17号')
    expect(texts[2]).toBe('镇城管办：')
    expect(texts).toContain('办理期限：2026-11-29')
    expect(texts.slice(-2)).toEqual(['东山村', '2026年11月22日'])
    expect(layout.rules).toHaveLength(1)
    expect(layout.height).toBeGreaterThan(layout.texts[layout.texts.length - 1].y)
  })
})
