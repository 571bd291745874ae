/* 善行档案, points ledger and 积分超市 — filled in by the deeds/points work. */
export const deedActions = {} as const
