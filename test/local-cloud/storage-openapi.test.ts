/** Cloud storage and open APIs (云调用) through the REAL wx-server-sdk. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { localCloud } from '../../local-cloud'
import { decodeCommApiData, encodeCommApiData } from '../../local-cloud/pb'
import { errorOf, freshCloud, sdk } from './helpers'

beforeEach(() => {
  freshCloud()
})

describe('storage', () => {
  test('upload (Buffer and stream), temp URL, download, delete', async () => {
    const cloud = sdk()
    const up = await cloud.uploadFile({ cloudPath: 'reports/2026/a 1.jpg', fileContent: Buffer.from('jpeg-bytes') })
    expect(up).toMatchObject({ fileID: 'cloud://local-env.local/reports/2026/a 1.jpg', statusCode: 200 })

    const tmp = path.join(os.tmpdir(), `lc-${process.pid}.txt`)
    fs.writeFileSync(tmp, 'from a stream')
    const up2 = await cloud.uploadFile({ cloudPath: 'docs/s.txt', fileContent: fs.createReadStream(tmp) })
    fs.rmSync(tmp)

    const prev = process.env.LOCAL_CLOUD_PUBLIC_URL
    process.env.LOCAL_CLOUD_PUBLIC_URL = 'http://127.0.0.1:9999'
    try {
      const urls = await cloud.getTempFileURL({ fileList: [up.fileID, 'cloud://local-env.local/none.png'] })
      expect(urls.fileList).toEqual([
        expect.objectContaining({ fileID: up.fileID, status: 0, tempFileURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9999\/files\/reports\/2026\/a%201\.jpg\?t=\d+&sign=[\w-]{43}$/) }),
        expect.objectContaining({ fileID: 'cloud://local-env.local/none.png', status: -503003, tempFileURL: '' })
      ])
    } finally {
      if (prev === undefined) delete process.env.LOCAL_CLOUD_PUBLIC_URL
      else process.env.LOCAL_CLOUD_PUBLIC_URL = prev
    }

    const down = await cloud.downloadFile({ fileID: up2.fileID })
    expect(down.fileContent.toString()).toBe('from a stream')
    const file = localCloud.resolveFilePath(up.fileID)!
    expect(fs.readFileSync(file, 'utf8')).toBe('jpeg-bytes')
    expect(localCloud.resolveFilePath('reports/2026/a%201.jpg')).toBe(file)

    const del = await cloud.deleteFile({ fileList: [up.fileID, 'cloud://local-env.local/none.png'] })
    expect(del.fileList.map((f: { status: number }) => f.status)).toEqual([0, -503003])
    expect(fs.existsSync(file)).toBe(false)
    const gone = await errorOf(cloud.downloadFile({ fileID: up.fileID }))
    expect(gone.errCode).toBe(-503003)
  })

  test('paths outside the files folder are refused', async () => {
    for (const bad of ['../x', 'a/../../x', 'cloud://other-env.xx/a.png', '/', 'a//b', '%2e%2e/x']) expect(localCloud.resolveFilePath(bad)).toBeNull()
    const e = await errorOf(sdk().uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }))
    expect(e.errCode).toBe(-501007)
    const id = await localCloud.uploadFile('direct/x.bin', Buffer.from([1, 2, 3]))
    expect(id).toBe('cloud://local-env.local/direct/x.bin')
  })
})

describe('open APIs', () => {
  const openapi = () => sdk().openapi as unknown as Record<string, Record<string, (data: object) => Promise<Record<string, unknown>>>>

  test('msgSecCheck version 2: pass / risky / review with label', async () => {
    const check = (content: string) => openapi().security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o1' })
    expect(await check('今天帮邻居扫了楼道')).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
    expect(await check('这里有人赌博')).toMatchObject({ result: { suggest: 'risky', label: 20006 }, detail: expect.arrayContaining([expect.objectContaining({ keyword: '赌博' })]) })
    expect(await check('有事加微信')).toMatchObject({ result: { suggest: 'review' } })
    const noOpenid = await errorOf(openapi().security.msgSecCheck({ content: 'x', version: 2, scene: 2 }))
    expect(noOpenid.errCode).toBe(40003)
  })

  test('msgSecCheck version 1 fails with 87014 on risky content; setSecWords replaces the list', async () => {
    expect(await openapi().security.msgSecCheck({ content: '正常内容' })).toMatchObject({ errCode: 0 })
    expect((await errorOf(openapi().security.msgSecCheck({ content: '色情' }))).errCode).toBe(87014)
    localCloud.setSecWords(['菠萝'])
    expect((await errorOf(openapi().security.msgSecCheck({ content: '我爱菠萝' }))).errCode).toBe(87014)
    expect(await openapi().security.msgSecCheck({ content: '色情' })).toMatchObject({ errCode: 0 })
    localCloud.resetSecWords()
  })

  test('imgSecCheck: risky when the image bytes carry a marker (configurable)', async () => {
    const ok = await openapi().security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('clean image') } })
    expect(ok).toMatchObject({ errCode: 0 })
    const bad = await errorOf(openapi().security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('...risky...') } }))
    expect(bad.errCode).toBe(87014)
    // the SDK snake-cases the options first, so media.fileName never arrives: the file is always
    // called media.<ext>; only the bytes can carry the marker
    localCloud.setImageMarkers(['BAD-PIXELS'])
    expect(await openapi().security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('...risky...') } })).toMatchObject({ errCode: 0 })
    expect((await errorOf(openapi().security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('xxBAD-PIXELSxx') } }))).errCode).toBe(87014)
    localCloud.resetSecWords()
  })

  test('subscribeMessage.send goes to the outbox', async () => {
    localCloud.clearOutbox()
    const res = await openapi().subscribeMessage.send({
      touser: 'o-target',
      templateId: 'tpl-1',
      page: 'pages/report/detail?id=1',
      data: { thing1: { value: '问题已受理' }, time2: { value: '2026-03-01 10:00' } },
      miniprogramState: 'developer'
    })
    expect(res).toMatchObject({ errCode: 0, msgid: expect.any(Number) })
    expect(localCloud.getOutbox()).toEqual([
      {
        touser: 'o-target',
        templateId: 'tpl-1',
        page: 'pages/report/detail?id=1',
        data: { thing1: { value: '问题已受理' }, time2: { value: '2026-03-01 10:00' } },
        miniprogramState: 'developer',
        lang: undefined,
        at: expect.any(Date)
      }
    ])
    const bad = await errorOf(openapi().subscribeMessage.send({ touser: 'o', templateId: 't', data: { thing1: 'not an object' } }))
    expect(bad.errCode).toBe(47003)
    expect(localCloud.getOutbox()).toHaveLength(1)
    localCloud.clearOutbox()
    expect(localCloud.getOutbox()).toEqual([])
  })

  test('wxacode.getUnlimited returns a PNG; scene is required', async () => {
    const res = (await openapi().wxacode.getUnlimited({ scene: 'r=123', page: 'pages/index/index' })) as { contentType: string; buffer: Buffer }
    expect(res.contentType).toBe('image/png')
    expect(res.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect((await errorOf(openapi().wxacode.getUnlimited({ page: 'x' }))).errCode).toBe(40169)
  })

  test('mediaCheckAsync is recorded; an unknown API fails like the cloud (-604100)', async () => {
    const res = await openapi().security.mediaCheckAsync({ mediaUrl: 'https://x/risky.png', mediaType: 2, version: 2, scene: 1, openid: 'o1' })
    expect(res).toMatchObject({ errCode: 0, traceId: expect.any(String) })
    expect(localCloud.getMediaChecks().at(-1)).toMatchObject({ mediaUrl: 'https://x/risky.png', suggest: 'risky', traceId: res.traceId })
    const e = await errorOf(openapi().nothing.here({}))
    expect(e.errCode).toBe(-604100)
  })

  test('protobuf frames: the local codec reads what it writes, including media pairs', () => {
    const msg = {
      apiType: 0,
      appid: 'wx1',
      pairs: [
        { key: 'content', value: Buffer.from('"hi"') },
        { key: 'media', value: Buffer.from([0, 255]), contenttype: 'image/png', filename: 'm.png' }
      ]
    }
    expect(decodeCommApiData(encodeCommApiData(msg))).toEqual(msg)
  })
})
