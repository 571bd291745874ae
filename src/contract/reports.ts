import * as v from 'valibot'
import type { ExportFile, Page } from './models'
import { action, fieldStaff, signedIn, town, villageStaff } from './define'
import { calendarDate, categoryCode, fileId as fileIdOf, geoPoint as point, id, lineField as line, paged, REPORT_DESCRIPTION_MIN, submissionKey, textField as text } from './schemas'

/* ---------------------------------------------------------------- vocabulary */

/** Default categories (seeds; the town office can rename, add or disable them). */
export const DEFAULT_REPORT_CATEGORIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'litter', name: '乱扔垃圾/暴露垃圾' },
  { code: 'spitting', name: '随地吐痰' },
  { code: 'illegal_building', name: '私搭乱建' },
  { code: 'street_vending', name: '占道经营/流动摊贩' },
  { code: 'graffiti', name: '乱贴乱画/小广告' },
  { code: 'parking', name: '车辆乱停乱放' },
  { code: 'greenery', name: '损坏花草树木/占用绿地' },
  { code: 'public_facility', name: '损坏公物/公用设施缺失（井盖、健身器材、路灯）' },
  { code: 'fire_lane', name: '占用消防通道/无障碍设施' },
  { code: 'piling', name: '乱堆乱放（三堆两垛）' },
  { code: 'toilet', name: '公厕不洁' },
  { code: 'notice_board', name: '宣传栏破损' },
  { code: 'culture_venue', name: '文化活动场所被侵占' },
  { code: 'extravagance', name: '大操大办/铺张浪费' },
  { code: 'other', name: '其他' }
]

/**
 * The closed loop. submitted → accepted | rejected | duplicate; accepted/returned → dispatched
 * (问题通知函) → signed (clock starts) → answered (答复函) → rectified → closed (销号), or back to
 * answered when verification fails; a unit may return (退单) a dispatched/signed problem.
 * A closed problem may be reopened by its reporter (→ accepted).
 */
export const REPORT_STATUSES = ['submitted', 'accepted', 'rejected', 'duplicate', 'dispatched', 'signed', 'answered', 'returned', 'rectified', 'closed'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  duplicate: '重复问题',
  dispatched: '已派单',
  signed: '已签收',
  answered: '整改中',
  returned: '已退单',
  rectified: '待验收',
  closed: '已销号'
}

/** Every step of the loop, as a verb. */
export const FLOW_ACTIONS = [
  'submit',
  'accept',
  'reject',
  'markDuplicate',
  'changeCategory',
  'dispatch',
  'sign',
  'answer',
  'return',
  'rectify',
  'verifyPass',
  'verifyFail',
  'suspend',
  'resume',
  'reopen',
  'rate',
  'remind',
  'recur'
] as const
export type FlowAction = (typeof FLOW_ACTIONS)[number]

export const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const
export type Rating = (typeof RATINGS)[number]
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' }

/** 随手拍 from residents, 督导 from patrols/inspections. */
export type ReportSource = 'resident' | 'inspection'

export const LETTER_KINDS = ['notice', 'reply', 'reminder'] as const
export type LetterKind = (typeof LETTER_KINDS)[number]
export const LETTER_LABELS: Record<LetterKind, string> = { notice: '问题通知函', reply: '答复函', reminder: '工作提示函' }

/* ---------------------------------------------------------------- views */

export interface GeoPoint {
  lng: number
  lat: number
}

/** A cloud fileID and, when the viewer may see it, a temporary URL to show it. */
export interface Photo {
  fileID: string
  url: string | null
}

export interface ReportSummary {
  id: string
  no: string
  source: ReportSource
  category: string
  categoryName: string
  description: string
  status: ReportStatus
  statusLabel: string
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  address: string
  unitId: string | null
  unitName: string | null
  thumb: Photo | null
  createdAt: string
  /** When the current step is due (answer, or rectification), ISO; null when nothing is pending. */
  dueAt: string | null
  /** The due date was computed for a year whose holiday calendar is not known yet. */
  dueEstimated: boolean
  overdue: boolean
  supportCount: number
  /** 代录: entered for the household by staff on a visit (present only then). */
  onBehalf?: boolean
  /** 挂起 (暂缓办理) by the town office: its deadlines stop until it is resumed (present only then). */
  suspended?: boolean
}

export interface TimelineEntry {
  seq: number
  at: string
  action: FlowAction
  from: ReportStatus | null
  to: ReportStatus | null
  /** Who acted: a name for staff; '居民' / '您' for the reporter (identity only for the reporter and the town office). */
  actor: string
  actorRole: string
  note: string | null
  photos: Photo[]
}

export interface Letter {
  id: string
  kind: LetterKind
  kindLabel: string
  no: string
  reportId: string
  reportNo: string
  issuedAt: string
  /** Who it is addressed to (a unit, or the level above for reminders). */
  to: string
  from: string
  body: string
  dueAt: string | null
}

export interface ReportDetail extends ReportSummary {
  photos: Photo[]
  afterPhotos: Photo[]
  location: GeoPoint | null
  anonymous: boolean
  /** Reporter's name and phone: only for the reporter and the town office; null for everyone else. */
  reporter: { name: string; phone: string | null } | null
  measures: string | null
  plannedDate: string | null
  rectifyDeadline: string | null
  /** 销号 time (null while open or after a reopen). Always sent by the server; optional only so older fixtures compile. */
  closedAt?: string | null
  rating: { value: Rating; comment: string | null; at: string } | null
  timeline: TimelineEntry[]
  letters: Letter[]
  /** What the viewer may do now (decided by the state machine on the server). */
  allowed: FlowAction[]
  duplicateOf: string | null
  /** The household visit a 代录 problem came from: only for the town office, the village's admins and the visitor who entered it. */
  visitId?: string | null
}

/** 曝光台: de-identified, accepted or later only. */
export interface PublicReport {
  id: string
  no: string
  categoryName: string
  status: ReportStatus
  statusLabel: string
  villageName: string
  address: string
  before: Photo[]
  after: Photo[]
  createdAt: string
  closedAt: string | null
}

export interface NearbyReport {
  id: string
  no: string
  categoryName: string
  statusLabel: string
  address: string
  distanceM: number
  createdAt: string
  thumb: Photo | null
  supportCount: number
}

export interface LedgerRow {
  id: string
  no: string
  source: ReportSource
  createdAt: string
  villageName: string
  gridName: string | null
  address: string
  categoryName: string
  description: string
  unitName: string | null
  dispatchedAt: string | null
  /** 整改期限 set at dispatch (YYYY-MM-DD). */
  rectifyDeadline: string | null
  /** The pending step's deadline (null once nothing is pending). */
  dueAt: string | null
  dueEstimated: boolean
  measures: string | null
  plannedDate: string | null
  status: ReportStatus
  statusLabel: string
  closedAt: string | null
  daysOverdue: number
  /** 挂起 (暂缓办理) by the town office (present only then). */
  suspended?: boolean
}

/** The chips of 问题处置 (first page only): open problems in the caller's scope, by status, and how many wait for the caller. */
export interface QueueCounts {
  /** 待我处理: open, not 挂起, at a step the caller's roles take (see src/domain/report-queue.ts). */
  mine: number
  /** Open problems by status (statuses with none are absent). */
  byStatus: Partial<Record<ReportStatus, number>>
}

/** 问题处置 page: with `mine`, sorted by urgency (the most overdue first, then the nearest deadline). */
export interface QueuePage extends Page<ReportSummary> {
  counts: QueueCounts | null
}

export interface CategoryItem {
  code: string
  name: string
  enabled: boolean
}

/** The categories and their revision: a save names the revision it was edited from (optimistic concurrency). */
export interface CategoryList {
  items: CategoryItem[]
  /** 0 until the town office first saves; each save adds 1. */
  rev: number
}

export interface CalendarDay {
  date: string
  kind: 'holiday' | 'workday'
  name: string | null
  /** 'package' = from the holiday data package; 'office' = added or corrected by the town office. */
  origin: 'package' | 'office'
}

export interface CalendarYear {
  year: number
  /** Whether the year's official schedule is known (from the package or entered by the office). */
  known: boolean
  days: CalendarDay[]
}

/* ---------------------------------------------------------------- inputs */

const reportId = id('问题编号')
const fileId = fileIdOf('图片格式不正确')
const photos = (min: number, label: string) => v.pipe(v.array(fileId, '图片格式不正确'), v.minLength(min, `请至少上传 ${min} 张${label}`), v.maxLength(9, '最多 9 张图片'))

export const reportDraft = v.object({
  /** Made on the phone when the draft is created; a retried submission with the same key creates nothing new. */
  clientKey: submissionKey,
  category: categoryCode,
  description: text('问题描述', REPORT_DESCRIPTION_MIN, 500),
  photos: photos(1, '现场照片'),
  location: v.nullable(point),
  address: line('地址', 2, 100),
  villageId: id('村（居）'),
  gridId: v.nullable(id('网格')),
  anonymous: v.boolean(),
  /** Filed by a grid worker or the town office on patrol (督导) rather than by a resident. */
  inspection: v.optional(v.boolean())
})

const queueFilter = {
  status: v.optional(v.picklist(REPORT_STATUSES, '状态不正确')),
  villageId: v.optional(id('村（居）')),
  gridId: v.optional(id('网格')),
  category: v.optional(categoryCode),
  unitId: v.optional(id('责任单位')),
  source: v.optional(v.picklist(['resident', 'inspection'] as const, '来源不正确')),
  overdue: v.optional(v.boolean()),
  /** Only the problems 挂起 by the town office. */
  suspended: v.optional(v.boolean())
}

const staff = ['grid_worker', 'unit_staff', 'village_admin', 'town_admin'] as const
const responders = fieldStaff
const dispatchers = villageStaff
const units = ['unit_staff'] as const

/** A rule of the whole category list, checked once every row is valid (until then a row's own message says more). */
function listRule(ok: (items: CategoryItem[]) => boolean, message: string) {
  return v.rawCheck<CategoryItem[]>(({ dataset, addIssue }) => {
    if (dataset.typed && !dataset.issues && !ok(dataset.value)) addIssue({ message })
  })
}

/** A date range (China dates, YYYY-MM-DD compare as strings) with its start after its end; the error lands on `from`. */
const datesInOrder = (r: { from?: string; to?: string }) => !r.from || !r.to || r.from <= r.to
const DATES_OUT_OF_ORDER = '开始日期不能晚于结束日期'

/** The ledger's filters: the queue's, and a range of China dates. */
const ledgerFilter = { ...queueFilter, from: v.optional(calendarDate('开始日期')), to: v.optional(calendarDate('结束日期')) }
/** The whole ledger (its total, its export): the filters with the dates in order. */
const wholeLedger = v.pipe(v.object(ledgerFilter), v.forward(v.partialCheck([['from'], ['to']], datesInOrder, DATES_OUT_OF_ORDER), ['from']))

export const reportActions = {
  'reports.categories': action<CategoryList>()({
    title: '问题类别',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({})
  }),
  /** Replaces the whole list if it is still at `rev` (as reports.categories gave it); otherwise CONFLICT. */
  'reports.saveCategories': action<CategoryList>()({
    title: '设置问题类别',
    access: { roles: town },
    input: v.object({
      items: v.pipe(
        v.array(v.object({ code: categoryCode, name: line('类别名称', 1, 30), enabled: v.boolean() })),
        v.minLength(1, '至少保留一个类别'),
        v.maxLength(40, '类别最多 40 个'),
        listRule((items) => new Set(items.map((i) => i.code)).size === items.length, '类别代码不能重复'),
        listRule((items) => new Set(items.map((i) => i.name)).size === items.length, '类别名称不能重复，居民会分不清'),
        // said at once, even while a row's name or code is wrong
        v.check((items) => items.some((i) => i.enabled), '至少启用一个类别')
      ),
      rev: v.pipe(v.number('类别版本不正确'), v.integer('类别版本不正确'), v.minValue(0, '类别版本不正确'), v.maxValue(Number.MAX_SAFE_INTEGER, '类别版本不正确'))
    })
  }),
  'reports.create': action<ReportDetail>()({
    title: '随手拍：提交问题',
    access: { roles: signedIn },
    input: reportDraft
  }),
  'reports.nearby': action<NearbyReport[]>()({
    title: '附近同类问题（提交前查重）',
    access: { roles: signedIn },
    input: v.object({ category: categoryCode, location: point })
  }),
  'reports.support': action<NearbyReport>()({
    title: '我也遇到了（补充到已有问题）',
    access: { roles: signedIn },
    input: v.object({ reportId })
  }),
  'reports.mine': action<Page<ReportSummary>>()({
    title: '我的随手拍',
    access: { roles: signedIn },
    input: paged()
  }),
  'reports.get': action<ReportDetail>()({
    title: '问题详情与处理过程',
    access: { roles: signedIn },
    input: v.object({ reportId })
  }),
  'reports.rate': action<ReportDetail>()({
    title: '评价处理结果',
    access: { roles: signedIn },
    input: v.object({ reportId, value: v.picklist(RATINGS, '请选择评价'), comment: v.optional(text('评价内容', 1, 200)) })
  }),
  'reports.reopen': action<ReportDetail>()({
    title: '申请重新处理',
    access: { roles: signedIn },
    input: v.object({ reportId, reason: text('理由', 5, 200) })
  }),
  'reports.publicList': action<Page<PublicReport>>()({
    title: '曝光台',
    access: { roles: signedIn, beforeConsent: true },
    input: paged({ villageId: v.optional(id('村（居）')) })
  }),
  'reports.queue': action<QueuePage>()({
    title: '问题处置队列',
    access: { roles: staff },
    input: paged({
      ...queueFilter,
      /** 待我处理: only the problems at a step the caller takes, the most urgent first. */
      mine: v.optional(v.boolean())
    })
  }),
  'reports.accept': action<ReportDetail>()({
    title: '受理',
    access: { roles: responders },
    input: v.object({ reportId, note: v.optional(text('说明', 1, 200)) })
  }),
  'reports.reject': action<ReportDetail>()({
    title: '不予受理',
    access: { roles: responders },
    input: v.object({ reportId, reason: text('不予受理的理由', 2, 200) })
  }),
  'reports.markDuplicate': action<ReportDetail>()({
    title: '标记为重复问题',
    access: { roles: responders },
    input: v.pipe(
      v.object({ reportId, originalId: id('原问题编号') }),
      v.forward(
        v.partialCheck([['reportId'], ['originalId']], (r) => r.originalId !== r.reportId, '不能标记为与自身重复'),
        ['originalId']
      )
    )
  }),
  'reports.changeCategory': action<ReportDetail>()({
    title: '更改问题类别',
    access: { roles: responders },
    input: v.object({ reportId, category: categoryCode })
  }),
  'reports.dispatch': action<ReportDetail>()({
    title: '派单（问题通知函）',
    access: { roles: dispatchers },
    input: v.object({ reportId, unitId: id('责任单位'), rectifyDeadline: calendarDate('整改期限'), note: v.optional(text('要求', 1, 300)) })
  }),
  'reports.sign': action<ReportDetail>()({
    title: '签收',
    access: { roles: units },
    input: v.object({ reportId })
  }),
  'reports.answer': action<ReportDetail>()({
    title: '答复（答复函）',
    access: { roles: units },
    input: v.object({ reportId, measures: text('整改措施', 5, 500), plannedDate: calendarDate('计划完成日期') })
  }),
  'reports.return': action<ReportDetail>()({
    title: '退单',
    access: { roles: units },
    input: v.object({ reportId, reason: text('退单理由', 5, 200) })
  }),
  'reports.rectify': action<ReportDetail>()({
    title: '提交整改结果',
    access: { roles: units },
    input: v.object({ reportId, photos: photos(1, '整改后照片'), note: text('整改情况', 2, 300) })
  }),
  'reports.verify': action<ReportDetail>()({
    title: '验收（通过即销号）',
    access: { roles: responders },
    input: v.pipe(
      v.object({ reportId, pass: v.boolean(), reason: v.optional(text('不通过的理由', 2, 200)) }),
      v.forward(
        v.partialCheck([['pass'], ['reason']], (r) => r.pass || r.reason !== undefined, '请填写不通过的理由'),
        ['reason']
      )
    )
  }),
  'reports.suspend': action<ReportDetail>()({
    title: '挂起（暂缓办理）',
    access: { roles: town },
    input: v.object({
      reportId,
      reason: text('挂起原因', 2, 200),
      /** Whether the reporter may read the reason (otherwise they only see 暂缓办理). */
      reasonPublic: v.optional(v.boolean())
    })
  }),
  'reports.resume': action<ReportDetail>()({
    title: '恢复办理',
    access: { roles: town },
    input: v.object({
      reportId,
      /** The new 整改期限: this many working days from today (project calendar). */
      workdays: v.pipe(v.number('请填写整改期限的工作日数'), v.integer('工作日数应为整数'), v.minValue(1, '整改期限至少 1 个工作日'), v.maxValue(60, '整改期限最多 60 个工作日')),
      note: v.optional(text('说明', 1, 200))
    })
  }),
  'reports.ledger': action<Page<LedgerRow>>()({
    title: '问题台账',
    access: { roles: dispatchers },
    input: v.pipe(paged(ledgerFilter), v.forward(v.partialCheck([['from'], ['to']], datesInOrder, DATES_OUT_OF_ORDER), ['from']))
  }),
  'reports.exportLedger': action<ExportFile>()({
    title: '导出问题台账（Excel）',
    access: { roles: dispatchers },
    input: wholeLedger
  }),
  'reports.ledgerTotal': action<{ total: number }>()({
    title: '问题台账合计',
    access: { roles: dispatchers },
    input: wholeLedger
  }),
  'reports.letter': action<Letter>()({
    title: '查看函件',
    access: { roles: staff },
    input: v.object({ letterId: id('函件编号') })
  }),
  'reports.calendar': action<CalendarYear>()({
    title: '节假日与调休',
    access: { roles: dispatchers },
    input: v.object({ year: v.pipe(v.number('年份不正确'), v.integer('年份不正确'), v.minValue(2020, '年份不正确'), v.maxValue(2100, '年份不正确')) })
  }),
  'reports.setCalendarDay': action<CalendarYear>()({
    title: '补充或更正节假日',
    access: { roles: town },
    input: v.object({ date: calendarDate('日期'), kind: v.picklist(['holiday', 'workday', 'auto'] as const, '请选择放假或上班'), name: v.optional(line('名称', 1, 20)) })
  })
} as const
