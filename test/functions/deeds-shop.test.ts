/** 积分超市: atomic stock and balance under concurrency, pickup codes, hand-over and cancellation (refund). */
import { localCloud } from '../../local-cloud'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'
import { balanceOf, entries, expectLedgerInvariant, householdBalance } from '../helpers/deeds'

const stockOf = (id: string) => (localCloud.engine.get('shop_goods', id) as { stock: number }).stock

async function newGoods(price: number, stock: number): Promise<string> {
  const g = await ok('village-admin-dongshan', 'deeds.saveGoods', { villageId: 'v_dongshan', name: `测试商品 ${price}/${stock}`, price, stock, photo: null, enabled: true })
  return g.id
}

/** 王秀兰 has 5 seeded points; the towel costs 10. */
const topUp = () => ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-1'), delta: 5, reason: '补记积分' })

describe('积分超市', () => {
  beforeEach(() => freshTown())

  test('redeem → pickup code → handed over by code; the balance drops by the price', async () => {
    const goods = await ok('resident-1', 'deeds.goods', {})
    expect(goods.map((g) => g.name)).toContain('毛巾')
    await topUp()
    const r = await ok('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    expect(balanceOf(userIdOf('resident-1'))).toBe(0)
    expect(r).toMatchObject({ status: 'awaiting', price: 10, goodsName: '毛巾' })
    expect(r.code).toMatch(/^\d{8}$/)
    expect(stockOf('gd_ds_towel')).toBe(49)
    expectLedgerInvariant()
    expect((await ok('resident-1', 'deeds.myRedemptions', {})).items.map((x) => x.id)).toEqual([r.id])
    // another village's admin cannot hand it over; this village's admin does, once
    expect((await callAs('village-admin-xigang', 'deeds.handOver', { villageId: 'v_dongshan', code: r.code })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ok('village-admin-dongshan', 'deeds.handOver', { villageId: 'v_dongshan', code: r.code })).toMatchObject({ status: 'handed_over' })
    expect((await callAs('village-admin-dongshan', 'deeds.handOver', { villageId: 'v_dongshan', code: r.code })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await ok('village-admin-dongshan', 'deeds.redemptions', { villageId: 'v_dongshan' })).items[0]).toMatchObject({ id: r.id, status: 'handed_over' })
  })

  test('not enough points, sold out, other village, disabled', async () => {
    const count = entries().length
    expect((await callAs('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_soap' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await callAs('resident-3', 'deeds.redeem', { goodsId: 'gd_ds_towel' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const none = await newGoods(1, 0)
    expect((await callAs('resident-1', 'deeds.redeem', { goodsId: none })).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '商品已兑完' })
    expect(entries()).toHaveLength(count)
    expectLedgerInvariant()
  })

  test('two concurrent redemptions of the last item: exactly one succeeds', async () => {
    const last = await newGoods(5, 1)
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 20, reason: '补记活动积分' })
    const [a, b] = await Promise.all([callAs('resident-1', 'deeds.redeem', { goodsId: last }), callAs('resident-2', 'deeds.redeem', { goodsId: last })])
    expect([a.res.ok, b.res.ok].filter(Boolean)).toHaveLength(1)
    expect(stockOf(last)).toBe(0)
    expect(localCloud.engine.all('redemptions').filter((r) => r.goodsId === last)).toHaveLength(1)
    expect(balanceOf(userIdOf('resident-1')) + balanceOf(userIdOf('resident-2'))).toBe(5 + 20 - 5)
    expectLedgerInvariant()
  })

  test('100 concurrent redemptions by one person with points for one → one', async () => {
    const g = await newGoods(5, 100)
    const results = await Promise.all(Array.from({ length: 100 }, () => callAs('resident-1', 'deeds.redeem', { goodsId: g })))
    expect(results.filter((r) => r.res.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.res.ok).every((r) => !r.res.ok && r.res.code === 'CONFLICT')).toBe(true)
    expect(stockOf(g)).toBe(99)
    expect(balanceOf(userIdOf('resident-1'))).toBe(0)
    expect(householdBalance('hh_wang')).toBe(0)
    expectLedgerInvariant()
  })

  test('cancelling an awaiting redemption refunds the points and the stock (a new entry)', async () => {
    await topUp()
    const r = await ok('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    const c = await ok('village-admin-dongshan', 'deeds.cancelRedemption', { villageId: 'v_dongshan', redemptionId: r.id, reason: '商品暂缺' })
    expect(c.status).toBe('cancelled')
    expect(balanceOf(userIdOf('resident-1'))).toBe(10)
    expect(stockOf('gd_ds_towel')).toBe(50)
    expect(
      entries()
        .filter((e) => e.userId === userIdOf('resident-1'))
        .map((e) => e.delta)
        .sort()
    ).toEqual([-10, 10, 5, 5].sort())
    expect((await callAs('village-admin-dongshan', 'deeds.cancelRedemption', { villageId: 'v_dongshan', redemptionId: r.id, reason: '再退一次' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expectLedgerInvariant()
  })
})
