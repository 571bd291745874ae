import type { Result } from '@/contract'
import { callerOpenid, database } from './cloud'
import { AppError } from './errors'
import { createStore, type Store } from './store'

/**
 * A timer trigger's event is `{ Type: 'Timer', TriggerName, Time }` and carries no caller: the
 * WeChat context has no OPENID. A client call always has one, so it cannot pose as the timer.
 */
export function isTimerCall(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && callerOpenid() === null
}

/**
 * A function's entry point: client calls go to the router; the timer trigger runs `job` on a fresh
 * store at the current time. A failing job is logged (`[name] <what> failed`) and answered INTERNAL.
 */
export function withTimer<T>(
  name: string,
  what: string,
  routed: (event: unknown) => Promise<Result<unknown>>,
  job: (store: Store, now: Date) => Promise<T>
): (event: unknown) => Promise<Result<unknown>> {
  return async (event) => {
    if (!isTimerCall(event)) return routed(event)
    try {
      return { ok: true, data: await job(createStore(database()), new Date()) }
    } catch (e) {
      console.error(`[${name}] ${what} failed`, e)
      return new AppError('INTERNAL').toFail()
    }
  }
}

export interface WorkListLimits {
  /** Rows asked for at a time. */
  page: number
  /** Pages per run. */
  maxPages: number
  /** The run's time budget (a function may run 60 s): the rest waits for the next run. */
  budgetMs: number
}

export const WORK_LIST_LIMITS: WorkListLimits = { page: 100, maxPages: 20, budgetMs: 40_000 }

export interface WorkListRun {
  /** Rows handled (`handle` said true). */
  done: number
  /** Rows left alone: gone meanwhile, or nothing to do. */
  skipped: number
  pages: number
}

/**
 * A timer job's work list that empties as it is worked: rows handled leave the range, so every page
 * starts at the front again. Stops at a short page, a page where nothing was handled (the rest would
 * come back the same), the page limit or the time budget.
 */
export async function drainWorkList<T>(next: (page: number) => Promise<T[]>, handle: (row: T) => Promise<boolean>, limits: WorkListLimits = WORK_LIST_LIMITS): Promise<WorkListRun> {
  const result: WorkListRun = { done: 0, skipped: 0, pages: 0 }
  const stopAt = Date.now() + limits.budgetMs
  while (result.pages < limits.maxPages && Date.now() < stopAt) {
    const rows = await next(limits.page)
    result.pages++
    let progress = 0
    for (const row of rows) {
      if (Date.now() >= stopAt) break
      if (await handle(row)) progress++
      else result.skipped++
    }
    result.done += progress
    if (rows.length < limits.page || progress === 0) break
  }
  return result
}
