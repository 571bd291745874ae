/**
 * Hours waiting for a second person. Manual check-ins/outs and corrections are filed by an organiser
 * for someone else; hours of a person who organises the activity (a scan of their own activity's
 * code, or the job ending their service) are filed the same way, so nobody counts their own hours.
 */
import { C } from '../_shared/collections'
import type { AuditDoc } from '../_shared/docs'
import { newId } from '../_shared/ids'
import type { TxStore } from '../_shared/store'
import type { ActivityDoc, HoursRequestDoc, RequestKind, SignupDoc } from './docs'

/** The reason written on a request for an organiser's own hours. */
export const OWN_HOURS_REASON = '组织者本人的服务时长，需另一位组织者或镇创建办审核'

/** A pending request for the sign-up's hours. */
export function hoursRequest(
  a: Pick<ActivityDoc, '_id' | 'title' | 'villageId' | 'teamId'>,
  s: Pick<SignupDoc, '_id' | 'userId' | 'name'>,
  p: { kind: RequestKind; at: Date | null; hours: number; reason: string; by: { userId: string; name: string } },
  now: Date
): HoursRequestDoc {
  return {
    _id: newId('hr'),
    activityId: a._id,
    activityTitle: a.title,
    villageId: a.villageId,
    teamId: a.teamId,
    signupId: s._id,
    userId: s.userId,
    name: s.name,
    kind: p.kind,
    at: p.at,
    hours: p.hours,
    reason: p.reason,
    requestedBy: p.by.userId,
    requestedByName: p.by.name,
    requestedAt: now,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    note: null,
    scopes: ['all', `v:${a.villageId}`, ...(a.teamId ? [`t:${a.teamId}`] : [])]
  }
}

/**
 * Inside a transaction that read `cur`: writes the request, marks the sign-up as waiting for it and
 * adds the audit entry (`auditOf` makes it from the detail: the caller's, or the job's).
 */
export async function fileInTx(tx: TxStore, cur: SignupDoc, req: HoursRequestDoc, auditOf: (detail: Record<string, unknown>) => AuditDoc, now: Date): Promise<void> {
  await tx.insert(C.hours_requests, req)
  await tx.update(C.activity_signups, cur._id, { pendingId: req._id, hoursStatus: 'pending', updatedAt: now, rev: cur.rev + 1 })
  await tx.insert(C.audit_log, auditOf({ requestId: req._id, kind: req.kind, at: req.at, hours: req.hours, reason: req.reason }))
}
