import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { fail, isDuplicateKeyError } from '../_shared/errors'
import type { Store } from '../_shared/store'

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
  const updated = await store.updateWhere(C.users, { _id: user._id, rev: user.rev }, wholeObjects(store, next))
  if (updated !== 1) fail('CONFLICT')
  return { ...user, ...next }
}

/** Object-valued fields (a pending move) are written whole: the SDK would otherwise merge them field by field. */
export function wholeObjects(store: Store, patch: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patch)) out[k] = v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? store.db.command.set(v) : v
  return out
}
