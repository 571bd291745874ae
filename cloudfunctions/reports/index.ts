import { reportActions } from '@/contract/reports'
import { createFunction } from '../_shared/router'
import { withTimer } from '../_shared/timer'
import { handlers } from './handlers'
import { prepareMonthDocs } from './counts'
import { runOverdueJob, type JobResult } from './job'
import { payRewards } from './rewards'

/** What is left of the timer's run for paying rewards after the overdue pass. */
const REWARD_BUDGET_MS = 15_000

/** Client calls go through the router; the timer trigger (no caller) runs the overdue pass, pays rewards, and keeps this month's count documents ready. */
export const main = withTimer(
  'reports',
  'overdue job',
  createFunction('reports', reportActions, handlers),
  async (store, now): Promise<JobResult & { rewardsPaid: number; monthDocsPrepared: number }> => ({
    ...(await runOverdueJob(store, now)),
    rewardsPaid: await payRewards(store, now, Date.now() + REWARD_BUDGET_MS),
    monthDocsPrepared: await prepareMonthDocs(store, now)
  })
)
