import { callerOpenid } from './cloud'

/**
 * A timer trigger's event is `{ Type: 'Timer', TriggerName, Time }` and carries no caller: the
 * WeChat context has no OPENID. A client call always has one, so it cannot pose as the timer.
 */
export function isTimerCall(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && callerOpenid() === null
}
