import { POINT_RULE_KEYS, type PointRule } from '@/contract'
import {
  DEFAULT_RULES,
  afterEntry,
  awardNote,
  canSpend,
  cappedAward,
  completeRules,
  coverRefusal,
  currentCounter,
  earnedInMonth,
  heldIn,
  hoursTakeBack,
  pinnedToVillage,
  planTakeBack,
  takeableFrom,
  villageKey,
  type EarnedCounter
} from '@/domain/points'

const hours: PointRule = { key: 'volunteer_hours', label: '志愿服务（每小时）', points: 2, dailyCap: 20, monthlyCap: 100 }
const counter = (day: string, dayPoints: number, monthPoints: number): EarnedCounter => ({ day, dayPoints, month: day.slice(0, 7), monthPoints })

describe('points: the rule table', () => {
  test('every key has a rule; a saved table keeps its numbers and the default labels', () => {
    expect(completeRules(undefined).map((r) => r.key)).toEqual([...POINT_RULE_KEYS])
    expect(completeRules(undefined)).toEqual(POINT_RULE_KEYS.map((key) => DEFAULT_RULES.find((r) => r.key === key)))
    const saved = completeRules([{ ...hours, label: '', points: 3, dailyCap: 9, monthlyCap: 40 }])
    expect(saved.find((r) => r.key === 'volunteer_hours')).toEqual({ ...hours, points: 3, dailyCap: 9, monthlyCap: 40 })
    expect(saved.find((r) => r.key === 'report_accepted')).toEqual(DEFAULT_RULES.find((r) => r.key === 'report_accepted'))
  })
})

describe('points: counters in China days and months', () => {
  test.each([
    ['same China day: kept', counter('2026-11-05', 8, 30), '2026-11-05T15:59:59Z', counter('2026-11-05', 8, 30)],
    ['China midnight (16:00Z): a new day, the month kept', counter('2026-11-05', 8, 30), '2026-11-05T16:00:00Z', counter('2026-11-06', 0, 30)],
    ['month boundary in China time: 10-31 16:00Z is already 11-01', counter('2026-10-31', 8, 90), '2026-10-31T16:00:00Z', counter('2026-11-01', 0, 0)],
    ['still October in China at 10-31 15:59Z', counter('2026-10-31', 8, 90), '2026-10-31T15:59:00Z', counter('2026-10-31', 8, 90)],
    ['a year later, same day of month: all new', counter('2025-11-05', 8, 30), '2026-11-05T02:00:00Z', counter('2026-11-05', 0, 0)],
    ['no counter yet', undefined, '2026-11-05T02:00:00Z', counter('2026-11-05', 0, 0)]
  ])('%s', (_name, before, now, expected) => {
    expect(currentCounter(before, new Date(now))).toEqual(expected)
  })

  test('points earned this month add up over rules, only the current China month', () => {
    const earned = { volunteer_hours: counter('2026-11-05', 4, 12), report_accepted: counter('2026-11-01', 2, 6), 'deed:helping': counter('2026-10-30', 5, 40) }
    expect(earnedInMonth(earned, new Date('2026-11-05T02:00:00Z'))).toBe(18)
    expect(earnedInMonth(earned, new Date('2026-10-31T15:00:00Z'))).toBe(40)
    expect(earnedInMonth(undefined, new Date('2026-11-05T02:00:00Z'))).toBe(0)
  })
})

describe('points: caps', () => {
  test.each([
    ['room for all of it', hours, 3, counter('2026-11-05', 0, 0), 6, false],
    ['cap reached mid-day: only the room left', hours, 3, counter('2026-11-05', 16, 16), 4, true],
    ['daily cap already reached: 0, capped', hours, 1, counter('2026-11-05', 20, 20), 0, true],
    ['monthly cap tighter than the day', hours, 4, counter('2026-11-05', 0, 97), 3, true],
    ['exactly the room: not capped', hours, 2, counter('2026-11-05', 16, 16), 4, false],
    ['half hours: 2.5 h × 2 = 5', hours, 2.5, counter('2026-11-05', 0, 0), 5, false],
    ['fractions round down: 1.25 h × 2 = 2.5 → 2', hours, 1.25, counter('2026-11-05', 0, 0), 2, false],
    ['no float error: 0.1 × 30 = 3', { ...hours, points: 0.1 }, 30, counter('2026-11-05', 0, 0), 3, false],
    ['over the cap already (rules lowered since): 0, never negative', { ...hours, dailyCap: 5 }, 1, counter('2026-11-05', 8, 8), 0, true],
    ['no units: nothing, not capped', hours, 0, counter('2026-11-05', 20, 20), 0, false]
  ])('%s', (_name, rule, units, before, points, capped) => {
    const got = cappedAward(rule, units, before)
    expect(got).toEqual({ points, capped, counter: { ...before, dayPoints: before.dayPoints + points, monthPoints: before.monthPoints + points } })
  })

  test('a capped award says so in its note', () => {
    expect(awardNote('参加活动', true, hours)).toBe('参加活动（已达志愿服务（每小时）积分上限）')
    expect(awardNote('参加活动', false, hours)).toBe('参加活动')
  })
})

describe('points: balances and moves', () => {
  const moved = { balance: 35, byVillage: { v_old: 30, v_new: 5 } }

  test('what a balance holds in a village: all of it before a move, its part after', () => {
    expect(heldIn({ balance: 35 }, 'v_new')).toBe(35)
    expect(heldIn(moved, 'v_new')).toBe(5)
    expect(heldIn(moved, 'v_other')).toBe(0)
    expect(heldIn(null, 'v_new')).toBe(0)
    expect(heldIn({ balance: 7, byVillage: { [villageKey(null)]: 7 } }, null)).toBe(7)
  })

  test.each([
    ['an award is never refused', 0, null, 10, null],
    ['a payment within the balance', 35, null, -35, null],
    ['a payment larger than the balance', 35, null, -36, '积分不足：当前 35 分'],
    ['a zero balance and any payment', 0, null, -1, '积分不足：当前 0 分'],
    ['after a move: within the part earned here', 35, 5, -5, null],
    ['after a move: more than the part earned here', 35, 5, -6, '积分不足：在本村（居）获得的积分还有 5 分（在原村（居）获得的积分留在原村（居））'],
    ['after a move: more than the whole balance says the whole balance', 35, 5, -40, '积分不足：当前 35 分']
  ])('%s', (_name, balance, here, delta, refusal) => {
    expect(coverRefusal(balance, here, delta)).toBe(refusal)
  })

  test('the shop page asks the same question of the balance it was given', () => {
    expect(canSpend({ balance: 35 }, 35)).toBe(true)
    expect(canSpend({ balance: 35 }, 36)).toBe(false)
    expect(canSpend({ balance: 35, spendableHere: 5 }, 5)).toBe(true)
    expect(canSpend({ balance: 35, spendableHere: 5 }, 6)).toBe(false)
  })

  test('an entry moves the balance and, once split, the part of its village', () => {
    expect(afterEntry({ balance: 10 }, -4, 'v_new')).toEqual({ balance: 6 })
    expect(afterEntry(moved, 3, 'v_new')).toEqual({ balance: 38, byVillage: { v_old: 30, v_new: 8 } })
    expect(afterEntry(moved, -2, 'v_other')).toEqual({ balance: 33, byVillage: { v_old: 30, v_new: 5, v_other: -2 } })
  })

  test('the first move pins everything so far to the village left', () => {
    expect(pinnedToVillage(30, 'v_old')).toEqual({ v_old: 30 })
    expect(pinnedToVillage(4, null)).toEqual({ '~': 4 })
  })
})

describe('points: taking back volunteer hours', () => {
  test.each([
    ['4 h → 1 h of 8 points: 6', 8, 4, 1, 6],
    ['4 h → 3 h of 15 points: 3 (rounded down, the volunteer keeps the fraction)', 15, 4, 3, 3],
    ['3 h → 2 h of 5 points: 1', 5, 3, 2, 1],
    ['all hours removed: all of it', 15, 2.5, 0, 15],
    ['negative hours count as none', 15, 2.5, -1, 15],
    ['nothing awarded (caps): nothing', 0, 4, 1, 0],
    ['more hours: nothing', 8, 1, 3, 0],
    ['no hours before: nothing', 8, 0, 0, 0]
  ])('%s', (_name, awarded, from, to, expected) => {
    expect(hoursTakeBack(awarded, from, to)).toBe(expected)
  })

  test.each([
    ['the balance covers it', 6, 0, 20, { write: true, delta: -6, owed: 0, noteTail: '' }],
    ['take-back larger than the balance: what is there, the rest owed', 6, 0, 4, { write: true, delta: -4, owed: 2, noteTail: '（积分余额不足：应扣回 6 分，实扣 4 分，其余 2 分未能扣回）' }],
    ['an empty balance: an entry of 0 records it, all of it owed', 6, 0, 0, { write: true, delta: 0, owed: 6, noteTail: '（积分余额不足：应扣回 6 分，实扣 0 分，其余 6 分未能扣回）' }],
    ['fresh plus what was owed', 3, 2, 20, { write: true, delta: -5, owed: 0, noteTail: '（含此前未能扣回的 2 分）' }],
    ['only what was owed, now collected', 0, 2, 20, { write: true, delta: -2, owed: 0, noteTail: '（此前未能扣回的 2 分）' }],
    ['only what was owed, still nothing there: no entry', 0, 2, 0, { write: false, delta: 0, owed: 2, noteTail: '' }],
    ['only what was owed, part of it there', 0, 5, 3, { write: true, delta: -3, owed: 2, noteTail: '（此前未能扣回的 5 分）（积分余额不足：应扣回 5 分，实扣 3 分，其余 2 分未能扣回）' }]
  ])('%s', (_name, fresh, owed, takeable, plan) => {
    expect(planTakeBack(fresh, owed, takeable)).toEqual(plan)
  })

  test('what can be taken: the least any balance of the holder holds in the village, never below zero', () => {
    expect(takeableFrom([{ balance: 10 }, { balance: 4 }], 'v_new')).toBe(4)
    expect(takeableFrom([{ balance: 35, byVillage: { v_old: 30, v_new: 5 } }, { balance: 50 }], 'v_new')).toBe(5)
    expect(takeableFrom([{ balance: -3 }], 'v_new')).toBe(0)
    expect(takeableFrom([null], 'v_new')).toBe(0)
  })
})
