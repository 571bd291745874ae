/**
 * 本月获得 is the figure the ledger shows for the month (issue 14, item 9: it said 0 while the month's
 * ledger held a +5 correction): the net of the month's entries, every source but 积分兑换 — a
 * correction counts, a redemption does not, and a new China month starts from zero.
 */
import type { Balance, PointEntry } from '../../src/contract'
import { chinaDay } from '../../src/domain/china-time'
import { earnedThisMonth, monthEarnedAfter } from '../../src/domain/points'
import { freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/reports'

async function ledgerOf(key: string): Promise<{ balance: Balance; month: number }> {
  const r = (await ok(key as never, 'deeds.ledger', { pageSize: 50 } as never)) as unknown as { balance: Balance; page: { items: PointEntry[] } }
  const month = chinaDay(new Date()).slice(0, 7)
  const inMonth = r.page.items.filter((e) => chinaDay(new Date(e.at)).slice(0, 7) === month && e.source !== 'redemption')
  return { balance: r.balance, month: inMonth.reduce((s, e) => s + e.delta, 0) }
}

describe('本月获得', () => {
  beforeEach(async () => {
    clockAt('2026-11-16T03:00:00Z') // Monday 11:00 in China
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('a correction counts in the month as in the ledger; a redemption does not; the next month starts at zero', async () => {
    const before = await ledgerOf('resident-2')
    expect(before.balance.earnedThisMonth).toBe(before.month)
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 5, reason: '补记上周的善行' })
    const after = await ledgerOf('resident-2')
    expect(after.month).toBe(before.month + 5)
    expect(after.balance.earnedThisMonth).toBe(after.month)
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: -2, reason: '重复记分' })
    expect((await ledgerOf('resident-2')).balance.earnedThisMonth).toBe(before.month + 3)

    // resident-1 spends at the shop: the balance goes down, 本月获得 does not
    const r1 = await ledgerOf('resident-1')
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-1'), delta: 20, reason: '补记' })
    await ok('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    const spent = await ledgerOf('resident-1')
    expect(spent.balance.balance).toBeLessThan(r1.balance.balance + 20)
    expect(spent.balance.earnedThisMonth).toBe(r1.balance.earnedThisMonth + 20)
    expect(spent.balance.earnedThisMonth).toBe(spent.month)

    jest.setSystemTime(new Date('2026-11-30T16:00:00Z')) // 12-01 00:00 in China
    expect((await ledgerOf('resident-2')).balance).toMatchObject({ earnedThisMonth: 0, balance: after.balance.balance - 2 })
  })

  test('the month figure (pure): sources, months, and balances written before it was kept', () => {
    const nov = new Date('2026-11-30T15:59:00Z') // 23:59 on 11-30 in China
    const dec = new Date('2026-11-30T16:00:00Z')
    const a = monthEarnedAfter(undefined, 5, 'correction', nov)
    expect(a).toEqual({ month: '2026-11', points: 5 })
    expect(monthEarnedAfter(a, -30, 'redemption', nov)).toEqual(a)
    expect(monthEarnedAfter(a, -2, 'volunteer_hours', nov)).toEqual({ month: '2026-11', points: 3 })
    expect(monthEarnedAfter(a, 4, 'deed', dec)).toEqual({ month: '2026-12', points: 4 })
    expect(earnedThisMonth({ monthEarned: a }, nov)).toBe(5)
    expect(earnedThisMonth({ monthEarned: a }, dec)).toBe(0)
    expect(earnedThisMonth(null, nov)).toBe(0)
    // an older balance: the rules' counters
    expect(earnedThisMonth({ earned: { 'deed:helping': { day: '2026-11-30', dayPoints: 5, month: '2026-11', monthPoints: 7 } } as never }, nov)).toBe(7)
  })
})
