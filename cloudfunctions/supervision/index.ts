import type { Result } from '@/contract'
import { supervisionActions } from '@/contract/supervision'
import { database } from '../_shared/cloud'
import { AppError } from '../_shared/errors'
import { createFunction } from '../_shared/router'
import { createStore } from '../_shared/store'
import { isTimerCall } from '../_shared/timer'
import { handlers } from './handlers'
import { runMissedJob, type MissedJobResult } from './job'

const routed = createFunction('supervision', supervisionActions, handlers)

/** 督导巡查: client calls go through the router; the timer trigger (no caller) marks patrols not submitted by the end of their day as 缺巡. */
export async function main(event: unknown): Promise<Result<unknown>> {
  if (!isTimerCall(event)) return routed(event)
  try {
    const data: MissedJobResult = await runMissedJob(createStore(database()), new Date())
    return { ok: true, data }
  } catch (e) {
    console.error('[supervision] 缺巡 job failed', e)
    return new AppError('INTERNAL').toFail()
  }
}
