/**
 * Open311 GeoReport v2, read only, over exactly what 曝光台 shows (reports.publicList): pure pieces
 * — the route of a request, the filters of requests.json, and the mapping of one public problem
 * (the 曝光台 view, toPublic) to a service request. serve.ts loads; this module decides and maps.
 * Errors are the spec's list `[{ code, description }]` with the same HTTP status.
 */
import type { CategoryItem, Photo, PublicReport, ReportStatus } from '@/contract'
import { chinaIso, fromChinaDay, endOfChinaDay } from '@/domain/china-time'
import { isCheckedPhoto } from '../_shared/security'
import { NEARBY_STATUSES } from '../reports/model'
import { GEOREPORT_PATH } from './path'

export { GEOREPORT_PATH }

export const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2'
/** When this API last changed (the discovery document's changeset). */
export const CHANGESET = '2026-12-03T00:00:00+08:00'

export const DAY_MS = 24 * 60 * 60 * 1000
/** The spec's default window and longest span of requests.json: 90 days. */
export const MAX_SPAN_MS = 90 * DAY_MS
export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 200
/** Deepest row a page may start at (as the app's lists). */
export const MAX_OFFSET = 5000
export const MAX_IDS = 50

export interface GeoRequest {
  method: string
  /** The path as requested, with or without GEOREPORT_PATH in front. */
  path: string
  query: Record<string, string | undefined>
  /** Absolute URL of GEOREPORT_PATH as the client reached it (for the discovery document). */
  baseUrl: string
}

export interface GeoResponse {
  status: number
  body: unknown
}

export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 404 | 405,
    readonly description: string
  ) {
    super(description)
  }
}

export const errorResponse = (status: number, description: string): GeoResponse => ({ status, body: [{ code: status, description }] })

export type Route = { kind: 'discovery' } | { kind: 'services' } | { kind: 'service'; code: string } | { kind: 'requests' } | { kind: 'request'; id: string }

const CODE = /^[a-z][a-z0-9_]{0,31}$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The resource a GET names; anything else is refused with the spec's error list. */
export function routeOf(method: string, path: string): Route {
  const rest = (path.startsWith(GEOREPORT_PATH) ? path.slice(GEOREPORT_PATH.length) : path).replace(/^\/+/, '')
  if (method !== 'GET') throw new Open311Error(405, '这是只读接口，只接受 GET 请求；反映问题请使用小程序「随手拍」')
  if (/\.xml$/i.test(rest)) throw new Open311Error(400, '只提供 JSON 格式，请把 .xml 换成 .json')
  if (rest === 'discovery' || rest === 'discovery.json') return { kind: 'discovery' }
  if (rest === 'services.json') return { kind: 'services' }
  if (rest === 'requests.json') return { kind: 'requests' }
  const service = /^services\/([^/]+)\.json$/.exec(rest)
  if (service) {
    if (!CODE.test(service[1])) throw new Open311Error(404, `没有这个服务类别：${service[1].slice(0, 40)}`)
    return { kind: 'service', code: service[1] }
  }
  const request = /^requests\/([^/]+)\.json$/.exec(rest)
  if (request) {
    if (!ID.test(request[1])) throw new Open311Error(404, '没有找到这个问题，或它没有公开')
    return { kind: 'request', id: request[1] }
  }
  throw new Open311Error(404, '没有这个接口；可用的接口见 discovery.json')
}

/* ------------------------------------------------------------------ requests.json filters */

export type RequestsQuery = { kind: 'ids'; ids: string[] } | { kind: 'search'; start: Date; end: Date; codes: string[] | null; statuses: ReportStatus[] | null; skip: number; limit: number }

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * A w3c datetime (`2026-11-01T08:00:00+08:00`, `…Z`); without an offset it is China time; a bare
 * date is that China day (from its first instant, or to its last for end_date).
 */
export function parseDateParam(name: 'start_date' | 'end_date', raw: string): Date {
  const m = DATE_TIME.exec(raw.trim())
  const bad = () => new Open311Error(400, `${name} 格式不正确，应为带时区的日期时间，如 2026-11-01T08:00:00+08:00`)
  if (!m || !fromChinaDay(m[1])) throw bad()
  if (m[2] === undefined) return name === 'start_date' ? (fromChinaDay(m[1]) as Date) : endOfChinaDay(m[1])
  const offset = m[6] === undefined ? '+08:00' : m[6] === 'Z' ? 'Z' : m[6].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${offset}`)
  if (Number.isNaN(at.getTime()) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) throw bad()
  return at
}

/** The spec's window: 90 days back from now by default; one end given → 90 days from it; never longer than 90 days. */
export function windowOf(startRaw: string | undefined, endRaw: string | undefined, now: Date): { start: Date; end: Date } {
  const start = startRaw ? parseDateParam('start_date', startRaw) : null
  const end = endRaw ? parseDateParam('end_date', endRaw) : null
  if (start && end) {
    if (start.getTime() > end.getTime()) throw new Open311Error(400, 'start_date 不能晚于 end_date')
    if (end.getTime() - start.getTime() > MAX_SPAN_MS) throw new Open311Error(400, 'start_date 到 end_date 不能超过 90 天')
    return { start, end }
  }
  if (start) return { start, end: new Date(start.getTime() + MAX_SPAN_MS) }
  if (end) return { start: new Date(end.getTime() - MAX_SPAN_MS), end }
  return { start: new Date(now.getTime() - MAX_SPAN_MS), end: now }
}

const list = (raw: string | undefined) =>
  raw === undefined
    ? null
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)

/** Problems open in 曝光台's sense (accepted, not yet 销号) and closed ones (销号). */
export const STATUS_GROUPS: Record<'open' | 'closed', ReportStatus[]> = { open: NEARBY_STATUSES, closed: ['closed'] }

function statusesOf(raw: string | undefined): ReportStatus[] | null {
  const names = list(raw)
  if (!names || names.length === 0) return null
  const bad = names.find((n) => n !== 'open' && n !== 'closed')
  if (bad !== undefined) throw new Open311Error(400, `status 只能是 open 或 closed（可用逗号分隔），不能是 ${bad.slice(0, 20)}`)
  const set = new Set(names)
  return set.size === 2 ? null : STATUS_GROUPS[names[0] as 'open' | 'closed']
}

function intParam(name: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN
  if (!(n >= min && n <= max)) throw new Open311Error(400, `${name} 应为 ${min} 到 ${max} 之间的整数`)
  return n
}

/**
 * requests.json's parameters. `service_request_id` (comma-separated) names the requests and, as the
 * spec says, makes every other parameter ignored. `page`/`page_size` page through the newest first.
 */
export function parseRequestsQuery(query: Record<string, string | undefined>, now: Date): RequestsQuery {
  const ids = list(query.service_request_id)
  if (ids && ids.length > 0) {
    if (ids.length > MAX_IDS) throw new Open311Error(400, `service_request_id 一次最多 ${MAX_IDS} 个`)
    if (!ids.every((id) => ID.test(id))) throw new Open311Error(400, 'service_request_id 格式不正确')
    return { kind: 'ids', ids: [...new Set(ids)] }
  }
  const codes = list(query.service_code)
  if (codes && !codes.every((c) => CODE.test(c))) throw new Open311Error(400, 'service_code 格式不正确，可用的类别见 services.json')
  const { start, end } = windowOf(query.start_date, query.end_date, now)
  const pageSize = intParam('page_size', query.page_size, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)
  const page = intParam('page', query.page, 1, Math.floor(MAX_OFFSET / pageSize) + 1, 1)
  return { kind: 'search', start, end, codes: codes && codes.length ? [...new Set(codes)] : null, statuses: statusesOf(query.status), skip: (page - 1) * pageSize, limit: pageSize }
}

/* ------------------------------------------------------------------ documents */

export function discovery(baseUrl: string) {
  return {
    changeset: CHANGESET,
    contact: '镇创建办（在小程序「文明创建」中联系）',
    key_service: '只读接口，不需要 API 密钥',
    endpoints: [{ specification: SPEC_URL, url: baseUrl, changeset: CHANGESET, type: 'production', formats: ['application/json'] }]
  }
}

export function toService(c: CategoryItem) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.enabled ? `随手拍问题类别：${c.name}` : `随手拍问题类别：${c.name}（已停用，只有历史问题）`,
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: '文明创建随手拍'
  }
}

/** A category's definition: no attributes (nobody submits through this API). */
export const toServiceDefinition = (c: CategoryItem) => ({ service_code: c.code, attributes: [] as never[] })

/**
 * What of a public problem, beside its 曝光台 view, this API shows: the category code, the unit
 * handling it (by name), the current deadline, the map point and the time of the last change.
 */
export interface PublicExtras {
  category: string
  unitName: string | null
  dueAt: Date | null
  lngLat: [number, number] | null
  updatedAt: Date
}

/** URLs of the photos that passed the content check (`checked/` copies) and have a URL. */
const checkedUrls = (photos: Photo[]) => photos.filter((p) => p.url && isCheckedPhoto(p.fileID)).map((p) => p.url as string)

const at = (iso: string | null) => (iso ? chinaIso(new Date(iso)) : null)

/** One service request from the 曝光台 view of a problem: nothing the view does not show but PublicExtras. */
export function toServiceRequest(view: PublicReport, extras: PublicExtras) {
  const before = checkedUrls(view.before)
  return {
    service_request_id: view.id,
    status: view.status === 'closed' ? 'closed' : 'open',
    status_notes: view.statusLabel,
    service_name: view.categoryName,
    service_code: extras.category,
    // 曝光台 shows no description: the reporter's words stay with the people handling the problem
    description: null,
    agency_responsible: extras.unitName,
    service_notice: null,
    requested_datetime: at(view.createdAt),
    updated_datetime: chinaIso(extras.updatedAt),
    expected_datetime: extras.dueAt ? chinaIso(extras.dueAt) : null,
    address: view.address || null,
    address_id: null,
    zipcode: null,
    lat: extras.lngLat ? extras.lngLat[1] : null,
    long: extras.lngLat ? extras.lngLat[0] : null,
    media_url: before[0] ?? null,
    extended_attributes: {
      report_no: view.no,
      state: view.status,
      state_label: view.statusLabel,
      village: view.villageName,
      closed_datetime: at(view.closedAt),
      media_urls: before,
      after_media_urls: checkedUrls(view.after)
    }
  }
}

export type ServiceRequest = ReturnType<typeof toServiceRequest>
