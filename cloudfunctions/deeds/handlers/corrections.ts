/**
 * 积分更正. A correction up to the town's threshold is recorded at once, as a new ledger entry; a
 * larger one (either way), or one that takes the same admin's net correction of the person within
 * 30 days past it, is only requested, and another person who may correct that resident (an
 * admin of their village or the town office) approves it — then the entry is written — or rejects it.
 * Nobody corrects, or approves a correction of, themselves or their household, and nobody approves
 * their own request.
 */
import { CORRECTION_STATUS_LABELS, type ActionName, type CorrectionOutcome, type CorrectionRequest, type Page, type ParsedInputOf } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry, insertAudited, updateAudited } from '../../_shared/audit'
import { iso, type UserDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import { mapPage, offsetPage } from '../../_shared/paging'
import { correctInTx, holderOf, type PointEntryDoc } from '../../_shared/points'
import { prefetchedDoc, prefetchedMany, prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { needsSecondApproval, prefetchSafeguards, safeguardsFor } from '../../_shared/safeguards'
import type { Filter } from '../../_shared/store'
import { requireVillageAdmin } from '../access'
import type { CorrectionDoc } from '../docs'
import { entriesSince, prefetchCorrection, prefetchEntriesSince, prefetchUser } from '../repo'
import { toEntry } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

const SAME_REQUEST = '这条更正已经审批过了'

/** The person's own or household points are never corrected (or approved) by them. */
function isOwn(ctx: Ctx, userId: string, householdId: string | null | undefined): boolean {
  return userId === ctx.userId || Boolean(householdId && householdId === ctx.user?.householdId)
}

function toCorrection(d: CorrectionDoc, ctx: Ctx): CorrectionRequest {
  return {
    id: d._id,
    userId: d.userId,
    personName: d.personName,
    villageId: d.villageId,
    delta: d.delta,
    reason: d.reason,
    status: d.status,
    statusLabel: CORRECTION_STATUS_LABELS[d.status],
    requestedByName: d.requestedByName,
    requestedAt: iso(d.requestedAt) as string,
    canDecide: d.status === 'pending' && d.requestedBy !== ctx.userId && !isOwn(ctx, d.userId, d.householdId),
    decidedByName: d.decidedByName,
    decidedAt: iso(d.decidedAt),
    note: d.note
  }
}

/** The resident to correct, within the caller's villages (the town office: anyone), never themselves. */
async function correctable(ctx: Ctx, userId: string): Promise<UserDoc> {
  const user = await prefetchedOne<UserDoc>(ctx, 'person', () => ctx.store.findOne<UserDoc>(C.users, { _id: userId }))
  if (!user) return fail('NOT_FOUND', '没有找到这位居民')
  requireVillageAdmin(ctx, user.villageId)
  return user
}

/** How far back one admin's corrections of one person add up against the threshold. */
export const CORRECTION_WINDOW_DAYS = 30

/** Where the window of `now` starts. */
const windowStart = (now: Date) => new Date(now.getTime() - CORRECTION_WINDOW_DAYS * 86_400_000)

/**
 * What this admin has already corrected on this person, at once, within the window, as a net
 * change: ten corrections of +50 are +500, not ten small ones; +50 then −50 (a mistake undone) is 0.
 * The person's entries of the window came with the caller's profile (read here when they did not).
 */
async function correctedLately(ctx: Ctx, userId: string, now: Date): Promise<number> {
  const rows = await prefetchedMany<PointEntryDoc>(ctx, 'lately', () => entriesSince(ctx.store, userId, windowStart(now)))
  return rows.filter((e) => e.source === 'correction' && e.operatorId === ctx.userId).reduce((sum, e) => sum + e.delta, 0)
}

/**
 * The person, the town's safeguards and the person's entries of the window (this admin's recent
 * corrections among them) come with the caller's profile: one request. A correction posted at once:
 * start, the balance, the entry (a new reference: not looked for), the balance, the household's
 * increment, the audit entry, commit.
 */
export const correct = withPrefetch<'deeds.correct'>(
  (input, caller) => ({ person: prefetchUser(input.userId), safeguards: prefetchSafeguards(), lately: prefetchEntriesSince(caller.op, input.userId, windowStart(caller.now)) }),
  correctPoints
)

async function correctPoints(input: In<'deeds.correct'>, ctx: Ctx): Promise<CorrectionOutcome> {
  const now = ctx.now()
  const [user, safeguards, lately] = await Promise.all([correctable(ctx, input.userId), safeguardsFor(ctx), correctedLately(ctx, input.userId, now)])
  if (isOwn(ctx, user._id, user.householdId)) fail('FORBIDDEN', '不能更正自己或本家庭的积分，请由其他管理员办理')
  if (needsSecondApproval(input.delta, safeguards) || needsSecondApproval(lately + input.delta, safeguards)) {
    const doc: CorrectionDoc = {
      _id: newId('pcr'),
      userId: user._id,
      personName: user.name,
      householdId: user.householdId ?? null,
      villageId: user.villageId,
      delta: input.delta,
      reason: input.reason,
      status: 'pending',
      requestedBy: ctx.userId,
      requestedByName: ctx.user?.name ?? '',
      requestedAt: now,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      note: null,
      entryId: null
    }
    await insertAudited(ctx, C.point_corrections, doc, 'point_correction', 'request', { userId: user._id, delta: input.delta, reason: input.reason })
    return { status: 'pending', request: toCorrection(doc, ctx), threshold: safeguards.correctionThreshold }
  }
  const refId = newId('pc')
  const posted = await ctx.store.transaction(async (tx) => {
    const p = await correctInTx(tx, holderOf(user), { delta: input.delta, refId, operatorId: ctx.userId, note: `更正：${input.reason}`, unwritten: true }, now)
    await tx.insert(C.audit_log, auditEntry(ctx, 'point_entry', p.entry._id, 'correct', { userId: user._id, delta: input.delta, reason: input.reason }))
    return p
  })
  return { status: 'posted', entry: toEntry(posted.entry) }
}

/** Requests waiting in a village (the town office may leave the village out: all of them), oldest first. */
export async function pendingCorrections(input: In<'deeds.pendingCorrections'>, ctx: Ctx): Promise<Page<CorrectionRequest>> {
  const filter: Filter = input.villageId ? { villageId: input.villageId, status: 'pending' } : { status: 'pending' }
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<CorrectionDoc>(C.point_corrections, filter, { sort: [['requestedAt', 'asc']], skip, limit }))
  return mapPage(page, (rows) => rows.map((d) => toCorrection(d, ctx)))
}

/** The request and its resident come with the caller's profile (one request). */
export const approveCorrection = withPrefetch<'deeds.approveCorrection'>(
  (input) => prefetchCorrection(input.requestId),
  async (input, ctx) => {
    const request = await prefetchedOne<CorrectionDoc>(ctx, 'request', () => ctx.store.findOne<CorrectionDoc>(C.point_corrections, { _id: input.requestId }))
    if (!request) return fail('NOT_FOUND', '没有找到这条积分更正')
    const seen = prefetchedDoc<UserDoc>(ctx, 'person')
    const user = seen !== undefined ? seen : await ctx.store.findOne<UserDoc>(C.users, { _id: request.userId })
    if (!user) return fail('NOT_FOUND', '没有找到这位居民')
    return decideCorrection(input, ctx, request, user)
  }
)

async function decideCorrection(input: In<'deeds.approveCorrection'>, ctx: Ctx, request: CorrectionDoc, user: UserDoc): Promise<CorrectionRequest> {
  // decided where it was asked: an admin of the village the request belongs to, or the town office
  requireVillageAdmin(ctx, request.villageId)
  // points are held per village since a move: a request from before the move no longer fits the balance
  if (input.approve && user.villageId !== request.villageId) fail('CONFLICT', '这位居民已迁往其他村（居），这条更正不能再批准；请不批准，由现在所在村（居）重新申请')
  if (request.requestedBy === ctx.userId) fail('FORBIDDEN', '不能审批自己提出的更正，请由其他管理员审批')
  if (isOwn(ctx, user._id, user.householdId) || isOwn(ctx, request.userId, request.householdId)) fail('FORBIDDEN', '不能审批自己或本家庭的积分更正')
  if (request.status !== 'pending') fail('CONFLICT', SAME_REQUEST)
  const now = ctx.now()
  const decided = { decidedBy: ctx.userId, decidedByName: ctx.user?.name ?? '', decidedAt: now, note: input.note ?? null }
  if (!input.approve) {
    const patch = { ...decided, status: 'rejected' as const }
    await updateAudited<CorrectionDoc>(ctx, C.point_corrections, request._id, 'point_correction', 'reject', (cur) =>
      cur?.status === 'pending' ? { patch, detail: { userId: request.userId, delta: request.delta, note: patch.note } } : fail('CONFLICT', SAME_REQUEST)
    )
    return toCorrection({ ...request, ...patch }, ctx)
  }
  const approved = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<CorrectionDoc>(C.point_corrections, request._id)
    if (cur?.status !== 'pending') return fail('CONFLICT', SAME_REQUEST)
    // The entry's id derives from the request, and is written only with the approval: a request still pending has none.
    const p = await correctInTx(tx, holderOf(user), { delta: cur.delta, refId: cur._id, operatorId: ctx.userId, note: `更正：${cur.reason}`, unwritten: true }, now)
    const patch = { ...decided, status: 'approved' as const, entryId: p.entry._id }
    await tx.update(C.point_corrections, cur._id, patch)
    await tx.insert(C.audit_log, auditEntry(ctx, 'point_correction', cur._id, 'approve', { userId: cur.userId, delta: cur.delta, entryId: p.entry._id, requestedBy: cur.requestedBy }))
    return { ...cur, ...patch }
  })
  return toCorrection(approved, ctx)
}
