import type { Result } from '@/contract'
import { reportActions } from '@/contract/reports'
import { callerOpenid, database } from '../_shared/cloud'
import { AppError } from '../_shared/errors'
import { createFunction } from '../_shared/router'
import { createStore } from '../_shared/store'
import { handlers } from './handlers'
import { runOverdueJob, type JobResult } from './job'
import { payRewards } from './rewards'

/** What is left of the timer's run for paying rewards after the overdue pass. */
const REWARD_BUDGET_MS = 15_000

const routed = createFunction('reports', reportActions, handlers)

/**
 * A timer trigger's event is `{ Type: 'Timer', TriggerName, Time }` and carries no caller: the
 * WeChat context has no OPENID. A client call always has one, so it cannot pose as the timer.
 */
export function isTimerCall(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && callerOpenid() === null
}

export async function main(event: unknown): Promise<Result<unknown>> {
  if (!isTimerCall(event)) return routed(event)
  try {
    const store = createStore(database())
    const now = new Date()
    const data: JobResult & { rewardsPaid: number } = { ...(await runOverdueJob(store, now)), rewardsPaid: await payRewards(store, now, Date.now() + REWARD_BUDGET_MS) }
    return { ok: true, data }
  } catch (e) {
    console.error('[reports] overdue job failed', e)
    return new AppError('INTERNAL').toFail()
  }
}
