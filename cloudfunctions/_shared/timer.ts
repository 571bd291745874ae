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
