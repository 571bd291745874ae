import { supervisionActions } from '@/contract/supervision'
import { createFunction } from '../_shared/router'
import { withTimer } from '../_shared/timer'
import { handlers } from './handlers'
import { runMissedJob } from './job'

/** 督导巡查: client calls go through the router; the timer trigger (no caller) marks patrols not submitted by the end of their day as 缺巡. */
export const main = withTimer('supervision', '缺巡 job', createFunction('supervision', supervisionActions, handlers), runMissedJob)
