import type { FlowAction, LetterKind, Rating, ReportSource, ReportStatus, Role } from '@/contract'

/** The step someone is waiting for, with its deadline and who hears about it when it passes. */
export type DueKind = 'accept' | 'dispatch' | 'sign' | 'answer' | 'rectify' | 'verify'
export type EscalationLevel = 'village' | 'town'

export interface DueDoc {
  kind: DueKind
  at: Date
  /** Computed for a year whose holiday calendar is not known yet. */
  estimated: boolean
  /** Who receives the 工作提示函 when it passes. */
  escalateTo: EscalationLevel
}

/** The office that dispatched the problem (村居 or 镇创建办) — the addressee of the 答复函. */
export interface DispatcherDoc {
  userId: string
  level: EscalationLevel
  office: string
}

/**
 * One problem (随手拍 or 督导). The reporter's identity (reporterId / reporterOpenid / reporterName /
 * reporterPhone) is stored for the reporter and the town office only; views strip it for everyone else.
 */
export interface ReportDoc {
  _id: string
  no: string
  source: ReportSource
  category: string
  categoryName: string
  description: string
  photos: string[]
  /** GeoJSON point (written as db.Geo.Point) for the 2dsphere index; null when the reporter gave none. */
  location: unknown
  address: string
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  reporterId: string
  reporterOpenid: string
  reporterName: string
  reporterPhone: string | null
  anonymous: boolean
  clientKey: string
  status: ReportStatus
  unitId: string | null
  unitName: string | null
  dispatcher: DispatcherDoc | null
  dispatchedAt: Date | null
  signedAt: Date | null
  answerDue: { at: Date; estimated: boolean } | null
  /** YYYY-MM-DD (China date) */
  rectifyDeadline: string | null
  measures: string | null
  /** YYYY-MM-DD */
  plannedDate: string | null
  answeredAt: Date | null
  afterPhotos: string[]
  rectifiedAt: Date | null
  rating: { value: Rating; comment: string | null; at: Date } | null
  reopenCount: number
  closedAt: Date | null
  /** Working days from submission to 销号, fixed at 销号 (the daily counts add it); null while open. Absent on older reports. */
  handlingWorkdays?: number | null
  /**
   * Set aside by the town office (挂起, steps 'suspend'/'resume'): no deadline runs (due and remindAt are
   * null), it is never overdue, and it is not counted as due in 按期办结率. Absent = false.
   */
  suspended?: boolean
  duplicateOf: string | null
  /** The pending step's deadline; null when nobody is waited for. */
  due: DueDoc | null
  /** = due.at until the overdue job has reminded about this due; then null (indexed: the job's work list). */
  remindAt: Date | null
  overdue: boolean
  /** 工作提示函 issued so far. */
  reminders: number
  supportCount: number
  /** Content check: 'pass' = text and every photo passed; 'review' = a check could not decide (never public). */
  secStatus: 'pass' | 'review'
  /** A 督导 problem filed by a patrol: the patrol and the checklist item that failed (absent otherwise). */
  patrol?: { patrolId: string; itemKey: string } | null
  /** 代录 on a household visit (民情日记): who entered it and the visit (the visit's notes never reach the report). */
  onBehalf?: { byId: string; byName: string; visitId: string } | null
  /** Index keys of the queue/ledger/public lists (see facetsOf). */
  facets: string[]
  /** Sequence number of the last event. */
  eventSeq: number
  createdAt: Date
  updatedAt: Date
  rev: number
}

/** Append-only: written once in the transaction of its step, never updated or removed. */
export interface EventDoc {
  _id: string
  reportId: string
  seq: number
  at: Date
  by: string
  /** The role the actor acted in ('system' for the overdue job). */
  byRole: Role | 'system'
  /** Staff name at the time (the reporter's events carry no name; views decide what to show). */
  byName: string
  action: FlowAction
  from: ReportStatus | null
  to: ReportStatus | null
  note: string | null
  /** The note is for the staff handling the problem only (a 挂起 reason not meant for the reporter); absent = shown to whoever sees the timeline. */
  notePrivate?: boolean
  photos: string[]
}

export interface LetterDoc {
  _id: string
  kind: LetterKind
  no: string
  year: number
  seq: number
  reportId: string
  reportNo: string
  to: string
  from: string
  body: string
  dueAt: Date | null
  issuedAt: Date
  issuedBy: string
}

/** A letter before it is numbered. */
export interface LetterDraft {
  kind: LetterKind
  to: string
  from: string
  body: string
  dueAt: Date | null
}

export interface CounterDoc {
  _id: string
  value: number
}

export interface SupportDoc {
  _id: string
  reportId: string
  userId: string
  at: Date
}

export interface CategorySettingsDoc {
  _id: string
  items: Array<{ code: string; name: string; enabled: boolean }>
  /** Bumped by every save, which is conditional on it; absent on a document saved before it was kept (read as 0). */
  rev?: number
  updatedAt: Date
  updatedBy: string
}

export interface CalendarDayDoc {
  _id: string
  date: string
  year: number
  kind: 'holiday' | 'workday'
  name: string | null
  setBy: string
  setAt: Date
}
