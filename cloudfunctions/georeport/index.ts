/** Open311 GeoReport v2 (read only) through the HTTP access service: see open311.ts. No caller identity: it serves only what 曝光台 shows. */
import { database } from '../_shared/cloud'
import { tempUrls } from '../_shared/files'
import { createStore } from '../_shared/store'
import { httpResult, notHttp, requestOf, type HttpResult } from './http'
import { serveGeoReport } from './serve'

export async function main(event: unknown): Promise<HttpResult> {
  const req = requestOf(event)
  if (!req) return notHttp()
  return httpResult(await serveGeoReport(req, { store: createStore(database()), now: new Date(), tempUrls: (ids) => tempUrls(ids) }))
}
