import type { Handlers } from '../../_shared/router'
import { approve, declare, mine, queue, record, reject } from './deeds'
import { findResidents, household, households, saveHousehold } from './people'
import { approveCorrection, correct, pendingCorrections } from './corrections'
import { ledger, person, rules, saveRules } from './points'
import { cancelRedemption, goods, handOver, myRedemptions, redeem, redemptions, saveGoods } from './shop'

export const handlers: Handlers<'deeds'> = {
  rules,
  saveRules,
  declare,
  mine,
  record,
  ledger,
  household,
  findResidents,
  households,
  person,
  saveHousehold,
  queue,
  approve,
  reject,
  correct,
  pendingCorrections,
  approveCorrection,
  goods,
  saveGoods,
  redeem,
  myRedemptions,
  redemptions,
  handOver,
  cancelRedemption
}
