/** Stored shapes of 周通报 / 月通报, the scoring scheme, 流动红旗 history and 工作提示函 (月问效). */
import type { BulletinCase, BulletinDetail, BulletinFigure, BulletinKind, BulletinLetter, BulletinPlaceKind, ContestStatus } from '@/contract'
import type { ScoringScheme } from '@/domain/ranking'

/** scoring_schemes: `current` (the one in force) and one `v-000002` per saved version. */
export interface SchemeDoc {
  _id: string
  kind: 'current' | 'version'
  version: number
  scheme: ScoringScheme
  flagThreshold: number
  savedAt: Date
  savedBy: string
  savedByName: string
}

export const SCHEME_CURRENT_ID = 'current'
export const schemeVersionId = (version: number) => `v-${String(version).padStart(6, '0')}`

export interface ContestDoc {
  /** `<placeKind>-<placeId>`: one contest per place per bulletin. */
  id: string
  placeKind: BulletinPlaceKind
  placeId: string
  placeName: string
  figure: BulletinFigure
  reason: string
  status: ContestStatus
  by: string
  byName: string
  at: Date
  answer: string | null
  answeredAt: Date | null
  answeredBy: string | null
  answeredByName: string | null
}

/** A typical case as stored: photo file ids (links are made when shown). */
export type CaseDoc = Omit<BulletinCase, 'before' | 'after'> & { before: string[]; after: string[] }

/** A place with problems overdue by more than LETTER_OVERDUE_WORKDAYS working days at drafting (月问效). */
export interface LongOverdueDoc {
  placeKind: BulletinPlaceKind
  placeId: string
  name: string
  count: number
}

/**
 * bulletins: `bulletin-week-2026-W48` / `bulletin-month-2026-11` (one per period). Its period, text, scheme,
 * groups, flag and overdue units are stored as BulletinDetail shows them.
 */
export interface BulletinDoc
  extends Pick<
    BulletinDetail,
    'kind' | 'periodKey' | 'first' | 'last' | 'periodLabel' | 'title' | 'status' | 'rev' | 'text' | 'scheme' | 'minVolume' | 'flagThreshold' | 'groups' | 'flag' | 'flagNote' | 'overdueByUnit'
  > {
  _id: string
  /** Opened to villages and units (review or published): their list reads it. */
  shared: boolean
  generatedAt: Date
  /** 'system' for the timer. */
  generatedBy: string
  longOverdue: LongOverdueDoc[]
  cases: CaseDoc[]
  contests: ContestDoc[]
  reviewFrom: Date | null
  reviewUntil: Date | null
  publishedAt: Date | null
  publishedBy: string | null
  letterIds: string[]
  updatedAt: Date
}

/** bulletin_flags: one per published bulletin that awarded the 流动红旗 (its history). */
export interface FlagDoc {
  _id: string
  kind: BulletinKind
  periodKey: string
  first: string
  bulletinId: string
  villageId: string
  name: string
  score: number
  awardedAt: Date
}

export const flagIdOf = (bulletinId: string) => `flag-${bulletinId}`

/** bulletin_letters: 工作提示函 of 月问效, `bl-2026-11-village-v_dongshan` (one per place and month); its text and answer stored as BulletinLetter shows them. */
export interface BulletinLetterDoc extends Pick<BulletinLetter, 'no' | 'month' | 'placeKind' | 'placeId' | 'placeName' | 'to' | 'reasons' | 'body' | 'answer' | 'answeredByName'> {
  _id: string
  year: number
  seq: number
  bulletinId: string
  issuedAt: Date
  answeredAt: Date | null
  answeredBy: string | null
}

export const bulletinLetterIdOf = (month: string, placeKind: BulletinPlaceKind, placeId: string) => `bl-${month}-${placeKind}-${placeId}`
