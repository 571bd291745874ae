/** Database requests per call of confirming a move (the caller's profile counts as one). */
import { localCloud } from '../../local-cloud'
import type { UserDoc } from '../../cloudfunctions/_shared/docs'
import { personBalanceId, type BalanceDoc } from '../../cloudfunctions/_shared/points'
import { costMeter } from '../helpers/cost'
import { clockAt } from '../helpers/clock'
import { freshTown, ok, userIdOf } from '../helpers/town'
import { expectLedgerInvariant } from '../helpers/deeds'

const { cost, print } = costMeter()

const ZHANG = 'resident-3' // 张小明, 西岗社区 西岗第一网格, alone in 张小明家
const stored = () => localCloud.engine.get('users', userIdOf(ZHANG)) as unknown as UserDoc
const balance = () => localCloud.engine.get('point_balances', personBalanceId(userIdOf(ZHANG))) as unknown as BalanceDoc | null

describe('database requests of confirming a move', () => {
  beforeEach(async () => {
    clockAt('2026-11-18T10:00:00+08:00')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())
  afterAll(print)

  // The profile with the village moved into and its grids (1: villages and grids are never removed, nor does a grid change
  // village, so they are not read in the transaction); start, the person (the pending move), their household of the old
  // village and its update (they leave it), their balance (pinned to the village left when not yet split), the person, the
  // audit entry, commit = 9; a balance to pin is one write more = 10. Above the 8 of issue 11: the person, the household and
  // the balance decide what is written, so they are read inside the transaction, and each write is its own request.
  test('9 without a balance to pin; the grid and the names come from the village read with the profile', async () => {
    expect(balance()).toBeNull()
    await ok(ZHANG, 'users.updateProfile', { villageId: 'v_dongshan', gridId: 'g_dongshan_2' })
    expect(await cost('village-admin-dongshan', 'users.confirmMove', { userId: userIdOf(ZHANG), villageId: 'v_dongshan' })).toBe(9)
    expect(stored()).toMatchObject({ villageId: 'v_dongshan', villageName: '东山村', gridId: 'g_dongshan_2', gridName: '东山二组网格', householdId: null, pendingMove: null })
  })

  test('a balance not yet split is pinned to the village left: 10; once split and out of any household: 7', async () => {
    await ok('village-admin-xigang', 'deeds.correct', { userId: userIdOf(ZHANG), delta: 7, reason: '补记积分' })
    expect(balance()?.byVillage).toBeUndefined()
    await ok(ZHANG, 'users.updateProfile', { villageId: 'v_dongshan', gridId: 'g_dongshan_2' })
    expect(await cost('village-admin-dongshan', 'users.confirmMove', { userId: userIdOf(ZHANG), villageId: 'v_dongshan' })).toBe(10)
    expect(balance()).toMatchObject({ balance: 7, byVillage: { v_xigang: 7 } })
    expect(stored()).toMatchObject({ villageId: 'v_dongshan', gridId: 'g_dongshan_2', householdId: null })

    // no household left to leave, the balance already split: start, the person, the balance, the person, the audit entry, commit
    await ok(ZHANG, 'users.updateProfile', { villageId: 'v_nanhu' })
    expect(await cost('village-admin-nanhu', 'users.confirmMove', { userId: userIdOf(ZHANG), villageId: 'v_nanhu' })).toBe(7)
    expect(stored()).toMatchObject({ villageId: 'v_nanhu', villageName: '南湖村', gridId: null, gridName: null })
    expect(balance()).toMatchObject({ balance: 7, byVillage: { v_xigang: 7 } })
    expectLedgerInvariant()
  })
})
