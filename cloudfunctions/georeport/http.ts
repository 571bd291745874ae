/**
 * The HTTP face of the function: CloudBase's HTTP access service calls it with
 * `{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }` and sends back the
 * `{ statusCode, headers, body }` it returns. The local server builds the same event.
 */
import { errorResponse, GEOREPORT_PATH, type GeoRequest, type GeoResponse } from './open311'

export interface HttpEvent {
  path?: unknown
  httpMethod?: unknown
  headers?: unknown
  queryStringParameters?: unknown
}

export interface HttpResult {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/

function stringsOf(v: unknown): Record<string, string | undefined> {
  if (!v || typeof v !== 'object') return {}
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : Array.isArray(x) ? String(x[0] ?? '') : undefined]))
}

/** The request an HTTP event carries; null when the event is not one (e.g. a callFunction from a client). */
export function requestOf(event: unknown): GeoRequest | null {
  const e = (event ?? {}) as HttpEvent
  if (typeof e.path !== 'string' || typeof e.httpMethod !== 'string') return null
  const headers = stringsOf(e.headers)
  const host = headers.host ?? headers.Host ?? ''
  const proto = headers['x-forwarded-proto'] === 'http' ? 'http' : 'https'
  return {
    method: e.httpMethod.toUpperCase(),
    path: e.path,
    query: stringsOf(e.queryStringParameters),
    baseUrl: HOST.test(host) ? `${proto}://${host}${GEOREPORT_PATH}` : GEOREPORT_PATH
  }
}

export function httpResult(res: GeoResponse): HttpResult {
  return {
    statusCode: res.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': res.status === 200 ? 'public, max-age=60' : 'no-store' },
    body: JSON.stringify(res.body),
    isBase64Encoded: false
  }
}

export const notHttp = (): HttpResult => httpResult(errorResponse(400, '这个云函数只通过 HTTP 访问（Open311 接口）'))
