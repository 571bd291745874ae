/**
 * 数据看板: the figures of a town, a village or a unit for a period, from what the functions keep
 * counted — the daily counts of the problem loop (problem_counts cells), 在办/超期 now (grouped
 * counts of the open problems), the patrols' daily counts and the 信息 half-month counts. Pure and
 * platform-free: the handler reads those few documents (never the problems or their events) and
 * this module adds them up, so a view costs the same whatever the history.
 */
import { chinaDay, fromChinaDay } from './china-time'
import { addFigures, indicatorsOf, INDICATOR_DEFINITIONS, inPeriod, weekOf, zeroFigures, type Figures, type Gauges, type Indicators, type Period, type ProblemDims } from './indicators'
import { DEFAULT_SCHEME, peerOfPlace, rankPeers, scorePlace, type PeerGroup, type RankEntry, type ScoringScheme } from './ranking'

/* ---------------------------------------------------------------- inputs */

/** One cell of the daily counts (as readCounts gives them). */
export type CountCell = ProblemDims & { day: string } & Partial<Figures>

/** Open problems now, by village × unit × grid × category and whether overdue (one group of the gauges read). */
export interface GaugeCell {
  villageId: string
  unitId: string | null
  gridId: string | null
  category: string
  overdue: boolean
  n: number
}

/** A village's patrol counts of one day (supervision_counts). */
export interface PatrolDay {
  villageId: string
  date: string
  scheduled: number
  done: number
  findings: number
  deductions: number
}

/** A village's 信息 counts of one half month (info_counts). */
export interface InfoHalf {
  villageId: string
  /** YYYY-MM-1 / YYYY-MM-2 */
  half: string
  submitted: number
  adopted: number
}

/** A village's 走访 counts of one month (visit_counts). */
export interface VisitMonth {
  villageId: string
  month: string
  visits: number
  visited: number
}

export type DashboardScope = { kind: 'town' } | { kind: 'village'; villageId: string } | { kind: 'unit'; unitId: string }

export interface Named {
  id: string
  name: string
}

export interface DashboardSource {
  now: Date
  period: Period
  scope: DashboardScope
  /** Cells covering at least the period, this week and the trend's weeks (other days are ignored). */
  cells: readonly CountCell[]
  gauges: readonly GaugeCell[]
  villages: readonly Named[]
  /** The grids of the village (village scope). */
  grids: readonly Named[]
  units: readonly Named[]
  categories: readonly { code: string; name: string }[]
  patrols: readonly PatrolDay[]
  info: readonly InfoHalf[]
  visits: readonly VisitMonth[]
  scheme?: ScoringScheme
  /** Weeks in the trend chart (this week and the ones before it). */
  trendWeeks?: number
}

/* ---------------------------------------------------------------- outputs */

export type CardKey = 'createdToday' | 'closedToday' | 'createdWeek' | 'closedWeek' | 'overdue' | 'open'

export interface DashboardCard {
  key: CardKey
  label: string
  value: number
  /** YYYY-MM-DD span the number counts over (null for states now: 超期, 在办). */
  from: string | null
  to: string | null
}

export interface TrendWeek {
  /** Monday, YYYY-MM-DD */
  first: string
  last: string
  label: string
  created: number
  closed: number
  /** Problems whose 整改期限 fell in the week and were not closed on time (到期未按期办结), suspended ones left out. */
  lapsed: number
}

export interface CategoryRow {
  code: string
  name: string
  created: number
  closed: number
  open: number
  overdue: number
}

export interface SupervisionFigures {
  patrolsScheduled: number
  patrolsDone: number
  findings: number
  deductions: number
  infoSubmitted: number
  infoAdopted: number
  visits: number
  householdsVisited: number
}

export interface DashboardRow {
  id: string
  name: string
  /** 村 / 社区 / 责任单位 / 网格 */
  peerLabel: string
  indicators: Indicators
  score: number | null
  rank: number | null
  rankLabel: string
  formula: string
  /** Villages only (patrols, 信息, 走访 are kept per village). */
  supervision: SupervisionFigures | null
}

export interface DashboardFigures {
  scope: DashboardScope
  scopeName: string
  period: Period
  /** When the states (在办, 超期) were counted. */
  asOf: string
  cards: DashboardCard[]
  totals: Indicators
  supervision: SupervisionFigures | null
  trend: TrendWeek[]
  categories: CategoryRow[]
  /** Town: the villages; village: its grids; unit: the villages its problems are in. */
  places: DashboardRow[]
  placesTitle: string
  /** The units (town, village: the units its problems went to; unit: itself). */
  units: DashboardRow[]
  minVolume: number
}

export const TREND_WEEKS = 12

/** What the cards, the trend and the supervision columns mean (ⓘ), beside INDICATOR_DEFINITIONS. */
export const DASHBOARD_NOTES = {
  createdToday: '今天（北京时间）提交的问题数，含不予受理和重复问题。',
  closedToday: '今天验收通过、予以销号且目前仍为已销号的问题数。',
  createdWeek: '本周一至今天提交的问题数。',
  closedWeek: '本周一至今天销号且目前仍为已销号的问题数。',
  lapsed: '整改期限在该周、至今未按期办结的问题数（期内到期数 − 挂起数 − 按期办结数）。',
  score:
    '综合得分按镇创建办的评分办法（默认：按期办结率 40、结案率 20、满意率 20、返工率 10、平均处置时长 10，超期每件扣 2 分、最多扣 20 分）；比率取威尔逊区间（z = 1.96）的保守一端，平均处置时长取向全镇均值收缩的贝叶斯平均。问题数少于最低数量的显示「数据不足」，不排名；村、社区、责任单位分开排名，问题少不加分。',
  patrols: '巡查：统计期内已完成的巡查次数 / 应巡次数；发现问题和扣分为已提交巡查的合计。',
  info: '信息报送：与统计期有交叠的半月内本村（居）报送（不含撤回）和被采用的条数。',
  visits: '走访：与统计期有交叠的月份内的走访次数和走访到的户数。'
} as const

/* ---------------------------------------------------------------- helpers */

const plus = (a: Gauges, b: Gauges): Gauges => ({ open: a.open + b.open, overdue: a.overdue + b.overdue })

function bucket<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const cur = map.get(key)
  if (cur !== undefined) return cur
  const v = make()
  map.set(key, v)
  return v
}

/** The cells and gauges of the scope (a unit's own problems; a village's; the town's all). */
function inScope(scope: DashboardScope, d: { villageId: string; unitId: string | null }): boolean {
  if (scope.kind === 'village') return d.villageId === scope.villageId
  if (scope.kind === 'unit') return d.unitId === scope.unitId
  return true
}

function sumFigures(cells: readonly CountCell[], first: string, last: string, key: (c: CountCell) => string): Map<string, Figures> {
  const out = new Map<string, Figures>()
  for (const c of cells) if (c.day >= first && c.day <= last) addFigures(bucket(out, key(c), zeroFigures), c)
  return out
}

function sumGauges(gauges: readonly GaugeCell[], key: (g: GaugeCell) => string): Map<string, Gauges> {
  const out = new Map<string, Gauges>()
  for (const g of gauges) {
    const cur = bucket(out, key(g), () => ({ open: 0, overdue: 0 }))
    cur.open += g.n
    if (g.overdue) cur.overdue += g.n
  }
  return out
}

const created = (f: Figures) => f.createdResident + f.createdInspection

function dayLabel(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}/${d}`
}

/** The trend's weeks, oldest first, ending with the week of `now`. */
export function trendWeeks(now: Date, weeks = TREND_WEEKS): Array<{ first: string; last: string; label: string }> {
  const out: Array<{ first: string; last: string; label: string }> = []
  const thisWeek = weekOf(now)
  const monday = fromChinaDay(thisWeek.first) ?? now
  for (let i = weeks - 1; i >= 0; i--) {
    const w = weekOf(new Date(monday.getTime() - i * 7 * 24 * 3600 * 1000 + 12 * 3600 * 1000))
    out.push({ first: w.first, last: w.last, label: dayLabel(w.first) })
  }
  return out
}

/** The days the dashboard needs counted: the period, this week and the trend's weeks. */
export function daysNeeded(now: Date, period: Period, weeks = TREND_WEEKS): { first: string; last: string } {
  const trend = trendWeeks(now, weeks)
  const today = chinaDay(now)
  const first = [period.first, trend[0].first].sort()[0]
  const last = [period.last, today].sort()[1]
  return { first, last }
}

/* ---------------------------------------------------------------- supervision */

const zeroSupervision = (): SupervisionFigures => ({ patrolsScheduled: 0, patrolsDone: 0, findings: 0, deductions: 0, infoSubmitted: 0, infoAdopted: 0, visits: 0, householdsVisited: 0 })

/** A half month (YYYY-MM-1/2) overlaps the period. */
function halfOverlaps(half: string, period: Period): boolean {
  const month = half.slice(0, 7)
  const first = half.endsWith('-1') ? `${month}-01` : `${month}-16`
  const last = half.endsWith('-1') ? `${month}-15` : `${month}-31`
  return first <= period.last && last >= period.first
}

const monthOverlaps = (month: string, period: Period) => `${month}-01` <= period.last && `${month}-31` >= period.first

/** Per village: patrols within the period, 信息 and 走访 of the half months / months overlapping it. */
export function supervisionBy(src: Pick<DashboardSource, 'patrols' | 'info' | 'visits' | 'period'>): Map<string, SupervisionFigures> {
  const out = new Map<string, SupervisionFigures>()
  for (const p of src.patrols) {
    if (!inPeriod(p.date, src.period)) continue
    const s = bucket(out, p.villageId, zeroSupervision)
    s.patrolsScheduled += p.scheduled
    s.patrolsDone += p.done
    s.findings += p.findings
    s.deductions += p.deductions
  }
  for (const i of src.info) {
    if (!halfOverlaps(i.half, src.period)) continue
    const s = bucket(out, i.villageId, zeroSupervision)
    s.infoSubmitted += i.submitted
    s.infoAdopted += i.adopted
  }
  for (const v of src.visits) {
    if (!monthOverlaps(v.month, src.period)) continue
    const s = bucket(out, v.villageId, zeroSupervision)
    s.visits += v.visits
    s.householdsVisited += v.visited
  }
  return out
}

function addSupervision(into: SupervisionFigures, more: SupervisionFigures): SupervisionFigures {
  for (const k of Object.keys(into) as Array<keyof SupervisionFigures>) into[k] += more[k]
  return into
}

/* ---------------------------------------------------------------- tables */

const UNIT_PEER: PeerGroup = 'unit'

interface TableIn {
  names: readonly Named[]
  figures: Map<string, Figures>
  gauges: Map<string, Gauges>
  town: Indicators
  scheme: ScoringScheme
  peerOf: (name: string) => PeerGroup
  peerLabel: (peer: PeerGroup) => string
  supervision: Map<string, SupervisionFigures> | null
  /** Also list groups with no name (a place renamed away, '' = none) when they have figures. */
  extraLabel?: string
}

/** Rows with indicators, score and rank (each peer group apart), in the order of `names`. */
export function tableOf(t: TableIn): DashboardRow[] {
  const entries: Array<RankEntry & { indicators: Indicators }> = t.names.map((n) => {
    const indicators = indicatorsOf(t.figures.get(n.id) ?? zeroFigures(), t.gauges.get(n.id))
    return { id: n.id, name: n.name, peer: t.peerOf(n.name), score: scorePlace(indicators, t.town, t.scheme), indicators }
  })
  const ranked = rankPeers(entries)
  const byId = new Map(Object.values(ranked).flatMap((list) => list.map((r) => [r.id, r] as const)))
  return entries.map((e) => {
    const r = byId.get(e.id)
    return {
      id: e.id,
      name: e.name,
      peerLabel: t.peerLabel(e.peer),
      indicators: e.indicators,
      score: e.score.score,
      rank: r?.rank ?? null,
      rankLabel: r?.rankLabel ?? '数据不足',
      formula: e.score.formula,
      supervision: t.supervision ? (t.supervision.get(e.id) ?? zeroSupervision()) : null
    }
  })
}

const PLACE_LABELS: Record<PeerGroup, string> = { village: '村', community: '社区', unit: '责任单位' }

/* ---------------------------------------------------------------- the dashboard */

function cardsOf(src: DashboardSource, cells: readonly CountCell[], now: Gauges): DashboardCard[] {
  const today = chinaDay(src.now)
  const monday = weekOf(src.now).first
  const sum = (first: string, last: string) => sumFigures(cells, first, last, () => 'all').get('all') ?? zeroFigures()
  const day = sum(today, today)
  const week = sum(monday, today)
  return [
    { key: 'createdToday', label: '今日新增', value: created(day), from: today, to: today },
    { key: 'closedToday', label: '今日销号', value: day.closed, from: today, to: today },
    { key: 'createdWeek', label: '本周新增', value: created(week), from: monday, to: today },
    { key: 'closedWeek', label: '本周销号', value: week.closed, from: monday, to: today },
    { key: 'overdue', label: '超期', value: now.overdue, from: null, to: null },
    { key: 'open', label: '在办', value: now.open, from: null, to: null }
  ]
}

function trendOf(src: DashboardSource, cells: readonly CountCell[]): TrendWeek[] {
  const weeks = trendWeeks(src.now, src.trendWeeks ?? TREND_WEEKS)
  // one pass over the cells: each day falls in at most one week (weeks are in order, so the last Monday on or before it)
  const sums = weeks.map(() => zeroFigures())
  for (const c of cells) {
    if (c.day < weeks[0].first || c.day > weeks[weeks.length - 1].last) continue
    let i = weeks.length - 1
    while (i > 0 && weeks[i].first > c.day) i--
    addFigures(sums[i], c)
  }
  return weeks.map((w, i) => {
    const f = sums[i]
    return { ...w, created: created(f), closed: f.closed, lapsed: Math.max(0, f.due - f.suspended - f.closedOnTime) }
  })
}

function categoriesOf(src: DashboardSource, cells: readonly CountCell[], gauges: readonly GaugeCell[]): CategoryRow[] {
  const figures = sumFigures(cells, src.period.first, src.period.last, (c) => c.category)
  const now = sumGauges(gauges, (g) => g.category)
  const names = new Map(src.categories.map((c) => [c.code, c.name]))
  const codes = new Set([...figures.keys(), ...now.keys()])
  return [...codes]
    .map((code) => {
      const f = figures.get(code) ?? zeroFigures()
      const g = now.get(code) ?? { open: 0, overdue: 0 }
      return { code, name: names.get(code) ?? code, created: created(f), closed: f.closed, open: g.open, overdue: g.overdue }
    })
    .filter((r) => r.created + r.closed + r.open > 0)
    .sort((a, b) => b.created - a.created || b.open - a.open || a.name.localeCompare(b.name, 'zh'))
}

/** Names in the list, then any group with figures the list lacks (a unit removed since), '' left out. */
function withStray(names: readonly Named[], keys: Iterable<string>, label: string): Named[] {
  const known = new Set(names.map((n) => n.id))
  const stray = [...new Set(keys)].filter((k) => k !== '' && !known.has(k)).map((id) => ({ id, name: `${label}（${id}）` }))
  return [...names, ...stray]
}

function scopeNameOf(src: DashboardSource): string {
  if (src.scope.kind === 'village') {
    const id = src.scope.villageId
    return src.villages.find((v) => v.id === id)?.name ?? '本村（居）'
  }
  if (src.scope.kind === 'unit') {
    const id = src.scope.unitId
    return src.units.find((u) => u.id === id)?.name ?? '本单位'
  }
  return '全镇'
}

function placesOf(
  src: DashboardSource,
  cells: readonly CountCell[],
  gauges: readonly GaugeCell[],
  town: Indicators,
  scheme: ScoringScheme,
  sup: Map<string, SupervisionFigures>
): { title: string; rows: DashboardRow[] } {
  const p = src.period
  if (src.scope.kind === 'village') {
    const figures = sumFigures(cells, p.first, p.last, (c) => c.gridId ?? '')
    const now = sumGauges(gauges, (g) => g.gridId ?? '')
    const names = withStray(src.grids, [...figures.keys(), ...now.keys()], '网格')
    return { title: '网格', rows: tableOf({ names, figures, gauges: now, town, scheme, peerOf: () => 'village', peerLabel: () => '网格', supervision: null }) }
  }
  const figures = sumFigures(cells, p.first, p.last, (c) => c.villageId)
  const now = sumGauges(gauges, (g) => g.villageId)
  const keys = [...figures.keys(), ...now.keys()]
  const listed = src.scope.kind === 'unit' ? src.villages.filter((v) => keys.includes(v.id)) : src.villages
  const names = withStray(listed, keys, '村（居）')
  const supervision = src.scope.kind === 'town' ? sup : null
  return { title: '村（居）', rows: tableOf({ names, figures, gauges: now, town, scheme, peerOf: peerOfPlace, peerLabel: (peer) => PLACE_LABELS[peer], supervision }) }
}

function unitsOf(src: DashboardSource, cells: readonly CountCell[], gauges: readonly GaugeCell[], town: Indicators, scheme: ScoringScheme): DashboardRow[] {
  const p = src.period
  const figures = sumFigures(cells, p.first, p.last, (c) => c.unitId ?? '')
  const now = sumGauges(gauges, (g) => g.unitId ?? '')
  const keys = [...figures.keys(), ...now.keys()]
  const listed = src.scope.kind === 'town' ? src.units : src.units.filter((u) => keys.includes(u.id))
  const names = withStray(listed, keys, '责任单位')
  return tableOf({ names, figures, gauges: now, town, scheme, peerOf: () => UNIT_PEER, peerLabel: () => PLACE_LABELS.unit, supervision: null })
}

/** The whole dashboard of a scope and period. */
export function buildDashboard(src: DashboardSource): DashboardFigures {
  const scheme = src.scheme ?? DEFAULT_SCHEME
  const cells = src.cells.filter((c) => inScope(src.scope, c))
  const gauges = src.gauges.filter((g) => inScope(src.scope, g))
  const nowTotal = gauges.reduce((g, c) => plus(g, { open: c.n, overdue: c.overdue ? c.n : 0 }), { open: 0, overdue: 0 })
  const periodFigures = sumFigures(cells, src.period.first, src.period.last, () => 'all').get('all') ?? zeroFigures()
  const totals = indicatorsOf(periodFigures, nowTotal)
  const sup = supervisionBy(src)
  const villageSup = src.scope.kind === 'village' ? (sup.get(src.scope.villageId) ?? zeroSupervision()) : null
  const townSup = src.scope.kind === 'town' ? [...sup.values()].reduce(addSupervision, zeroSupervision()) : villageSup
  const places = placesOf(src, cells, gauges, totals, scheme, sup)
  return {
    scope: src.scope,
    scopeName: scopeNameOf(src),
    period: src.period,
    asOf: src.now.toISOString(),
    cards: cardsOf(src, cells, nowTotal),
    totals,
    supervision: townSup,
    trend: trendOf(src, cells),
    categories: categoriesOf(src, cells, gauges),
    places: places.rows,
    placesTitle: places.title,
    units: unitsOf(src, cells, gauges, totals, scheme),
    minVolume: scheme.minVolume
  }
}

/** Every ⓘ text of the dashboard: the indicators' definitions and the dashboard's own notes. */
export function dashboardDefinitions(): Record<string, { label: string; definition: string }> {
  const out: Record<string, { label: string; definition: string }> = {}
  for (const [k, d] of Object.entries(INDICATOR_DEFINITIONS)) out[k] = { label: d.label, definition: d.definition }
  const labels: Record<keyof typeof DASHBOARD_NOTES, string> = {
    createdToday: '今日新增',
    closedToday: '今日销号',
    createdWeek: '本周新增',
    closedWeek: '本周销号',
    lapsed: '到期未按期办结',
    score: '综合得分与排名',
    patrols: '巡查',
    info: '信息报送',
    visits: '走访'
  }
  for (const [k, text] of Object.entries(DASHBOARD_NOTES)) out[k] = { label: labels[k as keyof typeof DASHBOARD_NOTES], definition: text }
  return out
}
