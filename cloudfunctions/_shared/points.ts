/**
 * The ONE points service: the only code that writes `point_entries` and `point_balances`.
 * Every entry is appended inside the caller's transaction together with the cached balances of
 * the person and the household (read in the same transaction), so a balance always equals the sum
 * of its entries. An entry's id is derived from (source, reference): a retried or duplicated award
 * finds its entry and writes nothing. The arithmetic (caps, take-backs, covering, balance moves) is
 * src/domain/points.ts; this file reads and writes.
 */
import { createHash } from 'crypto'
import type { PointRule, PointRuleKey, PointSource } from '@/contract'
import { C } from './collections'
import type { UserDoc } from './docs'
import { fail } from './errors'
import type { Prefetch } from './prefetch'
import type { Store, TxStore } from './store'
import { chinaDay } from '@/domain/china-time'
import {
  afterEntry,
  awardNote,
  cappedAward,
  completeRules,
  coverRefusal,
  currentCounter,
  heldIn,
  hoursTakeBack,
  monthEarnedAfter,
  pinnedToVillage,
  planTakeBack,
  takeableFrom,
  type EarnedCounter,
  type MonthEarned
} from '@/domain/points'

export const RULES_ID = 'rules'

export interface RulesDoc {
  _id: string
  rules: PointRule[]
  updatedAt: Date | null
  updatedBy: string | null
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
  /** 本月获得 (monthEarnedAfter); absent on a balance last written before it was kept. */
  monthEarned?: MonthEarned
  updatedAt: Date
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

/** What loadRules reads, to come with the caller's profile (prefetch.ts). */
export const prefetchRules = (): Prefetch => ({ coll: C.point_rules, match: { _id: RULES_ID } })

export async function loadRules(store: Store): Promise<PointRule[]> {
  const doc = await store.findOne<RulesDoc>(C.point_rules, { _id: RULES_ID })
  return completeRules(doc?.rules)
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

/**
 * The person's and the household's balances as this transaction sees them (new ones start at 0).
 * When the person pays and holds the counters, nothing is decided on the household's balance: it
 * is not read (`house` undefined) and `post` moves it by an increment (bumpHousehold).
 */
async function holderBalances(tx: TxStore, p: Posting, now: Date): Promise<{ person: BalanceDoc | null; house: BalanceDoc | null | undefined }> {
  const { userId, householdId } = p.holder
  const read = async (id: string) => (p.known?.has(id) ? (p.known.get(id) ?? null) : tx.get<BalanceDoc>(C.point_balances, id))
  const person = userId ? ((await read(personBalanceId(userId))) ?? emptyBalance('person', userId, now)) : null
  if (!householdId) return { person, house: null }
  const houseId = householdBalanceId(householdId)
  if (person && !p.known?.has(houseId)) return { person, house: undefined }
  return { person, house: (await read(houseId)) ?? emptyBalance('household', householdId, now) }
}

/**
 * Moves the cached balance of a household whose member pays and holds the counters, without reading
 * it: one increment (an update with operators is allowed in a transaction). Only the household's
 * first entry finds no document (the update changes nothing) and writes it whole; the update has
 * already put the absent document in the transaction, so a concurrent creation conflicts and the
 * transaction runs again.
 */
async function bumpHousehold(tx: TxStore, householdId: string, delta: number, now: Date): Promise<void> {
  const id = householdBalanceId(householdId)
  if ((await tx.update(C.point_balances, id, { balance: tx.op.inc(delta), entryCount: tx.op.inc(1), updatedAt: now })) > 0) return
  await tx.set(C.point_balances, id, { kind: 'household', ownerId: householdId, balance: delta, entryCount: 1, earned: {}, updatedAt: now })
}

/**
 * The payer's balance; refuses (CONFLICT) a redemption or negative correction it does not cover —
 * nor, once the person has moved, the part held in the entry's village.
 */
function requireCovered(p: Posting, person: BalanceDoc | null, house: BalanceDoc | null): number {
  const payerBalance = (person ?? house)?.balance ?? 0
  if (!p.mustCover) return payerBalance
  const refusal = coverRefusal(payerBalance, person?.byVillage ? heldIn(person, p.holder.villageId) : null, p.delta)
  return refusal === null ? payerBalance : fail('CONFLICT', refusal)
}

/** Appends one entry and moves the cached balances, inside `tx`. */
async function post(tx: TxStore, p: Posting, now: Date): Promise<Posted> {
  const entryId = entryIdFor(p.source, p.refId)
  const existing = p.known ? null : await tx.get<PointEntryDoc>(C.point_entries, entryId)
  if (existing) return { entry: existing, duplicate: true, balance: 0 }
  const { person, house } = await holderBalances(tx, p, now)
  const payerBalance = requireCovered(p, person, house ?? null)
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
  const owner = counterOwner(person, house ?? null)
  for (const b of [person, house]) {
    if (!b) continue
    const earned = b === owner && p.ruleKey && p.counter ? { ...b.earned, [p.ruleKey]: p.counter } : b.earned
    const monthEarned = monthEarnedAfter(b.monthEarned, p.delta, p.source, now)
    await tx.set(C.point_balances, b._id, { kind: b.kind, ownerId: b.ownerId, ...afterEntry(b, p.delta, p.holder.villageId), entryCount: b.entryCount + 1, earned, monthEarned, updatedAt: now })
  }
  if (house === undefined && p.holder.householdId) await bumpHousehold(tx, p.holder.householdId, p.delta, now)
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

/** What the caller of an award already knows, so that its transaction need not read it. */
export interface AwardKnown {
  /** The rule table (completeRules), read with the caller's profile; read in the transaction when absent. */
  rules?: PointRule[]
  /** The transaction shows the award cannot have been made yet (the deed it is for is still pending): its entry is not looked for. */
  unawarded?: boolean
  /**
   * The person, read with the caller's profile (awardUserInTx and a take-back do not read them in the
   * transaction); null: no such person, nothing is awarded. Their balance is still read in the
   * transaction, so an award that raced a move ends as if it came just before the move: its entry
   * names the village and household it went to, and every balance still equals the sum of its entries.
   */
  holder?: Holder | null
}

/** Awards points by the rule table within the person's caps (an entry of 0 records a capped award). */
export async function awardInTx(tx: TxStore, a: Award, now: Date, given: AwardKnown = {}): Promise<Posted> {
  const existing = given.unawarded ? null : await tx.get<PointEntryDoc>(C.point_entries, entryIdFor(a.source, a.refId))
  if (existing) return { entry: existing, duplicate: true, balance: 0 }
  const rules = given.rules ?? completeRules((await tx.get<RulesDoc>(C.point_rules, RULES_ID))?.rules)
  const rule = rules.find((r) => r.key === a.ruleKey) as PointRule
  const ownerId = a.holder.userId ? personBalanceId(a.holder.userId) : a.holder.householdId ? householdBalanceId(a.holder.householdId) : null
  const owner = ownerId ? await tx.get<BalanceDoc>(C.point_balances, ownerId) : null
  const counter = currentCounter(owner?.earned[a.ruleKey], now)
  const { points, capped, counter: next } = cappedAward(rule, a.units, counter)
  const note = awardNote(a.note, capped, rule)
  const known = new Map<string, BalanceDoc | null>(ownerId ? [[ownerId, owner]] : [])
  return post(tx, { holder: a.holder, delta: points, source: a.source, refId: a.refId, operatorId: a.operatorId, note, ruleKey: a.ruleKey, capped, counter: next, known }, now)
}

/** Loads the person inside the transaction and awards (volunteers and reports call this). */
export async function awardUserInTx(tx: TxStore, userId: string, a: Omit<Award, 'holder'>, now: Date, given: AwardKnown = {}): Promise<Posted | null> {
  const holder = await holderFor(tx, userId, given)
  if (!holder) return null
  return awardInTx(tx, { ...a, holder }, now, given)
}

/** The person as the caller read them (AwardKnown.holder), or read in the transaction; null: no such person. */
async function holderFor(tx: TxStore, userId: string, given: AwardKnown | undefined): Promise<Holder | null> {
  if (given?.holder !== undefined) return given.holder
  const user = await tx.get<UserDoc>(C.users, userId)
  return user ? holderOf(user) : null
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
  /** What the caller knows (awardInTx): the rules, and that this change's entries cannot exist yet (a request still pending in the transaction). */
  given?: AwardKnown
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
  const existing = p.given?.unawarded ? null : await tx.get<PointEntryDoc>(C.point_entries, entryIdFor('volunteer_hours', refId))
  const holder = existing ? null : await holderFor(tx, p.userId, p.given)
  if (!holder?.userId) return { delta: 0, owed: p.owed }
  const known = new Map<string, BalanceDoc | null>()
  for (const id of [personBalanceId(holder.userId), ...(holder.householdId ? [householdBalanceId(holder.householdId)] : [])]) known.set(id, await tx.get<BalanceDoc>(C.point_balances, id))
  // After a move the take-back is the new village's entry and takes only from its part; the rest stays owed.
  const plan = planTakeBack(fresh, p.owed, takeableFrom([...known.values()], holder.villageId))
  if (!plan.write) return { delta: 0, owed: p.owed }
  await post(tx, { holder, delta: plan.delta, source: 'volunteer_hours', refId, operatorId: p.operatorId, note: `${p.takeBackNote}${plan.noteTail}`, ruleKey: 'volunteer_hours', known }, now)
  return { delta: plan.delta, owed: plan.owed }
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
  const posted = await awardUserInTx(
    tx,
    p.userId,
    { ruleKey: 'volunteer_hours', source: 'volunteer_hours', refId: p.refId, units: p.toHours - p.fromHours, operatorId: p.operatorId, note: p.note },
    now,
    p.given
  )
  const added = posted && !posted.duplicate ? posted.entry.delta : 0
  if (p.owed <= 0) return { delta: added, owed: 0 }
  const collected = await takeBackHoursInTx(tx, p, 0, now)
  return { delta: added + collected.delta, owed: collected.owed }
}

/**
 * A redemption takes the price; refused (CONFLICT) when the balance does not cover it. `refId` is the
 * id of the redemption being created (a new one), so its entry cannot exist yet: it is not looked for.
 */
export async function spendInTx(tx: TxStore, holder: Holder, p: { price: number; refId: string; operatorId: string; note: string }, now: Date): Promise<Posted> {
  return post(tx, { holder, delta: -p.price, source: 'redemption', refId: p.refId, operatorId: p.operatorId, note: p.note, mustCover: true, known: new Map() }, now)
}

/**
 * Gives a cancelled redemption's price back (its own entry; the redemption's entry stays). Called in
 * the transaction that cancels the redemption, having read it not cancelled: the refund cannot have
 * been made, so its entry is not looked for.
 */
export async function refundInTx(tx: TxStore, holder: Holder, p: { price: number; refId: string; operatorId: string; note: string }, now: Date): Promise<Posted> {
  return post(tx, { holder, delta: p.price, source: 'redemption', refId: `${p.refId}:refund`, operatorId: p.operatorId, note: p.note, known: new Map() }, now)
}

/**
 * A correction is a new entry with its reason; a negative one may not take the balance below zero.
 * `unwritten`: the caller knows its entry cannot exist yet (a new reference, or a request the
 * transaction read still pending), so it is not looked for.
 */
export async function correctInTx(tx: TxStore, holder: Holder, p: { delta: number; refId: string; operatorId: string; note: string; unwritten?: boolean }, now: Date): Promise<Posted> {
  return post(tx, { holder, delta: p.delta, source: 'correction', refId: p.refId, operatorId: p.operatorId, note: p.note, mustCover: true, ...(p.unwritten ? { known: new Map() } : {}) }, now)
}

/**
 * Before a person's village changes (a confirmed move): splits their balance by village, all of it
 * so far to the village they leave, so it stays there and only what they earn from now on counts in
 * the new one. A balance already split, or none yet, needs nothing.
 */
export async function pinBalanceInTx(tx: TxStore, userId: string, leaving: string | null, now: Date): Promise<void> {
  const b = await tx.get<BalanceDoc>(C.point_balances, personBalanceId(userId))
  if (!b || b.byVillage) return
  await tx.set(C.point_balances, b._id, {
    kind: b.kind,
    ownerId: b.ownerId,
    balance: b.balance,
    entryCount: b.entryCount,
    earned: b.earned,
    ...(b.monthEarned ? { monthEarned: b.monthEarned } : {}),
    byVillage: pinnedToVillage(b.balance, leaving),
    updatedAt: now
  })
}

export async function balanceOf(store: Store, id: string): Promise<BalanceDoc | null> {
  return store.findOne<BalanceDoc>(C.point_balances, { _id: id })
}
