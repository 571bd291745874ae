/** The rule table, my ledger and balance, and a resident's points for the village admin (corrections: corrections.ts). */
import type { ActionName, Balance, PersonPoints, PointRule, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { setAudited } from '../../_shared/audit'
import type { UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { mapPage, offsetPage, type PageInput } from '../../_shared/paging'
import { balanceOf, loadRules, personBalanceId, RULES_ID, type BalanceDoc, type PointEntryDoc } from '../../_shared/points'
import { completeRules, earnedThisMonth, heldIn } from '@/domain/points'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { requireVillageAdmin } from '../access'
import type { HouseholdDoc } from '../docs'
import { prefetchPerson } from '../repo'
import { toEntry } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

/** `villageId`: the person's village now (a balance split by a move shows what can be spent there). */
export function balanceView(b: BalanceDoc | null, now: Date, villageId: string | null = null): Balance {
  return { balance: b?.balance ?? 0, earnedThisMonth: earnedThisMonth(b, now), ...(b?.byVillage ? { spendableHere: heldIn(b, villageId) } : {}) }
}

export async function rules(_input: In<'deeds.rules'>, ctx: Ctx): Promise<PointRule[]> {
  return loadRules(ctx.store)
}

export async function saveRules(input: In<'deeds.saveRules'>, ctx: Ctx): Promise<PointRule[]> {
  const current = await loadRules(ctx.store)
  const next = completeRules(current.map((r) => input.rules.find((x) => x.key === r.key) ?? r).map((r) => ({ ...r, label: '' })))
  await setAudited(ctx, C.point_rules, RULES_ID, 'point_rules', 'save', () => ({ doc: { rules: next, updatedAt: ctx.now(), updatedBy: ctx.userId }, detail: { rules: input.rules } }))
  return next
}

/** A page of point entries by person or household, newest first. */
export async function entryPage(ctx: Ctx, field: 'userId' | 'householdId', value: string, input: PageInput) {
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<PointEntryDoc>(C.point_entries, { [field]: value }, { sort: [['at', 'desc']], skip, limit }))
  return mapPage(page, (rows) => rows.map(toEntry))
}

export async function ledger(input: In<'deeds.ledger'>, ctx: Ctx) {
  const [page, balance] = await Promise.all([entryPage(ctx, 'userId', ctx.userId, input), balanceOf(ctx.store, personBalanceId(ctx.userId))])
  return { balance: balanceView(balance, ctx.now(), ctx.user?.villageId ?? null), page }
}

/**
 * What the village admin looks at before a correction: the person, the balance, the entries. The
 * person, their household and balance come with the caller's profile (one request); then the page.
 */
export const person = withPrefetch<'deeds.person'>(
  (input) => prefetchPerson(input.userId),
  async (input, ctx) => {
    const user = await prefetchedOne<UserDoc>(ctx, 'person', () => ctx.store.findOne<UserDoc>(C.users, { _id: input.userId }))
    if (!user) return fail('NOT_FOUND', '没有找到这位居民')
    requireVillageAdmin(ctx, user.villageId)
    return personRecord(input, ctx, user)
  }
)

async function personRecord(input: In<'deeds.person'>, ctx: Ctx, user: UserDoc): Promise<PersonPoints> {
  const householdId = user.householdId
  const [household, balance, page] = await Promise.all([
    householdId ? prefetchedOne<HouseholdDoc>(ctx, 'household', () => ctx.store.findOne<HouseholdDoc>(C.households, { _id: householdId })) : Promise.resolve(null),
    prefetchedOne<BalanceDoc>(ctx, 'balance', () => balanceOf(ctx.store, personBalanceId(user._id))),
    entryPage(ctx, 'userId', user._id, input)
  ])
  return { person: { id: user._id, name: user.name, villageId: user.villageId, householdName: household?.name ?? null }, balance: balanceView(balance, ctx.now(), user.villageId), page }
}
