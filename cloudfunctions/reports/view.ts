import {
  LETTER_LABELS,
  REPORT_STATUS_LABELS,
  type Letter,
  type LedgerRow,
  type NearbyReport,
  type Photo,
  type PublicReport,
  type ReportDetail,
  type ReportSummary,
  type TimelineEntry
} from '@/contract'
import { allowedActions } from '@/domain/report-flow'
import { grantsAdminVillage } from '../_shared/access'
import { iso } from '../_shared/docs'
import { endOfChinaDay, type WorkCalendar } from '../_shared/workdays'
import { isStaffViewer, seesIdentity, type Viewer } from './access'
import type { EventDoc, LetterDoc, ReportDoc } from './docs'
import { lngLatOf, toFlow } from './model'

export type Urls = Map<string, string>

const photo = (fileID: string, urls: Urls): Photo => ({ fileID, url: urls.get(fileID) ?? null })

export function isOverdue(r: ReportDoc, now: Date): boolean {
  return r.overdue || (r.due !== null && new Date(r.due.at).getTime() < now.getTime())
}

export function toSummary(r: ReportDoc, urls: Urls, now: Date): ReportSummary {
  return {
    id: r._id,
    no: r.no,
    source: r.source,
    category: r.category,
    categoryName: r.categoryName,
    description: r.description,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    villageId: r.villageId,
    villageName: r.villageName,
    gridId: r.gridId,
    gridName: r.gridName,
    address: r.address,
    unitId: r.unitId,
    unitName: r.unitName,
    thumb: r.photos[0] ? photo(r.photos[0], urls) : null,
    createdAt: iso(r.createdAt) as string,
    dueAt: r.due ? iso(r.due.at) : null,
    dueEstimated: r.due?.estimated ?? false,
    overdue: isOverdue(r, now),
    supportCount: r.supportCount,
    ...(r.onBehalf ? { onBehalf: true } : {}),
    ...(r.suspended ? { suspended: true } : {})
  }
}

/** The name shown for an event's actor: the reporter stays '居民' / '督导人员' to everyone but themself and the town office. */
function actorName(r: ReportDoc, e: EventDoc, v: Viewer): string {
  if (e.by === 'system') return '系统'
  if (e.by !== r.reporterId) return e.byName || '工作人员'
  if (e.by === v.userId) return '您'
  if (v.isTown) return r.reporterName || '居民'
  return r.source === 'inspection' ? '督导人员' : '居民'
}

function toTimeline(r: ReportDoc, events: EventDoc[], v: Viewer, urls: Urls): TimelineEntry[] {
  // a note meant for the staff (a 挂起 reason) reaches only the staff handling the problem and the town office
  const staff = isStaffViewer(r, v)
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({
      seq: e.seq,
      at: iso(e.at) as string,
      action: e.action,
      from: e.from,
      to: e.to,
      actor: actorName(r, e, v),
      actorRole: e.byRole,
      note: e.notePrivate && !staff ? null : e.note,
      photos: e.photos.map((f) => photo(f, urls))
    }))
}

export function toLetter(l: LetterDoc): Letter {
  return {
    id: l._id,
    kind: l.kind,
    kindLabel: LETTER_LABELS[l.kind],
    no: l.no,
    reportId: l.reportId,
    reportNo: l.reportNo,
    issuedAt: iso(l.issuedAt) as string,
    to: l.to,
    from: l.from,
    body: l.body,
    dueAt: iso(l.dueAt)
  }
}

/** Every fileID a detail shows (for one getTempFileURL call). */
export function detailFiles(r: ReportDoc, events: EventDoc[]): string[] {
  return [...r.photos, ...r.afterPhotos, ...events.flatMap((e) => e.photos)]
}

export function toDetail(r: ReportDoc, events: EventDoc[], letters: LetterDoc[], v: Viewer, urls: Urls, now: Date): ReportDetail {
  const point = lngLatOf(r.location)
  const identity = seesIdentity(r, v)
  return {
    ...toSummary(r, urls, now),
    photos: r.photos.map((f) => photo(f, urls)),
    afterPhotos: r.afterPhotos.map((f) => photo(f, urls)),
    location: point ? { lng: point[0], lat: point[1] } : null,
    anonymous: r.anonymous,
    reporter: identity ? { name: r.reporterName, phone: r.reporterPhone } : null,
    measures: r.measures,
    plannedDate: r.plannedDate,
    rectifyDeadline: r.rectifyDeadline,
    closedAt: iso(r.closedAt),
    rating: r.rating ? { value: r.rating.value, comment: r.rating.comment, at: iso(r.rating.at) as string } : null,
    timeline: toTimeline(r, events, v, urls),
    // official letters are for the staff handling the problem (and the town office)
    letters: isStaffViewer(r, v) ? [...letters].sort((a, b) => +new Date(a.issuedAt) - +new Date(b.issuedAt)).map(toLetter) : [],
    allowed: allowedActions(toFlow(r), { userId: v.userId, grants: v.grants }, now),
    duplicateOf: r.duplicateOf,
    ...(r.onBehalf ? { visitId: seesVisit(r, v) ? r.onBehalf.visitId : null } : {})
  }
}

/** Visits are internal: the link is for the town office, the village's admins and the staff member who entered it. */
function seesVisit(r: ReportDoc, v: Viewer): boolean {
  return v.isTown || r.onBehalf?.byId === v.userId || grantsAdminVillage(v.grants, r.villageId)
}

export function toPublic(r: ReportDoc, urls: Urls): PublicReport {
  return {
    id: r._id,
    no: r.no,
    categoryName: r.categoryName,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    villageName: r.villageName,
    address: r.address,
    before: r.photos.map((f) => photo(f, urls)),
    after: r.afterPhotos.map((f) => photo(f, urls)),
    createdAt: iso(r.createdAt) as string,
    closedAt: iso(r.closedAt)
  }
}

export function toNearby(r: ReportDoc, distance: number, urls: Urls): NearbyReport {
  return {
    id: r._id,
    no: r.no,
    categoryName: r.categoryName,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    address: r.address,
    distanceM: Math.round(distance),
    createdAt: iso(r.createdAt) as string,
    thumb: r.photos[0] ? photo(r.photos[0], urls) : null,
    supportCount: r.supportCount
  }
}

/** Working days late: of the pending step while open; of the closing against the rectification deadline once closed. */
export function daysOverdue(r: ReportDoc, calendar: WorkCalendar, now: Date): number {
  if (r.due) return calendar.workdaysOverdue(new Date(r.due.at), now)
  if (r.closedAt && r.rectifyDeadline) return calendar.workdaysOverdue(endOfChinaDay(r.rectifyDeadline), new Date(r.closedAt))
  return 0
}

export function toLedgerRow(r: ReportDoc, calendar: WorkCalendar, now: Date): LedgerRow {
  return {
    id: r._id,
    no: r.no,
    source: r.source,
    createdAt: iso(r.createdAt) as string,
    villageName: r.villageName,
    gridName: r.gridName,
    address: r.address,
    categoryName: r.categoryName,
    description: r.description,
    unitName: r.unitName,
    dispatchedAt: iso(r.dispatchedAt),
    rectifyDeadline: r.rectifyDeadline,
    dueAt: r.due ? iso(r.due.at) : null,
    dueEstimated: r.due?.estimated ?? false,
    measures: r.measures,
    plannedDate: r.plannedDate,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    closedAt: iso(r.closedAt),
    daysOverdue: daysOverdue(r, calendar, now),
    ...(r.suspended ? { suspended: true } : {})
  }
}
