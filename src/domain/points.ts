/**
 * The points arithmetic (积分): the rule table with its defaults, what a rule awards within the
 * daily and monthly caps (China days and months), what a cut of volunteer hours takes back and how
 * much of it a balance can give, whether a balance covers a payment (after a move: only the part
 * earned in this village), and how an entry moves a balance. Pure — cloudfunctions/_shared/points.ts
 * reads and writes with it; the pages show what a balance allows with it.
 */
import { DEED_CATEGORIES, DEED_CATEGORY_LABELS, POINT_RULE_KEYS, type Balance, type PointRule, type PointRuleKey, type PointSource } from '@/contract'
import { chinaDay } from './china-time'

/* ---------------------------------------------------------------- the rule table */

export const DEFAULT_RULES: PointRule[] = [
  ...DEED_CATEGORIES.map(
    (c): PointRule => ({ key: `deed:${c}`, label: DEED_CATEGORY_LABELS[c], points: c === 'bravery' ? 20 : 5, dailyCap: c === 'bravery' ? 50 : 10, monthlyCap: c === 'bravery' ? 100 : 50 })
  ),
  { key: 'volunteer_hours', label: '志愿服务（每小时）', points: 2, dailyCap: 20, monthlyCap: 100 },
  { key: 'report_accepted', label: '随手拍被受理（每条）', points: 2, dailyCap: 6, monthlyCap: 30 }
]

/** The table with every key present (defaults fill keys a saved table lacks; labels are always the defaults'). */
export function completeRules(saved: PointRule[] | undefined): PointRule[] {
  return POINT_RULE_KEYS.map((key) => {
    const base = DEFAULT_RULES.find((r) => r.key === key) as PointRule
    const mine = saved?.find((r) => r.key === key)
    return mine ? { ...base, points: mine.points, dailyCap: mine.dailyCap, monthlyCap: mine.monthlyCap } : base
  })
}

/* ---------------------------------------------------------------- caps */

/** What one person (or, for a named person without an account, the household) earned under one rule in the current day and month. */
export interface EarnedCounter {
  day: string
  dayPoints: number
  month: string
  monthPoints: number
}

/** The counter as of `now`: a new China day (or month) starts from zero. */
export function currentCounter(c: EarnedCounter | undefined, now: Date): EarnedCounter {
  const day = chinaDay(now)
  const month = day.slice(0, 7)
  return { day, dayPoints: c && c.day === day ? c.dayPoints : 0, month, monthPoints: c && c.month === month ? c.monthPoints : 0 }
}

export interface CappedAward {
  points: number
  /** The rule would have given more: a daily or monthly cap was reached. */
  capped: boolean
  /** The counter after the award. */
  counter: EarnedCounter
}

/**
 * What the rule gives for `units` (a deed or a report: 1; hours: the hours) on top of what the
 * counter (already as of now: currentCounter) holds, within the caps left; never negative.
 */
export function cappedAward(rule: Pick<PointRule, 'points' | 'dailyCap' | 'monthlyCap'>, units: number, counter: EarnedCounter): CappedAward {
  const wanted = Math.max(0, Math.floor(rule.points * units + 1e-9))
  const room = Math.max(0, Math.min(rule.dailyCap - counter.dayPoints, rule.monthlyCap - counter.monthPoints))
  const points = Math.min(wanted, room)
  return { points, capped: wanted > room, counter: { ...counter, dayPoints: counter.dayPoints + points, monthPoints: counter.monthPoints + points } }
}

/** The note of an award, saying so when a cap cut it. */
export function awardNote(note: string, capped: boolean, rule: Pick<PointRule, 'label'>): string {
  return capped ? `${note}（已达${rule.label}积分上限）` : note
}

/**
 * 本月获得 as the ledger shows it: the net of the month's entries, every source but 积分兑换 (a
 * redemption and its refund are spending, not earning) — corrections and take-backs included, which
 * the rules' counters (kept for the caps) leave out. Kept on the cached balance, moved with each entry.
 */
export interface MonthEarned {
  month: string
  points: number
}

/** The month figure after an entry of `delta` from `source` at `now`: a new China month starts from zero. */
export function monthEarnedAfter(prev: MonthEarned | undefined, delta: number, source: PointSource, now: Date): MonthEarned {
  const month = chinaDay(now).slice(0, 7)
  const base = prev && prev.month === month ? prev.points : 0
  return { month, points: source === 'redemption' ? base : base + delta }
}

/** 本月获得 of a cached balance as of `now` (a balance written before the month figure was kept: the rules' counters). */
export function earnedThisMonth(b: { earned?: Partial<Record<PointRuleKey, EarnedCounter>>; monthEarned?: MonthEarned } | null | undefined, now: Date): number {
  if (!b) return 0
  if (!b.monthEarned) return earnedInMonth(b.earned, now)
  return b.monthEarned.month === chinaDay(now).slice(0, 7) ? b.monthEarned.points : 0
}

/** Points earned in the China month of `now`, over all rules. */
export function earnedInMonth(earned: Partial<Record<PointRuleKey, EarnedCounter>> | undefined, now: Date): number {
  const month = chinaDay(now).slice(0, 7)
  return Object.values(earned ?? {}).reduce((s, c) => s + (c && c.month === month ? c.monthPoints : 0), 0)
}

/* ---------------------------------------------------------------- balances */

/** A cached balance: all of it, and once the person has moved, its parts by the village each was earned in. */
export interface PointBalance {
  balance: number
  byVillage?: Record<string, number>
}

/** The byVillage key of an entry's village (no village: a key no village id can be). */
export const villageKey = (villageId: string | null) => villageId ?? '~'

/** What a balance holds in one village: its part once split by village, else all of it. */
export function heldIn(b: PointBalance | null, villageId: string | null): number {
  if (!b) return 0
  return b.byVillage ? (b.byVillage[villageKey(villageId)] ?? 0) : b.balance
}

/**
 * Why a payment (a redemption, a negative correction: `delta` < 0) is refused, or null: it may take
 * neither the balance below zero nor, after a move (`here` = the part earned in this village, null
 * before any move), that part.
 */
export function coverRefusal(balance: number, here: number | null, delta: number): string | null {
  if (delta >= 0) return null
  if (balance + delta < 0) return `积分不足：当前 ${balance} 分`
  if (here !== null && here + delta < 0) return `积分不足：在本村（居）获得的积分还有 ${here} 分（在原村（居）获得的积分留在原村（居））`
  return null
}

/** Whether the page's balance covers a price here (what the server's coverRefusal will say). */
export function canSpend(b: Pick<Balance, 'balance' | 'spendableHere'>, price: number): boolean {
  return coverRefusal(b.balance, b.spendableHere ?? null, -price) === null
}

/** The balance after one entry of `delta` in `villageId`'s part (a balance split by village moves that part too). */
export function afterEntry(b: PointBalance, delta: number, villageId: string | null): PointBalance {
  if (!b.byVillage) return { balance: b.balance + delta }
  const key = villageKey(villageId)
  return { balance: b.balance + delta, byVillage: { ...b.byVillage, [key]: (b.byVillage[key] ?? 0) + delta } }
}

/** The split made before a person's first move: all of the balance so far stays with the village they leave. */
export function pinnedToVillage(balance: number, leaving: string | null): Record<string, number> {
  return { [villageKey(leaving)]: balance }
}

/* ---------------------------------------------------------------- take-backs of volunteer hours */

/**
 * What a cut of hours from `fromHours` to `toHours` takes back of the `awarded` points the sign-up
 * holds (its awards less its earlier take-backs): the removed share, rounded down, so the volunteer
 * keeps any fraction and never loses more than was awarded. Not hours × rule points: caps may have
 * awarded less (or nothing) for those hours.
 */
export function hoursTakeBack(awarded: number, fromHours: number, toHours: number): number {
  if (awarded <= 0 || fromHours <= 0 || toHours >= fromHours) return 0
  const removed = fromHours - Math.max(0, toHours)
  return Math.min(awarded, Math.floor((awarded * removed) / fromHours + 1e-9))
}

/** What a take-back may take: the least any of the holder's balances (person, household) holds in the village, never below zero. */
export function takeableFrom(balances: Array<PointBalance | null>, villageId: string | null): number {
  return Math.min(...balances.map((b) => Math.max(0, heldIn(b, villageId))))
}

export interface TakeBackPlan {
  /** Write an entry (of `delta`, 0 when nothing could be taken) with `noteTail` after the take-back's note. */
  write: boolean
  delta: number
  /** Still owed afterwards: what the balance did not hold. */
  owed: number
  noteTail: string
}

/**
 * A take-back of `fresh` points for removed hours plus what earlier cuts still `owe`, from a balance
 * that holds `takeable`: no balance goes below zero; the rest stays owed and the note says so.
 * Nothing to take and nothing fresh to record: no entry.
 */
export function planTakeBack(fresh: number, owed: number, takeable: number): TakeBackPlan {
  const due = fresh + owed
  const taken = Math.min(due, takeable)
  if (taken === 0 && fresh === 0) return { write: false, delta: 0, owed, noteTail: '' }
  const earlier = owed > 0 ? (fresh > 0 ? `（含此前未能扣回的 ${owed} 分）` : `（此前未能扣回的 ${owed} 分）`) : ''
  const short = taken < due ? `（积分余额不足：应扣回 ${due} 分，实扣 ${taken} 分，其余 ${due - taken} 分未能扣回）` : ''
  return { write: true, delta: taken > 0 ? -taken : 0, owed: due - taken, noteTail: `${earlier}${short}` }
}
