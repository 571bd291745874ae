/** Stored shapes of 督导巡查. Dates are stored as Date (China days as YYYY-MM-DD strings); views expose ISO strings. */
import type { PatrolDayCounts, PatrolResult, PatrolStatus, VisitOutcome, VisitSummary } from '@/contract'

export interface ItemDoc {
  key: string
  text: string
  category: string
  categoryName: string
  deduction: number
}

/** A checklist template at its current version; every version's items are also kept in patrol_template_versions. */
export interface TemplateDoc {
  _id: string
  name: string
  description: string | null
  version: number
  items: ItemDoc[]
  enabled: boolean
  /** The next item key to hand out (`i<n>`), so a removed item's key is never reused for another text. */
  nextKey: number
  createdAt: Date
  createdBy: string
  updatedAt: Date
  updatedBy: string
  rev: number
}

/** One version of a template, written once (`<templateId>@<version>`), never changed. */
export interface TemplateVersionDoc {
  _id: string
  templateId: string
  version: number
  name: string
  items: ItemDoc[]
  createdAt: Date
  createdBy: string
}

export interface PersonDoc {
  userId: string
  name: string
}

export interface ResultDoc {
  itemKey: string
  result: PatrolResult
  note: string | null
  /** Checked copies (`checked/<sha256>.<ext>`), never the client's uploads. */
  photos: string[]
  /** [lng, lat] */
  location: [number, number] | null
  address: string | null
  /** The problem the failure became, or the open one of the same category within 50 m it was linked to. */
  reportId: string | null
  reportNo: string | null
  linked: boolean
}

/**
 * One scheduled patrol (排班) and, once done, its record. The id follows from the place, the checklist
 * and the day, so the same patrol is never scheduled twice; `round` counts how often it was scheduled
 * again after a cancellation (the closing audit entry of each round has its own id).
 */
export interface PatrolDoc {
  _id: string
  round: number
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  /** China date, YYYY-MM-DD. */
  date: string
  patrollerIds: string[]
  patrollers: PersonDoc[]
  templateId: string
  templateName: string
  /** The template version the patrol uses, with its items as they were: a later change of the template never alters it. */
  version: number
  items: ItemDoc[]
  status: PatrolStatus
  late: boolean
  /** End of the patrol's China day while it waits (indexed: the 缺巡 job's work list); null once closed. */
  closeAt: Date | null
  /** The years whose working-day corrections a submission needs for its problems' deadlines (joined on submit). */
  calendarYears: number[]
  results: ResultDoc[] | null
  findings: number | null
  deductions: number | null
  score: number | null
  scoreFormula: string | null
  submitKey: string | null
  submittedBy: string | null
  submittedByName: string | null
  submittedAt: Date | null
  cancelReason: string | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
}

/** 保洁考核 counts: missing on the days written before cleaning inspections existed. */
type CleaningCount = 'cleaningFindings' | 'cleaningWithdrawn' | 'deductionYuan'

/** The counts of one village's patrols on one China day, kept in the transaction of each change (`<villageId>_<date>`). */
export interface CountsDoc extends Omit<PatrolDayCounts, CleaningCount>, Partial<Pick<PatrolDayCounts, CleaningCount>> {
  _id: string
  updatedAt: Date
}

export type CountField = Exclude<keyof CountsDoc, '_id' | 'villageId' | 'date' | 'updatedAt'>

/* ---------------------------------------------------------------- 民情日记 */

export interface VisitProblemDoc {
  text: string
  outcome: VisitOutcome
  done: string | null
  category: string | null
  categoryName: string | null
  reportId: string | null
  reportNo: string | null
}

/**
 * One household visit (入户走访) and its 民情日记. Internal: read only by its visitors, the village's
 * admins and the town office. The id follows from the recorder and the form's key, so a retry finds it.
 */
export interface VisitDoc extends Pick<VisitSummary, 'villageId' | 'villageName' | 'gridId' | 'gridName' | 'householdId' | 'householdName' | 'date'> {
  _id: string
  key: string
  /** The month of `date` (a China day), YYYY-MM. The grid is the household's (its head's), when known. */
  month: string
  visitorIds: string[]
  visitors: PersonDoc[]
  situation: string
  suggestions: string | null
  issues: string | null
  problems: VisitProblemDoc[]
  /** Checked copies (`checked/<sha256>.<ext>`). */
  photos: string[]
  secStatus: 'pass' | 'review'
  createdAt: Date
  createdBy: string
  createdByName: string
}

/** A household visited in a month (`<householdId>_<YYYY-MM>`): coverage counts a household once a month. */
export interface VisitMarkDoc {
  _id: string
  householdId: string
  villageId: string
  month: string
  visits: number
  lastDate: string
  lastVisitId: string
  updatedAt: Date
}

/** A village's visits in a month (`<villageId>_<YYYY-MM>`), kept in the transaction of each visit. */
export interface VisitCountsDoc {
  _id: string
  villageId: string
  month: string
  visits: number
  /** Households visited at least once this month. */
  visited: number
  problemsRaised: number
  solvedOnSite: number
  filed: number
  updatedAt: Date
}
