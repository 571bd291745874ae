/**
 * Hours waiting for a second person. Manual check-ins/outs and corrections are filed by an organiser
 * for someone else; hours of a person who organises the activity (a scan of their own activity's
 * code, or the job ending their service) are filed the same way, so nobody counts their own hours;
 * so are the hours of a sign-up whose scan looked relayed.
 */
import { C } from '../_shared/collections'
import type { AuditDoc } from '../_shared/docs'
import { newId } from '../_shared/ids'
import type { TxStore } from '../_shared/store'
import type { ActivityDoc, HoursRequestDoc, RequestKind, SignupDoc } from './docs'

/** The reason written on a request for an organiser's own hours. */
export const OWN_HOURS_REASON = '组织者本人的服务时长，需另一位组织者或镇创建办审核'

/**
 * The reason written on a request for the hours of a sign-up whose scan looked relayed (./relay.ts).
 * Such hours are not credited by the scan: the check-out is kept as a request an organiser approves
 * once they know the person was there (or refuses) — a flag costs an honest volunteer a wait, never
 * the hours, and a relayed check-in earns nothing without somebody looking at it.
 */
export const RELAY_HOURS_REASON = '疑似代签（扫码位置与他人重合），请核实本人确实到场后审核'

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
 * adds the audit entry (`auditOf` makes it from the detail: the caller's, or the job's). `extra` is
 * written on the sign-up with the mark (a scan's record).
 */
export async function fileInTx(tx: TxStore, cur: SignupDoc, req: HoursRequestDoc, auditOf: (detail: Record<string, unknown>) => AuditDoc, now: Date, extra: object = {}): Promise<void> {
  await tx.insert(C.hours_requests, req)
  await tx.update(C.activity_signups, cur._id, { ...extra, pendingId: req._id, hoursStatus: 'pending', updatedAt: now, rev: cur.rev + 1 })
  await tx.insert(C.audit_log, auditOf({ requestId: req._id, kind: req.kind, at: req.at, hours: req.hours, reason: req.reason }))
}
