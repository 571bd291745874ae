import type { Handlers } from '../../_shared/router'
import { accept, answer, changeCategory, dispatch, markDuplicate, rate, rectify, reject, reopen, returnReport, sign, verify } from './flow'
import { exportLedger, ledger, letter, queue } from './lists'
import { create, get, mine, nearby, publicList, support } from './resident'
import { calendar, categories, saveCategories, setCalendarDay } from './settings'

export const handlers: Handlers<'reports'> = {
  categories,
  saveCategories,
  create,
  nearby,
  support,
  mine,
  get,
  rate,
  reopen,
  publicList,
  queue,
  accept,
  reject,
  markDuplicate,
  changeCategory,
  dispatch,
  sign,
  answer,
  return: returnReport,
  rectify,
  verify,
  ledger,
  exportLedger,
  letter,
  calendar,
  setCalendarDay
}
