/** Answers one Open311 request: routes and parses (open311.ts), loads public problems (repo.ts), maps them through the 曝光台 view. */
import type { Store } from '../_shared/store'
import { isCheckedPhoto } from '../_shared/security'
import type { ReportDoc } from '../reports/docs'
import { lngLatOf } from '../reports/model'
import { loadCategories } from '../reports/repo'
import { toPublic } from '../reports/view'
import {
  discovery,
  errorResponse,
  Open311Error,
  parseRequestsQuery,
  routeOf,
  toService,
  toServiceDefinition,
  toServiceRequest,
  type GeoRequest,
  type GeoResponse,
  type PublicExtras,
  type Route,
  type ServiceRequest
} from './open311'
import { findPublicReports, findPublicReportsByIds } from './repo'

export interface GeoDeps {
  store: Store
  now: Date
  /** Temporary URLs of stored files (_shared/files.ts tempUrls). */
  tempUrls: (fileIDs: string[]) => Promise<Map<string, string>>
}

const extrasOf = (r: ReportDoc): PublicExtras => ({
  category: r.category,
  unitName: r.unitName,
  dueAt: r.due ? new Date(r.due.at) : null,
  lngLat: lngLatOf(r.location),
  updatedAt: new Date(r.updatedAt)
})

async function toRequests(rows: ReportDoc[], deps: GeoDeps): Promise<ServiceRequest[]> {
  // only the checked copies are ever shown: no URL is made for anything else
  const urls = await deps.tempUrls(rows.flatMap((r) => [...r.photos, ...r.afterPhotos]).filter(isCheckedPhoto))
  return rows.map((r) => toServiceRequest(toPublic(r, urls), extrasOf(r)))
}

async function answer(route: Route, req: GeoRequest, deps: GeoDeps): Promise<unknown> {
  switch (route.kind) {
    case 'discovery':
      return discovery(req.baseUrl)
    case 'services':
      return (await loadCategories(deps.store)).map(toService)
    case 'service': {
      const found = (await loadCategories(deps.store)).find((c) => c.code === route.code)
      if (!found) throw new Open311Error(404, `没有这个服务类别：${route.code}`)
      return toServiceDefinition(found)
    }
    case 'request': {
      const rows = await findPublicReportsByIds(deps.store, [route.id])
      if (rows.length === 0) throw new Open311Error(404, '没有找到这个问题，或它没有公开')
      return toRequests(rows, deps)
    }
    case 'requests': {
      const q = parseRequestsQuery(req.query, deps.now)
      const rows = q.kind === 'ids' ? await findPublicReportsByIds(deps.store, q.ids) : await findPublicReports(deps.store, q)
      return toRequests(rows, deps)
    }
  }
}

export async function serveGeoReport(req: GeoRequest, deps: GeoDeps): Promise<GeoResponse> {
  try {
    return { status: 200, body: await answer(routeOf(req.method, req.path), req, deps) }
  } catch (e) {
    if (e instanceof Open311Error) return errorResponse(e.status, e.description)
    console.error('[georeport] unexpected error', e)
    return errorResponse(500, '服务暂时不可用，请稍后再试')
  }
}
