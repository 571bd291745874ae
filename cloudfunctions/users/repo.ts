import { C } from '../_shared/collections'
import type { MoveDoc, UserDoc } from '../_shared/docs'
import { fail, isDuplicateKeyError } from '../_shared/errors'
import type { Sort, Store, TxStore } from '../_shared/store'

export function newUserDoc(id: string, openid: string, now: Date): UserDoc {
  return {
    _id: id,
    openid,
    name: '',
    phone: null,
    villageId: null,
    villageName: null,
    gridId: null,
    gridName: null,
    grants: [],
    scopeKeys: [],
    isVolunteer: false,
    largeFont: false,
    privacyVersion: null,
    privacyAcceptedAt: null,
    createdAt: now,
    updatedAt: now,
    rev: 0
  }
}

/** Creates the profile (with `fields`) for a first sign-in; a concurrent first sign-in of the same person reads the winner's. */
export async function ensureUser(store: Store, id: string, openid: string, now: Date, fields: Partial<UserDoc> = {}): Promise<UserDoc> {
  const doc = { ...newUserDoc(id, openid, now), ...fields }
  try {
    await store.insert(C.users, doc)
    return doc
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    const existing = await store.findOne<UserDoc>(C.users, { _id: id })
    if (!existing) throw e
    return existing
  }
}

/**
 * Writes `patch` only if the document is still at revision `rev`; a concurrent writer makes this
 * fail with CONFLICT instead of silently overwriting.
 */
export async function updateUserAt(store: Store, user: UserDoc, patch: Partial<UserDoc>, now: Date): Promise<UserDoc> {
  const next = { ...patch, updatedAt: now, rev: user.rev + 1 }
  const updated = await store.updateWhere(C.users, { _id: user._id, rev: user.rev }, store.op.whole(next))
  if (updated !== 1) fail('CONFLICT')
  return { ...user, ...next }
}

/** Updates a profile inside a transaction; object-valued fields (a pending move) are written whole, not merged. */
export async function updateUserInTx(store: Store, tx: TxStore, id: string, patch: object): Promise<void> {
  await tx.update(C.users, id, store.op.whole(patch))
}

/** A page of profiles: of a village (when given), by name prefix (a keyword, served by an index) or newest first. */
export async function findUsers(store: Store, q: { villageId?: string; keyword?: string }, skip: number, limit: number): Promise<UserDoc[]> {
  const filter: Record<string, unknown> = {}
  if (q.villageId) filter.villageId = q.villageId
  if (q.keyword) filter.name = store.prefix(q.keyword)
  const sort: Sort = q.keyword ? [['name', 'asc']] : [['createdAt', 'desc']]
  return store.find<UserDoc>(C.users, filter, { sort, skip, limit })
}

/** A page of the pending moves into a village (or into any village), oldest first. */
export async function findPendingMoves(store: Store, villageId: string | undefined, skip: number, limit: number): Promise<Array<UserDoc & { pendingMove: MoveDoc }>> {
  const filter = villageId ? { 'pendingMove.villageId': villageId } : { 'pendingMove.requestedAt': store.op.gte(new Date(0)) }
  return store.find<UserDoc & { pendingMove: MoveDoc }>(C.users, filter, { sort: [['pendingMove.requestedAt', 'asc']], skip, limit })
}
