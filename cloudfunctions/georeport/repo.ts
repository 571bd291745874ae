/** The queries of the Open311 API: public problems only (the 曝光台 index key `p`), newest first. */
import type { ReportStatus } from '@/contract'
import type { Filter, Store } from '../_shared/store'
import type { ReportDoc } from '../reports/docs'
import { isPublic } from '../reports/model'
import { createdWithin, findReports } from '../reports/repo'

export interface PublicSearch {
  start: Date
  end: Date
  codes: string[] | null
  statuses: ReportStatus[] | null
  skip: number
  limit: number
}

/** Public problems submitted within [start, end] (served by the (facets, status, createdAt) and (facets, createdAt) indexes). */
export async function findPublicReports(store: Store, q: PublicSearch): Promise<ReportDoc[]> {
  const filter: Filter = { facets: 'p', ...createdWithin(store, q.start, q.end) }
  if (q.statuses) filter.status = store.op.in(q.statuses)
  if (q.codes) filter.category = store.op.in(q.codes)
  return (await findReports(store, filter, q.skip, q.limit)).filter(isPublic)
}

/** The public problems among these ids (one request through the _id index). */
export async function findPublicReportsByIds(store: Store, ids: readonly string[]): Promise<ReportDoc[]> {
  if (ids.length === 0) return []
  return (await findReports(store, { _id: store.op.in(ids), facets: 'p' }, 0, ids.length)).filter(isPublic)
}
