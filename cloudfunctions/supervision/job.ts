/**
 * The 缺巡 job (timer trigger, every 30 minutes; locally every minute). Pages through the patrols
 * whose day has ended while they still wait — `closeAt < now`, served by the closeAt index — and for
 * each, in one transaction: the closing audit entry (its id is the patrol round's, so a patrol is
 * closed once: by its submission, its cancellation or this job, whichever comes first, and two runs
 * never both mark it), status 缺巡 with closeAt cleared, and the day's missed count.
 */
import { C } from '../_shared/collections'
import type { AuditDoc } from '../_shared/docs'
import { unlessDuplicate } from '../_shared/errors'
import type { Store } from '../_shared/store'
import { drainWorkList, type WorkListRun } from '../_shared/timer'
import type { PatrolDoc } from './docs'
import { closedPatrols, incCounts } from './repo'
import { closeEntryId } from './rules'

export type MissedJobResult = { missed: number } & Omit<WorkListRun, 'done'>

async function markMissed(store: Store, p: PatrolDoc, now: Date): Promise<boolean> {
  const entry: AuditDoc & { _id: string } = {
    _id: closeEntryId(p._id, p.round),
    targetType: 'patrol',
    targetId: p._id,
    action: 'missed',
    by: 'system',
    byRoles: [],
    at: now,
    detail: { date: p.date, patrollers: p.patrollerIds }
  }
  // false: closed meanwhile (submitted, cancelled, or marked by another run): it has left the work list
  return unlessDuplicate(() =>
    store.transaction(async (tx) => {
      await tx.insert(C.audit_log, entry)
      await tx.update(C.patrols, p._id, { status: 'missed', closeAt: null, updatedAt: now })
      await incCounts(store, tx, p.villageId, p.date, { missed: 1 }, now)
    })
  )
}

export async function runMissedJob(store: Store, now: Date): Promise<MissedJobResult> {
  const run = await drainWorkList(
    (page) => closedPatrols(store, now, page),
    async (p) => p.status === 'scheduled' && (await markMissed(store, p, now))
  )
  return { missed: run.done, skipped: run.skipped, pages: run.pages }
}
