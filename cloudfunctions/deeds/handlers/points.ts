/** The rule table, my ledger and balance, households, and corrections. */
import type { ActionName, Balance, Household, HouseholdRecord, PointEntry, PointRule, ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import type { UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { decodeCursor, DEFAULT_PAGE_SIZE } from '../../_shared/paging'
import { balanceOf, chinaDay, completeRules, correctInTx, holderOf, householdBalanceId, loadRules, personBalanceId, RULES_ID, type BalanceDoc, type PointEntryDoc } from '../../_shared/points'
import { isVillageAdminOf, requireVillageAdmin } from '../access'
import type { DeedDoc, HouseholdDoc } from '../docs'
import { pageOf } from '../paging'
import { toDeeds, toEntry } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

const HOUSEHOLD_DEEDS = 20

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

async function entryPage(ctx: Ctx, field: 'userId' | 'householdId', value: string, input: { cursor?: string; pageSize?: number }) {
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

async function householdView(ctx: Ctx, h: HouseholdDoc): Promise<Household> {
  const _ = ctx.store.db.command
  const people = h.memberIds.length ? await ctx.store.find<UserDoc>(C.users, { _id: _.in(h.memberIds) }, { limit: h.memberIds.length, fields: { name: true } }) : []
  const names = new Map(people.map((p) => [p._id, p.name]))
  return { id: h._id, villageId: h.villageId, name: h.name, headUserId: h.headUserId, members: h.memberIds.map((userId) => ({ userId, name: names.get(userId) ?? '' })) }
}

export async function household(input: In<'deeds.household'>, ctx: Ctx): Promise<HouseholdRecord> {
  const householdId = input.householdId ?? ctx.user?.householdId ?? null
  if (!householdId) return fail('NOT_FOUND', '您还没有登记家庭，请联系村（居）')
  const h = await ctx.store.findOne<HouseholdDoc>(C.households, { _id: householdId })
  if (!h) return fail('NOT_FOUND', '没有找到这个家庭')
  if (h.headUserId !== ctx.userId && !isVillageAdminOf(ctx, h.villageId)) fail('FORBIDDEN', '家庭档案只有户主和村（居）管理员可以查看')
  const [view, balance, deeds, page] = await Promise.all([
    householdView(ctx, h),
    balanceOf(ctx.store, householdBalanceId(h._id)),
    ctx.store.find<DeedDoc>(C.deeds, { householdId: h._id, status: 'approved' }, { sort: [['reviewedAt', 'desc']], limit: HOUSEHOLD_DEEDS }),
    entryPage(ctx, 'householdId', h._id, input)
  ])
  return { household: view, balance: balance?.balance ?? 0, deeds: await toDeeds(deeds), ledger: page }
}

async function requireMembers(ctx: Ctx, villageId: string, ids: string[], householdId: string | null): Promise<UserDoc[]> {
  const _ = ctx.store.db.command
  const users = await ctx.store.find<UserDoc>(C.users, { _id: _.in(ids) }, { limit: ids.length })
  if (users.length !== ids.length || users.some((u) => u.villageId !== villageId)) fail('INVALID_INPUT', '成员须是本村（居）的居民', { memberIds: '成员须是本村（居）的居民' })
  if (users.some((u) => u.householdId && u.householdId !== householdId)) fail('CONFLICT', '有成员已登记在其他家庭')
  return users
}

export async function saveHousehold(input: In<'deeds.saveHousehold'>, ctx: Ctx): Promise<Household> {
  const now = ctx.now()
  const ids = [...new Set([input.headUserId, ...input.memberIds])]
  const before = input.id ? await ctx.store.findOne<HouseholdDoc>(C.households, { _id: input.id }) : null
  if (input.id && (!before || before.villageId !== input.villageId)) return fail('NOT_FOUND', '没有找到这个家庭')
  await requireMembers(ctx, input.villageId, ids, before?._id ?? null)
  const doc: HouseholdDoc = { _id: before?._id ?? newId('hh'), villageId: input.villageId, name: input.name, headUserId: input.headUserId, memberIds: ids, createdAt: before?.createdAt ?? now, updatedAt: now }
  const { _id: householdKey, ...stored } = doc
  await ctx.store.setDoc(C.households, householdKey, stored)
  const _ = ctx.store.db.command
  const removed = (before?.memberIds ?? []).filter((m) => !ids.includes(m))
  if (removed.length) await ctx.store.updateWhere(C.users, { _id: _.in(removed), householdId: doc._id }, { householdId: null, updatedAt: now })
  await ctx.store.updateWhere(C.users, { _id: _.in(ids) }, { householdId: doc._id, updatedAt: now })
  await ctx.store.insert(C.audit_log, auditEntry(ctx, 'household', doc._id, 'save', { name: doc.name, headUserId: doc.headUserId, memberIds: ids }))
  return householdView(ctx, doc)
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
