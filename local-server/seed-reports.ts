/**
 * Demo problems (随手拍 / 督导) in every state across the villages, built by replaying each one's
 * history through the same pure step functions and state machine the reports function uses, in
 * global time order: numbers, events, letters (三函) and the overdue job's reminders come out as
 * the live system would have written them.
 */
import { rgbPng } from '../local-cloud/png'
import { DEFAULT_REPORT_CATEGORIES, type FlowAction, type Rating, type Role } from '../src/contract'
import { decide } from '../src/domain/report-flow'
import { C } from '../cloudfunctions/_shared/collections'
import { WorkCalendar } from '../cloudfunctions/_shared/workdays'
import { chinaDay } from '../src/domain/china-time'
import type { EventDoc, LetterDoc, ReportDoc } from '../cloudfunctions/reports/docs'
import { addCells, byMonth, countsOfProblems, type CellFigures } from '../cloudfunctions/reports/counts'
import { chinaYear, formatReportNo, letterCounterId, reportCounterId, toFlow } from '../cloudfunctions/reports/model'
import {
  acceptStep,
  answerStep,
  dispatchStep,
  markDuplicateStep,
  materialize,
  rateStep,
  rectifyStep,
  rejectStep,
  remindWrite,
  reopenStep,
  returnStep,
  signStep,
  stepWrite,
  submitStep,
  verifyFailStep,
  verifyPassStep,
  type StepOutput,
  type StepWrite
} from '../cloudfunctions/reports/steps'
import { DEMO_UNITS, DEMO_VILLAGES, demoPerson } from './seed'

const HOUR = 3600 * 1000
/** The overdue job runs every 30 minutes: a due is reminded about within that. */
const JOB_LAG_MS = 10 * 60 * 1000

export type SimAction =
  | { action: 'accept'; note?: string }
  | { action: 'reject'; reason: string }
  | { action: 'markDuplicate'; original: string }
  | { action: 'dispatch'; unit: number; deadlineDays: number; note?: string }
  | { action: 'sign' }
  | { action: 'answer'; measures: string; plannedInDays: number }
  | { action: 'return'; reason: string }
  | { action: 'rectify'; note: string }
  | { action: 'verifyPass' }
  | { action: 'verifyFail'; reason: string }
  | { action: 'rate'; value: Rating; comment?: string }
  | { action: 'reopen'; reason: string }

/** A step `after` hours after the previous one, taken by the demo person `by`. */
export type SimStep = { after: number; by: string } & SimAction

export interface SeedSpec {
  key: string
  reporter: string
  village: number
  grid: number | null
  category: string
  description: string
  address: string
  hoursAgo: number
  anonymous?: boolean
  inspection?: boolean
  steps?: SimStep[]
}

export const seedReportId = (key: string) => `r_seed_${key}`

/* ---------------------------------------------------------------- photos */

/** A tiny 24×24 RGB PNG: a colour with a lighter diagonal band (a stand-in for a phone photo). */
export function demoPng([r, g, b]: [number, number, number]): Buffer {
  return rgbPng(24, 24, (x, y) => {
    const band = Math.abs(x - y) < 4 ? 60 : 0
    return [Math.min(255, r + band), Math.min(255, g + band), Math.min(255, b + band)]
  })
}

const BEFORE_COLOURS: Array<[number, number, number]> = [
  [150, 90, 60],
  [120, 110, 100],
  [170, 140, 70],
  [90, 90, 130],
  [140, 70, 70],
  [110, 130, 90]
]

export type Uploader = (cloudPath: string, content: Buffer) => Promise<string>

/** The shared demo photos: six 'before' pictures and three 'after' ones (uploaded once per call). */
export async function uploadDemoPhotos(upload: Uploader): Promise<{ before: string[]; after: string[] }> {
  const before = await Promise.all(BEFORE_COLOURS.map((c, i) => upload(`seed/photos/before-${i + 1}.png`, demoPng(c))))
  const after = await Promise.all(
    [
      [70, 150, 90],
      [80, 160, 140],
      [100, 170, 80]
    ].map((c, i) => upload(`seed/photos/after-${i + 1}.png`, demoPng(c as [number, number, number])))
  )
  return { before, after }
}

/* ---------------------------------------------------------------- replay */

export interface SeedTarget {
  get(collection: string, id: unknown): Record<string, unknown> | null
  insert(collection: string, docs: object | object[]): unknown
  replace(collection: string, id: unknown, doc: object, opts?: { upsert?: boolean }): unknown
}

interface Live {
  spec: SeedSpec
  index: number
  report: ReportDoc
  events: EventDoc[]
  letters: LetterDoc[]
}

interface Scheduled {
  at: number
  spec: SeedSpec
  index: number
  step: SimStep | null
}

const TOWN_CENTRE: [number, number] = [120.3, 30.4]
const VILLAGE_OFFSETS: Array<[number, number]> = [
  [0.01, 0.01],
  [0, 0],
  [-0.01, 0.005],
  [0.005, -0.012]
]

/** Where a seeded problem is: near its village's centre, spread by its position in the list. */
export function seedPoint(village: number, index: number): [number, number] {
  const [dx, dy] = VILLAGE_OFFSETS[village] ?? [0, 0]
  return [TOWN_CENTRE[0] + dx + (index % 5) * 0.0011, TOWN_CENTRE[1] + dy + Math.floor(index / 5) * 0.0009]
}

class Replay {
  readonly live = new Map<string, Live>()
  private readonly counters = new Map<string, number>()
  private readonly calendar = new WorkCalendar([])

  constructor(
    private readonly target: SeedTarget,
    private readonly photos: { before: string[]; after: string[] },
    private readonly now: Date
  ) {}

  private next(counterId: string): number {
    const stored = this.counters.get(counterId) ?? Number(this.target.get(C.counters, counterId)?.value ?? 0)
    this.counters.set(counterId, stored + 1)
    return stored + 1
  }

  create(spec: SeedSpec, index: number, at: Date): void {
    const reporter = demoPerson(spec.reporter)
    const village = DEMO_VILLAGES[spec.village]
    const grid = spec.grid === null ? null : village.grids[spec.grid]
    const category = DEFAULT_REPORT_CATEGORIES.find((c) => c.code === spec.category)
    if (!category) throw new Error(`seed ${spec.key}: unknown category ${spec.category}`)
    const as: Role = spec.inspection ? (reporter.grants.some((g) => g.role === 'town_admin') ? 'town_admin' : 'grid_worker') : 'resident'
    const photoCount = 1 + (index % 2)
    const { report, event } = submitStep(
      {
        id: seedReportId(spec.key),
        clientKey: `seed-${spec.key}`,
        source: spec.inspection ? 'inspection' : 'resident',
        category: { ...category, enabled: true },
        description: spec.description,
        photos: Array.from({ length: photoCount }, (_, i) => this.photos.before[(index + i) % this.photos.before.length]),
        location: { type: 'Point', coordinates: seedPoint(spec.village, index) },
        address: spec.address,
        village: { _id: village.id, name: village.name },
        grid: grid ? { _id: grid.id, name: grid.name } : null,
        reporter: { id: reporter.userId, openid: reporter.openid, name: reporter.name, phone: reporter.phone, as },
        anonymous: spec.anonymous === true,
        secStatus: 'pass'
      },
      at,
      this.calendar
    )
    const year = chinaYear(at)
    report.no = formatReportNo(report.source, year, this.next(reportCounterId(report.source, year)))
    this.live.set(spec.key, { spec, index, report, events: [event], letters: [] })
  }

  private commit(l: Live, w: StepWrite, at: Date): void {
    const m = materialize(w, at)
    l.report = m.report
    l.events.push(m.event)
    if (m.letter && w.letter) {
      const year = chinaYear(at)
      l.letters.push(m.letter(year, this.next(letterCounterId(w.letter.kind, year))))
    }
  }

  private build(l: Live, step: SimStep, as: Role, at: Date): StepOutput {
    const builder = this.builders[step.action] as (l: Live, step: SimStep, as: Role, at: Date) => StepOutput
    return builder(l, step, as, at)
  }

  /** Each action's step, from the seed's terse parameters. */
  private readonly builders: { [K in SimAction['action']]: (l: Live, step: Extract<SimStep, { action: K }>, as: Role, at: Date) => StepOutput } = {
    accept: (_l, step) => acceptStep(step.note ?? null),
    reject: (_l, step) => rejectStep(step.reason),
    markDuplicate: (l, step) => {
      const original = this.live.get(step.original)
      if (!original) throw new Error(`seed ${l.spec.key}: original ${step.original} is not there yet`)
      return markDuplicateStep(original.report)
    },
    dispatch: (l, step, as, at) => {
      const unit = DEMO_UNITS[step.unit]
      const deadline = chinaDay(new Date(at.getTime() + step.deadlineDays * 24 * HOUR))
      return dispatchStep(l.report, { unitId: unit.id, unitName: unit.name, by: demoPerson(step.by).userId, as, rectifyDeadline: deadline, note: step.note ?? null }, at)
    },
    sign: (_l, _step, _as, at) => signStep(at, this.calendar),
    answer: (l, step, _as, at) => {
      const planned = chinaDay(new Date(at.getTime() + step.plannedInDays * 24 * HOUR))
      const deadline = l.report.rectifyDeadline
      return answerStep(l.report, l.letters, { measures: step.measures, plannedDate: deadline && planned > deadline ? deadline : planned }, at)
    },
    return: (_l, step) => returnStep(step.reason),
    rectify: (l, step, _as, at) => rectifyStep(l.report, { photos: [this.photos.after[l.index % this.photos.after.length]], note: step.note, verdict: 'pass' }, at),
    verifyPass: (_l, _step, _as, at) => verifyPassStep(at),
    verifyFail: (_l, step) => verifyFailStep(step.reason),
    rate: (_l, step, _as, at) => rateStep({ value: step.value, comment: step.comment ?? null }, at),
    reopen: (l, step) => reopenStep(l.report, step.reason)
  }

  apply(key: string, step: SimStep, at: Date): void {
    const l = this.live.get(key)
    if (!l) throw new Error(`seed ${key}: not created`)
    const actor = demoPerson(step.by)
    const action: FlowAction = step.action
    const d = decide(toFlow(l.report), action, { userId: actor.userId, grants: actor.grants }, at)
    if (!d.ok) throw new Error(`seed ${key}: ${action} by ${step.by} refused: ${d.message}`)
    const out = this.build(l, step, d.as, at)
    this.commit(l, stepWrite(l.report, { action, to: d.to, as: d.as, by: actor.userId, byName: actor.name }, out, at, this.calendar), at)
  }

  /** The overdue job's reminders that fall before `until`, in time order. */
  remindUntil(until: number): void {
    for (;;) {
      let first: { l: Live; at: number } | null = null
      for (const l of this.live.values()) {
        const at = l.report.remindAt ? new Date(l.report.remindAt).getTime() + JOB_LAG_MS : Infinity
        if (at <= until && (!first || at < first.at)) first = { l, at }
      }
      if (!first) return
      const w = remindWrite(first.l.report, new Date(first.at))
      if (!w) return
      this.commit(first.l, w, new Date(first.at))
    }
  }

  /** The daily counts of the problems written (added to what is there: tests add problems to the demo town's). */
  private writeCounts(all: Live[]): void {
    for (const [id, d] of byMonth(countsOfProblems(all.map((l) => ({ report: l.report, events: l.events }))))) {
      const cells = (this.target.get(C.problem_counts, id)?.cells ?? {}) as Record<string, CellFigures>
      this.target.replace(C.problem_counts, id, { villageId: d.villageId, month: d.month, cells: addCells(cells, d.cells), updatedAt: this.now }, { upsert: true })
    }
  }

  write(): number {
    const all = [...this.live.values()]
    if (all.length === 0) return 0
    this.target.insert(
      C.reports,
      all.map((l) => l.report)
    )
    this.target.insert(
      C.report_events,
      all.flatMap((l) => l.events)
    )
    const letters = all.flatMap((l) => l.letters)
    if (letters.length) this.target.insert(C.letters, letters)
    for (const [id, value] of this.counters) this.target.replace(C.counters, id, { value }, { upsert: true })
    this.writeCounts(all)
    return all.length
  }

  run(specs: SeedSpec[], firstIndex: number): void {
    const now = this.now.getTime()
    const queue: Scheduled[] = []
    specs.forEach((spec, i) => {
      let at = now - spec.hoursAgo * HOUR
      queue.push({ at, spec, index: firstIndex + i, step: null })
      for (const step of spec.steps ?? []) {
        at += step.after * HOUR
        if (at > now) throw new Error(`seed ${spec.key}: a step lies in the future`)
        queue.push({ at, spec, index: firstIndex + i, step })
      }
    })
    queue.sort((a, b) => a.at - b.at)
    for (const item of queue) {
      this.remindUntil(item.at)
      if (item.step) this.apply(item.spec.key, item.step, new Date(item.at))
      else this.create(item.spec, item.index, new Date(item.at))
    }
    this.remindUntil(now)
  }
}

/** Replays `specs` as of `now` and writes reports, events, letters and counters; returns how many reports. */
export function replayReports(target: SeedTarget, specs: SeedSpec[], photos: { before: string[]; after: string[] }, now: Date, firstIndex = 0): number {
  const replay = new Replay(target, photos, now)
  replay.run(specs, firstIndex)
  return replay.write()
}

/* ---------------------------------------------------------------- the demo town's problems */

const D = (days: number) => days * 24

/** Keys used by tests and samples: ds = 东山村, xg = 西岗社区, nh = 南湖村, bl = 北岭村. */
export const DEMO_REPORTS: SeedSpec[] = [
  // ---- closed, weeks ago (the ledger's history)
  {
    key: 'ds-closed-old',
    reporter: 'resident-2',
    village: 0,
    grid: 1,
    category: 'piling',
    description: '村道边长期堆放建筑垃圾和柴草，影响通行',
    address: '东山村二组村道东侧',
    hoursAgo: D(24),
    steps: [
      { after: 3, by: 'grid-dongshan-2', action: 'accept' },
      { after: 2, by: 'village-admin-dongshan', action: 'dispatch', unit: 1, deadlineDays: 5 },
      { after: 4, by: 'unit-chengguan', action: 'sign' },
      { after: 20, by: 'unit-chengguan', action: 'answer', measures: '组织人员清运建筑垃圾，督促农户将柴草移至自家院内', plannedInDays: 3 },
      { after: 50, by: 'unit-chengguan', action: 'rectify', note: '已清运完毕，路面恢复通行' },
      { after: 5, by: 'grid-dongshan-2', action: 'verifyPass' },
      { after: 20, by: 'resident-2', action: 'rate', value: 'satisfied', comment: '处理很及时' }
    ]
  },
  {
    key: 'xg-anonymous-closed',
    reporter: 'resident-3',
    village: 1,
    grid: 0,
    category: 'street_vending',
    description: '早市摊贩占用人行道经营，行人只能走机动车道',
    address: '西岗社区菜场北门人行道',
    hoursAgo: D(20),
    anonymous: true,
    steps: [
      { after: 2, by: 'grid-xigang-1', action: 'accept' },
      { after: 3, by: 'town-admin', action: 'dispatch', unit: 0, deadlineDays: 7, note: '请联合市场监管所处理' },
      { after: 2, by: 'unit-zhifa', action: 'sign' },
      { after: 24, by: 'unit-zhifa', action: 'answer', measures: '划定临时疏导点，早市摊贩统一入场经营，安排队员早间巡查', plannedInDays: 5 },
      { after: 96, by: 'unit-zhifa', action: 'rectify', note: '摊贩已全部入疏导点，人行道畅通' },
      { after: 6, by: 'town-admin', action: 'verifyPass' },
      { after: 30, by: 'resident-3', action: 'rate', value: 'basically' }
    ]
  },
  {
    key: 'nh-reopened',
    reporter: 'resident-4',
    village: 2,
    grid: 1,
    category: 'public_facility',
    description: '南湖下片健身广场两台健身器材损坏，有安全隐患',
    address: '南湖村健身广场',
    hoursAgo: D(18),
    steps: [
      { after: 4, by: 'village-admin-nanhu', action: 'accept', note: '已现场核实' },
      { after: 3, by: 'village-admin-nanhu', action: 'dispatch', unit: 2, deadlineDays: 7 },
      { after: 3, by: 'unit-huanwei', action: 'return', reason: '健身器材维修不属环卫所职责' },
      { after: 2, by: 'town-admin', action: 'dispatch', unit: 1, deadlineDays: 7, note: '请镇城管办联系厂家维修' },
      { after: 3, by: 'unit-chengguan', action: 'sign' },
      { after: 8, by: 'unit-chengguan', action: 'answer', measures: '联系厂家更换损坏部件', plannedInDays: 5 },
      { after: 90, by: 'unit-chengguan', action: 'rectify', note: '两台器材已更换' },
      { after: 5, by: 'village-admin-nanhu', action: 'verifyPass' },
      { after: 48, by: 'resident-4', action: 'reopen', reason: '其中一台器材又松动了，请再检查' }
    ]
  },
  // ---- in progress
  {
    key: 'ds-submitted',
    reporter: 'resident-2',
    village: 0,
    grid: 0,
    category: 'litter',
    description: '垃圾收集点周围散落生活垃圾，无人清理',
    address: '东山村一组垃圾收集点',
    hoursAgo: 2
  },
  {
    key: 'ds-submitted-2',
    reporter: 'volunteer-1',
    village: 0,
    grid: 0,
    category: 'graffiti',
    description: '村委会门口电线杆上贴满小广告',
    address: '东山村村委会门口',
    hoursAgo: 1
  },
  {
    key: 'xg-submitted',
    reporter: 'resident-3',
    village: 1,
    grid: 0,
    category: 'parking',
    description: '小区消防通道口经常有车辆乱停',
    address: '西岗社区幸福小区 3 幢东侧',
    hoursAgo: 3
  },
  {
    key: 'ds-accepted',
    reporter: 'resident-1',
    village: 0,
    grid: 0,
    category: 'greenery',
    description: '有人在绿化带里种菜，踩坏了草坪',
    address: '东山村文化礼堂东侧绿化带',
    hoursAgo: 5,
    steps: [{ after: 1, by: 'grid-dongshan-1', action: 'accept', note: '已现场核实，属实' }]
  },
  {
    key: 'xg-accepted',
    reporter: 'volunteer-2',
    village: 1,
    grid: 1,
    category: 'notice_board',
    description: '社区宣传栏玻璃破碎，内容褪色',
    address: '西岗社区服务中心门口',
    hoursAgo: 6,
    steps: [{ after: 2, by: 'village-admin-xigang', action: 'accept' }]
  },
  {
    key: 'ds-dispatched',
    reporter: 'resident-2',
    village: 0,
    grid: 0,
    category: 'fire_lane',
    description: '村民在消防通道上堆放杂物',
    address: '东山村一组 18 号旁消防通道',
    hoursAgo: 4,
    steps: [
      { after: 1, by: 'grid-dongshan-1', action: 'accept' },
      { after: 1, by: 'village-admin-dongshan', action: 'dispatch', unit: 0, deadlineDays: 7, note: '请尽快清理，保障消防通道畅通' }
    ]
  },
  {
    key: 'xg-dispatched',
    reporter: 'volunteer-2',
    village: 1,
    grid: 1,
    category: 'toilet',
    description: '公厕地面脏、异味大',
    address: '西岗社区公园公厕',
    hoursAgo: 5,
    steps: [
      { after: 1, by: 'village-admin-xigang', action: 'accept' },
      { after: 1, by: 'village-admin-xigang', action: 'dispatch', unit: 2, deadlineDays: 5 }
    ]
  },
  {
    key: 'ds-signed',
    reporter: 'resident-2',
    village: 0,
    grid: 1,
    category: 'street_vending',
    description: '流动摊贩在路口占道卖水果',
    address: '东山村二组路口',
    hoursAgo: 6,
    steps: [
      { after: 1, by: 'grid-dongshan-2', action: 'accept' },
      { after: 1, by: 'town-admin', action: 'dispatch', unit: 0, deadlineDays: 10 },
      { after: 1, by: 'unit-zhifa', action: 'sign' }
    ]
  },
  {
    key: 'ds-answered',
    reporter: 'resident-1',
    village: 0,
    grid: 0,
    category: 'illegal_building',
    description: '村民在自家门前搭建铁皮棚',
    address: '东山村一组 6 号门前',
    hoursAgo: 30,
    steps: [
      { after: 1, by: 'grid-dongshan-1', action: 'accept' },
      { after: 1, by: 'village-admin-dongshan', action: 'dispatch', unit: 0, deadlineDays: 14 },
      { after: 2, by: 'unit-zhifa', action: 'sign' },
      { after: 5, by: 'unit-zhifa', action: 'answer', measures: '已下达限期拆除通知书，督促当事人自行拆除', plannedInDays: 7 }
    ]
  },
  {
    key: 'ds-rectified',
    reporter: 'resident-2',
    village: 0,
    grid: 0,
    category: 'litter',
    description: '河边有人倾倒生活垃圾',
    address: '东山村一组河埠头',
    hoursAgo: 40,
    steps: [
      { after: 1, by: 'grid-dongshan-1', action: 'accept' },
      { after: 1, by: 'village-admin-dongshan', action: 'dispatch', unit: 0, deadlineDays: 5 },
      { after: 1, by: 'unit-zhifa', action: 'sign' },
      { after: 3, by: 'unit-zhifa', action: 'answer', measures: '清理河岸垃圾，设置禁止倾倒警示牌', plannedInDays: 2 },
      { after: 30, by: 'unit-zhifa', action: 'rectify', note: '垃圾已清理，警示牌已设置' }
    ]
  },
  {
    key: 'xg-rectified',
    reporter: 'resident-3',
    village: 1,
    grid: 0,
    category: 'piling',
    description: '楼道里堆放纸箱杂物',
    address: '西岗社区幸福小区 5 幢 2 单元',
    hoursAgo: 50,
    steps: [
      { after: 2, by: 'grid-xigang-1', action: 'accept' },
      { after: 2, by: 'village-admin-xigang', action: 'dispatch', unit: 1, deadlineDays: 6 },
      { after: 2, by: 'unit-chengguan', action: 'sign' },
      { after: 6, by: 'unit-chengguan', action: 'answer', measures: '通知住户限期清理，物业协助清运', plannedInDays: 3 },
      { after: 30, by: 'unit-chengguan', action: 'rectify', note: '楼道杂物已清空' }
    ]
  },
  {
    key: 'ds-closed',
    reporter: 'resident-1',
    village: 0,
    grid: 0,
    category: 'public_facility',
    description: '路灯坏了好几天，晚上很黑',
    address: '东山村一组主路',
    hoursAgo: D(6),
    steps: [
      { after: 1, by: 'grid-dongshan-1', action: 'accept' },
      { after: 1, by: 'town-admin', action: 'dispatch', unit: 0, deadlineDays: 4, note: '请协调镇供电所' },
      { after: 2, by: 'unit-zhifa', action: 'sign' },
      { after: 6, by: 'unit-zhifa', action: 'answer', measures: '联系供电所更换灯泡和线路', plannedInDays: 2 },
      { after: 40, by: 'unit-zhifa', action: 'rectify', note: '路灯已修复，夜间照明正常' },
      { after: 6, by: 'grid-dongshan-1', action: 'verifyPass' }
    ]
  },
  {
    key: 'nh-rejected',
    reporter: 'resident-4',
    village: 2,
    grid: 1,
    category: 'other',
    description: '邻居家的狗晚上一直叫',
    address: '南湖村下片',
    hoursAgo: 30,
    steps: [{ after: 3, by: 'village-admin-nanhu', action: 'reject', reason: '属邻里纠纷，已转村调解委员会处理' }]
  },
  {
    key: 'ds-duplicate',
    reporter: 'volunteer-1',
    village: 0,
    grid: 0,
    category: 'greenery',
    description: '绿化带被人开垦种菜',
    address: '东山村文化礼堂旁',
    hoursAgo: 4,
    steps: [{ after: 1, by: 'grid-dongshan-1', action: 'markDuplicate', original: 'ds-accepted' }]
  },
  {
    key: 'xg-returned',
    reporter: 'resident-3',
    village: 1,
    grid: 1,
    category: 'parking',
    description: '共享单车堆满人行道',
    address: '西岗社区地铁口',
    hoursAgo: 8,
    steps: [
      { after: 1, by: 'village-admin-xigang', action: 'accept' },
      { after: 1, by: 'village-admin-xigang', action: 'dispatch', unit: 2, deadlineDays: 3 },
      { after: 2, by: 'unit-huanwei', action: 'return', reason: '共享单车管理不属环卫所职责，建议派交警中队' }
    ]
  },
  // ---- late: the overdue job has issued 工作提示函
  {
    key: 'nh-overdue-answer',
    reporter: 'resident-4',
    village: 2,
    grid: 0,
    category: 'toilet',
    description: '村公厕长期无人保洁',
    address: '南湖村上片公厕',
    hoursAgo: D(9),
    steps: [
      { after: 2, by: 'grid-nanhu-1', action: 'accept' },
      { after: 2, by: 'village-admin-nanhu', action: 'dispatch', unit: 2, deadlineDays: 12 },
      { after: 3, by: 'unit-huanwei', action: 'sign' }
    ]
  },
  {
    key: 'bl-overdue-rectify',
    reporter: 'resident-5',
    village: 3,
    grid: 0,
    category: 'culture_venue',
    description: '村文化活动室被用来堆放农资',
    address: '北岭村文化活动室',
    hoursAgo: D(12),
    steps: [
      { after: 3, by: 'village-admin-beiling', action: 'accept' },
      { after: 2, by: 'town-admin', action: 'dispatch', unit: 1, deadlineDays: 5 },
      { after: 2, by: 'unit-chengguan', action: 'sign' },
      { after: 20, by: 'unit-chengguan', action: 'answer', measures: '通知村委清理活动室，农资另行安排存放', plannedInDays: 4 }
    ]
  },
  {
    key: 'ds-submitted-old',
    reporter: 'volunteer-1',
    village: 0,
    grid: 2,
    category: 'spitting',
    description: '公交站台附近随地吐痰现象严重',
    address: '东山村三组公交站',
    hoursAgo: D(5)
  },
  // ---- 督导 (inspection) and rework
  {
    key: 'ds-inspection',
    reporter: 'grid-dongshan-1',
    village: 0,
    grid: 0,
    category: 'notice_board',
    description: '巡查发现村口宣传栏破损，公益广告缺失',
    address: '东山村村口',
    hoursAgo: 28,
    inspection: true,
    steps: [
      { after: 1, by: 'village-admin-dongshan', action: 'accept' },
      { after: 1, by: 'village-admin-dongshan', action: 'dispatch', unit: 1, deadlineDays: 10 },
      { after: 2, by: 'unit-chengguan', action: 'sign' },
      { after: 4, by: 'unit-chengguan', action: 'answer', measures: '更换宣传栏玻璃，补齐公益广告', plannedInDays: 5 }
    ]
  },
  {
    key: 'xg-rework',
    reporter: 'volunteer-2',
    village: 1,
    grid: 0,
    category: 'litter',
    description: '小区垃圾桶满溢，周边有暴露垃圾',
    address: '西岗社区幸福小区南门',
    hoursAgo: 60,
    steps: [
      { after: 1, by: 'grid-xigang-1', action: 'accept' },
      { after: 1, by: 'village-admin-xigang', action: 'dispatch', unit: 2, deadlineDays: 6 },
      { after: 1, by: 'unit-huanwei', action: 'sign' },
      { after: 3, by: 'unit-huanwei', action: 'answer', measures: '增加清运频次至每日两次', plannedInDays: 2 },
      { after: 20, by: 'unit-huanwei', action: 'rectify', note: '已清运' },
      { after: 3, by: 'grid-xigang-1', action: 'verifyFail', reason: '复查时南门仍有暴露垃圾，请加强清运' }
    ]
  }
]

/** Seeds the demo problems once (photos through the local cloud's storage); returns how many were written. */
export async function seedDemoReports(target: SeedTarget & { count(collection: string, filter: object): number }, upload: Uploader, now = new Date()): Promise<number> {
  if (target.count(C.reports, {}) > 0) return 0
  const photos = await uploadDemoPhotos(upload)
  return replayReports(target, DEMO_REPORTS, photos, now)
}
