/**
 * Pure rules of the stored report shared by the handlers, the overdue job and the demo seed:
 * index keys, numbering, the pending step's deadline. Which step is legal is decided elsewhere
 * (src/domain/report-flow.ts); this module only derives stored fields from a report's state.
 */
import { keyedId } from '../_shared/ids'
import { REPORT_STATUSES, type LetterKind, type ReportSource, type ReportStatus } from '@/contract'
import { isOpen, type FlowReport } from '@/domain/report-flow'
import { chinaDay } from '@/domain/china-time'
import { endOfChinaDay, type WorkCalendar } from '../_shared/workdays'
import type { DueDoc, DueKind, EscalationLevel, ReportDoc } from './docs'

export const OPEN_STATUSES: ReportStatus[] = REPORT_STATUSES.filter(isOpen)

/** 曝光台 shows accepted-or-later problems, never rejected or duplicate ones. */
const PUBLIC_STATUSES: ReadonlySet<ReportStatus> = new Set<ReportStatus>(['accepted', 'dispatched', 'signed', 'answered', 'returned', 'rectified', 'closed'])

export function isPublic(r: Pick<ReportDoc, 'status' | 'secStatus'>): boolean {
  return PUBLIC_STATUSES.has(r.status) && r.secStatus === 'pass'
}

/** What 附近的同类问题 and 我也遇到了 may show anyone: open and public (曝光台) — never one still 待受理. */
export const NEARBY_STATUSES: ReportStatus[] = OPEN_STATUSES.filter((s) => PUBLIC_STATUSES.has(s))

export function isShownNearby(r: Pick<ReportDoc, 'status' | 'secStatus'>): boolean {
  return isPublic(r) && isOpen(r.status)
}

/**
 * Index keys of a report: the queue, the ledger and 曝光台 each query `facets = <one key>` (most
 * selective first) with the other filters applied to the rows the index yields, so two indexes
 * — (facets, createdAt) and (facets, status, createdAt) — serve every filter combination.
 */
export function facetsOf(r: Pick<ReportDoc, 'villageId' | 'gridId' | 'unitId' | 'category' | 'source' | 'overdue' | 'status' | 'secStatus' | 'suspended'>): string[] {
  const keys = ['all', `v:${r.villageId}`, `c:${r.category}`, `src:${r.source}`]
  if (r.gridId) keys.push(`g:${r.gridId}`)
  if (r.unitId) keys.push(`u:${r.unitId}`)
  if (r.overdue) keys.push('od')
  if (r.suspended) keys.push('sus')
  if (isPublic(r)) keys.push('p', `p:${r.villageId}`)
  return keys
}

/** A report's id follows from who submits it and the draft's key, so a retried submission finds the first one. */
export function reportIdFor(reporterId: string, clientKey: string): string {
  return keyedId('r', reporterId, clientKey)
}

/** Events are numbered per report; the id makes a second write of the same step impossible. */
export function eventIdFor(reportId: string, seq: number): string {
  return `${reportId}-${String(seq).padStart(4, '0')}`
}

export function chinaYear(d: Date): number {
  return Number(chinaDay(d).slice(0, 4))
}

const REPORT_PREFIX: Record<ReportSource, string> = { resident: 'SSP', inspection: 'DD' }
const LETTER_PREFIX: Record<LetterKind, string> = { notice: '通知', reply: '答复', reminder: '提示' }

export const reportCounterId = (source: ReportSource, year: number) => `report-${REPORT_PREFIX[source]}-${year}`
export const letterCounterId = (kind: LetterKind, year: number) => `letter-${kind}-${year}`
/** SSP-2026-000123 (随手拍) / DD-2026-000007 (督导) */
export const formatReportNo = (source: ReportSource, year: number, n: number) => `${REPORT_PREFIX[source]}-${year}-${String(n).padStart(6, '0')}`
/** 通知〔2026〕12号 */
export const formatLetterNo = (kind: LetterKind, year: number, n: number) => `${LETTER_PREFIX[kind]}〔${year}〕${n}号`

interface DueRule {
  kind: DueKind
  /** Working days from the step's start; null = a date set elsewhere (answerDue, rectifyDeadline). */
  workdays: number | null
  escalateTo: EscalationLevel
}

/**
 * Time limits of each waiting state (configurable here). A late grid or unit step is reported to
 * the village, a late village step — and rectification past its deadline — to the town.
 */
export const DUE_RULES: Partial<Record<ReportStatus, DueRule>> = {
  submitted: { kind: 'accept', workdays: 1, escalateTo: 'village' },
  accepted: { kind: 'dispatch', workdays: 1, escalateTo: 'town' },
  returned: { kind: 'dispatch', workdays: 1, escalateTo: 'town' },
  dispatched: { kind: 'sign', workdays: 1, escalateTo: 'village' },
  signed: { kind: 'answer', workdays: null, escalateTo: 'village' },
  answered: { kind: 'rectify', workdays: null, escalateTo: 'town' },
  rectified: { kind: 'verify', workdays: 2, escalateTo: 'town' }
}

/** Working days a unit has to answer after signing (答复). */
export const ANSWER_WORKDAYS = 2

export const DUE_LABELS: Record<DueKind, string> = {
  accept: '受理',
  dispatch: '派单',
  sign: '签收',
  answer: '答复',
  rectify: '整改',
  verify: '验收'
}

/** The deadline of the step a report in its (new) state waits for; `since` is when that state began. */
export function dueFor(r: Pick<ReportDoc, 'status' | 'answerDue' | 'rectifyDeadline'>, since: Date, calendar: WorkCalendar): DueDoc | null {
  const rule = DUE_RULES[r.status]
  if (!rule) return null
  if (rule.workdays !== null) {
    const { due, estimated } = calendar.addWorkdays(since, rule.workdays)
    return { kind: rule.kind, at: due, estimated, escalateTo: rule.escalateTo }
  }
  if (rule.kind === 'answer' && r.answerDue) return { kind: 'answer', at: r.answerDue.at, estimated: r.answerDue.estimated, escalateTo: rule.escalateTo }
  if (rule.kind === 'rectify' && r.rectifyDeadline) return { kind: 'rectify', at: endOfChinaDay(r.rectifyDeadline), estimated: false, escalateTo: rule.escalateTo }
  return null
}

export function toFlow(r: ReportDoc): FlowReport {
  return {
    status: r.status,
    villageId: r.villageId,
    gridId: r.gridId,
    unitId: r.unitId,
    reporterId: r.reporterId,
    closedAt: r.closedAt,
    reopenCount: r.reopenCount,
    rating: r.rating,
    suspended: r.suspended === true
  }
}

/** [lng, lat] of a stored point (the SDK reads it back as a Geo.Point with longitude/latitude). */
export function lngLatOf(v: unknown): [number, number] | null {
  if (!v || typeof v !== 'object') return null
  const o = v as { longitude?: unknown; latitude?: unknown; coordinates?: unknown }
  if (typeof o.longitude === 'number' && typeof o.latitude === 'number') return [o.longitude, o.latitude]
  const c = o.coordinates
  if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]]
  return null
}

/** Great-circle distance in metres (the database's own sphere). */
export function distanceM(a: [number, number], b: [number, number]): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const h = Math.sin(rad(b[1] - a[1]) / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(rad(b[0] - a[0]) / 2) ** 2
  return 2 * 6378100 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** 2026年3月5日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

export function chineseDateOf(d: Date): string {
  return chineseDate(chinaDay(d))
}
