/**
 * 周通报 / 月通报: which period a draft is for (Monday 08:00 China time → last week; the 1st 08:00 →
 * last month), and composing a draft from the figures of the period — per peer group (村 / 社区 /
 * 责任单位) the scores (src/domain/ranking.ts, each with its inputs and formula), 红榜 (top 3), 黑榜
 * (bottom 3 among those with enough volume, never one of the 红榜), 流动红旗 to the top village when
 * its score reaches the threshold (awarded afresh each period: nobody keeps it without earning it
 * again), and the default text. Pure.
 */
import type { BulletinBoardEntry, BulletinGroup, BulletinKind, BulletinPeer, BulletinRatio, BulletinRow } from '@/contract/bulletins'
import { BULLETIN_KIND_LABELS, BULLETIN_PEER_LABELS } from '@/contract/bulletins'
import { chinaDay, chinaInstant, chinaParts, fromChinaDay } from './china-time'
import { indicatorsOf, monthOf, weekOf, zeroFigures, type Figures, type Gauges, type Period, type Ratio } from './indicators'
import { peerOfPlace, rankPeers, scorePlace, type PeerGroup, type RankEntry, type ScoringScheme } from './ranking'

/** The hour (China) on Monday / the 1st from which last week's / last month's draft is due. */
export const DRAFT_HOUR = 8
export const BOARD_SIZE = 3

/* ---------------------------------------------------------------- periods */

const DAY_MS = 86_400_000
const dayNo = (day: string) => Math.round((fromChinaDay(day)?.getTime() ?? NaN) / DAY_MS)
const pad2 = (n: number) => String(n).padStart(2, '0')

/** ISO week key (2026-W48) of the week whose Monday is `monday` (YYYY-MM-DD). */
export function weekKeyOf(monday: string): string {
  const thursday = new Date((dayNo(monday) + 3) * DAY_MS + 8 * 3_600_000)
  const year = Number(chinaDay(thursday).slice(0, 4))
  const jan1 = dayNo(`${year}-01-01`)
  const week = Math.floor((dayNo(chinaDay(thursday)) - jan1) / 7) + 1
  return `${year}-W${pad2(week)}`
}

/** The period a key names: 2026-W48 (ISO week, Monday to Sunday) or 2026-11; null when it names none. */
export function periodOfKey(kind: BulletinKind, key: string): Period | null {
  if (kind === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(key)
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null
    return monthOf(chinaInstant(Number(m[1]), Number(m[2]), 1))
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(key)
  if (!w) return null
  const year = Number(w[1])
  const jan4 = chinaInstant(year, 1, 4)
  const back = (chinaParts(jan4).weekday + 6) % 7
  const monday = chinaInstant(year, 1, 4 - back + (Number(w[2]) - 1) * 7)
  const period = weekOf(monday)
  return weekKeyOf(period.first) === key ? period : null
}

export function keyOfPeriod(kind: BulletinKind, period: Pick<Period, 'first'>): string {
  return kind === 'month' ? period.first.slice(0, 7) : weekKeyOf(period.first)
}

/** The last whole week / month before `now` (China). */
export function lastPeriod(kind: BulletinKind, now: Date): Period {
  const p = chinaParts(now)
  return kind === 'month' ? monthOf(chinaInstant(p.year, p.month - 1, 1)) : weekOf(chinaInstant(p.year, p.month, p.day - 7))
}

/**
 * The newest period whose draft is due at `now`: last week from Monday 08:00 (China), before that
 * the week before; last month from the 1st 08:00, before that the month before.
 */
export function duePeriod(kind: BulletinKind, now: Date): Period {
  const p = chinaParts(now)
  const early = p.hour < DRAFT_HOUR && (kind === 'month' ? p.day === 1 : p.weekday === 1)
  return lastPeriod(kind, early ? new Date(now.getTime() - DAY_MS) : now)
}

/** bulletin-week-2026-W48 / bulletin-month-2026-11: one bulletin per period. */
export const bulletinIdOf = (kind: BulletinKind, key: string) => `bulletin-${kind}-${key}`

export function bulletinTitle(kind: BulletinKind, period: Pick<Period, 'label'>): string {
  return `${period.label}城乡环境综合整治${BULLETIN_KIND_LABELS[kind]}`
}

/* ---------------------------------------------------------------- composing */

export interface Place {
  id: string
  name: string
  kind: 'village' | 'unit'
}

export interface DraftFigures {
  villages: readonly Place[]
  units: readonly Place[]
  /** The period's figures by village id / unit id (absent = nothing in the period). */
  byVillage: ReadonlyMap<string, Figures>
  byUnit: ReadonlyMap<string, Figures>
  /** 在办 / 超期 at drafting, by village id / unit id. */
  gaugesByVillage: ReadonlyMap<string, Gauges>
  gaugesByUnit: ReadonlyMap<string, Gauges>
  town: Figures
  townGauges: Gauges
}

export interface ComposedBoards {
  groups: BulletinGroup[]
  flag: { villageId: string; name: string; score: number } | null
  flagNote: string | null
}

const ratioOf = (r: Ratio): BulletinRatio => ({ num: r.num, den: r.den, value: r.value })
function figuresOr(map: ReadonlyMap<string, Figures>, id: string): Figures {
  return map.get(id) ?? zeroFigures()
}

function rowOf(place: Place, peer: BulletinPeer, figures: Figures, gauges: Gauges | undefined, townIndicators: ReturnType<typeof indicatorsOf>, scheme: ScoringScheme) {
  const own = indicatorsOf(figures, gauges ?? { open: 0, overdue: 0 })
  const score = scorePlace(own, townIndicators, scheme)
  return { own, entry: { id: place.id, name: place.name, peer: peer as PeerGroup, score } satisfies RankEntry }
}

function boardOf(rows: readonly BulletinRow[]): { red: BulletinBoardEntry[]; black: BulletinBoardEntry[] } {
  const scored = rows.filter((r) => r.score !== null && r.rank !== null)
  const entry = (r: BulletinRow): BulletinBoardEntry => ({ placeId: r.placeId, name: r.name, score: r.score as number, rank: r.rank as number })
  const red = scored.slice(0, BOARD_SIZE).map(entry)
  const redIds = new Set(red.map((e) => e.placeId))
  const black = [...scored]
    .reverse()
    .filter((r) => !redIds.has(r.placeId))
    .slice(0, BOARD_SIZE)
    .map(entry)
  return { red, black }
}

/** Rankings, 红黑榜 and 流动红旗 of a period from its figures. */
export function composeBoards(f: DraftFigures, scheme: ScoringScheme, flagThreshold: number): ComposedBoards {
  const townIndicators = indicatorsOf(f.town, f.townGauges)
  const owns = new Map<string, ReturnType<typeof indicatorsOf>>()
  const entries: RankEntry[] = []
  for (const v of f.villages) {
    const { own, entry } = rowOf(v, peerOfPlace(v.name), figuresOr(f.byVillage, v.id), f.gaugesByVillage.get(v.id), townIndicators, scheme)
    owns.set(`village:${v.id}`, own)
    entries.push(entry)
  }
  const unitEntries: RankEntry[] = []
  for (const u of f.units) {
    const { own, entry } = rowOf(u, 'unit', figuresOr(f.byUnit, u.id), f.gaugesByUnit.get(u.id), townIndicators, scheme)
    owns.set(`unit:${u.id}`, own)
    unitEntries.push({ ...entry, peer: 'unit' })
  }
  const ranked = rankPeers([...entries, ...unitEntries])
  const groups: BulletinGroup[] = (['village', 'community', 'unit'] as const).map((peer) => {
    const rows: BulletinRow[] = ranked[peer].map((r) => {
      const placeKind = peer === 'unit' ? 'unit' : 'village'
      const own = owns.get(`${placeKind}:${r.id}`) ?? indicatorsOf(zeroFigures())
      return {
        placeKind,
        placeId: r.id,
        name: r.name,
        peer,
        score: r.score.score,
        rank: r.rank,
        rankLabel: r.rankLabel,
        insufficient: r.score.insufficient,
        volume: r.score.volume,
        created: own.created,
        closed: own.closed,
        overdue: own.overdue,
        open: own.open,
        onTimeRate: ratioOf(own.onTimeRate),
        closureRate: ratioOf(own.closureRate),
        reworkRate: ratioOf(own.reworkRate),
        satisfactionRate: ratioOf(own.satisfactionRate),
        avgHandlingDays: ratioOf(own.avgHandlingDays),
        inputs: r.score.inputs.map((i) => ({ indicator: i.indicator, label: i.label, weight: i.weight, raw: ratioOf(i.raw), method: i.method, adjusted: i.adjusted })),
        deductions: r.score.deductions.map((d) => ({ ...d })),
        formula: r.score.formula,
        schemeVersion: r.score.scheme.version,
        corrections: []
      }
    })
    return { peer, label: BULLETIN_PEER_LABELS[peer], rows, ...boardOf(rows) }
  })
  return { groups, ...flagOf(groups, flagThreshold) }
}

/** 流动红旗: the best-scoring village (村 or 社区) if it reaches the threshold; a tie at the top goes to nobody-by-volume but by name order (rankPeers). */
export function flagOf(groups: readonly BulletinGroup[], threshold: number): Pick<ComposedBoards, 'flag' | 'flagNote'> {
  const best = groups
    .filter((g) => g.peer !== 'unit')
    .flatMap((g) => g.rows)
    .filter((r) => r.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.name.localeCompare(b.name, 'zh'))[0]
  if (!best || best.score === null) return { flag: null, flagNote: '本期没有村（居）达到最少问题数，流动红旗空缺' }
  if (best.score < threshold) return { flag: null, flagNote: `最高得分 ${best.score}（${best.name}）未达到 ${threshold} 分，本期流动红旗空缺` }
  return { flag: { villageId: best.placeId, name: best.name, score: best.score }, flagNote: null }
}

const names = (list: readonly BulletinBoardEntry[]) => (list.length ? list.map((e) => `${e.name}（${e.score} 分）`).join('、') : '无')

/** The default text of a draft (the office edits it before publishing). */
export function defaultText(kind: BulletinKind, period: Pick<Period, 'label'>, boards: ComposedBoards, overdue: { total: number; units: number }): string {
  const lines = [`${period.label}，全镇城乡环境综合整治${BULLETIN_KIND_LABELS[kind]}如下：`]
  for (const g of boards.groups) {
    if (g.rows.length === 0) continue
    lines.push(`【${g.label}】红榜：${names(g.red)}；黑榜：${names(g.black)}。`)
  }
  lines.push(boards.flag ? `流动红旗：${boards.flag.name}（${boards.flag.score} 分）。` : `流动红旗：${boards.flagNote ?? '空缺'}。`)
  lines.push(overdue.total > 0 ? `截至目前，${overdue.units} 个责任单位共有 ${overdue.total} 件问题超期未办结，请抓紧整改。` : '截至目前，没有超期未办结的问题。')
  lines.push('得分按镇创建办评分办法计算，问题数少于最少问题数的不排名；各项得分依据见附表。')
  return lines.join('\n')
}

/* ---------------------------------------------------------------- 月问效 */

export interface LetterCandidate {
  placeKind: 'village' | 'unit'
  placeId: string
  placeName: string
  reasons: string[]
}

/**
 * 月问效: places on a 黑榜 at least `blackTimes` times in the month's weekly bulletins, or with at
 * least `overdueCount` problems overdue by more than `overdueDays` working days. Sorted by kind and name.
 */
export function letterCandidates(
  weeklyBlack: ReadonlyArray<ReadonlyArray<{ placeKind: 'village' | 'unit'; placeId: string; name: string }>>,
  longOverdue: ReadonlyArray<{ placeKind: 'village' | 'unit'; placeId: string; name: string; count: number }>,
  rule: { blackTimes: number; overdueCount: number; overdueDays: number }
): LetterCandidate[] {
  const out = new Map<string, LetterCandidate>()
  const at = (k: 'village' | 'unit', id: string, name: string) => out.get(`${k}:${id}`) ?? out.set(`${k}:${id}`, { placeKind: k, placeId: id, placeName: name, reasons: [] }).get(`${k}:${id}`)!
  const times = new Map<string, { k: 'village' | 'unit'; id: string; name: string; n: number }>()
  for (const week of weeklyBlack) {
    for (const e of new Map(week.map((x) => [`${x.placeKind}:${x.placeId}`, x])).values()) {
      const key = `${e.placeKind}:${e.placeId}`
      const cur = times.get(key) ?? { k: e.placeKind, id: e.placeId, name: e.name, n: 0 }
      cur.n++
      times.set(key, cur)
    }
  }
  for (const t of times.values()) if (t.n >= rule.blackTimes) at(t.k, t.id, t.name).reasons.push(`本月周通报中 ${t.n} 次列入黑榜`)
  for (const o of longOverdue) if (o.count >= rule.overdueCount) at(o.placeKind, o.placeId, o.name).reasons.push(`${o.count} 件问题超期 ${rule.overdueDays} 个工作日以上未办结`)
  return [...out.values()].sort((a, b) => a.placeKind.localeCompare(b.placeKind) || a.placeName.localeCompare(b.placeName, 'zh'))
}

export const isPeriodOver = (period: Pick<Period, 'last'>, now: Date) => chinaDay(now) > period.last
