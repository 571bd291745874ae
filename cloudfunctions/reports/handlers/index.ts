import type { Handlers } from '../../_shared/router'
import { prefetchCategories, prefetchReport, prefetchReporter, prefetchUnit } from '../repo'
import { prefetchReward } from '../rewards'
import { withStepPrefetch } from '../step'
import { accept, answer, changeCategory, dispatch, markDuplicate, rate, rectify, reject, reopen, resume, returnReport, sign, suspend, verify } from './flow'
import { exportLedger, ledger, ledgerTotal, letter, queue } from './lists'
import { create, get, mine, nearby, publicList, support } from './resident'
import { calendar, categories, saveCategories, setCalendarDay } from './settings'

/**
 * Every step reads the report, its timeline and letters and the working-day corrections with the
 * caller's profile, in one request (withStepPrefetch), and what the step also decides on.
 */
export const handlers: Handlers<'reports'> = {
  categories,
  saveCategories,
  create,
  nearby,
  support,
  mine,
  get,
  rate: withStepPrefetch(rate),
  reopen: withStepPrefetch(reopen),
  publicList,
  queue,
  // the reporter's profile too (their household: nobody earns from accepting their own household's report), and the report's reward
  accept: withStepPrefetch(accept, (input) => ({ reporter: prefetchReporter(), reward: prefetchReward(input.reportId) })),
  reject: withStepPrefetch(reject),
  markDuplicate: withStepPrefetch(markDuplicate, (input) => ({ original: prefetchReport(input.originalId) })),
  changeCategory: withStepPrefetch(changeCategory, () => ({ categories: prefetchCategories() })),
  dispatch: withStepPrefetch(dispatch, (input) => ({ unit: prefetchUnit(input.unitId) })),
  sign: withStepPrefetch(sign),
  answer: withStepPrefetch(answer),
  return: withStepPrefetch(returnReport),
  rectify: withStepPrefetch(rectify),
  verify: withStepPrefetch(verify),
  suspend: withStepPrefetch(suspend),
  resume: withStepPrefetch(resume),
  ledger,
  ledgerTotal,
  exportLedger,
  letter,
  calendar,
  setCalendarDay
}
