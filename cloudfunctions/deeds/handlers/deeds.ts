/**
 * Declaring and reviewing good deeds. Declaring never awards points; approval by the village admin
 * of the subject's village (or the town office) awards them by the rule table, in the same
 * transaction that marks the deed approved. Nobody approves their own or their household's deed.
 */
import { DEED_CATEGORY_GROUP, type ActionName, type Deed, type Page, type ParsedInputOf, type PointRule } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry, updateAudited } from '../../_shared/audit'
import type { UserDoc } from '../../_shared/docs'
import { fail, isDuplicateKeyError } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage, type PageInput } from '../../_shared/paging'
import { awardInTx, balanceOf, chinaDay, personBalanceId, prefetchRules, RULES_ID, type RulesDoc } from '../../_shared/points'
import { completeRules } from '@/domain/points'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { takeDailySlot } from '../../_shared/safeguards'
import { checkPhotos, checkText } from '../../_shared/security'
import type { Filter, Sort } from '../../_shared/store'
import { isGridWorkerOf, requireNotOwn, requireVillageAdmin } from '../access'
import type { DeedDoc, HouseholdDoc } from '../docs'
import { toDeclarersDeeds, toDeeds } from '../view'
import { balanceView } from './points'

type In<A extends ActionName> = ParsedInputOf<A>

interface Subject {
  user: UserDoc | null
  name: string
  household: HouseholdDoc | null
  villageId: string
}

async function resolveSubject(ctx: Ctx, input: In<'deeds.declare'>): Promise<Subject> {
  if (input.subjectUserId) {
    const user = input.subjectUserId === ctx.userId ? ctx.user : await ctx.store.findOne<UserDoc>(C.users, { _id: input.subjectUserId })
    if (!user || !user.villageId) return fail('INVALID_INPUT', '没有找到这位居民，或他还没有选择所在村（居）', { subjectUserId: '没有找到这位居民' })
    const household = user.householdId ? await ctx.store.findOne<HouseholdDoc>(C.households, { _id: user.householdId }) : null
    return { user, name: user.name, household, villageId: user.villageId }
  }
  if (!input.subjectName || !input.householdId) return fail('INVALID_INPUT', '请选择善行的主人公：本镇居民，或填写姓名并选择家庭', { subjectUserId: '请选择善行的主人公' })
  const household = await ctx.store.findOne<HouseholdDoc>(C.households, { _id: input.householdId })
  if (!household) return fail('INVALID_INPUT', '没有找到这个家庭', { householdId: '没有找到这个家庭' })
  return { user: null, name: input.subjectName, household, villageId: household.villageId }
}

function checkOnBehalf(ctx: Ctx, input: In<'deeds.declare'>, s: Subject): void {
  if (!input.onBehalf) return
  if (!s.user || s.user._id === ctx.userId) fail('INVALID_INPUT', '代录须选择本网格的居民', { subjectUserId: '代录须选择本网格的居民' })
  if (!isGridWorkerOf(ctx, s.user.gridId)) fail('FORBIDDEN', '只能为本网格的居民代录')
}

export async function declare(input: In<'deeds.declare'>, ctx: Ctx): Promise<Deed> {
  const now = ctx.now()
  const shown = async (d: DeedDoc) => (await toDeclarersDeeds([d], declarerOf(ctx)))[0]
  const subject = await resolveSubject(ctx, input)
  checkOnBehalf(ctx, input, subject)
  if (input.occurredOn > chinaDay(now)) fail('INVALID_INPUT', '日期不能晚于今天', { occurredOn: '日期不能晚于今天' })
  if (input.clientKey) {
    const again = await ctx.store.findOne<DeedDoc>(C.deeds, { declarerId: ctx.userId, clientKey: input.clientKey })
    if (again) return shown(again)
  }
  // The declarer's daily cap, before the content check spends its quota (代录 by a grid worker is not
  // capped). The slot stays taken if the declaration then fails: trying again counts again.
  if (!input.onBehalf) await takeDailySlot(ctx.store, ctx.userId, 'declaration', now)
  const [textVerdict, checked] = await Promise.all([
    checkText(ctx.openid, [input.title, input.place, input.description, subject.user ? null : subject.name]),
    checkPhotos(input.photos, [ctx.openid, ctx.userId])
  ])
  const doc = deedDoc(ctx, { ...input, photos: await checked.keep() }, subject, textVerdict === 'pass' && checked.verdict === 'pass', now)
  try {
    await ctx.store.insert(C.deeds, doc)
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    const again = await ctx.store.findOne<DeedDoc>(C.deeds, { declarerId: ctx.userId, clientKey: doc.clientKey })
    if (again) return shown(again)
    throw e
  }
  return shown(doc)
}

function deedDoc(ctx: Ctx, input: In<'deeds.declare'>, subject: Subject, passed: boolean, now: Date): DeedDoc {
  return {
    _id: newId('dd'),
    villageId: subject.villageId,
    gridId: subject.user?.gridId ?? null,
    subjectUserId: subject.user?._id ?? null,
    subjectName: subject.name,
    householdId: subject.household?._id ?? null,
    householdName: subject.household?.name ?? null,
    declarerId: ctx.userId,
    declarerName: ctx.user?.name ?? '',
    clientKey: input.clientKey ?? newId('ck'),
    onBehalf: input.onBehalf === true,
    category: input.category,
    group: DEED_CATEGORY_GROUP[input.category],
    title: input.title,
    occurredOn: input.occurredOn,
    place: input.place,
    description: input.description,
    photos: input.photos,
    secStatus: passed ? 'pass' : 'review',
    status: 'pending',
    reason: null,
    points: null,
    capped: false,
    entryId: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: now,
    updatedAt: now
  }
}

const declarerOf = (ctx: Ctx) => ({ userId: ctx.userId, householdId: ctx.user?.householdId ?? null })

async function deedPage(ctx: Ctx, filter: Filter, sort: Sort, input: PageInput, view: (rows: DeedDoc[]) => Promise<Deed[]> = toDeeds): Promise<Page<Deed>> {
  return mapPage(await offsetPage(input, (skip, limit) => ctx.store.find<DeedDoc>(C.deeds, filter, { sort, skip, limit })), view)
}

export async function mine(input: In<'deeds.mine'>, ctx: Ctx): Promise<Page<Deed>> {
  return deedPage(ctx, { declarerId: ctx.userId }, [['createdAt', 'desc']], input, (rows) => toDeclarersDeeds(rows, declarerOf(ctx)))
}

export async function record(input: In<'deeds.record'>, ctx: Ctx) {
  const [deeds, balance] = await Promise.all([deedPage(ctx, { subjectUserId: ctx.userId, status: 'approved' }, [['reviewedAt', 'desc']], input), balanceOf(ctx.store, personBalanceId(ctx.userId))])
  return { balance: balanceView(balance, ctx.now(), ctx.user?.villageId ?? null), deeds }
}

export async function queue(input: In<'deeds.queue'>, ctx: Ctx): Promise<Page<Deed>> {
  return deedPage(ctx, { villageId: input.villageId, status: 'pending' }, [['createdAt', 'desc']], input)
}

async function requireDeed(ctx: Ctx, deedId: string): Promise<DeedDoc> {
  const d = await ctx.store.findOne<DeedDoc>(C.deeds, { _id: deedId })
  if (!d) return fail('NOT_FOUND', '没有找到这条善行')
  requireVillageAdmin(ctx, d.villageId)
  if (d.status !== 'pending') fail('CONFLICT', '这条善行已经审核过了')
  return d
}

/**
 * The rule table comes with the caller's profile; the deed is read once, in the transaction, and
 * checked there (scope, still pending, not the approver's own). A pending deed has no award yet (its
 * entry is written only with the approval), so the entry is not looked for. Requests: profile + rules,
 * then start, deed, the subject's balance (caps), entry, balance, the household's increment, deed,
 * audit entry, commit = 10.
 */
export const approve = withPrefetch<'deeds.approve'>(
  () => ({ rules: prefetchRules() }),
  async (input, ctx) => {
    const rulesDoc = await prefetchedOne<RulesDoc>(ctx, 'rules', () => ctx.store.findOne<RulesDoc>(C.point_rules, { _id: RULES_ID }))
    return approveWith(input, ctx, completeRules(rulesDoc?.rules))
  }
)

async function approveWith(input: In<'deeds.approve'>, ctx: Ctx, rules: PointRule[]): Promise<Deed> {
  const now = ctx.now()
  const done = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<DeedDoc>(C.deeds, input.deedId)
    if (!cur) return fail('NOT_FOUND', '没有找到这条善行')
    requireVillageAdmin(ctx, cur.villageId)
    if (cur.status !== 'pending') return fail('CONFLICT', '这条善行已经审核过了')
    requireNotOwn(ctx, cur)
    const holder = { userId: cur.subjectUserId, name: cur.subjectName, householdId: cur.householdId, villageId: cur.villageId }
    const award = { holder, ruleKey: `deed:${cur.category}` as const, source: 'deed' as const, refId: cur._id, units: 1, operatorId: ctx.userId, note: `善行：${cur.title}` }
    const posted = await awardInTx(tx, award, now, { rules, unawarded: true })
    const patch = { status: 'approved' as const, points: posted.entry.delta, capped: posted.entry.capped, entryId: posted.entry._id, reviewedBy: ctx.userId, reviewedAt: now, updatedAt: now }
    await tx.update(C.deeds, cur._id, patch)
    await tx.insert(C.audit_log, auditEntry(ctx, 'deed', cur._id, 'approve', { points: patch.points, capped: patch.capped }))
    return { ...cur, ...patch }
  })
  return (await toDeeds([done]))[0]
}

export async function reject(input: In<'deeds.reject'>, ctx: Ctx): Promise<Deed> {
  const d = await requireDeed(ctx, input.deedId)
  const now = ctx.now()
  const patch = { status: 'rejected' as const, reason: input.reason, reviewedBy: ctx.userId, reviewedAt: now, updatedAt: now }
  // the decision and its audit entry in one transaction, conditional on the deed still waiting
  await updateAudited<DeedDoc>(ctx, C.deeds, d._id, 'deed', 'reject', (cur) => {
    if (cur?.status !== 'pending') fail('CONFLICT', '这条善行已经审核过了')
    return { patch, detail: { reason: input.reason } }
  })
  return (await toDeeds([{ ...d, ...patch }]))[0]
}
