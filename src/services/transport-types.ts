import type { ActionName, Result } from '@/contract'

/** What every cloud function receives: the action router's envelope. */
export interface CloudEvent {
  action: ActionName
  data: unknown
}

/** Sends one event to one cloud function and returns its Result; never throws. */
export type Transport = (name: string, event: CloudEvent) => Promise<Result<unknown>>

export const NETWORK_FAILURE_MESSAGE = '网络不给力，请检查网络后重试'

/** A reply that is not a Result (an old function, a proxy error page) is a platform failure. */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const ok = (value as { ok?: unknown }).ok
  if (ok === true) return 'data' in value
  return ok === false && typeof (value as { code?: unknown }).code === 'string'
}
