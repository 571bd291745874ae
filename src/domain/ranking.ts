/**
 * Fair rankings (红黑榜, 流动红旗). Raw rates mislead when volumes differ tenfold — one fixed report is
 * "100 %" — so a rate counts by its Wilson bound (z = 1.96: the lower bound when higher is better, the
 * upper bound when lower is better) and an average by a Bayesian average pulled toward the town's
 * mean; below a minimum volume a place shows 数据不足 instead of a place; villages, communities and
 * units are ranked apart. A low number of reports is never a merit: fewer reports only ever widen
 * the bounds against the place. Pure; every score carries its inputs and formula text.
 */
import { INDICATOR_DEFINITIONS, type Indicators, type Ratio } from './indicators'

export const WILSON_Z = 1.96
export const DEFAULT_MIN_VOLUME = 5

/** Wilson score interval of `successes` out of `n` (null when n = 0). */
export function wilsonInterval(successes: number, n: number, z = WILSON_Z): { lower: number; upper: number } | null {
  if (!(n > 0)) return null
  const p = Math.min(1, Math.max(0, successes / n))
  const z2 = z * z
  const centre = p + z2 / (2 * n)
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  const denom = 1 + z2 / n
  return { lower: Math.max(0, (centre - spread) / denom), upper: Math.min(1, (centre + spread) / denom) }
}

export const wilsonLower = (successes: number, n: number, z = WILSON_Z): number | null => wilsonInterval(successes, n, z)?.lower ?? null
export const wilsonUpper = (successes: number, n: number, z = WILSON_Z): number | null => wilsonInterval(successes, n, z)?.upper ?? null

/** (priorWeight × prior mean + sum) ÷ (priorWeight + count): few observations stay near the town's mean. */
export function bayesianAverage(sum: number, count: number, priorMean: number, priorWeight: number): number {
  if (priorWeight + count <= 0) return priorMean
  return (priorWeight * priorMean + sum) / (priorWeight + count)
}

/* ---------------------------------------------------------------- peer groups */

export type PeerGroup = 'village' | 'community' | 'unit'
export const PEER_LABELS: Record<PeerGroup, string> = { village: '村', community: '社区', unit: '责任单位' }

/** 村 or 社区 from the place's name (villages carry no kind yet: a name ending in 社区 is a community). */
export function peerOfPlace(name: string): Exclude<PeerGroup, 'unit'> {
  return /社区$/.test(name.trim()) ? 'community' : 'village'
}

/* ---------------------------------------------------------------- scoring scheme */

export type ScoredRate = 'onTimeRate' | 'closureRate' | 'reworkRate' | 'reopenRate' | 'satisfactionRate'

export type ScoreItem =
  | { indicator: ScoredRate; weight: number }
  /** An average: its Bayesian average scores 1 at 0 days and 0 at `worst` days or more. */
  | { indicator: 'avgHandlingDays'; weight: number; worst: number }

export interface Deduction {
  indicator: 'overdue'
  /** Points per problem. */
  points: number
  /** At most this many points in all. */
  max: number
}

/** Kept by the town office; every stored score names the version it was computed with. */
export interface ScoringScheme {
  version: number
  name: string
  /** YYYY-MM-DD (China) from which it applies. */
  effectiveFrom: string
  /** Below this many problems in the period: 数据不足, no score, no place. */
  minVolume: number
  z: number
  /** Weight of the town's mean in a Bayesian average (as if this many problems at the mean). */
  priorWeight: number
  items: ScoreItem[]
  deductions: Deduction[]
}

/**
 * The defaults (README 指标口径): 按期办结率 40, 结案率 20, 满意率 20, 返工率 10, 平均处置时长 10
 * (0 分 at 10 working days); 超期 −2 per problem, at most −20; 数据不足 below 5 problems.
 */
export const DEFAULT_SCHEME: ScoringScheme = {
  version: 1,
  name: '默认评分办法',
  effectiveFrom: '2026-01-01',
  minVolume: DEFAULT_MIN_VOLUME,
  z: WILSON_Z,
  priorWeight: DEFAULT_MIN_VOLUME,
  items: [
    { indicator: 'onTimeRate', weight: 40 },
    { indicator: 'closureRate', weight: 20 },
    { indicator: 'satisfactionRate', weight: 20 },
    { indicator: 'reworkRate', weight: 10 },
    { indicator: 'avgHandlingDays', weight: 10, worst: 10 }
  ],
  deductions: [{ indicator: 'overdue', points: 2, max: 20 }]
}

export interface ScoreInput {
  indicator: ScoreItem['indicator']
  label: string
  weight: number
  /** The place's own figure. */
  raw: Ratio
  /** How it was adjusted for volume. */
  method: string
  /** 0…1 after adjustment (1 = best); null = no data in the period, left out (weights re-shared). */
  adjusted: number | null
}

export interface Score {
  /** 0…100 (two decimals); null when 数据不足. */
  score: number | null
  insufficient: boolean
  volume: number
  inputs: ScoreInput[]
  deductions: Array<{ indicator: Deduction['indicator']; label: string; count: number; points: number }>
  /** The whole computation in words and numbers, stored with the score so a village can check it. */
  formula: string
  scheme: { version: number; name: string }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
const fmt = (x: number) => String(round(x, 4))

function adjust(item: ScoreItem, own: Indicators, town: Indicators, s: ScoringScheme): ScoreInput {
  const label = INDICATOR_DEFINITIONS[item.indicator].label
  const raw = own[item.indicator]
  if (item.indicator === 'avgHandlingDays') {
    const prior = town.avgHandlingDays.value ?? 0
    const avg = bayesianAverage(raw.num, raw.den, prior, s.priorWeight)
    const adjusted = raw.den > 0 ? Math.min(1, Math.max(0, 1 - avg / item.worst)) : null
    const method = `贝叶斯平均 (${s.priorWeight}×全镇均值${fmt(prior)} + ${fmt(raw.num)}) ÷ (${s.priorWeight} + ${raw.den}) = ${fmt(avg)} 个工作日，得分率 1 − ${fmt(avg)} ÷ ${item.worst}`
    return { indicator: item.indicator, label, weight: item.weight, raw, method, adjusted }
  }
  const better = INDICATOR_DEFINITIONS[item.indicator].higherIsBetter !== false
  const bound = better ? wilsonLower(raw.num, raw.den, s.z) : wilsonUpper(raw.num, raw.den, s.z)
  const adjusted = bound === null ? null : better ? bound : 1 - bound
  const method = better ? `威尔逊下限 (${raw.num}/${raw.den}, z=${s.z})` : `1 − 威尔逊上限 (${raw.num}/${raw.den}, z=${s.z})`
  return { indicator: item.indicator, label, weight: item.weight, raw, method, adjusted }
}

/**
 * The score of one place (village, community or unit) for a period, from its indicators and the
 * town's (the Bayesian prior). Volume = its 问题数 in the period.
 */
export function scorePlace(own: Indicators, town: Indicators, scheme: ScoringScheme = DEFAULT_SCHEME): Score {
  const volume = own.created
  const head = { volume, scheme: { version: scheme.version, name: scheme.name } }
  if (volume < scheme.minVolume) {
    return { ...head, score: null, insufficient: true, inputs: [], deductions: [], formula: `问题数 ${volume} 少于 ${scheme.minVolume}，数据不足，不计分、不排名` }
  }
  const inputs = scheme.items.map((item) => adjust(item, own, town, scheme))
  const used = inputs.filter((i) => i.adjusted !== null)
  const weights = used.reduce((sum, i) => sum + i.weight, 0)
  const base = weights > 0 ? (100 * used.reduce((sum, i) => sum + i.weight * (i.adjusted ?? 0), 0)) / weights : 0
  const deductions = scheme.deductions.map((d) => {
    const count = own[d.indicator]
    return { indicator: d.indicator, label: INDICATOR_DEFINITIONS[d.indicator].label, count, points: Math.min(d.max, d.points * count) }
  })
  const minus = deductions.reduce((sum, d) => sum + d.points, 0)
  const score = round(Math.max(0, base - minus), 2)
  const terms = used.map((i) => `${i.weight}×${i.label}${fmt(i.adjusted ?? 0)}`).join(' + ')
  const skipped = inputs.filter((i) => i.adjusted === null).map((i) => i.label)
  const lines = [
    ...inputs.map((i) => `${i.label}：${i.adjusted === null ? '本期无数据，不计入' : `${i.method} = ${fmt(i.adjusted)}`}`),
    `加权得分 = 100 ×（${terms || '无'}）÷ ${weights} = ${fmt(base)}${skipped.length ? `（${skipped.join('、')}无数据，权重按其余项分配）` : ''}`,
    ...deductions.map(
      (d) =>
        `${d.label}扣分：${d.count} 件 × ${scheme.deductions.find((x) => x.indicator === d.indicator)?.points ?? 0} 分，最多 ${scheme.deductions.find((x) => x.indicator === d.indicator)?.max ?? 0} 分 = ${d.points}`
    ),
    `得分 = ${fmt(base)} − ${minus} = ${score}（评分办法第 ${scheme.version} 版）`
  ]
  return { ...head, score, insufficient: false, inputs, deductions, formula: lines.join('\n') }
}

/* ---------------------------------------------------------------- ranking */

export interface RankEntry {
  id: string
  name: string
  peer: PeerGroup
  score: Score
}

export interface Ranked extends RankEntry {
  /** 1 = best within its peer group; equal scores share a place; null = 数据不足. */
  rank: number | null
  /** '第 1 名' or '数据不足'. */
  rankLabel: string
}

/**
 * Ranks each peer group apart, best first; places with too little data come last without a place.
 * Equal scores share a place and are listed by name (never by volume: fewer reports earn nothing).
 */
export function rankPeers(entries: readonly RankEntry[]): Record<PeerGroup, Ranked[]> {
  const out: Record<PeerGroup, Ranked[]> = { village: [], community: [], unit: [] }
  for (const peer of Object.keys(out) as PeerGroup[]) {
    const mine = entries.filter((e) => e.peer === peer)
    const scored = mine.filter((e) => e.score.score !== null).sort((a, b) => (b.score.score ?? 0) - (a.score.score ?? 0) || a.name.localeCompare(b.name, 'zh'))
    let rank = 0
    scored.forEach((e, i) => {
      if (i === 0 || e.score.score !== scored[i - 1].score.score) rank = i + 1
      out[peer].push({ ...e, rank, rankLabel: `第 ${rank} 名` })
    })
    for (const e of mine.filter((x) => x.score.score === null).sort((a, b) => a.name.localeCompare(b.name, 'zh'))) out[peer].push({ ...e, rank: null, rankLabel: '数据不足' })
  }
  return out
}
