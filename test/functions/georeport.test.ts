/**
 * Open311 GeoReport v2 (read only) over the public problems — what 曝光台 shows and nothing more —
 * through the local server (the georeport function, called as the HTTP access service calls it):
 * every field against the spec, the filters, the 90-day window, 400/404/405 errors, and that no
 * reporter, no unaccepted problem, no description and no staff note leaves.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { localCloud } from '../../local-cloud'
import { createLocalServer } from '../../local-server/server'
import { invoke } from '../../local-server/functions'
import { seedReportId } from '../../local-server/seed-reports'
import { chinaIso } from '../../src/domain/china-time'
import { MAX_SPAN_MS, parseRequestsQuery, windowOf, Open311Error, routeOf } from '../../cloudfunctions/georeport/open311'
import { clockFrom, TOWN_NOW } from '../helpers/clock'
import { draft, identityOf, photo } from '../helpers/reports'
import { freshTown, givenReports, ok } from '../helpers/town'

let server: Server
let base: string

const STAFF_NOTES = ['网格员已到现场核实情况', '请三日内清运完毕并回复', '不属于本镇管辖范围']
const DESCRIPTIONS = ['东山村河埠头旁堆着一大堆生活垃圾', '村口小卖部门前有人乱扔垃圾', '西岗菜场门口违规搭建雨棚']

const ids = { dispatched: '', submitted: '', rejected: '', old: '', closed: seedReportId('xg-anonymous-closed') }

type Json = Record<string, unknown>

async function get(path: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const r = await fetch(`${base}/open311/v2/${path}`)
  return { status: r.status, body: await r.json(), type: r.headers.get('content-type') }
}

async function requests(query: string): Promise<Json[]> {
  const r = await get(`requests.json${query ? `?${query}` : ''}`)
  expect(r.status).toBe(200)
  return r.body as Json[]
}

const reportDoc = (id: string) => localCloud.engine.get('reports', id) as unknown as { createdAt: Date; updatedAt: Date; due: { at: Date } | null; no: string; photos: string[] }

beforeAll(async () => {
  clockFrom(TOWN_NOW)
  await freshTown()
  // anonymous, accepted (with a staff note) and dispatched (with another): public, open, handled by a unit
  const a = await ok('resident-2', 'reports.create', await draft({ description: DESCRIPTIONS[0], anonymous: true, photos: [await photo([10, 200, 30])] }))
  await ok('grid-dongshan-1', 'reports.accept', { reportId: a.id, note: STAFF_NOTES[0] })
  await ok('village-admin-dongshan', 'reports.dispatch', { reportId: a.id, unitId: 'unit_1', rectifyDeadline: '2026-11-30', note: STAFF_NOTES[1] })
  ids.dispatched = a.id
  // still 待受理: not public
  ids.submitted = (await ok('resident-1', 'reports.create', await draft({ description: DESCRIPTIONS[1] }))).id
  // 不予受理: never public
  const r = await ok('resident-1', 'reports.create', await draft({ description: DESCRIPTIONS[2] }))
  await ok('grid-dongshan-1', 'reports.reject', { reportId: r.id, reason: STAFF_NOTES[2] })
  ids.rejected = r.id
  // accepted 120 days ago: outside the default 90-day window
  ;[ids.old] = await givenReports([
    {
      key: 'open311-old',
      reporter: 'resident-4',
      village: 0,
      grid: 0,
      category: 'graffiti',
      description: '墙上小广告',
      address: '东山村老街',
      hoursAgo: 24 * 120,
      steps: [{ after: 1, by: 'grid-dongshan-1', action: 'accept' }]
    }
  ])
  server = createLocalServer({ staticDir: null, dataDir: null })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 60_000)
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('Open311 service requests, field by field', () => {
  test('a dispatched problem: status, service, unit, deadline, times with +08:00, position and its checked photo', async () => {
    const [req] = await requests(`service_request_id=${ids.dispatched}`)
    const doc = reportDoc(ids.dispatched)
    expect(Object.keys(req).sort()).toEqual(
      [
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'address_id',
        'zipcode',
        'lat',
        'long',
        'media_url',
        'extended_attributes'
      ].sort()
    )
    expect(req).toMatchObject({
      service_request_id: ids.dispatched,
      status: 'open',
      status_notes: '已派单',
      service_name: '乱扔垃圾/暴露垃圾',
      service_code: 'litter',
      description: null,
      agency_responsible: '镇综合行政执法中队',
      service_notice: null,
      requested_datetime: chinaIso(new Date(doc.createdAt)),
      updated_datetime: chinaIso(new Date(doc.updatedAt)),
      expected_datetime: chinaIso(new Date(doc.due!.at)),
      address: '东山村一组村道旁',
      address_id: null,
      zipcode: null,
      lat: 30.41,
      long: 120.31
    })
    for (const key of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(req[key]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
    expect(new Date(req.requested_datetime as string).getTime()).toBe(Math.floor(new Date(doc.createdAt).getTime() / 1000) * 1000)
    // the stored photo is the checked copy; its URL is the one media_url gives
    expect(doc.photos[0]).toMatch(/\/checked\/[0-9a-f]{64}\.png$/)
    const checkedPath = /\/(checked\/[0-9a-f]{64}\.png)$/.exec(doc.photos[0])![1]
    expect(req.media_url).toMatch(new RegExp(`/files/${checkedPath}\\?t=\\d+&sign=[\\w-]+$`))
    expect(req.extended_attributes).toEqual({
      report_no: doc.no,
      state: 'dispatched',
      state_label: '已派单',
      village: '东山村',
      closed_datetime: null,
      media_urls: [req.media_url],
      after_media_urls: []
    })
  })

  test('a closed problem: status closed, no deadline, 销号 time; photos that never went through the check give no media_url', async () => {
    const [req] = await requests(`service_request_id=${ids.closed}`)
    expect(reportDoc(ids.closed).photos.length).toBeGreaterThan(0)
    expect(req).toMatchObject({ status: 'closed', status_notes: '已销号', service_code: 'street_vending', expected_datetime: null, media_url: null, agency_responsible: '镇综合行政执法中队' })
    expect(req.extended_attributes).toMatchObject({ state: 'closed', closed_datetime: expect.stringMatching(/\+08:00$/), media_urls: [], after_media_urls: [] })
  })

  test('requests/{id}.json answers a list of one; an unaccepted or rejected problem is 404 as if it did not exist', async () => {
    const one = await get(`requests/${ids.dispatched}.json`)
    expect(one.status).toBe(200)
    expect(one.type).toBe('application/json; charset=utf-8')
    expect((one.body as Json[]).map((r) => r.service_request_id)).toEqual([ids.dispatched])
    for (const id of [ids.submitted, ids.rejected, 'r_no_such_report']) {
      const r = await get(`requests/${id}.json`)
      expect(r.status).toBe(404)
      expect(r.body).toEqual([{ code: 404, description: '没有找到这个问题，或它没有公开' }])
    }
  })
})

describe('nothing that is not public leaves', () => {
  test('no reporter, description, staff note or unaccepted problem in any answer', async () => {
    const everything = JSON.stringify([
      await requests(''),
      await requests(`service_request_id=${Object.values(ids).join(',')}`),
      await requests('status=open,closed&start_date=2026-06-01&end_date=2026-08-29'),
      (await get(`requests/${ids.dispatched}.json`)).body
    ])
    for (const who of ['resident-1', 'resident-2', 'resident-3', 'resident-4']) for (const mark of identityOf(who)) if (mark) expect(everything).not.toContain(mark)
    for (const text of [...STAFF_NOTES, ...DESCRIPTIONS, '墙上小广告']) expect(everything).not.toContain(text)
    for (const id of [ids.submitted, ids.rejected]) expect(everything).not.toContain(id)
    expect(everything).not.toMatch(/"(openid|reporter\w*|phone|anonymous|rectifyDeadline|letters|timeline|note|measures|rating)"/i)
    expect(everything).toContain(ids.dispatched)
    expect(everything).toContain(ids.old)
  })
})

describe('requests.json filters', () => {
  test('default: the last 90 days, newest first, public problems only', async () => {
    const list = await requests('')
    const got = list.map((r) => r.service_request_id)
    expect(got).toContain(ids.dispatched)
    expect(got).toContain(ids.closed)
    expect(got).not.toContain(ids.old)
    const times = list.map((r) => new Date(r.requested_datetime as string).getTime())
    expect(times).toEqual([...times].sort((x, y) => y - x))
    expect(Math.min(...times)).toBeGreaterThanOrEqual(TOWN_NOW.getTime() - MAX_SPAN_MS)
  })

  test('start_date/end_date choose the window (the 120-day-old problem is found there)', async () => {
    const created = new Date(reportDoc(ids.old).createdAt)
    const from = new Date(created.getTime() - 3600_000).toISOString()
    const to = chinaIso(new Date(created.getTime() + 3600_000))
    expect((await requests(`start_date=${encodeURIComponent(from)}&end_date=${encodeURIComponent(to)}`)).map((r) => r.service_request_id)).toEqual([ids.old])
    // one end alone: 90 days from it
    expect((await requests(`start_date=${encodeURIComponent(from)}`)).map((r) => r.service_request_id)).toContain(ids.old)
  })

  test('service_code and status', async () => {
    const vending = await requests('service_code=street_vending')
    expect(vending.length).toBeGreaterThan(0)
    expect(new Set(vending.map((r) => r.service_code))).toEqual(new Set(['street_vending']))
    const two = await requests('service_code=street_vending,litter')
    expect(new Set(two.map((r) => r.service_code))).toEqual(new Set(['street_vending', 'litter']))

    const closed = await requests('status=closed')
    expect(closed.map((r) => r.service_request_id)).toContain(ids.closed)
    expect(new Set(closed.map((r) => r.status))).toEqual(new Set(['closed']))
    const open = await requests('status=open')
    expect(open.map((r) => r.service_request_id)).toContain(ids.dispatched)
    expect(new Set(open.map((r) => r.status))).toEqual(new Set(['open']))
    expect((await requests('status=open,closed')).length).toBe(open.length + closed.length)
  })

  test('service_request_id names requests and makes the other parameters ignored', async () => {
    const got = await requests(`service_request_id=${ids.old},${ids.dispatched},${ids.submitted}&status=closed&service_code=graffiti`)
    expect(got.map((r) => r.service_request_id).sort()).toEqual([ids.old, ids.dispatched].sort())
  })

  test('page and page_size page through the newest first', async () => {
    const all = await requests('page_size=200')
    const first = await requests('page_size=2')
    const second = await requests('page_size=2&page=2')
    expect([...first, ...second].map((r) => r.service_request_id)).toEqual(all.slice(0, 4).map((r) => r.service_request_id))
  })
})

describe('errors are the spec list with the same status', () => {
  test.each([
    ['requests.json?start_date=2026-01-01&end_date=2026-04-02', 400, 'start_date 到 end_date 不能超过 90 天'],
    ['requests.json?start_date=2026-05-01&end_date=2026-04-02', 400, 'start_date 不能晚于 end_date'],
    ['requests.json?start_date=yesterday', 400, 'start_date 格式不正确，应为带时区的日期时间，如 2026-11-01T08:00:00+08:00'],
    ['requests.json?end_date=2026-02-30', 400, 'end_date 格式不正确，应为带时区的日期时间，如 2026-11-01T08:00:00+08:00'],
    ['requests.json?status=pending', 400, 'status 只能是 open 或 closed（可用逗号分隔），不能是 pending'],
    ['requests.json?service_code=Bad%20Code', 400, 'service_code 格式不正确，可用的类别见 services.json'],
    ['requests.json?service_request_id=a%2Fb', 400, 'service_request_id 格式不正确'],
    ['requests.json?page_size=0', 400, 'page_size 应为 1 到 200 之间的整数'],
    ['requests.xml', 400, '只提供 JSON 格式，请把 .xml 换成 .json'],
    ['services/no_such_code.json', 404, '没有这个服务类别：no_such_code'],
    ['tokens/abc.json', 404, '没有这个接口；可用的接口见 discovery.json']
  ])('%s → %d', async (path, status, description) => {
    const r = await get(path)
    expect(r).toMatchObject({ status, body: [{ code: status, description }] })
  })

  test('POST is refused: read only', async () => {
    const r = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: 'service_code=litter' })
    expect(r.status).toBe(405)
    expect(await r.json()).toEqual([{ code: 405, description: '这是只读接口，只接受 GET 请求；反映问题请使用小程序「随手拍」' }])
  })
})

describe('discovery and services', () => {
  test('discovery names the spec, this endpoint and JSON', async () => {
    const r = await get('discovery.json')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      changeset: expect.stringMatching(/\+08:00$/),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${base}/open311/v2`, type: 'production', formats: ['application/json'] }]
    })
  })

  test('services.json lists the categories; services/{code}.json defines one', async () => {
    const services = (await get('services.json')).body as Json[]
    expect(services).toContainEqual({
      service_code: 'litter',
      service_name: '乱扔垃圾/暴露垃圾',
      description: '随手拍问题类别：乱扔垃圾/暴露垃圾',
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: '文明创建随手拍'
    })
    expect(await get('services/litter.json')).toMatchObject({ status: 200, body: { service_code: 'litter', attributes: [] } })
  })
})

describe('the cloud function behind the HTTP access service', () => {
  test('answers an HTTP event with statusCode, JSON headers and body; refuses a callFunction event', async () => {
    const http = (await invoke('georeport', { path: '/open311/v2/services/litter.json', httpMethod: 'GET', headers: { host: 'env-1.app.tcloudbase.com' }, queryStringParameters: {} }, null)).result
    expect(http).toEqual({
      statusCode: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }),
      body: JSON.stringify({ service_code: 'litter', attributes: [] }),
      isBase64Encoded: false
    })
    const discovery = (await invoke('georeport', { path: '/open311/v2/discovery.json', httpMethod: 'GET', headers: { host: 'env-1.app.tcloudbase.com' } }, null)).result as { body: string }
    expect(JSON.parse(discovery.body).endpoints[0].url).toBe('https://env-1.app.tcloudbase.com/open311/v2')
    const called = (await invoke('georeport', { action: 'reports.publicList', data: {} }, null)).result as { statusCode: number }
    expect(called.statusCode).toBe(400)
  })
})

describe('the 90-day window (pure)', () => {
  const now = new Date('2026-11-18T10:00:00+08:00')
  const fail = (fn: () => unknown) => {
    try {
      fn()
    } catch (e) {
      return e instanceof Open311Error ? `${e.status} ${e.description}` : String(e)
    }
    return 'no error'
  }

  test('no dates: the 90 days up to now; one end: 90 days from it; exactly 90 days is allowed, a millisecond more is not', () => {
    expect(windowOf(undefined, undefined, now)).toEqual({ start: new Date(now.getTime() - MAX_SPAN_MS), end: now })
    expect(windowOf('2026-01-01T00:00:00+08:00', undefined, now)).toEqual({ start: new Date('2025-12-31T16:00:00Z'), end: new Date('2026-03-31T16:00:00Z') })
    expect(windowOf(undefined, '2026-04-01T00:00:00Z', now)).toEqual({ start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') })
    expect(windowOf('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', now).end).toEqual(new Date('2026-04-01T00:00:00Z'))
    expect(fail(() => windowOf('2026-01-01T00:00:00Z', '2026-04-01T00:00:00.001Z', now))).toBe('400 start_date 到 end_date 不能超过 90 天')
  })

  test('a bare date is a China day (end_date to its last instant); no offset means China time; other offsets are honoured', () => {
    expect(windowOf('2026-01-01', '2026-01-01', now)).toEqual({ start: new Date('2025-12-31T16:00:00Z'), end: new Date('2026-01-01T15:59:59.999Z') })
    expect(windowOf('2026-01-01T08:00', undefined, now).start).toEqual(new Date('2026-01-01T00:00:00Z'))
    expect(windowOf('2026-01-01T08:00:00-05:00', undefined, now).start).toEqual(new Date('2026-01-01T13:00:00Z'))
    expect(fail(() => windowOf('2026-01-01T25:00:00Z', undefined, now))).toMatch(/^400 start_date 格式不正确/)
  })

  test('requests.json parameters parse to one query', () => {
    expect(parseRequestsQuery({ status: 'open', service_code: 'litter, graffiti', page: '2', page_size: '10' }, now)).toMatchObject({
      kind: 'search',
      codes: ['litter', 'graffiti'],
      statuses: ['accepted', 'dispatched', 'signed', 'answered', 'returned', 'rectified'],
      skip: 10,
      limit: 10
    })
    expect(parseRequestsQuery({ service_request_id: 'r_a,r_b,r_a', status: 'bogus' }, now)).toEqual({ kind: 'ids', ids: ['r_a', 'r_b'] })
    expect(fail(() => routeOf('GET', '/open311/v2/requests/..%2F.json'))).toBe('404 没有找到这个问题，或它没有公开')
  })
})
