/**
 * The overdue job (timer trigger, every 30 minutes; locally every minute). Pages through the
 * reports whose pending step's deadline has passed and that were not reminded about it yet —
 * `remindAt <= now`, served by the remindAt index, at most JOB_PAGE per request — and for each:
 * marks it overdue, appends a 'remind' event and issues a numbered 工作提示函 to the level above,
 * in one transaction. `remindAt` is cleared in the same write, so a due is reminded about once.
 */
import { C } from '../_shared/collections'
import { AppError } from '../_shared/errors'
import type { Store } from '../_shared/store'
import type { ReportDoc } from './docs'
import { commitStep, dueReminders } from './repo'
import { remindWrite } from './steps'

export const JOB_PAGE = 100
/** Pages per run, and the run's time budget (the function may run 60 s): the rest waits for the next run. */
export const JOB_MAX_PAGES = 20
const JOB_BUDGET_MS = 40_000

export interface JobResult {
  reminded: number
  skipped: number
  pages: number
}

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
  const result: JobResult = { reminded: 0, skipped: 0, pages: 0 }
  const stopAt = Date.now() + JOB_BUDGET_MS
  while (result.pages < JOB_MAX_PAGES && Date.now() < stopAt) {
    // reminded reports leave the range, so every page starts at the front again
    const rows = await dueReminders(store, now, JOB_PAGE)
    result.pages++
    let progress = 0
    for (const r of rows) {
      if (Date.now() >= stopAt) break
      if (await remindOne(store, r, now)) progress++
      else result.skipped++
    }
    result.reminded += progress
    if (rows.length < JOB_PAGE || progress === 0) break
  }
  return result
}
