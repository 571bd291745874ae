/** Database requests per call of the hot points actions (the caller's profile counts as one). */
import { localCloud } from '../../local-cloud'
import { seedDeedId } from '../../local-server/seed-deeds'
import { householdBalanceId } from '../../cloudfunctions/_shared/points'
import { costMeter } from '../helpers/cost'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'
import { expectLedgerInvariant, householdOfUser } from '../helpers/deeds'

const { cost, print } = costMeter()

describe('database requests per call', () => {
  beforeEach(() => freshTown())
  afterAll(print)

  // approve: the caller's profile with the rule table (one request, prefetch.ts); one transaction: start, the deed (read and
  // checked there: scope, still pending, not the approver's own), the subject's balance (the caps' counters), the entry, the
  // balance, the household's balance (an increment, not read: nothing is decided on it), the deed, the audit entry, commit.
  // The entry is not looked for: a pending deed has none (it is written only with the approval). 10 — above the 8 of issue 11:
  // each of the five writes is its own request (a transaction allows single-record operations only), and the deed and the
  // balance must be read inside the transaction (the deed's status and the caps decide what is written).
  // redeem: the profile; start, the goods (stock), the person's balance (does it cover the price?), the entry, the balance,
  // the household's increment, the stock, the redemption, commit = 10 (the new redemption's entry cannot exist: not looked for).
  // the reads of issue 11 (≤ 3): the profile, then one aggregate over households with a $lookup each for the members' names,
  // the balance (and, for one household, its newest approved deeds and a page of its entries) — deeds/repo.ts
  test("a village's households: 2 (whatever the page size); a household's record: 2", async () => {
    expect(await cost('village-admin-dongshan', 'deeds.households', { villageId: 'v_dongshan', pageSize: 1 })).toBe(2)
    expect(await cost('village-admin-dongshan', 'deeds.households', { villageId: 'v_dongshan' })).toBe(2)
    expect(await cost('village-admin-dongshan', 'deeds.household', { householdId: 'hh_lin' })).toBe(2)
    expect(await cost('resident-1', 'deeds.household', {})).toBe(2)
  })

  test('approve a deed and redeem: 10 each, the ledger invariant holds', async () => {
    expect(await cost('village-admin-dongshan', 'deeds.approve', { deedId: seedDeedId('pending') })).toBe(10)
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-1'), delta: 5, reason: '补记积分' })
    expect(await cost('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })).toBe(10)
    expectLedgerInvariant()
  })

  // cancel: the profile; start, the redemption, the balance, the refund's entry, the balance, the household's increment, the
  // stock's increment (the goods are not read: nothing is decided on them), the redemption, the audit entry, commit = 11 (the
  // refund cannot have been made: not looked for). Above the 8 of issue 11: six single-record writes, and the redemption and
  // the balance read inside the transaction (the redemption's status and the balance's parts decide what is written).
  test('cancel a redemption: 11, the stock comes back', async () => {
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-1'), delta: 5, reason: '补记积分' })
    const r = await ok('resident-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    const stock = () => (localCloud.engine.get('shop_goods', 'gd_ds_towel') as unknown as { stock: number }).stock
    const before = stock()
    expect(await cost('village-admin-dongshan', 'deeds.cancelRedemption', { villageId: 'v_dongshan', redemptionId: r.id, reason: '商品暂缺' })).toBe(11)
    expect(stock()).toBe(before + 1)
    expectLedgerInvariant()
  })

  // correct: the profile with the person, the safeguards and the person's entries of the 30-day window (this admin's recent
  // corrections among them) (1); start, the balance (does it cover a negative one?), the entry (a new reference: not looked
  // for), the balance, the household's increment, the audit entry, commit (7) = 8. approveCorrection: the profile with the request and its resident (1); start,
  // the request (still pending: its entry cannot exist, not looked for), the balance, the entry, the balance, the
  // household's increment, the request, the audit entry, commit (9) = 10. Above the 8 of issue 11 for the same reason as
  // approve: five single-record writes and the reads that decide them, in one transaction.
  test('a correction at once: 8; a requested one approved: 10', async () => {
    expect(await cost('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 5, reason: '补记积分' })).toBe(8)
    const requested = await ok('town-admin-2', 'deeds.correct', { userId: userIdOf('resident-2'), delta: 60, reason: '补记活动积分' })
    if (requested.status !== 'pending') throw new Error('expected a request above the threshold')
    expect(await cost('village-admin-dongshan', 'deeds.approveCorrection', { requestId: requested.request.id, approve: true })).toBe(10)
    expectLedgerInvariant()
  })

  test("a household's first entry: the increment finds no balance document, so it is written whole (one request more)", async () => {
    const head = userIdOf('grid-dongshan-2')
    expect(householdOfUser(head)).toBeNull()
    const { id } = await ok('village-admin-dongshan', 'deeds.saveHousehold', { villageId: 'v_dongshan', name: '新登记家庭', headUserId: head, memberIds: [] })
    expect(localCloud.engine.get('point_balances', householdBalanceId(id))).toBeNull()
    const { res, dbRequests } = await callAs('village-admin-dongshan', 'deeds.correct', { userId: head, delta: 5, reason: '补记积分' })
    expect(res.ok).toBe(true)
    expect(localCloud.engine.get('point_balances', householdBalanceId(id))).toMatchObject({ kind: 'household', ownerId: id, balance: 5, entryCount: 1 })
    expect(expectLedgerInvariant()).toBeGreaterThan(0)
    // the same correction for a member of a household with a balance: one request less
    const again = await callAs('village-admin-dongshan', 'deeds.correct', { userId: head, delta: 5, reason: '再补记积分' })
    expect(again.dbRequests).toBe(dbRequests - 1)
    expect(localCloud.engine.get('point_balances', householdBalanceId(id))).toMatchObject({ balance: 10, entryCount: 2 })
  })
})
