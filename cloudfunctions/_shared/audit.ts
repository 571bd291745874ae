import type { Ctx } from './router'
import { C } from './collections'
import type { AuditDoc } from './docs'

/** Audit entries are only ever added; no action updates or removes them. */
export function auditEntry(ctx: Ctx, targetType: string, targetId: string, action: string, detail: Record<string, unknown>): AuditDoc {
  return { targetType, targetId, action, by: ctx.userId, byRoles: ctx.roles, at: ctx.now(), detail }
}

export async function addAudit(ctx: Ctx, targetType: string, targetId: string, action: string, detail: Record<string, unknown>): Promise<void> {
  await ctx.store.insert(C.audit_log, auditEntry(ctx, targetType, targetId, action, detail))
}
