/**
 * The overdue job (timer trigger, every 30 minutes; locally every minute). Pages through the
 * reports whose pending step's deadline has passed and that were not reminded about it yet —
 * `remindAt <= now`, served by the remindAt index, a page (WORK_LIST_LIMITS) per request — and for each:
 * marks it overdue, appends a 'remind' event and issues a numbered 工作提示函 to the level above,
 * in one transaction. `remindAt` is cleared in the same write, so a due is reminded about once.
 */
import { C } from '../_shared/collections'
import { AppError } from '../_shared/errors'
import type { Store } from '../_shared/store'
import { drainWorkList, type WorkListRun } from '../_shared/timer'
import type { ReportDoc } from './docs'
import { commitStep, dueReminders } from './repo'
import { remindWrite } from './steps'

export type JobResult = { reminded: number } & Omit<WorkListRun, 'done'>

async function remindOne(store: Store, r: ReportDoc, now: Date): Promise<boolean> {
  const write = remindWrite(r, now)
  if (!write) {
    // nothing is pending: take it off the work list
    await store.updateWhere(C.reports, { _id: r._id, rev: r.rev }, { remindAt: null })
    return false
  }
  try {
    await commitStep(store, write, now)
    return true
  } catch (e) {
    // someone acted on the report meanwhile: a later page or run sees its new state
    if (e instanceof AppError && e.code === 'CONFLICT') return false
    throw e
  }
}

export async function runOverdueJob(store: Store, now: Date): Promise<JobResult> {
  const run = await drainWorkList(
    (page) => dueReminders(store, now, page),
    (r) => remindOne(store, r, now)
  )
  return { reminded: run.done, skipped: run.skipped, pages: run.pages }
}
