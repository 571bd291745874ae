import type { Ctx } from './router'
import { C, type CollectionName } from './collections'
import type { AuditDoc } from './docs'

/** Audit entries are only ever added; no action updates or removes them. */
export function auditEntry(ctx: Ctx, targetType: string, targetId: string, action: string, detail: Record<string, unknown>): AuditDoc {
  return { targetType, targetId, action, by: ctx.userId, byRoles: ctx.roles, at: ctx.now(), detail }
}

/**
 * Replaces (or creates, or with `doc: null` removes) one whole document, such as a settings document,
 * and adds its audit entry in one transaction. `decide` sees the document as the transaction read it
 * (null: there is none) and refuses with fail() or returns what to write. Returns the document as read.
 */
export async function setAudited<T>(
  ctx: Ctx,
  coll: CollectionName,
  id: string,
  targetType: string,
  action: string,
  decide: (cur: T | null) => { doc: object | null; detail: Record<string, unknown> }
): Promise<T | null> {
  return ctx.store.transaction(async (tx) => {
    const read = await tx.get<T>(coll, id)
    const { doc, detail } = decide(read)
    if (doc) await tx.set(coll, id, doc)
    else if (read) await tx.remove(coll, id)
    await tx.insert(C.audit_log, auditEntry(ctx, targetType, id, action, detail))
    return read
  })
}

/**
 * Inserts a document and its audit entry in one transaction: neither is written without the other.
 * `withDocs`: documents that belong to it (a selection's tally), inserted in the same transaction.
 */
export async function insertAudited(
  ctx: Ctx,
  coll: CollectionName,
  doc: { _id: string },
  targetType: string,
  action: string,
  detail: Record<string, unknown>,
  withDocs: ReadonlyArray<{ coll: CollectionName; doc: object }> = []
): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    await tx.insert(coll, doc)
    for (const w of withDocs) await tx.insert(w.coll, w.doc)
    await tx.insert(C.audit_log, auditEntry(ctx, targetType, doc._id, action, detail))
  })
}

/** What an audited update writes: the patch and the entry's detail. */
export interface AuditedChange {
  patch: object
  detail: Record<string, unknown>
}

/**
 * Updates one document and adds its audit entry in one transaction. `decide` sees the document as
 * the transaction read it (null: there is none) and refuses with fail(), returns null to write
 * nothing (a save that changes nothing, a retry), or returns the change. A concurrent write to the
 * document makes the transaction run again on the new version (or end in CONFLICT). Returns the
 * document as read and whether the change was written.
 */
export async function updateAudited<T>(
  ctx: Ctx,
  coll: CollectionName,
  id: string,
  targetType: string,
  action: string,
  decide: (cur: T | null) => AuditedChange | null
): Promise<{ read: T | null; written: boolean }> {
  return ctx.store.transaction(async (tx) => {
    const read = await tx.get<T>(coll, id)
    const change = decide(read)
    if (!change) return { read, written: false }
    await tx.update(coll, id, change.patch)
    await tx.insert(C.audit_log, auditEntry(ctx, targetType, id, action, change.detail))
    return { read, written: true }
  })
}
