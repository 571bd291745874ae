import { supervisionActions } from '@/contract/supervision'
import { createFunction } from '../_shared/router'
import type { Store } from '../_shared/store'
import { withTimer } from '../_shared/timer'
import { runBulletinJob } from './bulletins'
import { handlers } from './handlers'
import { runMissedJob } from './job'

/** The timer's work: 缺巡, then the bulletin drafts that are due (Monday 08:00 last week, the 1st 08:00 last month; idempotent). */
export async function runSupervisionJobs(store: Store, now: Date) {
  const missed = await runMissedJob(store, now)
  const bulletins = await runBulletinJob(store, now)
  return { ...missed, bulletins: bulletins.drafted }
}

/** 督导巡查: client calls go through the router; the timer trigger (no caller) marks patrols not submitted by the end of their day as 缺巡 and drafts the 周通报 / 月通报. */
export const main = withTimer('supervision', '缺巡 and bulletin job', createFunction('supervision', supervisionActions, handlers), runSupervisionJobs)
