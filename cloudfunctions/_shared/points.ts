/**
 * The ONE points service: the only code that writes `point_entries` and `point_balances`.
 * Every entry is appended inside the caller's transaction together with the cached balances of
 * the person and the household (read in the same transaction), so a balance always equals the sum
 * of its entries. An entry's id is derived from (source, reference): a retried or duplicated award
 * finds its entry and writes nothing.
 */
import { createHash } from 'crypto'
import { DEED_CATEGORIES, DEED_CATEGORY_LABELS, POINT_RULE_KEYS, type PointRule, type PointRuleKey, type PointSource } from '@/contract'
import { C } from './collections'
import type { UserDoc } from './docs'
import { fail } from './errors'
import type { Store, TxStore } from './store'
import { chinaDay } from '@/domain/china-time'

export const RULES_ID = 'rules'

export const DEFAULT_RULES: PointRule[] = [
  ...DEED_CATEGORIES.map((c): PointRule => ({ key: `deed:${c}`, label: DEED_CATEGORY_LABELS[c], points: c === 'bravery' ? 20 : 5, dailyCap: c === 'bravery' ? 50 : 10, monthlyCap: c === 'bravery' ? 100 : 50 })),
  { key: 'volunteer_hours', label: '志愿服务（每小时）', points: 2, dailyCap: 20, monthlyCap: 100 },
  { key: 'report_accepted', label: '随手拍被受理（每条）', points: 2, dailyCap: 6, monthlyCap: 30 }
]

export interface RulesDoc {
  _id: string
  rules: PointRule[]
  updatedAt: Date | null
  updatedBy: string | null
}

/** What one person (or, for a named person without an account, the household) earned under one rule in the current day and month. */
export interface EarnedCounter {
  day: string
  dayPoints: number
  month: string
  monthPoints: number
}

export interface BalanceDoc {
  _id: string
  kind: 'person' | 'household'
  ownerId: string
  balance: number
  entryCount: number
  earned: Partial<Record<PointRuleKey, EarnedCounter>>
  /**
   * A person's balance by the village each part was earned in (villageKey), kept once they have
   * moved (pinBalanceInTx); absent while all of it belongs to their one village. Points stay with
   * the village where they were earned: a village's 积分超市 and its corrections take only its part.
   */
  byVillage?: Record<string, number>
  updatedAt: Date
}

/** The byVillage key of an entry's village (no village: a key no village id can be). */
export const villageKey = (villageId: string | null) => villageId ?? '~'

/** What a balance holds in one village: its part once split by village, else all of it. */
export function heldIn(b: Pick<BalanceDoc, 'balance' | 'byVillage'> | null, villageId: string | null): number {
  if (!b) return 0
  return b.byVillage ? (b.byVillage[villageKey(villageId)] ?? 0) : b.balance
}

export interface PointEntryDoc {
  _id: string
  userId: string | null
  personName: string
  householdId: string | null
  villageId: string | null
  delta: number
  source: PointSource
  refId: string
  ruleKey: PointRuleKey | null
  /** The rule would have given more: a daily or monthly cap was reached. */
  capped: boolean
  operatorId: string
  note: string
  at: Date
}

export { chinaDay }

export const personBalanceId = (userId: string) => `p_${userId}`
export const householdBalanceId = (householdId: string) => `h_${householdId}`
export const entryIdFor = (source: PointSource, refId: string) => `pe_${createHash('sha256').update(`${source}:${refId}`).digest('base64url').slice(0, 24)}`

/** The table with every key present (defaults fill keys a saved table lacks). */
export function completeRules(saved: PointRule[] | undefined): PointRule[] {
  return POINT_RULE_KEYS.map((key) => {
    const base = DEFAULT_RULES.find((r) => r.key === key) as PointRule
    const mine = saved?.find((r) => r.key === key)
    return mine ? { ...base, points: mine.points, dailyCap: mine.dailyCap, monthlyCap: mine.monthlyCap } : base
  })
}

export async function loadRules(store: Store): Promise<PointRule[]> {
  const doc = await store.findOne<RulesDoc>(C.point_rules, { _id: RULES_ID })
  return completeRules(doc?.rules)
}

/** Pure: the counter as of `now` (a new day or month starts from zero). */
export function currentCounter(c: EarnedCounter | undefined, now: Date): EarnedCounter {
  const day = chinaDay(now)
  const month = day.slice(0, 7)
  return { day, dayPoints: c && c.day === day ? c.dayPoints : 0, month, monthPoints: c && c.month === month ? c.monthPoints : 0 }
}

/** Pure: what the rule gives for `units` (deeds and reports: 1; hours: the hours), within the caps left. */
export function cappedAward(rule: PointRule, units: number, counter: EarnedCounter): { points: number; capped: boolean } {
  const wanted = Math.max(0, Math.floor(rule.points * units + 1e-9))
  const room = Math.max(0, Math.min(rule.dailyCap - counter.dayPoints, rule.monthlyCap - counter.monthPoints))
  return { points: Math.min(wanted, room), capped: wanted > room }
}

/** Who an entry belongs to: a person with an account, or a named person of a household. */
export interface Holder {
  userId: string | null
  name: string
  householdId: string | null
  villageId: string | null
}

export function holderOf(user: Pick<UserDoc, '_id' | 'name' | 'villageId'> & { householdId?: string | null }): Holder {
  return { userId: user._id, name: user.name, householdId: user.householdId ?? null, villageId: user.villageId }
}

interface Posting {
  holder: Holder
  delta: number
  source: PointSource
  refId: string
  operatorId: string
  note: string
  ruleKey?: PointRuleKey | null
  capped?: boolean
  counter?: EarnedCounter | null
  /** Refuse when the person's balance would go below zero (redemptions, negative corrections). */
  mustCover?: boolean
  /** Already read in this transaction: the entry is known to be absent, and these balances (by id). */
  known?: Map<string, BalanceDoc | null>
}

export interface Posted {
  entry: PointEntryDoc
  /** The entry already existed (a retry): nothing was written. */
  duplicate: boolean
  balance: number
}

function emptyBalance(kind: BalanceDoc['kind'], ownerId: string, now: Date): BalanceDoc {
  return { _id: kind === 'person' ? personBalanceId(ownerId) : householdBalanceId(ownerId), kind, ownerId, balance: 0, entryCount: 0, earned: {}, updatedAt: now }
}

/** The counters live on the person, or on the household for a named person without an account. */
function counterOwner(p: BalanceDoc | null, h: BalanceDoc | null): BalanceDoc | null {
  return p ?? h
}

/** The person's and the household's balances as this transaction sees them (new ones start at 0). */
async function holderBalances(tx: TxStore, p: Posting, now: Date): Promise<{ person: BalanceDoc | null; house: BalanceDoc | null }> {
  const { userId, householdId } = p.holder
  const read = async (id: string) => (p.known?.has(id) ? (p.known.get(id) ?? null) : tx.get<BalanceDoc>(C.point_balances, id))
  const person = userId ? ((await read(personBalanceId(userId))) ?? emptyBalance('person', userId, now)) : null
  const house = householdId ? ((await read(householdBalanceId(householdId))) ?? emptyBalance('household', householdId, now)) : null
  return { person, house }
}

/**
 * The payer's balance; refuses (CONFLICT) a redemption or negative correction it does not cover —
 * nor, once the person has moved, the part held in the entry's village.
 */
function requireCovered(p: Posting, person: BalanceDoc | null, house: BalanceDoc | null): number {
  const payerBalance = (person ?? house)?.balance ?? 0
  if (!p.mustCover || p.delta >= 0) return payerBalance
  if (payerBalance + p.delta < 0) fail('CONFLICT', `积分不足：当前 ${payerBalance} 分`)
  const here = person?.byVillage ? heldIn(person, p.holder.villageId) : null
  if (here !== null && here + p.delta < 0) fail('CONFLICT', `积分不足：在本村（居）获得的积分还有 ${here} 分（在原村（居）获得的积分留在原村（居））`)
  return payerBalance
}

/** A balance split by village moves the part of the entry's village. */
function splitAfter(b: BalanceDoc, p: Posting): Pick<BalanceDoc, 'byVillage'> {
  if (!b.byVillage) return {}
  const key = villageKey(p.holder.villageId)
  return { byVillage: { ...b.byVillage, [key]: (b.byVillage[key] ?? 0) + p.delta } }
}

/** Appends one entry and moves the cached balances, inside `tx`. */
async function post(tx: TxStore, p: Posting, now: Date): Promise<Posted> {
  const entryId = entryIdFor(p.source, p.refId)
  const existing = p.known ? null : await tx.get<PointEntryDoc>(C.point_entries, entryId)
  if (existing) return { entry: existing, duplicate: true, balance: 0 }
  const { person, house } = await holderBalances(tx, p, now)
  const payerBalance = requireCovered(p, person, house)
  const entry: PointEntryDoc = {
    _id: entryId,
    userId: p.holder.userId,
    personName: p.holder.name,
    householdId: p.holder.householdId,
    villageId: p.holder.villageId,
    delta: p.delta,
    source: p.source,
    refId: p.refId,
    ruleKey: p.ruleKey ?? null,
    capped: p.capped ?? false,
    operatorId: p.operatorId,
    note: p.note,
    at: now
  }
  await tx.insert(C.point_entries, entry)
  const owner = counterOwner(person, house)
  for (const b of [person, house]) {
    if (!b) continue
    const earned = b === owner && p.ruleKey && p.counter ? { ...b.earned, [p.ruleKey]: p.counter } : b.earned
    await tx.set(C.point_balances, b._id, { kind: b.kind, ownerId: b.ownerId, balance: b.balance + p.delta, entryCount: b.entryCount + 1, earned, ...splitAfter(b, p), updatedAt: now })
  }
  return { entry, duplicate: false, balance: payerBalance + p.delta }
}

export interface Award {
  holder: Holder
  ruleKey: PointRuleKey
  source: Extract<PointSource, 'deed' | 'volunteer_hours' | 'report_accepted'>
  refId: string
  /** 1 for a deed or a report; hours for volunteer hours. */
  units: number
  operatorId: string
  note: string
}

/** Awards points by the rule table within the person's caps (an entry of 0 records a capped award). */
export async function awardInTx(tx: TxStore, a: Award, now: Date): Promise<Posted> {
  const existing = await tx.get<PointEntryDoc>(C.point_entries, entryIdFor(a.source, a.refId))
  if (existing) return { entry: existing, duplicate: true, balance: 0 }
  const rulesDoc = await tx.get<RulesDoc>(C.point_rules, RULES_ID)
  const rule = completeRules(rulesDoc?.rules).find((r) => r.key === a.ruleKey) as PointRule
  const ownerId = a.holder.userId ? personBalanceId(a.holder.userId) : a.holder.householdId ? householdBalanceId(a.holder.householdId) : null
  const owner = ownerId ? await tx.get<BalanceDoc>(C.point_balances, ownerId) : null
  const counter = currentCounter(owner?.earned[a.ruleKey], now)
  const { points, capped } = cappedAward(rule, a.units, counter)
  const next: EarnedCounter = { ...counter, dayPoints: counter.dayPoints + points, monthPoints: counter.monthPoints + points }
  const note = capped ? `${a.note}（已达${rule.label}积分上限）` : a.note
  const known = new Map<string, BalanceDoc | null>(ownerId ? [[ownerId, owner]] : [])
  return post(tx, { holder: a.holder, delta: points, source: a.source, refId: a.refId, operatorId: a.operatorId, note, ruleKey: a.ruleKey, capped, counter: next, known }, now)
}

/** Loads the person inside the transaction and awards (volunteers and reports call this). */
export async function awardUserInTx(tx: TxStore, userId: string, a: Omit<Award, 'holder'>, now: Date): Promise<Posted | null> {
  const user = await tx.get<UserDoc>(C.users, userId)
  if (!user) return null
  return awardInTx(tx, { ...a, holder: holderOf(user) }, now)
}

/**
 * Pure: what a cut of hours from `fromHours` to `toHours` takes back of the `awarded` points the
 * sign-up holds (its awards less its earlier take-backs): the removed share, rounded down, so the
 * volunteer keeps any fraction and never loses more than was awarded. Not hours × rule points: caps
 * may have awarded less (or nothing) for those hours.
 */
export function hoursTakeBack(awarded: number, fromHours: number, toHours: number): number {
  if (awarded <= 0 || fromHours <= 0 || toHours >= fromHours) return 0
  const removed = fromHours - Math.max(0, toHours)
  return Math.min(awarded, Math.floor((awarded * removed) / fromHours + 1e-9))
}

export interface HoursChange {
  userId: string
  /** The change: the sign-up (check-out) or the request (approval); a take-back's entry is `${refId}:takeback`. */
  refId: string
  fromHours: number
  toHours: number
  /** What the sign-up's volunteer_hours entries add up to so far (awards less take-backs). */
  awarded: number
  /** Part of `awarded` that earlier cuts should have taken back but the balance did not hold. */
  owed: number
  operatorId: string
  /** The note of an award. */
  note: string
  /** The note of a take-back. */
  takeBackNote: string
}

export interface HoursPosted {
  /** What this change added to (negative: took from) the sign-up's entries; 0 for a retry or no change. */
  delta: number
  /** What is still owed after it. */
  owed: number
}

/**
 * Takes back `fresh` points for removed hours plus whatever is `owed`, as one new negative entry.
 * No balance goes below zero (as with correctInTx): when the person or the household already spent
 * the points, only what is left is taken, the note says how much could not be, and the rest stays
 * owed. The earned counters are not lowered: the caps bound what is earned in a day or month, and the
 * removed hours may have been awarded on another day.
 */
async function takeBackHoursInTx(tx: TxStore, p: HoursChange, fresh: number, now: Date): Promise<HoursPosted> {
  const refId = `${p.refId}:takeback`
  const existing = await tx.get<PointEntryDoc>(C.point_entries, entryIdFor('volunteer_hours', refId))
  const user = existing ? null : await tx.get<UserDoc>(C.users, p.userId)
  if (!user) return { delta: 0, owed: p.owed }
  const holder = holderOf(user)
  const known = new Map<string, BalanceDoc | null>()
  for (const id of [personBalanceId(user._id), ...(holder.householdId ? [householdBalanceId(holder.householdId)] : [])]) known.set(id, await tx.get<BalanceDoc>(C.point_balances, id))
  // After a move the take-back is the new village's entry and takes only from its part; the rest stays owed.
  const held = Math.min(...[...known.values()].map((b) => Math.max(0, b?.byVillage ? heldIn(b, holder.villageId) : (b?.balance ?? 0))))
  const due = fresh + p.owed
  const taken = Math.min(due, held)
  if (taken === 0 && fresh === 0) return { delta: 0, owed: p.owed }
  const earlier = p.owed > 0 ? (fresh > 0 ? `（含此前未能扣回的 ${p.owed} 分）` : `（此前未能扣回的 ${p.owed} 分）`) : ''
  const short = taken < due ? `（积分余额不足：应扣回 ${due} 分，实扣 ${taken} 分，其余 ${due - taken} 分未能扣回）` : ''
  const delta = taken > 0 ? -taken : 0
  await post(tx, { holder, delta, source: 'volunteer_hours', refId, operatorId: p.operatorId, note: `${p.takeBackNote}${earlier}${short}`, ruleKey: 'volunteer_hours', known }, now)
  return { delta, owed: due - taken }
}

/**
 * Points for volunteer hours that changed from `fromHours` to `toHours` (a check-out, an automatic
 * check-out, an approved request): more hours award by the rule within the caps; fewer take back
 * `hoursTakeBack` of what the sign-up holds (`awarded` less `owed`). Either way anything still owed
 * is taken back as far as the balance allows, so hours cut and raised again (4 → 1 → 3) end with
 * the points of the last hours. Idempotent per `refId`.
 */
export async function hoursPointsInTx(tx: TxStore, p: HoursChange, now: Date): Promise<HoursPosted> {
  if (p.toHours < p.fromHours) {
    const fresh = hoursTakeBack(p.awarded - p.owed, p.fromHours, p.toHours)
    return fresh > 0 || p.owed > 0 ? takeBackHoursInTx(tx, p, fresh, now) : { delta: 0, owed: 0 }
  }
  if (p.toHours === p.fromHours) return { delta: 0, owed: p.owed }
  const posted = await awardUserInTx(tx, p.userId, { ruleKey: 'volunteer_hours', source: 'volunteer_hours', refId: p.refId, units: p.toHours - p.fromHours, operatorId: p.operatorId, note: p.note }, now)
  const added = posted && !posted.duplicate ? posted.entry.delta : 0
  if (p.owed <= 0) return { delta: added, owed: 0 }
  const collected = await takeBackHoursInTx(tx, p, 0, now)
  return { delta: added + collected.delta, owed: collected.owed }
}

/** A redemption takes the price; refused (CONFLICT) when the balance does not cover it. */
export async function spendInTx(tx: TxStore, holder: Holder, p: { price: number; refId: string; operatorId: string; note: string }, now: Date): Promise<Posted> {
  return post(tx, { holder, delta: -p.price, source: 'redemption', refId: p.refId, operatorId: p.operatorId, note: p.note, mustCover: true }, now)
}

/** Gives a cancelled redemption's price back (its own entry; the redemption's entry stays). */
export async function refundInTx(tx: TxStore, holder: Holder, p: { price: number; refId: string; operatorId: string; note: string }, now: Date): Promise<Posted> {
  return post(tx, { holder, delta: p.price, source: 'redemption', refId: `${p.refId}:refund`, operatorId: p.operatorId, note: p.note }, now)
}

/** A correction is a new entry with its reason; a negative one may not take the balance below zero. */
export async function correctInTx(tx: TxStore, holder: Holder, p: { delta: number; refId: string; operatorId: string; note: string }, now: Date): Promise<Posted> {
  return post(tx, { holder, delta: p.delta, source: 'correction', refId: p.refId, operatorId: p.operatorId, note: p.note, mustCover: true }, now)
}

/**
 * Before a person's village changes (a confirmed move): splits their balance by village, all of it
 * so far to the village they leave, so it stays there and only what they earn from now on counts in
 * the new one. A balance already split, or none yet, needs nothing.
 */
export async function pinBalanceInTx(tx: TxStore, userId: string, leaving: string | null, now: Date): Promise<void> {
  const b = await tx.get<BalanceDoc>(C.point_balances, personBalanceId(userId))
  if (!b || b.byVillage) return
  await tx.set(C.point_balances, b._id, { kind: b.kind, ownerId: b.ownerId, balance: b.balance, entryCount: b.entryCount, earned: b.earned, byVillage: { [villageKey(leaving)]: b.balance }, updatedAt: now })
}

export async function balanceOf(store: Store, id: string): Promise<BalanceDoc | null> {
  return store.findOne<BalanceDoc>(C.point_balances, { _id: id })
}
