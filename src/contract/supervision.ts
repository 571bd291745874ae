/*
 * 督导巡查 (patrols): checklist templates kept by the town office (versioned), the roster (排班) of
 * patrols per village or grid and China day, doing a patrol item by item (合格 / 不合格), and the
 * daily counts a dashboard reads; 民情日记 (household visits, 户户到): a visit's 三个记录, the
 * problems raised (solved on the spot or filed into the loop as 代录 for the household) and the
 * month's coverage. Cleaning zones and 信息报送 will sit beside them.
 */
import * as v from 'valibot'
import type { Page } from './models'
import { action, fieldStaff, town, villageScope, villageStaff } from './define'
import {
  calendarDate,
  categoryCode,
  checklistKey,
  fileId as fileIdOf,
  geoPoint,
  id,
  intBetween as int,
  lineField as line,
  paged,
  rev,
  REPORT_DESCRIPTION_MIN,
  submissionKey,
  textField as text
} from './schemas'
import { cleaningActions } from './cleaning'
import { infoActions, type InfoLevel } from './supervision-info'
import { dashboardActions } from './dashboard'
import { bulletinActions } from './bulletins'

/* ---------------------------------------------------------------- vocabulary */

export const PATROL_STATUSES = ['scheduled', 'done', 'missed', 'cancelled'] as const
export type PatrolStatus = (typeof PATROL_STATUSES)[number]
export const PATROL_STATUS_LABELS: Record<PatrolStatus, string> = { scheduled: '待巡查', done: '已完成', missed: '缺巡', cancelled: '已取消' }

export const PATROL_RESULTS = ['pass', 'fail'] as const
export type PatrolResult = (typeof PATROL_RESULTS)[number]
export const PATROL_RESULT_LABELS: Record<PatrolResult, string> = { pass: '合格', fail: '不合格' }

/** Which of my patrols: today's (今日巡查), the coming ones, or the past ones (newest first). */
export const MY_PATROL_SPANS = ['today', 'upcoming', 'recent'] as const
export type MyPatrolSpan = (typeof MY_PATROL_SPANS)[number]

export const MAX_CHECKLIST_ITEMS = 30
export const MAX_PATROLLERS = 5
/** The roster generator's default cadence (seed 002: 每 2–3 天巡查一次). */
export const DEFAULT_PATROL_EVERY_DAYS = 2
/** A failure next to an open problem of the same category (within this distance) is linked to it, not filed again. */
export const PATROL_LINK_METRES = 50
/** A patrol's full score, from which each failed item's deduction is taken. */
export const PATROL_FULL_SCORE = 100

/** What became of a problem a household raised on a visit: solved there, or filed into the loop (代录). */
export const VISIT_OUTCOMES = ['solved', 'report'] as const
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number]
export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = { solved: '当场解决', report: '转问题' }
export const MAX_VISIT_PROBLEMS = 10
export const MAX_CO_VISITORS = 4
export const MAX_VISIT_PHOTOS = 3
/** How far back a visit may be recorded (补记), in days. */
export const VISIT_BACKDATE_DAYS = 60
/** Which households of a month: those not visited yet (户户到), or all of them (the picker). */
export const VISIT_HOUSEHOLD_FILTERS = ['unvisited', 'all'] as const
export type VisitHouseholdFilter = (typeof VISIT_HOUSEHOLD_FILTERS)[number]
export const VISIT_COVERAGE_DEFINITION = '走访覆盖率 = 本月已走访的家庭户数 ÷ 本村（居）登记的家庭户数（同一户本月走访多次只算一户）'

/* ---------------------------------------------------------------- views */

export interface ChecklistItem {
  /** Stable within the template across versions: a patrol's result names the item by it. */
  key: string
  text: string
  /** The report category a failure becomes. */
  category: string
  categoryName: string
  /** Points taken off the patrol's score when the item fails. */
  deduction: number
}

export interface PatrolTemplate {
  id: string
  name: string
  description: string | null
  /** Bumped whenever the items change; a patrol keeps the version it was scheduled with. */
  version: number
  items: ChecklistItem[]
  enabled: boolean
  /** Bumped by every save, which is conditional on it. */
  rev: number
  updatedAt: string
}

export interface PatrolPerson {
  userId: string
  name: string
}

export interface PatrolSummary {
  id: string
  /** China date, YYYY-MM-DD. */
  date: string
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  templateId: string
  templateName: string
  version: number
  patrollers: PatrolPerson[]
  status: PatrolStatus
  statusLabel: string
  /** Submitted after the day ended (and was marked 缺巡). */
  late: boolean
  itemCount: number
  /** After submission: 100 − Σ deductions of the failed items. */
  score: number | null
  findings: number | null
  submittedAt: string | null
  /** The caller is one of the patrollers. */
  mine: boolean
}

export interface PatrolProblemLink {
  reportId: string
  reportNo: string
  /** true: an open problem of the same category within 50 m was linked instead of filing a new one. */
  linked: boolean
}

export interface PatrolResultView {
  itemKey: string
  result: PatrolResult
  note: string | null
  photoUrls: string[]
  location: { lng: number; lat: number } | null
  address: string | null
  problem: PatrolProblemLink | null
}

export interface PatrolDetail extends PatrolSummary {
  items: ChecklistItem[]
  results: PatrolResultView[] | null
  deductions: number | null
  /** How the score was reached, e.g. 100 − 5（私搭乱建）− 3（小广告）= 92. */
  scoreFormula: string | null
  submittedByName: string | null
  cancelReason: string | null
  canSubmit: boolean
  canCancel: boolean
}

export interface RosterResult {
  created: number
  /** Days that already had this patrol (same place, checklist and day), or were already past. */
  skipped: number
  patrols: PatrolSummary[]
}

export interface PatrolDayCounts {
  villageId: string
  date: string
  scheduled: number
  done: number
  missed: number
  /** Marked 缺巡, then submitted afterwards (a subset of missed). */
  late: number
  findings: number
  deductions: number
  problemsCreated: number
  problemsLinked: number
  /** 保洁考核 (the village's zones; villageId `town_centre` for 集镇): findings of the day's inspections, those withdrawn on appeal. */
  cleaningFindings: number
  cleaningWithdrawn: number
  /** 元 taken from the cleaners for the day's findings (each × its responsible cleaners), net of withdrawn ones. */
  deductionYuan: number
}

/** 信息报送 of one village in one half month of the month (kept per sender and half month, not per day). */
export interface InfoVillageHalfCounts {
  villageId: string
  villageName: string
  /** YYYY-MM-1 / YYYY-MM-2 */
  half: string
  /** Sent in the half month and not withdrawn. */
  submitted: number
  pending: number
  returned: number
  adopted: number
  adoptedByLevel: Record<InfoLevel, number>
}

export interface PatrolCounts {
  days: PatrolDayCounts[]
  totals: Omit<PatrolDayCounts, 'villageId' | 'date'>
  /** The villages' 信息 counts of the month's two half months (only villages that sent something). */
  info: InfoVillageHalfCounts[]
  infoTotals: Omit<InfoVillageHalfCounts, 'villageId' | 'villageName' | 'half'>
}

/** 民情日记: internal to the visitors, the village's admins and the town office — never shown to residents. */
export interface VisitSummary {
  id: string
  /** China date, YYYY-MM-DD. */
  date: string
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  householdId: string
  householdName: string
  visitors: PatrolPerson[]
  problems: number
  solved: number
  filed: number
  hasPhoto: boolean
  createdAt: string
  /** The caller is one of the visitors. */
  mine: boolean
}

export interface VisitProblemView {
  text: string
  outcome: VisitOutcome
  outcomeLabel: string
  /** 当场解决: what was done. */
  done: string | null
  /** 转问题: the problem filed (代录 for the household). */
  report: { reportId: string; reportNo: string; categoryName: string } | null
}

export interface VisitDetail extends VisitSummary {
  /** 三个记录: the household's situation, their suggestions, the problems they raised. */
  situation: string
  suggestions: string | null
  issues: string | null
  problemList: VisitProblemView[]
  photoUrls: string[]
  recordedByName: string
}

export interface VisitCoverage {
  villageId: string
  villageName: string
  year: number
  month: number
  households: number
  visited: number
  /** visited ÷ households (0 when the village has no household registered). */
  rate: number
  visits: number
  problemsRaised: number
  solvedOnSite: number
  filed: number
  definition: string
}

export interface VisitHousehold {
  householdId: string
  name: string
  headName: string
  gridId: string | null
  gridName: string | null
  /** Visits this month. */
  visits: number
  lastVisitDate: string | null
}

/* ---------------------------------------------------------------- inputs */

const templateId = id('巡查表')
const patrolId = id('巡查任务')
const villageId = id('村（居）')
const year = int('年份', 2000, 2100)
const month = int('月份', 1, 12)
const people = (max: number) =>
  v.pipe(
    v.array(id('巡查人员'), '请选择巡查人员'),
    v.minLength(1, '请至少选择一名巡查人员'),
    v.maxLength(max, `最多选择 ${max} 名巡查人员`),
    v.check((ids) => new Set(ids).size === ids.length, '巡查人员有重复')
  )

export const checklistItemInput = v.object({
  key: v.optional(checklistKey),
  text: line('检查内容', 2, 80),
  category: categoryCode,
  deduction: int('扣分', 0, PATROL_FULL_SCORE)
})

export const patrolTemplateInput = v.pipe(
  v.object({
    id: v.optional(templateId),
    name: line('巡查表名称', 2, 30),
    description: v.optional(v.nullable(text('说明', 1, 200))),
    items: v.pipe(v.array(checklistItemInput, '请填写检查项'), v.minLength(1, '请至少填写一个检查项'), v.maxLength(MAX_CHECKLIST_ITEMS, `最多 ${MAX_CHECKLIST_ITEMS} 个检查项`)),
    enabled: v.boolean('请选择是否启用'),
    /** The revision the form was loaded at (absent for a new template). */
    rev: v.optional(rev)
  }),
  v.check((t) => t.items.reduce((s, i) => s + i.deduction, 0) <= PATROL_FULL_SCORE, `各项扣分合计不能超过 ${PATROL_FULL_SCORE} 分`),
  v.check((t) => {
    const keys = t.items.map((i) => i.key).filter((k): k is string => k !== undefined)
    return new Set(keys).size === keys.length
  }, '检查项编号有重复')
)

export const patrolResultInput = v.pipe(
  v.object({
    itemKey: v.pipe(v.string('检查项不正确'), v.regex(/^[A-Za-z0-9_-]{1,16}$/, '检查项不正确')),
    result: v.picklist(PATROL_RESULTS, '请选择合格或不合格'),
    photos: v.optional(v.pipe(v.array(fileIdOf('图片格式不正确'), '图片格式不正确'), v.maxLength(9, '每项最多 9 张照片'))),
    note: v.optional(text('问题说明', 2, 200)),
    location: v.optional(geoPoint),
    address: v.optional(line('地点', 2, 60))
  }),
  v.check((r) => r.result === 'pass' || (r.photos?.length ?? 0) > 0, '不合格的检查项请至少拍一张照片'),
  v.check((r) => r.result === 'pass' || r.note !== undefined, '不合格的检查项请写明问题'),
  v.check((r) => r.result === 'pass' || r.location !== undefined, '不合格的检查项请标记位置')
)

const householdId = id('家庭')
const visitId = id('走访记录')

export const visitProblemInput = v.pipe(
  v.object({
    text: text('反映的问题', 2, 200),
    outcome: v.picklist(VISIT_OUTCOMES, '请选择当场解决或转问题'),
    done: v.optional(text('解决情况', 2, 200)),
    category: v.optional(categoryCode),
    address: v.optional(line('问题地点', 2, 60))
  }),
  v.check((p) => p.outcome !== 'solved' || p.done !== undefined, '当场解决的问题请写明怎么解决的'),
  v.check((p) => p.outcome !== 'report' || p.category !== undefined, '转问题请选择问题类别'),
  // filed into the loop, it is a report's description: as long as reports.create asks for
  v.check((p) => p.outcome !== 'report' || p.text.length >= REPORT_DESCRIPTION_MIN, `转问题的问题描述至少 ${REPORT_DESCRIPTION_MIN} 个字，请写清楚是什么问题`)
)

export const visitInput = v.object({
  villageId,
  householdId,
  date: calendarDate('走访日期'),
  /** Made by the form; a retry with the same key returns the first record. */
  key: submissionKey,
  coVisitorIds: v.optional(
    v.pipe(
      v.array(id('同行人员'), '同行人员不正确'),
      v.maxLength(MAX_CO_VISITORS, `同行人员最多 ${MAX_CO_VISITORS} 人`),
      v.check((ids) => new Set(ids).size === ids.length, '同行人员有重复')
    )
  ),
  situation: text('走访对象的具体情况', 2, 500),
  suggestions: v.optional(text('提出的意见建议', 1, 500)),
  issues: v.optional(text('反映的主要问题', 1, 500)),
  problems: v.optional(v.pipe(v.array(visitProblemInput, '问题格式不正确'), v.maxLength(MAX_VISIT_PROBLEMS, `每次走访最多记录 ${MAX_VISIT_PROBLEMS} 个问题`))),
  photos: v.optional(v.pipe(v.array(fileIdOf('图片格式不正确'), '图片格式不正确'), v.maxLength(MAX_VISIT_PHOTOS, `最多 ${MAX_VISIT_PHOTOS} 张照片`)))
})

export const supervisionActions = {
  ...cleaningActions,
  ...infoActions,
  ...dashboardActions,
  ...bulletinActions,
  'supervision.templates': action<PatrolTemplate[]>()({
    title: '巡查表（检查项、对应问题类别和扣分）',
    access: { roles: villageStaff },
    input: v.object({ includeDisabled: v.optional(v.boolean()) })
  }),
  'supervision.template': action<PatrolTemplate>()({
    title: '一张巡查表（不填版本即当前版本）',
    access: { roles: villageStaff },
    input: v.object({ templateId, version: v.optional(int('版本', 1, 1_000_000)) })
  }),
  'supervision.saveTemplate': action<PatrolTemplate>()({
    title: '新建或修改巡查表（检查项改动即生成新版本，已排的巡查仍用原版本）',
    access: { roles: town },
    input: patrolTemplateInput
  }),
  'supervision.schedule': action<PatrolDetail>()({
    title: '安排一次巡查（村居或网格、日期、人员、巡查表）',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ villageId, gridId: v.nullable(id('网格')), date: calendarDate('巡查日期'), templateId, patrollerIds: people(MAX_PATROLLERS) })
  }),
  'supervision.generateRoster': action<RosterResult>()({
    title: '按间隔天数排满一个月的巡查，人员轮流',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({
      villageId,
      gridId: v.nullable(id('网格')),
      templateId,
      year,
      month,
      patrollerIds: people(30),
      everyDays: v.optional(int('间隔天数', 1, 7)),
      perPatrol: v.optional(int('每次人数', 1, MAX_PATROLLERS)),
      fromDay: v.optional(int('起始日', 1, 31))
    })
  }),
  'supervision.cancelPatrol': action<PatrolDetail>()({
    title: '取消一次未开始的巡查',
    access: { roles: villageStaff },
    input: v.object({ patrolId, reason: text('取消原因', 2, 200) })
  }),
  'supervision.roster': action<Page<PatrolSummary>>()({
    title: '一个村（居）一个月的巡查排班',
    access: { roles: villageStaff, scope: villageScope },
    input: paged({ villageId, year, month })
  }),
  'supervision.mine': action<Page<PatrolSummary>>()({
    title: '我的巡查（今日、待巡查、已过去）',
    access: { roles: fieldStaff },
    input: paged({ when: v.picklist(MY_PATROL_SPANS, '请选择时间范围') })
  }),
  'supervision.patrol': action<PatrolDetail>()({
    title: '巡查详情：检查项、结果、扣分和转成的问题',
    access: { roles: fieldStaff },
    input: v.object({ patrolId })
  }),
  'supervision.submitPatrol': action<PatrolDetail>()({
    title: '提交巡查结果（离线草稿联网后提交一次；同一提交编号重试不会重复）',
    access: { roles: fieldStaff },
    input: v.pipe(
      v.object({
        patrolId,
        /** Made on the phone with the draft; a retry with the same key returns the first submission. */
        key: submissionKey,
        version: int('巡查表版本', 1, 1_000_000),
        results: v.pipe(v.array(patrolResultInput, '请填写检查结果'), v.minLength(1, '请填写检查结果'), v.maxLength(MAX_CHECKLIST_ITEMS, `最多 ${MAX_CHECKLIST_ITEMS} 个检查项`))
      }),
      v.check((s) => new Set(s.results.map((r) => r.itemKey)).size === s.results.length, '同一检查项填写了两次')
    )
  }),
  'supervision.counts': action<PatrolCounts>()({
    title: '督导统计（按村居和日期：应巡、已巡、缺巡、发现问题、扣分，保洁发现和扣款；按半月：信息报送和采用）',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ villageId: v.optional(villageId), year, month })
  }),
  'supervision.recordVisit': action<VisitDetail>()({
    title: '记录一次入户走访（民情日记：三个记录，问题当场解决或转问题代录；同一提交编号重试不会重复）',
    access: { roles: fieldStaff, scope: villageScope },
    input: visitInput
  }),
  'supervision.visits': action<Page<VisitSummary>>()({
    title: '走访记录（村居管理员和镇创建办看全村，网格员看自己参与的）',
    access: { roles: fieldStaff, scope: villageScope },
    input: paged({ villageId, year, month, householdId: v.optional(householdId) })
  }),
  'supervision.visit': action<VisitDetail>()({
    title: '一次走访的民情日记（仅走访人、本村居管理员和镇创建办可见）',
    access: { roles: fieldStaff },
    input: v.object({ visitId })
  }),
  'supervision.visitCoverage': action<VisitCoverage>()({
    title: '户户到走访覆盖率（一个村居一个月：已走访户数 ÷ 家庭户数）',
    access: { roles: fieldStaff, scope: villageScope },
    input: v.object({ villageId, year, month })
  }),
  'supervision.visitHouseholds': action<Page<VisitHousehold>>()({
    title: '本月未走访的家庭（或全部家庭，供选择走访对象；网格员只看本网格）',
    access: { roles: fieldStaff, scope: villageScope },
    input: paged({ villageId, year, month, only: v.picklist(VISIT_HOUSEHOLD_FILTERS, '请选择范围') })
  })
} as const
