/**
 * The indicators of the problem loop (周通报、月问效): what each figure counts, as pure functions of
 * problems and their events. Pure and platform-free — the app shows the definitions beside the
 * figures, the functions keep daily counts with the same per-problem tally (so a dashboard sums
 * counts instead of scanning history), and the tests recompute them from raw records.
 *
 * Every additive figure is a per-problem contribution to one China day and to the problem's
 * current village, grid, unit, category and source (the ledger filters by the same fields, so a
 * figure and the list behind it agree). 在办 and 超期 are states at an instant, not sums over days.
 */
import type { FlowAction, Rating, ReportSource, ReportStatus } from '@/contract'
import { chinaDay, chinaInstant, chinaParts, fromChinaDay } from './china-time'
import { isOpen } from './report-flow'

/* ---------------------------------------------------------------- inputs */

/** Where a problem belongs now. */
export interface ProblemDims {
  villageId: string
  gridId: string | null
  /** null until dispatched. */
  unitId: string | null
  category: string
  source: ReportSource
}

export interface ProblemEvent {
  action: FlowAction
  at: Date
  from: ReportStatus | null
  to: ReportStatus | null
}

/** What the indicators read of one problem. */
export interface ProblemFacts extends ProblemDims {
  status: ReportStatus
  createdAt: Date
  /** 销号 time (null while open, and again after a reopen). */
  closedAt: Date | null
  /** 整改期限 set at dispatch, YYYY-MM-DD (China); null before dispatch. */
  rectifyDeadline: string | null
  /** 工作提示函 issued over its whole life (one per missed deadline). */
  reminders: number
  /** The reporter's current rating (a reopen voids it). */
  rating: { value: Rating; at: Date } | null
  /** Set aside by the town office (挂起): not counted as due. */
  suspended: boolean
  /** Working days from submission to 销号 as stored at closing; null/absent = count them with the calendar. */
  handlingWorkdays?: number | null
  events: readonly ProblemEvent[]
}

/** The working-day count the indicators need (src/domain/workdays.ts WorkCalendar has it). */
export interface WorkdayCounter {
  workdaysBetween(from: Date, to: Date): number
}

/* ---------------------------------------------------------------- additive figures */

export const FIGURES = [
  'createdResident',
  'createdInspection',
  'withdrawn',
  'resolved',
  'closed',
  'handlingWorkdays',
  'due',
  'suspended',
  'closedOnTime',
  'rectified',
  'sentBack',
  'passed',
  'reopened',
  'rated',
  'ratedSatisfied'
] as const
export type Figure = (typeof FIGURES)[number]
export type Figures = Record<Figure, number>

/**
 * What each figure counts and on which day (kept beside the daily counts' fields).
 * created…: day submitted; withdrawn/resolved: day submitted, by current status; closed and
 * handlingWorkdays: day of 销号; due/suspended/closedOnTime: the 整改期限 day; rectified, sentBack,
 * passed, reopened: day of that step (每次都计); rated/ratedSatisfied: day of the current rating.
 */
export const FIGURE_NOTES: Record<Figure, string> = {
  createdResident: '随手拍提交数（按提交日）',
  createdInspection: '督导问题数（按提交日）',
  withdrawn: '其中不予受理或重复问题数（按提交日）',
  resolved: '其中目前已销号数（按提交日）',
  closed: '目前为已销号的问题数（按销号日）',
  handlingWorkdays: '这些问题从提交到销号的工作日数之和（按销号日）',
  due: '整改期限在当日的问题数（不含不予受理、重复问题）',
  suspended: '其中挂起数',
  closedOnTime: '其中按期办结数',
  rectified: '提交整改结果次数',
  sentBack: '验收不通过次数',
  passed: '验收通过（销号）次数',
  reopened: '申请重新处理次数',
  rated: '评价数（按评价日）',
  ratedSatisfied: '其中满意和基本满意数'
}

export const zeroFigures = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures

export function addFigures(into: Figures, more: Partial<Figures>, sign = 1): Figures {
  for (const f of FIGURES) into[f] += sign * (more[f] ?? 0)
  return into
}

/** One problem's contribution to one day. */
export interface DayTally {
  day: string
  figures: Partial<Figures>
}

const WITHDRAWN: ReadonlySet<ReportStatus> = new Set<ReportStatus>(['rejected', 'duplicate'])
const SATISFIED: ReadonlySet<Rating> = new Set<Rating>(['satisfied', 'basically'])
const EVENT_FIGURE: Partial<Record<FlowAction, Figure>> = { rectify: 'rectified', verifyFail: 'sentBack', verifyPass: 'passed', reopen: 'reopened' }

class Tally {
  readonly days = new Map<string, Partial<Figures>>()
  add(day: string, figure: Figure, n = 1): void {
    if (n === 0) return
    const f = this.days.get(day) ?? {}
    f[figure] = (f[figure] ?? 0) + n
    this.days.set(day, f)
  }
  list(): DayTally[] {
    return [...this.days].map(([day, figures]) => ({ day, figures })).sort((a, b) => a.day.localeCompare(b.day))
  }
}

/** Working days from submission to 销号: those after the day of submission up to and including the day of 销号 (same day = 0). */
export function handlingWorkdaysOf(p: Pick<ProblemFacts, 'createdAt' | 'closedAt' | 'handlingWorkdays'>, calendar: WorkdayCounter | null): number {
  if (p.handlingWorkdays !== null && p.handlingWorkdays !== undefined) return p.handlingWorkdays
  if (!p.closedAt || !calendar) return 0
  return calendar.workdaysBetween(p.createdAt, p.closedAt)
}

/** 按期办结: 已销号, on or before its 整改期限, and no 工作提示函 ever (every step within its time limit). */
export function closedOnTime(p: Pick<ProblemFacts, 'status' | 'closedAt' | 'rectifyDeadline' | 'reminders' | 'suspended'>): boolean {
  return p.status === 'closed' && p.closedAt !== null && p.rectifyDeadline !== null && !p.suspended && p.reminders === 0 && chinaDay(p.closedAt) <= p.rectifyDeadline
}

/**
 * Everything one problem adds to the daily figures, by day. The same function feeds the indicators
 * here and the functions' daily counts (as the difference before/after each step), so they agree.
 */
export function tallyProblem(p: ProblemFacts, calendar: WorkdayCounter | null = null): DayTally[] {
  const t = new Tally()
  const created = chinaDay(p.createdAt)
  t.add(created, p.source === 'inspection' ? 'createdInspection' : 'createdResident')
  const withdrawn = WITHDRAWN.has(p.status)
  if (withdrawn) t.add(created, 'withdrawn')
  if (p.status === 'closed' && p.closedAt) {
    t.add(created, 'resolved')
    const day = chinaDay(p.closedAt)
    t.add(day, 'closed')
    t.add(day, 'handlingWorkdays', handlingWorkdaysOf(p, calendar))
  }
  if (p.rectifyDeadline && !withdrawn) {
    t.add(p.rectifyDeadline, 'due')
    if (p.suspended) t.add(p.rectifyDeadline, 'suspended')
    if (closedOnTime(p)) t.add(p.rectifyDeadline, 'closedOnTime')
  }
  if (p.rating) {
    const day = chinaDay(p.rating.at)
    t.add(day, 'rated')
    if (SATISFIED.has(p.rating.value)) t.add(day, 'ratedSatisfied')
  }
  for (const e of p.events) {
    const figure = EVENT_FIGURE[e.action]
    if (figure) t.add(chinaDay(e.at), figure)
  }
  return t.list()
}

/* ---------------------------------------------------------------- periods */

export type PeriodKind = 'week' | 'month' | 'range'

/** China calendar days, both ends included. */
export interface Period {
  kind: PeriodKind
  first: string
  last: string
  label: string
}

function dayLabel(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日`
}

/** The week (Monday to Sunday, China) holding `at`. */
export function weekOf(at: Date): Period {
  const p = chinaParts(at)
  const back = (p.weekday + 6) % 7
  const first = chinaDay(chinaInstant(p.year, p.month, p.day - back))
  const last = chinaDay(chinaInstant(p.year, p.month, p.day - back + 6))
  return { kind: 'week', first, last, label: `${dayLabel(first)}至${dayLabel(last)}` }
}

/** The China calendar month holding `at`. */
export function monthOf(at: Date): Period {
  const p = chinaParts(at)
  const first = chinaDay(chinaInstant(p.year, p.month, 1))
  const last = chinaDay(chinaInstant(p.year, p.month + 1, 0))
  return { kind: 'month', first, last, label: `${p.year}年${p.month}月` }
}

/** A chosen range of days (YYYY-MM-DD, both included); throws when it is not one. */
export function rangeOf(first: string, last: string): Period {
  if (!fromChinaDay(first) || !fromChinaDay(last)) throw new RangeError('日期格式不正确')
  if (last < first) throw new RangeError('结束日期不能早于开始日期')
  return { kind: 'range', first, last, label: `${dayLabel(first)}至${dayLabel(last)}` }
}

export const inPeriod = (day: string, period: Period) => day >= period.first && day <= period.last

/* ---------------------------------------------------------------- grouping */

export type Grouping = 'village' | 'unit' | 'grid' | 'category' | 'source' | 'town'

/** The group a problem (or a daily count) belongs to; '' = none (a unit before dispatch, a problem without grid). */
export function groupOf(d: ProblemDims, by: Grouping): string {
  switch (by) {
    case 'village':
      return d.villageId
    case 'unit':
      return d.unitId ?? ''
    case 'grid':
      return d.gridId ?? ''
    case 'category':
      return d.category
    case 'source':
      return d.source
    case 'town':
      return 'town'
  }
}

/** Sums the problems' figures falling in the period, by group. */
export function figuresBy(problems: readonly ProblemFacts[], period: Period, by: Grouping, calendar: WorkdayCounter | null): Map<string, Figures> {
  const out = new Map<string, Figures>()
  for (const p of problems) {
    const key = groupOf(p, by)
    for (const t of tallyProblem(p, calendar)) {
      if (!inPeriod(t.day, period)) continue
      addFigures(out.get(key) ?? out.set(key, zeroFigures()).get(key)!, t.figures)
    }
  }
  return out
}

/** Daily counts (as the functions keep them) summed the same way. */
export function sumCounts(rows: ReadonlyArray<ProblemDims & { day: string } & Partial<Figures>>, period: Period, by: Grouping): Map<string, Figures> {
  const out = new Map<string, Figures>()
  for (const r of rows) {
    if (!inPeriod(r.day, period)) continue
    const key = groupOf(r, by)
    addFigures(out.get(key) ?? out.set(key, zeroFigures()).get(key)!, r)
  }
  return out
}

/* ---------------------------------------------------------------- states at an instant */

export interface Gauges {
  /** 在办 */
  open: number
  /** 超期 */
  overdue: number
}

/**
 * The problem's state at `at`, replayed from its events: open or not, and overdue — a 工作提示函
 * (remind) issued since its last change of status, which is what the report's `overdue` flag and
 * the ledger's 超期 filter hold. null when it did not exist yet.
 */
export function stateAt(p: Pick<ProblemFacts, 'events' | 'createdAt'>, at: Date): { open: boolean; overdue: boolean } | null {
  if (p.createdAt.getTime() > at.getTime()) return null
  let status: ReportStatus | null = null
  let overdue = false
  const events = [...p.events].filter((e) => e.at.getTime() <= at.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())
  for (const e of events) {
    if (e.action === 'remind') overdue = true
    else if (e.to !== null && e.to !== e.from) {
      status = e.to
      overdue = false
    }
  }
  if (status === null) return null
  const open = isOpen(status)
  return { open, overdue: open && overdue }
}

export function gaugesBy(problems: readonly ProblemFacts[], at: Date, by: Grouping): Map<string, Gauges> {
  const out = new Map<string, Gauges>()
  for (const p of problems) {
    const s = stateAt(p, at)
    if (!s?.open) continue
    const key = groupOf(p, by)
    const g = out.get(key) ?? out.set(key, { open: 0, overdue: 0 }).get(key)!
    g.open++
    if (s.overdue) g.overdue++
  }
  return out
}

/* ---------------------------------------------------------------- indicators */

export interface Ratio {
  num: number
  den: number
  /** num ÷ den; null when den is 0. */
  value: number | null
}

export const ratio = (num: number, den: number): Ratio => ({ num, den, value: den > 0 ? num / den : null })

export interface Indicators {
  /** 问题数 */
  created: number
  createdResident: number
  createdInspection: number
  /** 已销号 */
  closed: number
  /** 超期 (at the instant of the gauges) */
  overdue: number
  /** 在办 */
  open: number
  /** 按期办结率 */
  onTimeRate: Ratio
  /** 结案率 */
  closureRate: Ratio
  /** 返工率 */
  reworkRate: Ratio
  /** 重新处理率 */
  reopenRate: Ratio
  /** 满意率 */
  satisfactionRate: Ratio
  /** 平均处置时长 (working days): num = sum of working days, den = problems closed. */
  avgHandlingDays: Ratio
}

export type IndicatorKey = keyof Indicators

export function indicatorsOf(f: Figures, g: Gauges = { open: 0, overdue: 0 }): Indicators {
  return {
    created: f.createdResident + f.createdInspection,
    createdResident: f.createdResident,
    createdInspection: f.createdInspection,
    closed: f.closed,
    overdue: g.overdue,
    open: g.open,
    onTimeRate: ratio(f.closedOnTime, f.due - f.suspended),
    closureRate: ratio(f.resolved, f.createdResident + f.createdInspection - f.withdrawn),
    reworkRate: ratio(f.sentBack, f.rectified),
    reopenRate: ratio(f.reopened, f.passed),
    satisfactionRate: ratio(f.ratedSatisfied, f.rated),
    avgHandlingDays: ratio(f.handlingWorkdays, f.closed)
  }
}

export interface IndicatorDefinition {
  label: string
  /** 'count' | 'rate' (a share, shown as %) | 'days' (working days). */
  unit: 'count' | 'rate' | 'days'
  /** Whether a higher value is better (null for plain counts that are neither). */
  higherIsBetter: boolean | null
  /** The exact definition, shown beside the figure (ⓘ) and in the README's 指标口径. */
  definition: string
}

/** The one table of definitions (the README's 指标口径 repeats these texts word for word; a test checks it). */
export const INDICATOR_DEFINITIONS: Record<IndicatorKey, IndicatorDefinition> = {
  created: {
    label: '问题数',
    unit: 'count',
    higherIsBetter: null,
    definition: '统计期内提交的问题数（按提交时间），含不予受理和重复问题；分随手拍（居民提交）和督导（巡查、走访发现）两类。'
  },
  createdResident: { label: '随手拍', unit: 'count', higherIsBetter: null, definition: '统计期内居民通过随手拍提交的问题数（按提交时间）。' },
  createdInspection: { label: '督导', unit: 'count', higherIsBetter: null, definition: '统计期内督导巡查、入户走访发现并提交的问题数（按提交时间）。' },
  closed: {
    label: '已销号',
    unit: 'count',
    higherIsBetter: null,
    definition: '统计期内验收通过、予以销号且目前仍为已销号的问题数（按销号时间）；销号后被申请重新处理的不再计入，再次销号时按新的销号时间计入。'
  },
  overdue: {
    label: '超期',
    unit: 'count',
    higherIsBetter: false,
    definition: '统计时点仍在办理、当前环节已超过时限并由系统发出工作提示函的问题数（系统每 30 分钟检查一次，与问题台账的「超期」筛选一致）。'
  },
  open: {
    label: '在办',
    unit: 'count',
    higherIsBetter: null,
    definition: '统计时点处于待受理、已受理、已派单、已签收、整改中、已退单或待验收的问题数。'
  },
  onTimeRate: {
    label: '按期办结率',
    unit: 'rate',
    higherIsBetter: true,
    definition:
      '按期办结数 ÷（期内到期数 − 挂起数）。期内到期：整改期限（派单时确定）在统计期内的问题，不含不予受理和重复问题；按期办结：已销号、销号日期不晚于整改期限，且各环节都在时限内完成（从未收到工作提示函）；挂起：经镇创建办同意暂缓办理的问题。'
  },
  closureRate: {
    label: '结案率',
    unit: 'rate',
    higherIsBetter: true,
    definition: '期内提交的问题中目前已销号的数量 ÷（期内提交的问题数 − 其中不予受理和重复问题数）。'
  },
  reworkRate: {
    label: '返工率',
    unit: 'rate',
    higherIsBetter: false,
    definition: '期内验收不通过、退回整改的次数 ÷ 期内责任单位提交整改结果的次数。'
  },
  reopenRate: {
    label: '重新处理率',
    unit: 'rate',
    higherIsBetter: false,
    definition: '期内提交人申请重新处理的次数 ÷ 期内验收通过（销号）的次数。'
  },
  satisfactionRate: {
    label: '满意率',
    unit: 'rate',
    higherIsBetter: true,
    definition: '（评价为满意和基本满意的数量）÷ 评价数，按评价时间计入统计期；问题被重新处理后原评价作废。'
  },
  avgHandlingDays: {
    label: '平均处置时长',
    unit: 'days',
    higherIsBetter: false,
    definition:
      '期内销号问题从提交到销号的工作日数之和 ÷ 期内销号数（已销号口径）。工作日数：提交当日之后至销号当日（含）的工作日，按镇里的节假日日历（法定节假日与调休数据包，加镇创建办的更正）计算，当日办结为 0。'
  }
}

/** Indicators per group for a period, straight from problems and events (the tests' reference; dashboards sum daily counts instead). */
export function indicatorsBy(problems: readonly ProblemFacts[], period: Period, by: Grouping, at: Date, calendar: WorkdayCounter | null): Map<string, Indicators> {
  const figures = figuresBy(problems, period, by, calendar)
  const gauges = gaugesBy(problems, at, by)
  const out = new Map<string, Indicators>()
  for (const key of new Set([...figures.keys(), ...gauges.keys()])) out.set(key, indicatorsOf(figures.get(key) ?? zeroFigures(), gauges.get(key)))
  return out
}
