import type { InputOf } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { householdBalanceId, personBalanceId, type BalanceDoc, type PointEntryDoc } from '../../cloudfunctions/_shared/points'
import type { UserDoc } from '../../cloudfunctions/_shared/docs'
import type { HouseholdDoc } from '../../cloudfunctions/deeds/docs'

export const entries = () => localCloud.engine.all('point_entries') as unknown as PointEntryDoc[]
export const balances = () => localCloud.engine.all('point_balances') as unknown as BalanceDoc[]
export const balanceOf = (userId: string) => (localCloud.engine.get('point_balances', personBalanceId(userId)) as unknown as BalanceDoc | null)?.balance ?? 0
export const householdOfUser = (userId: string) => (localCloud.engine.get('users', userId) as unknown as UserDoc | null)?.householdId ?? null
export const householdDoc = (id: string) => localCloud.engine.get('households', id) as unknown as HouseholdDoc | null
export const householdBalance = (householdId: string) => (localCloud.engine.get('point_balances', householdBalanceId(householdId)) as unknown as BalanceDoc | null)?.balance ?? 0

/**
 * The ledger invariant: every cached balance (person and household) equals the sum of its
 * entries, counts them, and every holder in the ledger has a balance. Returns the entry count.
 */
export function expectLedgerInvariant(): number {
  const all = entries()
  const sums = new Map<string, { sum: number; n: number }>()
  const add = (id: string, delta: number) => {
    const s = sums.get(id) ?? { sum: 0, n: 0 }
    sums.set(id, { sum: s.sum + delta, n: s.n + 1 })
  }
  for (const e of all) {
    if (e.userId) add(personBalanceId(e.userId), e.delta)
    if (e.householdId) add(householdBalanceId(e.householdId), e.delta)
  }
  const cached = new Map(balances().map((b) => [b._id, b]))
  for (const [id, s] of sums) {
    expect({ id, balance: cached.get(id)?.balance, entries: cached.get(id)?.entryCount }).toEqual({ id, balance: s.sum, entries: s.n })
  }
  for (const b of cached.values()) expect({ id: b._id, sum: sums.get(b._id)?.sum ?? 0 }).toEqual({ id: b._id, sum: b.balance })
  return all.length
}

let n = 0
export function deedInput(extra: Partial<InputOf<'deeds.declare'>> = {}): InputOf<'deeds.declare'> {
  n++
  return {
    category: 'helping',
    title: `帮邻居搬家 ${n}`,
    occurredOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    place: '东山村一组',
    description: '下雨天帮独居老人把家具搬到楼上。',
    photos: [],
    ...extra
  }
}
