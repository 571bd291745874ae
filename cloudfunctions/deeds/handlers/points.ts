/** The rule table, my ledger and balance, a resident's points for the village admin, and corrections. */
import type { ActionName, Balance, PersonPoints, PointEntry, PointRule, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import type { UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { decodeCursor, DEFAULT_PAGE_SIZE } from '../../_shared/paging'
import { balanceOf, chinaDay, completeRules, correctInTx, holderOf, loadRules, personBalanceId, RULES_ID, type BalanceDoc, type PointEntryDoc } from '../../_shared/points'
import { requireVillageAdmin } from '../access'
import type { HouseholdDoc } from '../docs'
import { pageOf } from '../paging'
import { toEntry } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

export function balanceView(b: BalanceDoc | null, now: Date): Balance {
  const month = chinaDay(now).slice(0, 7)
  const earnedThisMonth = Object.values(b?.earned ?? {}).reduce((s, c) => s + (c && c.month === month ? c.monthPoints : 0), 0)
  return { balance: b?.balance ?? 0, earnedThisMonth }
}

export async function rules(_input: In<'deeds.rules'>, ctx: Ctx): Promise<PointRule[]> {
  return loadRules(ctx.store)
}

export async function saveRules(input: In<'deeds.saveRules'>, ctx: Ctx): Promise<PointRule[]> {
  for (const r of input.rules) if (r.dailyCap > r.monthlyCap) fail('INVALID_INPUT', '每日上限不能大于每月上限', { rules: '每日上限不能大于每月上限' })
  const current = await loadRules(ctx.store)
  const next = completeRules(current.map((r) => input.rules.find((x) => x.key === r.key) ?? r).map((r) => ({ ...r, label: '' })))
  await ctx.store.setDoc(C.point_rules, RULES_ID, { rules: next, updatedAt: ctx.now(), updatedBy: ctx.userId })
  await ctx.store.insert(C.audit_log, auditEntry(ctx, 'point_rules', RULES_ID, 'save', { rules: input.rules }))
  return next
}

/** A page of point entries by person or household, newest first. */
export async function entryPage(ctx: Ctx, field: 'userId' | 'householdId', value: string, input: { cursor?: string; pageSize?: number }) {
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const skip = decodeCursor(input.cursor)
  const rows = await ctx.store.find<PointEntryDoc>(C.point_entries, { [field]: value }, { sort: [['at', 'desc']], skip, limit: size + 1 })
  const page = pageOf(rows, size, skip)
  return { items: page.items.map(toEntry), next: page.next }
}

export async function ledger(input: In<'deeds.ledger'>, ctx: Ctx) {
  const [page, balance] = await Promise.all([entryPage(ctx, 'userId', ctx.userId, input), balanceOf(ctx.store, personBalanceId(ctx.userId))])
  return { balance: balanceView(balance, ctx.now()), page }
}

/** What the village admin looks at before a correction: the person, the balance, the entries. */
export async function person(input: In<'deeds.person'>, ctx: Ctx): Promise<PersonPoints> {
  const user = await ctx.store.findOne<UserDoc>(C.users, { _id: input.userId })
  if (!user) return fail('NOT_FOUND', '没有找到这位居民')
  requireVillageAdmin(ctx, user.villageId)
  const [household, balance, page] = await Promise.all([
    user.householdId ? ctx.store.findOne<HouseholdDoc>(C.households, { _id: user.householdId }) : Promise.resolve(null),
    balanceOf(ctx.store, personBalanceId(user._id)),
    entryPage(ctx, 'userId', user._id, input)
  ])
  return { person: { id: user._id, name: user.name, villageId: user.villageId, householdName: household?.name ?? null }, balance: balanceView(balance, ctx.now()), page }
}

export async function correct(input: In<'deeds.correct'>, ctx: Ctx): Promise<PointEntry> {
  const user = await ctx.store.findOne<UserDoc>(C.users, { _id: input.userId })
  if (!user) return fail('NOT_FOUND', '没有找到这位居民')
  requireVillageAdmin(ctx, user.villageId)
  if (user._id === ctx.userId || (user.householdId && user.householdId === ctx.user?.householdId)) fail('FORBIDDEN', '不能更正自己或本家庭的积分，请由其他管理员办理')
  const now = ctx.now()
  const refId = newId('pc')
  const posted = await ctx.store.transaction(async (tx) => {
    const p = await correctInTx(tx, holderOf(user), { delta: input.delta, refId, operatorId: ctx.userId, note: `更正：${input.reason}` }, now)
    await tx.insert(C.audit_log, auditEntry(ctx, 'point_entry', p.entry._id, 'correct', { userId: user._id, delta: input.delta, reason: input.reason }))
    return p
  })
  return toEntry(posted.entry)
}
