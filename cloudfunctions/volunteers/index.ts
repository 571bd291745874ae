import { volunteerActions } from '@/contract/volunteers'
import { createFunction } from '../_shared/router'
import { withTimer } from '../_shared/timer'
import { handlers } from './handlers'
import { runVolunteerJob } from './job'

/** Client calls go through the router; the timer trigger (no caller) runs the reminder / auto check-out job. */
export const main = withTimer('volunteers', 'job', createFunction('volunteers', volunteerActions, handlers), runVolunteerJob)
