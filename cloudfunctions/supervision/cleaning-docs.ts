/** Stored shapes of 保洁考核. `placeId` is the village id, or TOWN_CENTRE_ID for the town centre (集镇), so lists query one indexed field. */
import type { AppealOutcome, Escalation, FindingStatus, ZoneKind } from '@/contract'

export const TOWN_CENTRE_ID = 'town_centre'
export const placeIdOf = (villageId: string | null) => villageId ?? TOWN_CENTRE_ID
/** The town's cleaning rules live in town_settings under this id. */
export const CLEANING_RULES_ID = 'cleaning'

export interface CleaningRulesDoc {
  _id: string
  items: Array<{ key: string; text: string }>
  /** The next item key to hand out (`c<n>`): a removed item's key is never reused for another text. */
  nextKey: number
  /** null: not set (the default applies). */
  deductionYuan: number | null
  rev: number
  updatedAt: Date
  updatedBy: string
}

/** Where a cleaner or a zone belongs: a village, or the town centre (villageId null). */
interface PlacedDoc {
  villageId: string | null
  placeId: string
  villageName: string
}

/** Kept by the town office: switched off rather than deleted, each save bumps `rev`. */
interface EditedDoc {
  enabled: boolean
  rev: number
  createdAt: Date
  createdBy: string
  updatedAt: Date
  updatedBy: string
}

/** A named cleaner: no WeChat account needed; `userId` links one who is also a user. */
export interface CleanerDoc extends PlacedDoc, EditedDoc {
  _id: string
  name: string
  phone: string | null
  userId: string | null
}

export interface RefDoc {
  id: string
  name: string
}

export interface ZoneDoc extends PlacedDoc, EditedDoc {
  _id: string
  name: string
  description: string | null
  kind: ZoneKind
  unitId: string | null
  unitName: string | null
  /** [lng, lat] */
  centre: [number, number]
  radiusM: number
  cleanerIds: string[]
  cleaners: RefDoc[]
}

/** One inspection of a zone; its id follows from the inspector and the form's key, so a retry finds it. */
export interface InspectionDoc {
  _id: string
  key: string
  zoneId: string
  zoneName: string
  placeId: string
  date: string
  at: Date
  by: string
  byName: string
  findingIds: string[]
  noticeId: string | null
}

export interface FindingDoc {
  _id: string
  inspectionId: string
  zoneId: string
  zoneName: string
  zoneKind: ZoneKind
  villageId: string | null
  placeId: string
  villageName: string
  unitId: string | null
  unitName: string | null
  /** China day and month (YYYY-MM) of the inspection: the month the deduction belongs to. */
  date: string
  month: string
  at: Date
  itemKey: string
  itemText: string
  note: string
  /** Checked copies (`checked/<sha256>.<ext>`). */
  photos: string[]
  secStatus: 'pass' | 'review'
  location: [number, number]
  address: string | null
  /** 元 per responsible cleaner, as the rule said when found. */
  amountYuan: number
  cleanerIds: string[]
  cleaners: RefDoc[]
  status: FindingStatus
  /** As computed when found; an appeal is checked against the calendar as it is then. */
  appealDueAt: Date
  appeal: { reason: string; photos: string[]; by: string; byName: string; at: Date } | null
  decision: { outcome: AppealOutcome; reason: string; by: string; byName: string; at: Date } | null
  noticeId: string | null
  noticeNo: string | null
  escalation: Escalation | null
  by: string
  byName: string
  rev: number
}

/** A numbered 整改通知 to a unit for findings in its office area (one per inspection). */
export interface NoticeDoc {
  _id: string
  no: string
  year: number
  seq: number
  unitId: string
  unitName: string
  zoneId: string
  zoneName: string
  placeId: string
  villageName: string
  inspectionId: string
  findingIds: string[]
  escalation: Escalation
  deadline: string
  body: string
  issuedAt: Date
  issuedBy: string
}

/** A unit's office-area findings on one China day (`<unitId>_<date>`), kept in the transaction of each change. */
export interface UnitCountsDoc {
  _id: string
  unitId: string
  date: string
  findings: number
  withdrawn: number
  deductionYuan: number
  notices: number
  bulletins: number
  updatedAt: Date
}

/** In `counters` (`rectify-unit-<unitId>`): how many notices the unit has had and when the last was issued. */
export interface UnitNoticeState {
  value: number
  lastAt: Date | null
}
