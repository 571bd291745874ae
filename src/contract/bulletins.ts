/*
 * 周通报、月通报、月问效 (issue 13): the town office's scoring scheme (versioned), a draft per week
 * (Monday 08:00 China time, last week) and per month (the 1st 08:00, last month) made by the
 * supervision timer or on demand — rankings per peer group (村 / 社区 / 责任单位) with every score's
 * inputs and formula, 红榜 (top 3), 黑榜 (bottom 3 among those with enough volume), 流动红旗, overdue
 * problems by unit, two typical cases and an editable text; 申诉 (villages and units see their own
 * figures for 1 working day and may contest one), publishing (immutable after; residents see the
 * public part only), the xlsx of every figure, and 工作提示函 (月问效) with their answers. Part of the
 * supervision function.
 */
import * as v from 'valibot'
import type { ExportFile, Page } from './models'
import { action, signedIn, town, villageOrUnit, villageOrUnitStaff } from './define'
import { id, intBetween as int, lineField as line, paged, rev, textField as text } from './schemas'

/* ---------------------------------------------------------------- vocabulary */

export const BULLETIN_KINDS = ['week', 'month'] as const
export type BulletinKind = (typeof BULLETIN_KINDS)[number]
export const BULLETIN_KIND_LABELS: Record<BulletinKind, string> = { week: '周通报', month: '月通报' }

/** draft: made, the office edits it; review: opened to villages and units for 申诉; published: final, immutable. */
export const BULLETIN_STATUSES = ['draft', 'review', 'published'] as const
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number]
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, string> = { draft: '草稿', review: '征求意见（申诉期）', published: '已发布' }

/** 村 / 社区 / 责任单位: ranked apart. */
export const BULLETIN_PEERS = ['village', 'community', 'unit'] as const
export type BulletinPeer = (typeof BULLETIN_PEERS)[number]
export const BULLETIN_PEER_LABELS: Record<BulletinPeer, string> = { village: '村', community: '社区', unit: '责任单位' }

export const BULLETIN_PLACE_KINDS = ['village', 'unit'] as const
export type BulletinPlaceKind = (typeof BULLETIN_PLACE_KINDS)[number]

/** The figures of a row a village or unit may contest. */
export const BULLETIN_FIGURES = ['score', 'created', 'closed', 'overdue', 'onTimeRate', 'closureRate', 'reworkRate', 'satisfactionRate', 'avgHandlingDays'] as const
export type BulletinFigure = (typeof BULLETIN_FIGURES)[number]
export const BULLETIN_FIGURE_LABELS: Record<BulletinFigure, string> = {
  score: '得分',
  created: '问题数',
  closed: '已销号',
  overdue: '超期',
  onTimeRate: '按期办结率',
  closureRate: '结案率',
  reworkRate: '返工率',
  satisfactionRate: '满意率',
  avgHandlingDays: '平均处置时长'
}

export const CONTEST_STATUSES = ['open', 'accepted', 'rejected'] as const
export type ContestStatus = (typeof CONTEST_STATUSES)[number]
export const CONTEST_STATUS_LABELS: Record<ContestStatus, string> = { open: '待答复', accepted: '已采纳', rejected: '不予采纳' }
export const CONTEST_DECISIONS = ['accept', 'reject'] as const
export type ContestDecision = (typeof CONTEST_DECISIONS)[number]

/** The scheme's scored indicators (src/domain/ranking.ts ScoreItem). */
export const SCHEME_RATES = ['onTimeRate', 'closureRate', 'satisfactionRate', 'reworkRate', 'reopenRate'] as const
export type SchemeRate = (typeof SCHEME_RATES)[number]

export const DEFAULT_FLAG_THRESHOLD = 90
/** 申诉期: working days (the project's calendar) after the draft is opened for review. */
export const CONTEST_WORKDAYS = 1
/** 月问效: 黑榜 this many times in the month's weekly bulletins … */
export const LETTER_BLACK_TIMES = 2
/** … or at least this many problems overdue by more than LETTER_OVERDUE_WORKDAYS working days. */
export const LETTER_OVERDUE_COUNT = 3
export const LETTER_OVERDUE_WORKDAYS = 5

/* ---------------------------------------------------------------- views: scheme */

export interface ScoringSchemeItemView {
  indicator: SchemeRate | 'avgHandlingDays'
  label: string
  weight: number
  /** avgHandlingDays only: 0 分 at this many working days. */
  worst: number | null
}

export interface ScoringSchemeView {
  version: number
  name: string
  /** YYYY-MM-DD (China) from which it applies. */
  effectiveFrom: string
  minVolume: number
  /** 流动红旗: the top village's score must reach this. */
  flagThreshold: number
  z: number
  priorWeight: number
  items: ScoringSchemeItemView[]
  /** 超期 deduction: points per problem, at most max. */
  overduePoints: number
  overdueMax: number
  savedAt: string | null
  savedByName: string | null
  /** The whole scheme in words (shown with every score). */
  description: string
  /** Earlier versions, newest first. */
  versions: Array<{ version: number; name: string; savedAt: string | null; savedByName: string | null }>
}

/* ---------------------------------------------------------------- views: bulletin */

export interface BulletinRatio {
  num: number
  den: number
  value: number | null
}

export interface BulletinScoreInput {
  indicator: string
  label: string
  weight: number
  raw: BulletinRatio
  method: string
  /** 0…1 after the volume adjustment; null = no data, left out. */
  adjusted: number | null
}

/** One place's figures and score in a bulletin (stored as drafted; a contest's accepted note sits beside it). */
export interface BulletinRow {
  placeKind: BulletinPlaceKind
  placeId: string
  name: string
  peer: BulletinPeer
  /** null = 数据不足 */
  score: number | null
  rank: number | null
  /** 第 1 名 / 数据不足 */
  rankLabel: string
  insufficient: boolean
  volume: number
  created: number
  closed: number
  overdue: number
  open: number
  onTimeRate: BulletinRatio
  closureRate: BulletinRatio
  reworkRate: BulletinRatio
  satisfactionRate: BulletinRatio
  avgHandlingDays: BulletinRatio
  inputs: BulletinScoreInput[]
  deductions: Array<{ indicator: string; label: string; count: number; points: number }>
  formula: string
  schemeVersion: number
  /** Accepted contests' corrected notes on this row. */
  corrections: string[]
}

export interface BulletinBoardEntry {
  placeId: string
  name: string
  score: number
  rank: number
}

export interface BulletinGroup {
  peer: BulletinPeer
  label: string
  rows: BulletinRow[]
  /** 红榜: the top 3 with a score. */
  red: BulletinBoardEntry[]
  /** 黑榜: the bottom 3 with a score (enough volume), worst first; none of the 红榜. */
  black: BulletinBoardEntry[]
}

export interface BulletinFlag {
  villageId: string
  name: string
  score: number
  /** Who held it the period before (null: nobody). */
  previousName: string | null
}

export interface BulletinOverdueItem {
  reportId: string
  no: string
  categoryName: string
  villageName: string
  /** YYYY-MM-DD (China) */
  rectifyDeadline: string | null
  /** Working days past the current step's time limit (the project calendar). */
  workdaysOverdue: number
}

export interface BulletinOverdueUnit {
  unitId: string
  name: string
  overdue: number
  open: number
  /** The longest overdue first (at most 10). */
  items: BulletinOverdueItem[]
}

export interface BulletinCase {
  reportId: string
  no: string
  categoryName: string
  villageName: string
  unitName: string | null
  address: string
  closedAt: string
  /** Working days from submission to 销号. */
  handlingWorkdays: number
  before: Array<{ fileId: string; url: string }>
  after: Array<{ fileId: string; url: string }>
}

export interface BulletinContest {
  id: string
  placeKind: BulletinPlaceKind
  placeId: string
  placeName: string
  figure: BulletinFigure
  figureLabel: string
  reason: string
  status: ContestStatus
  statusLabel: string
  byName: string
  at: string
  /** The office's answer: the corrected note (accepted) or the reason (rejected). */
  answer: string | null
  answeredAt: string | null
  answeredByName: string | null
}

export interface BulletinSummary {
  id: string
  kind: BulletinKind
  kindLabel: string
  /** 2026-W48 / 2026-11 */
  periodKey: string
  /** YYYY-MM-DD, both included */
  first: string
  last: string
  periodLabel: string
  title: string
  status: BulletinStatus
  statusLabel: string
  generatedAt: string
  /** End of the 申诉 window (ISO instant), once opened for review. */
  reviewUntil: string | null
  publishedAt: string | null
  openContests: number
  flagName: string | null
}

/** The whole bulletin, as the town office sees it. */
export interface BulletinDetail extends BulletinSummary {
  rev: number
  text: string
  scheme: { version: number; name: string }
  minVolume: number
  flagThreshold: number
  groups: BulletinGroup[]
  flag: BulletinFlag | null
  /** Why no flag (e.g. 最高分 86.5 未达到 90 分), or null. */
  flagNote: string | null
  overdueByUnit: BulletinOverdueUnit[]
  cases: BulletinCase[]
  contests: BulletinContest[]
  reviewFrom: string | null
  canEdit: boolean
  canRegenerate: boolean
  canOpenReview: boolean
  canPublish: boolean
  /** Why publishing is refused now (Chinese), empty when it can be published. */
  publishBlockers: string[]
  /** The letters (月问效) issued with this (monthly) bulletin. */
  letters: BulletinLetter[]
}

/** What a village or unit sees of a bulletin in review (or published): its own rows and contests only. */
export interface BulletinOwnFigures {
  bulletin: BulletinSummary
  placeKind: BulletinPlaceKind
  placeId: string
  placeName: string
  rows: BulletinRow[]
  contests: BulletinContest[]
  /** Within the window, and no contest of this place on this bulletin yet. */
  canContest: boolean
  /** Why not (Chinese), or null. */
  contestNote: string | null
}

/** What residents see of a published bulletin: no persons, no problem descriptions. */
export interface PublicBulletinRow {
  placeId: string
  name: string
  score: number | null
  rank: number | null
  rankLabel: string
}

export interface PublicBulletinGroup {
  peer: BulletinPeer
  label: string
  rows: PublicBulletinRow[]
  red: BulletinBoardEntry[]
  black: BulletinBoardEntry[]
}

export interface PublicBulletin {
  id: string
  kind: BulletinKind
  kindLabel: string
  periodKey: string
  periodLabel: string
  title: string
  publishedAt: string
  groups: PublicBulletinGroup[]
  flag: { villageId: string; name: string; score: number } | null
  /** The scheme's name and version, and how a score is made (words). */
  schemeNote: string
}

export type BulletinExport = ExportFile

/** 工作提示函 (月问效): numbered 提示〔2026〕3号, addressed to the place's leader. */
export interface BulletinLetter {
  id: string
  no: string
  /** YYYY-MM */
  month: string
  placeKind: BulletinPlaceKind
  placeId: string
  placeName: string
  /** 村（居）党组织书记 / 单位负责人, with the name when known. */
  to: string
  /** Why (黑榜 2 次；超期 5 个工作日以上的问题 3 件). */
  reasons: string[]
  body: string
  issuedAt: string
  answer: string | null
  answeredAt: string | null
  answeredByName: string | null
  canAnswer: boolean
}

/* ---------------------------------------------------------------- inputs */

const bulletinId = id('通报')
const kind = v.picklist(BULLETIN_KINDS, '请选择周通报或月通报')
/** 2026-W48 (ISO week) or 2026-11. */
const periodKey = v.pipe(v.string('统计期格式不正确'), v.regex(/^\d{4}-(W\d{2}|\d{2})$/, '统计期格式不正确'))
const placeKind = v.picklist(BULLETIN_PLACE_KINDS, '请选择村（居）或单位')

export const schemeInput = v.object({
  /** The version being edited: a save on top of another save is refused. */
  baseVersion: int('评分办法版本', 1, 1_000_000),
  name: line('名称', 2, 30),
  weights: v.object({
    onTimeRate: int('按期办结率权重', 0, 100),
    closureRate: int('结案率权重', 0, 100),
    satisfactionRate: int('满意率权重', 0, 100),
    reworkRate: int('返工率权重', 0, 100),
    reopenRate: v.optional(int('重新处理率权重', 0, 100)),
    avgHandlingDays: int('平均处置时长权重', 0, 100)
  }),
  worstDays: int('平均处置时长 0 分天数', 1, 60),
  overduePoints: int('超期每件扣分', 0, 20),
  overdueMax: int('超期最多扣分', 0, 100),
  minVolume: int('最少问题数', 1, 100),
  flagThreshold: int('流动红旗分数线', 0, 100)
})

export const bulletinActions = {
  'supervision.scoringScheme': action<ScoringSchemeView>()({
    title: '评分办法（各项权重、超期扣分、最少问题数、流动红旗分数线；每次保存为新版本）',
    access: { roles: villageOrUnitStaff },
    input: v.object({ version: v.optional(int('评分办法版本', 1, 1_000_000)) })
  }),
  'supervision.saveScoringScheme': action<ScoringSchemeView>()({
    title: '保存评分办法（生成新版本，之后生成的通报按新版本计分）',
    access: { roles: town },
    input: v.pipe(
      schemeInput,
      v.check((s) => Object.values(s.weights).some((w) => (w ?? 0) > 0), '至少一项权重大于 0')
    )
  }),
  'supervision.generateBulletin': action<BulletinDetail>()({
    title: '生成（或重新生成）一期通报草稿（不填统计期即上周或上月）',
    access: { roles: town },
    input: v.object({ kind, periodKey: v.optional(periodKey) })
  }),
  'supervision.bulletins': action<Page<BulletinSummary>>()({
    title: '通报列表（镇创建办看全部；村居、单位看征求意见中和已发布的）',
    access: { roles: villageOrUnitStaff },
    input: paged({ kind: v.optional(kind), status: v.optional(v.picklist(BULLETIN_STATUSES, '状态不正确')) })
  }),
  'supervision.bulletin': action<BulletinDetail>()({
    title: '一期通报的全部内容（排名、得分依据、红黑榜、流动红旗、超期问题、典型案例、申诉）',
    access: { roles: town },
    input: v.object({ bulletinId })
  }),
  'supervision.editBulletin': action<BulletinDetail>()({
    title: '修改通报正文（发布前）',
    access: { roles: town },
    input: v.object({ bulletinId, rev, text: text('通报正文', 10, 3000) })
  }),
  'supervision.openBulletinReview': action<BulletinDetail>()({
    title: `发给村居和单位核对（${CONTEST_WORKDAYS} 个工作日内可对本单位的数据提出申诉）`,
    access: { roles: town },
    input: v.object({ bulletinId, rev })
  }),
  'supervision.bulletinFigures': action<BulletinOwnFigures>()({
    title: '本村居（本单位）在一期通报中的数据、得分依据和申诉',
    access: { roles: villageOrUnitStaff },
    input: v.object({ bulletinId, placeKind, placeId: id('村（居）或单位') })
  }),
  'supervision.contestBulletin': action<BulletinOwnFigures>()({
    title: '对通报中本村居（本单位）的一项数据提出申诉（写明理由；每期一次）',
    access: { roles: villageOrUnit },
    input: v.object({ bulletinId, placeKind, placeId: id('村（居）或单位'), figure: v.picklist(BULLETIN_FIGURES, '请选择申诉的数据'), reason: text('申诉理由', 5, 500) })
  }),
  'supervision.answerContest': action<BulletinDetail>()({
    title: '答复申诉：采纳（写明更正说明）或不予采纳（写明理由）',
    access: { roles: town },
    input: v.object({ bulletinId, contestId: id('申诉'), decision: v.picklist(CONTEST_DECISIONS, '请选择采纳或不予采纳'), note: text('答复', 2, 500) })
  }),
  'supervision.publishBulletin': action<BulletinDetail>()({
    title: '发布通报（申诉期结束且申诉都已答复后；发布后不能再改）',
    access: { roles: town },
    input: v.object({ bulletinId, rev })
  }),
  'supervision.exportBulletin': action<BulletinExport>()({
    title: '导出通报全部数据 Excel',
    access: { roles: town },
    input: v.object({ bulletinId })
  }),
  'supervision.publicBulletins': action<Page<PublicBulletin>>()({
    title: '已发布的通报（红黑榜、排名、流动红旗）',
    access: { roles: signedIn, beforeConsent: true },
    input: paged({ kind: v.optional(kind) })
  }),
  'supervision.publicBulletin': action<PublicBulletin>()({
    title: '一期已发布的通报（红黑榜、排名、流动红旗）',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({ bulletinId })
  }),
  'supervision.bulletinLetters': action<Page<BulletinLetter>>()({
    title: '工作提示函（月问效；村居、单位看发给本村居本单位的）',
    access: { roles: villageOrUnitStaff },
    input: paged({ month: v.optional(v.pipe(v.string('月份格式不正确'), v.regex(/^\d{4}-\d{2}$/, '月份格式不正确'))) })
  }),
  'supervision.answerBulletinLetter': action<BulletinLetter>()({
    title: '答复工作提示函（写明整改措施）',
    access: { roles: villageOrUnit },
    input: v.object({ letterId: id('提示函'), answer: text('答复', 5, 1000) })
  })
} as const
