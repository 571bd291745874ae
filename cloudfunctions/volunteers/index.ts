import type { Result } from '@/contract'
import { volunteerActions } from '@/contract/volunteers'
import { database } from '../_shared/cloud'
import { AppError } from '../_shared/errors'
import { createFunction } from '../_shared/router'
import { createStore } from '../_shared/store'
import { isTimerCall } from '../_shared/timer'
import { handlers } from './handlers'
import { runVolunteerJob, type VolunteerJobResult } from './job'

const routed = createFunction('volunteers', volunteerActions, handlers)

/** Client calls go through the router; the timer trigger (no caller) runs the reminder / auto check-out job. */
export async function main(event: unknown): Promise<Result<unknown>> {
  if (!isTimerCall(event)) return routed(event)
  try {
    const data: VolunteerJobResult = await runVolunteerJob(createStore(database()), new Date())
    return { ok: true, data }
  } catch (e) {
    console.error('[volunteers] job failed', e)
    return new AppError('INTERNAL').toFail()
  }
}
