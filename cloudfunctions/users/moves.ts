/**
 * A person's village decides where they vote, which 积分超市 they spend in and which admin corrects
 * them, so only the first choice is taken on their word. A later change to another village is a
 * pending move on the person: their village stays until the new village's admin (or the town
 * office) confirms it — then village, grid and names change with an audit entry in one transaction —
 * or refuses it. A new grid in the same village needs nobody. What was earned or cast before a move
 * stays where it was: ledger entries keep their village, the balance is split by village at the
 * move (points.ts pinBalanceInTx), and the person leaves a household of the old village.
 */
import type { MoveRequest, Page, ParsedInputOf, UserSummary } from '@/contract'
import type { Ctx } from '../_shared/router'
import { C } from '../_shared/collections'
import { auditEntry } from '../_shared/audit'
import type { GridDoc, MoveDoc, UserDoc, VillageDoc } from '../_shared/docs'
import { fail } from '../_shared/errors'
import { mapPage, offsetPage } from '../_shared/paging'
import { pinBalanceInTx } from '../_shared/points'
import type { TxStore } from '../_shared/store'
import { prefetchedVillageWithGrids, prefetchVillageWithGrids, villageWithGrids } from '../_shared/villages'
import { withPrefetch } from '../_shared/prefetch'
import type { HouseholdDoc } from '../deeds/docs'
import { findPendingMoves, updateUserInTx } from './repo'
import { toMoveRequest, toSummary } from './view'

/** What a profile edit asks of the person's village: nothing, a change now, or a move to confirm. */
export type VillageChange = 'same' | 'first' | 'move' | 'clear'

/** Pure: the first village is the person's own choice; any other change of village is a move. */
export function villageChangeOf(current: string | null, wanted: string | null): VillageChange {
  if (wanted === current) return 'same'
  if (wanted === null) return 'clear'
  return current === null ? 'first' : 'move'
}

const GRID_NOT_IN_VILLAGE = '所选网格不属于该村（居）'

/** A village of the town and, if given, one of its grids, with their names; refuses anything else. */
async function placeOf(ctx: Ctx, villageId: string, gridId: string | null): Promise<Omit<MoveDoc, 'requestedAt'>> {
  const found = await villageWithGrids(ctx.store, villageId)
  if (!found) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  const grid = gridId === null ? null : found.grids.find((g) => g._id === gridId)
  if (gridId !== null && !grid) fail('INVALID_INPUT', GRID_NOT_IN_VILLAGE, { gridId: GRID_NOT_IN_VILLAGE })
  return { villageId: found.village._id, villageName: found.village.name, gridId: grid?._id ?? null, gridName: grid?.name ?? null }
}

/**
 * The village/grid part of a profile edit: checks the grid belongs to the village and carries the
 * names. A first village and a grid in the same village apply now; another village becomes (or
 * replaces) the pending move and leaves the village as it is.
 */
export async function placement(ctx: Ctx, user: UserDoc, input: { villageId?: string | null; gridId?: string | null }): Promise<Partial<UserDoc>> {
  const villageId = input.villageId === undefined ? user.villageId : input.villageId
  const gridId = input.gridId === undefined ? (villageId === user.villageId ? user.gridId : null) : input.gridId
  if (villageId === null && gridId !== null) fail('INVALID_INPUT', '请先选择村（居）', { villageId: '请先选择村（居）' })
  const change = villageChangeOf(user.villageId, villageId)
  if (change === 'same' && gridId === user.gridId) return {}
  if (change === 'clear') {
    // Without a village the next choice would be a "first" one, taken on the person's word.
    return fail('INVALID_INPUT', '所在村（居）不能清空；搬到其他村（居）请选择新的村（居），由新村（居）管理员确认', { villageId: '所在村（居）不能清空' })
  }
  const place = await placeOf(ctx, villageId as string, gridId)
  if (change === 'same') return { gridId: place.gridId, gridName: place.gridName }
  if (change === 'first') return place
  const pending = user.pendingMove
  // Asking again for the same place (a retry) keeps the request and its time.
  if (pending && pending.villageId === place.villageId && pending.gridId === place.gridId) return {}
  const move: MoveDoc = { ...place, requestedAt: ctx.now() }
  return { pendingMove: move, refusedMove: null }
}

/** The person withdraws their pending move (and clears a refusal they have read); nothing to withdraw is not an error. */
export function withdrawal(user: UserDoc): Partial<UserDoc> | null {
  if (!user.pendingMove && !user.refusedMove) return null
  return { pendingMove: null, refusedMove: null }
}

export async function moves(input: ParsedInputOf<'users.moves'>, ctx: Ctx): Promise<Page<MoveRequest>> {
  // The router lets a village admin through only with a grant on input.villageId; without one it is the town office.
  const page = await offsetPage(input, (skip, limit) => findPendingMoves(ctx.store, input.villageId, skip, limit))
  return mapPage(page, (rows) => rows.map((u) => toMoveRequest(u, ctx)))
}

/** The person and their pending move into `villageId`, read in the transaction. */
async function pendingInto(tx: TxStore, input: { userId: string; villageId: string }): Promise<{ user: UserDoc; move: MoveDoc }> {
  const user = await tx.get<UserDoc>(C.users, input.userId)
  const move = user?.pendingMove
  if (!user || !move || move.villageId !== input.villageId) return fail('NOT_FOUND', '没有找到这份迁入申请，可能已撤回或已处理')
  return { user, move }
}

/** Nobody decides their own move or one of their household (the rule deeds apply to points). */
function requireNotOwnMove(ctx: Ctx, user: UserDoc): void {
  if (user._id === ctx.userId) fail('FORBIDDEN', '不能处理自己的迁入申请，请由其他管理员办理')
  if (user.householdId && user.householdId === ctx.user?.householdId) fail('FORBIDDEN', '不能处理本家庭成员的迁入申请，请由其他管理员办理')
}

/**
 * The person leaves a household of another village (its record and points stay there). A head
 * leaving members behind would leave the household without one: the old village names a new head first.
 */
async function leaveHousehold(tx: TxStore, user: UserDoc, villageId: string, now: Date): Promise<{ householdId: null } | Record<string, never>> {
  if (!user.householdId) return {}
  const h = await tx.get<HouseholdDoc>(C.households, user.householdId)
  if (!h) return { householdId: null }
  if (h.villageId === villageId) return {}
  const rest = h.memberIds.filter((m) => m !== user._id)
  if (h.headUserId === user._id && rest.length > 0) fail('CONFLICT', `申请人是原村（居）“${h.name}”的户主，请先由原村（居）管理员更换户主，再同意迁入`)
  await tx.update(C.households, h._id, { memberIds: rest, updatedAt: now })
  return { householdId: null }
}

/**
 * The village moved into, with its grids, comes with the caller's profile (one request): villages and
 * grids are never removed and neither a village's town nor a grid's village ever changes, so what
 * this decides on them (the village is the town's, the grid is the village's) cannot change
 * meanwhile and need not be read in the transaction. Requests: the profile with the village and its
 * grids, then start, the person (the pending move), their household (left if of another village) and
 * its update, their balance (pinned to the village left, when not yet split) and its write, the
 * person, the audit entry, commit.
 */
export const confirmMove = withPrefetch<'users.confirmMove'>(
  (input) => prefetchVillageWithGrids(input.villageId),
  async (input, ctx) => {
    const seen = prefetchedVillageWithGrids(ctx)
    const place = seen !== undefined ? seen : await villageWithGrids(ctx.store, input.villageId)
    return confirmMoveInto(input, ctx, place)
  }
)

async function confirmMoveInto(input: ParsedInputOf<'users.confirmMove'>, ctx: Ctx, place: { village: VillageDoc; grids: GridDoc[] } | null): Promise<UserSummary> {
  const now = ctx.now()
  const moved = await ctx.store.transaction(async (tx) => {
    const { user, move } = await pendingInto(tx, input)
    requireNotOwnMove(ctx, user)
    // the move is into input.villageId (pendingInto): the village read with the profile
    if (!place) return fail('CONFLICT', '这个村（居）已不存在，请申请人重新选择')
    const village = place.village
    const inVillage = move.gridId ? (place.grids.find((g) => g._id === move.gridId) ?? null) : null
    const left = await leaveHousehold(tx, user, village._id, now)
    await pinBalanceInTx(tx, user._id, user.villageId, now)
    const patch = {
      villageId: village._id,
      villageName: village.name,
      gridId: inVillage?._id ?? null,
      gridName: inVillage?.name ?? null,
      ...left,
      pendingMove: null,
      refusedMove: null,
      movedInAt: now,
      updatedAt: now,
      rev: user.rev + 1
    }
    await updateUserInTx(ctx.store, tx, user._id, patch)
    const detail = {
      from: { villageId: user.villageId, gridId: user.gridId },
      to: { villageId: patch.villageId, gridId: patch.gridId },
      requestedAt: move.requestedAt,
      leftHousehold: 'householdId' in left ? (user.householdId ?? null) : null
    }
    await tx.insert(C.audit_log, auditEntry(ctx, 'user', user._id, 'confirmMove', detail))
    return { ...user, ...patch }
  })
  return toSummary(moved, ctx)
}

export async function refuseMove(input: ParsedInputOf<'users.refuseMove'>, ctx: Ctx): Promise<UserSummary> {
  const now = ctx.now()
  const kept = await ctx.store.transaction(async (tx) => {
    const { user, move } = await pendingInto(tx, input)
    requireNotOwnMove(ctx, user)
    const reason = input.reason ?? null
    const patch = { pendingMove: null, refusedMove: { villageId: move.villageId, villageName: move.villageName, reason, refusedAt: now }, updatedAt: now, rev: user.rev + 1 }
    await updateUserInTx(ctx.store, tx, user._id, patch)
    await tx.insert(
      C.audit_log,
      auditEntry(ctx, 'user', user._id, 'refuseMove', { villageId: user.villageId, to: { villageId: move.villageId, gridId: move.gridId }, requestedAt: move.requestedAt, reason })
    )
    return { ...user, ...patch }
  })
  return toSummary(kept, ctx)
}
