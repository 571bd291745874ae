/**
 * What each step changes, as pure functions of the report and the step's (already validated and
 * checked) input. The handlers run them inside runStep; the demo seed replays them to build a
 * consistent history without the database.
 */
import type { CategoryItem, FlowAction, Rating, ReportSource, ReportStatus, Role } from '@/contract'
import { isOpen } from '@/domain/report-flow'
import { chinaDay } from '@/domain/china-time'
import { endOfChinaDay, type WorkCalendar } from '../_shared/workdays'
import type { EventDoc, LetterDoc, LetterDraft, ReportDoc } from './docs'
import { noticeLetter, officeOf, reminderLetter, replyLetter } from './letters'
import { ANSWER_WORKDAYS, DUE_LABELS, dueFor, eventIdFor, facetsOf, formatLetterNo } from './model'

export interface StepOutput {
  patch?: Partial<ReportDoc>
  note?: string | null
  photos?: string[]
  letter?: LetterDraft
  /** The note is for the staff only (see EventDoc.notePrivate). */
  notePrivate?: boolean
}

export const acceptStep = (note: string | null): StepOutput => ({ note })
export const rejectStep = (reason: string | null): StepOutput => ({ note: reason })
export const returnStep = (reason: string | null): StepOutput => ({ note: reason })
export const verifyFailStep = (reason: string | null): StepOutput => ({ note: reason })
export const verifyPassStep = (now: Date): StepOutput => ({ patch: { closedAt: now }, note: '验收通过，予以销号' })

export function markDuplicateStep(original: Pick<ReportDoc, '_id' | 'no'>): StepOutput {
  return { patch: { duplicateOf: original._id }, note: `与 ${original.no} 重复` }
}

export function changeCategoryStep(r: ReportDoc, item: CategoryItem): StepOutput {
  return { patch: { category: item.code, categoryName: item.name }, note: `${r.categoryName} → ${item.name}` }
}

export function dispatchStep(r: ReportDoc, p: { unitId: string; unitName: string; by: string; as: Role; rectifyDeadline: string; note: string | null }, now: Date): StepOutput {
  const level = p.as === 'town_admin' ? 'town' : 'village'
  const office = officeOf(level, r)
  return {
    patch: {
      unitId: p.unitId,
      unitName: p.unitName,
      dispatcher: { userId: p.by, level, office },
      dispatchedAt: now,
      rectifyDeadline: p.rectifyDeadline,
      // a re-dispatch (after 退单) starts the unit's part afresh
      signedAt: null,
      answerDue: null,
      measures: null,
      plannedDate: null,
      answeredAt: null,
      afterPhotos: [],
      rectifiedAt: null
    },
    note: `派至${p.unitName}，整改期限 ${p.rectifyDeadline}${p.note ? `；${p.note}` : ''}`,
    letter: noticeLetter(r, { unitName: p.unitName, from: office, rectifyDeadline: p.rectifyDeadline, note: p.note, dueAt: endOfChinaDay(p.rectifyDeadline), now })
  }
}

/** Signing starts the clock: the answer is due at the end of the second working day after. */
export function signStep(now: Date, calendar: WorkCalendar): StepOutput {
  const { due, estimated } = calendar.addWorkdays(now, ANSWER_WORKDAYS)
  return { patch: { signedAt: now, answerDue: { at: due, estimated } } }
}

export function answerStep(r: ReportDoc, letters: LetterDoc[], p: { measures: string; plannedDate: string }, now: Date): StepOutput {
  return {
    patch: { measures: p.measures, plannedDate: p.plannedDate, answeredAt: now },
    note: p.measures,
    letter: replyLetter(r, letters, { measures: p.measures, plannedDate: p.plannedDate, dueAt: endOfChinaDay(p.plannedDate), now })
  }
}

export function rectifyStep(r: ReportDoc, p: { photos: string[]; note: string; verdict: 'pass' | 'review' }, now: Date): StepOutput {
  const secStatus = r.secStatus === 'pass' && p.verdict === 'pass' ? 'pass' : 'review'
  return { patch: { afterPhotos: p.photos, rectifiedAt: now, secStatus }, note: p.note, photos: p.photos }
}

export function rateStep(p: { value: Rating; comment: string | null }, now: Date): StepOutput {
  return { patch: { rating: { value: p.value, comment: p.comment, at: now } }, note: p.comment }
}

export function reopenStep(r: ReportDoc, reason: string | null): StepOutput {
  return { patch: { closedAt: null, rating: null, reopenCount: r.reopenCount + 1 }, note: reason }
}

/** 挂起: every deadline stops (nothing pending, never overdue while set aside); the reason goes to the timeline. */
export function suspendStep(p: { reason: string; reasonPublic: boolean }): StepOutput {
  return { patch: { suspended: true, due: null, remindAt: null, overdue: false }, note: p.reason, notePrivate: !p.reasonPublic }
}

/**
 * 恢复办理: the problem continues in the state it was suspended in, with a new 整改期限 `workdays`
 * working days from now (once it has one: a problem not dispatched yet gets it at dispatch), a new
 * answer deadline if it waits for the unit's answer, and its state's deadline counted afresh from now.
 */
export function resumeStep(r: ReportDoc, p: { workdays: number; note: string | null }, now: Date, calendar: WorkCalendar): StepOutput {
  const deadline = chinaDay(calendar.addWorkdays(now, p.workdays).due)
  const patch: Partial<ReportDoc> = { suspended: false, overdue: false }
  if (r.rectifyDeadline !== null) patch.rectifyDeadline = deadline
  if (r.status === 'signed') {
    const { due, estimated } = calendar.addWorkdays(now, ANSWER_WORKDAYS)
    patch.answerDue = { at: due, estimated }
  }
  const due = dueFor({ ...r, ...patch }, now, calendar)
  Object.assign(patch, { due, remindAt: due?.at ?? null })
  const said = r.rectifyDeadline !== null ? `恢复办理，整改期限 ${deadline}` : '恢复办理'
  return { patch, note: p.note ? `${said}；${p.note}` : said }
}

export interface StepWrite {
  /** The state the step was decided on; if the stored report moved on since, the step is refused. */
  report: ReportDoc
  patch: Partial<ReportDoc>
  event: Pick<EventDoc, 'by' | 'byRole' | 'byName' | 'action' | 'from' | 'to' | 'note' | 'photos' | 'notePrivate'>
  letter?: LetterDraft
  /** The report's events before this step (the daily counts need them when the step moves it to another unit or category). */
  history?: readonly EventDoc[]
}

/** The write of a decided step: the step's own changes, plus the new state's deadline when the status changes. */
export function stepWrite(
  report: ReportDoc,
  step: { action: FlowAction; to: ReportStatus; as: Role | 'system'; by: string; byName: string },
  out: StepOutput,
  now: Date,
  calendar: WorkCalendar | null
): StepWrite {
  const patch: Partial<ReportDoc> = { ...out.patch }
  if (step.to !== report.status) {
    patch.status = step.to
    const due = calendar ? dueFor({ ...report, ...patch }, now, calendar) : null
    Object.assign(patch, { due, remindAt: due?.at ?? null, overdue: false })
    // fixed at 销号 for the daily counts (a later calendar correction never changes what was counted)
    if (step.to === 'closed' && calendar) patch.handlingWorkdays = calendar.workdaysBetween(new Date(report.createdAt), now)
    if (report.status === 'closed') patch.handlingWorkdays = null
  }
  return {
    report,
    patch,
    event: {
      by: step.by,
      byRole: step.as,
      // the reporter's own events carry no name (views show '居民' / '您')
      byName: step.by === report.reporterId ? '' : step.byName,
      action: step.action,
      from: report.status,
      to: step.to,
      note: out.note ?? null,
      ...(out.notePrivate ? { notePrivate: true } : {}),
      photos: out.photos ?? []
    },
    letter: out.letter
  }
}

export interface Materialized {
  report: ReportDoc
  event: EventDoc
  /** The letter once numbered (the number is drawn in the write's transaction). */
  letter: ((year: number, seq: number) => LetterDoc) | null
}

/** The documents a step writes: the report at its next revision, its event, its letter. */
export function materialize(w: StepWrite, now: Date): Materialized {
  const base = w.report
  const merged: ReportDoc = { ...base, ...w.patch }
  const derived = { facets: facetsOf(merged), eventSeq: base.eventSeq + 1, updatedAt: now, rev: base.rev + 1 }
  const report: ReportDoc = { ...merged, ...derived }
  const event: EventDoc = { _id: eventIdFor(base._id, derived.eventSeq), reportId: base._id, seq: derived.eventSeq, at: now, ...w.event }
  const draft = w.letter
  const letter = draft
    ? (year: number, seq: number): LetterDoc => ({
        _id: `${base._id}-${draft.kind}-${derived.eventSeq}`,
        ...draft,
        no: formatLetterNo(draft.kind, year, seq),
        year,
        seq,
        reportId: base._id,
        reportNo: base.no,
        issuedAt: now,
        issuedBy: w.event.by
      })
    : null
  return { report, event, letter }
}

export interface NewReport {
  id: string
  clientKey: string
  source: ReportSource
  category: CategoryItem
  description: string
  photos: string[]
  /** A db.Geo.Point (or GeoJSON point), or null. */
  location: unknown
  address: string
  village: { _id: string; name: string }
  grid: { _id: string; name: string } | null
  reporter: { id: string; openid: string; name: string; phone: string | null; as: Role }
  anonymous: boolean
  secStatus: 'pass' | 'review'
}

/** A submitted report (unnumbered: the number is drawn in the write's transaction) and its first event. */
export function submitStep(p: NewReport, now: Date, calendar: WorkCalendar): { report: ReportDoc; event: EventDoc } {
  const report: ReportDoc = {
    _id: p.id,
    no: '',
    source: p.source,
    category: p.category.code,
    categoryName: p.category.name,
    description: p.description,
    photos: p.photos,
    location: p.location,
    address: p.address,
    villageId: p.village._id,
    villageName: p.village.name,
    gridId: p.grid?._id ?? null,
    gridName: p.grid?.name ?? null,
    reporterId: p.reporter.id,
    reporterOpenid: p.reporter.openid,
    reporterName: p.reporter.name,
    reporterPhone: p.reporter.phone,
    anonymous: p.anonymous,
    clientKey: p.clientKey,
    status: 'submitted',
    unitId: null,
    unitName: null,
    dispatcher: null,
    dispatchedAt: null,
    signedAt: null,
    answerDue: null,
    rectifyDeadline: null,
    measures: null,
    plannedDate: null,
    answeredAt: null,
    afterPhotos: [],
    rectifiedAt: null,
    rating: null,
    reopenCount: 0,
    closedAt: null,
    duplicateOf: null,
    due: null,
    remindAt: null,
    overdue: false,
    reminders: 0,
    supportCount: 0,
    secStatus: p.secStatus,
    facets: [],
    eventSeq: 1,
    createdAt: now,
    updatedAt: now,
    rev: 0
  }
  report.due = dueFor(report, now, calendar)
  report.remindAt = report.due?.at ?? null
  report.facets = facetsOf(report)
  const event: EventDoc = {
    _id: eventIdFor(p.id, 1),
    reportId: p.id,
    seq: 1,
    at: now,
    by: p.reporter.id,
    byRole: p.reporter.as,
    byName: '',
    action: 'submit',
    from: null,
    to: 'submitted',
    note: null,
    photos: []
  }
  return { report, event }
}

/**
 * The overdue job's step: the pending due passed unreminded → overdue, a 'remind' event and a
 * 工作提示函 to the level above; remindAt cleared so the same due is never reminded twice.
 * null when nothing is pending.
 */
export function remindWrite(r: ReportDoc, now: Date): StepWrite | null {
  const due = r.due
  // a suspended problem has no running deadline (suspendStep clears it); never reminded while set aside
  if (!due || r.remindAt === null || !isOpen(r.status) || r.suspended === true) return null
  const to = due.escalateTo === 'town' ? '镇创建办' : r.villageName
  return {
    report: r,
    patch: { overdue: true, remindAt: null, reminders: r.reminders + 1 },
    event: { by: 'system', byRole: 'system', byName: '系统', action: 'remind', from: r.status, to: r.status, note: `逾期未${DUE_LABELS[due.kind]}，已向${to}发出工作提示函`, photos: [] },
    letter: reminderLetter(r, due, now)
  }
}
