/**
 * The 缺巡 job (timer trigger, every 30 minutes; locally every minute). Pages through the patrols
 * whose day has ended while they still wait — `closeAt < now`, served by the closeAt index — and for
 * each, in one transaction: the closing audit entry (its id is the patrol round's, so a patrol is
 * closed once: by its submission, its cancellation or this job, whichever comes first, and two runs
 * never both mark it), status 缺巡 with closeAt cleared, and the day's missed count.
 */
import { C } from '../_shared/collections'
import type { AuditDoc } from '../_shared/docs'
import { isDuplicateKeyError } from '../_shared/errors'
import type { Store } from '../_shared/store'
import type { PatrolDoc } from './docs'
import { closedPatrols, incCounts } from './repo'
import { closeEntryId } from './rules'

export const JOB_PAGE = 100
const JOB_MAX_PAGES = 20
const JOB_BUDGET_MS = 40_000

export interface MissedJobResult {
  missed: number
  skipped: number
  pages: number
}

async function markMissed(store: Store, p: PatrolDoc, now: Date): Promise<boolean> {
  const entry: AuditDoc & { _id: string } = { _id: closeEntryId(p._id, p.round), targetType: 'patrol', targetId: p._id, action: 'missed', by: 'system', byRoles: [], at: now, detail: { date: p.date, patrollers: p.patrollerIds } }
  try {
    await store.transaction(async (tx) => {
      await tx.insert(C.audit_log, entry)
      await tx.update(C.patrols, p._id, { status: 'missed', closeAt: null, updatedAt: now })
      await incCounts(store, tx, p.villageId, p.date, { missed: 1 }, now)
    })
    return true
  } catch (e) {
    // closed meanwhile (submitted, cancelled, or marked by another run): it has left the work list
    if (isDuplicateKeyError(e)) return false
    throw e
  }
}

export async function runMissedJob(store: Store, now: Date): Promise<MissedJobResult> {
  const result: MissedJobResult = { missed: 0, skipped: 0, pages: 0 }
  const stopAt = Date.now() + JOB_BUDGET_MS
  while (result.pages < JOB_MAX_PAGES && Date.now() < stopAt) {
    // marked patrols leave the range, so every page starts at the front again
    const rows = await closedPatrols(store, now, JOB_PAGE)
    result.pages++
    let progress = 0
    for (const p of rows) {
      if (Date.now() >= stopAt) break
      if (p.status === 'scheduled' && (await markMissed(store, p, now))) progress++
      else result.skipped++
    }
    result.missed += progress
    if (rows.length < JOB_PAGE || progress === 0) break
  }
  return result
}
