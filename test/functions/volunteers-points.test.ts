/**
 * Points follow a sign-up's hours both ways: an approved cut takes back the removed share of what the
 * sign-up was really awarded, as a new entry, never below a zero balance (the rest stays owed and is
 * taken back by the next change), and a raise awards again without counting twice.
 */
import { invoke } from '../../local-server/functions'
import { localCloud } from '../../local-cloud'
import { database } from '../../cloudfunctions/_shared/cloud'
import { entryIdFor } from '../../cloudfunctions/_shared/points'
import { hoursTakeBack } from '@/domain/points'
import { createStore } from '../../cloudfunctions/_shared/store'
import type { SignupDoc } from '../../cloudfunctions/volunteers/docs'
import { signupPointsInTx } from '../../cloudfunctions/volunteers/hours-points'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { balanceOf, entries, expectLedgerInvariant, householdBalance } from '../helpers/deeds'
import { approvedCorrection, publishedActivity, storedSignup, VENUE } from '../helpers/volunteers'

const T0 = '2026-11-10T01:00:00Z'
const START = '2026-11-10T02:00:00Z'
const END = '2026-11-10T06:00:00Z'
const TITLE = '村道环境整治'
const CUT_NOTE = `志愿服务：${TITLE}（时长更正，扣回积分）`
const HOUSEHOLD = 'hh_lin'
const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000)

describe('hours pure rule', () => {
  test('a cut takes back the removed share of what was awarded, rounded down, never more', () => {
    expect(hoursTakeBack(8, 4, 1)).toBe(6)
    expect(hoursTakeBack(15, 4, 3)).toBe(3)
    expect(hoursTakeBack(5, 3, 2)).toBe(1)
    expect(hoursTakeBack(15, 2.5, 0)).toBe(15)
    expect(hoursTakeBack(0, 4, 1)).toBe(0)
    expect(hoursTakeBack(8, 1, 3)).toBe(0)
    expect(hoursTakeBack(8, 0, 0)).toBe(0)
  })
})

describe('points when approved hours go down', () => {
  const me = userIdOf('volunteer-1')
  let activityId: string
  const signupId = () => `${activityId}_${me}`
  const entry = (refId: string) => entries().find((e) => e._id === entryIdFor('volunteer_hours', refId))
  const takeBack = (requestId: string) => entry(`${requestId}:takeback`)
  const hoursAudits = () => localCloud.engine.all('audit_log').filter((e) => e.targetId === signupId() && e.action === 'hours') as unknown as Array<{ detail: Record<string, unknown> }>
  /** The sum of this sign-up's entries: its check-out's and its requests' (with their take-backs). */
  const signupSum = () => {
    const requests = new Set(
      localCloud.engine
        .all('hours_requests')
        .filter((r) => r.signupId === signupId())
        .map((r) => String(r._id))
    )
    return entries()
      .filter((e) => e.source === 'volunteer_hours' && [signupId(), ...requests].includes(e.refId.replace(/:takeback$/, '')))
      .reduce((sum, e) => sum + e.delta, 0)
  }
  const codeOf = async () => (await ok('village-admin-dongshan', 'volunteers.checkinCode', { activityId })).code
  const scan = async () => (await callAs('volunteer-1', 'volunteers.scan', { code: await codeOf(), location: VENUE })).res
  const checkIn = async () => {
    jest.setSystemTime(at(START, -5))
    expect(await scan()).toMatchObject({ ok: true, data: { kind: 'checkin' } })
  }
  /** Checked in before the start, out by scan `minutes` after it (4 h at the end). */
  const worked = async (minutes: number) => {
    await checkIn()
    jest.setSystemTime(at(START, minutes))
    expect(await scan()).toMatchObject({ ok: true, data: { kind: 'checkout' } })
  }
  const rules = (points: number, dailyCap: number) => ok('town-admin', 'deeds.saveRules', { rules: [{ key: 'volunteer_hours', points, dailyCap, monthlyCap: 100 }] })

  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    activityId = await publishedActivity({ title: TITLE, startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 4, capacity: 5 })
    await ok('volunteer-1', 'volunteers.signup', { activityId })
    // 林志愿 starts with no points (the demo seed counted hours of his: a correction takes their points
    // away, his sign-ups keep their own entries); his household is himself
    const seeded = balanceOf(me)
    if (seeded > 0) await ok('village-admin-dongshan', 'deeds.correct', { userId: me, delta: -seeded, reason: '从零分开始' })
    expect([balanceOf(me), householdBalance(HOUSEHOLD)]).toEqual([0, 0])
  })
  afterEach(() => jest.useRealTimers())

  test('4 h from the automatic check-out, cut to 1 h, raised to 3 h, cut to 0: the points of the hours each time; the household moves too', async () => {
    await checkIn()
    jest.setSystemTime(at(END, 121))
    await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: T0 }, null)
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 4, autoClosed: true, pointsAwarded: 8, pointsOwed: 0 })
    expect([balanceOf(me), householdBalance(HOUSEHOLD)]).toEqual([8, 8])
    expectLedgerInvariant()

    const cut = await approvedCorrection(activityId, me, 1, '中途离开，按实际时长更正')
    // 8 × 3/4 = 6 taken back, as a new entry; the award stays
    expect(takeBack(cut)).toMatchObject({ userId: me, householdId: HOUSEHOLD, source: 'volunteer_hours', ruleKey: 'volunteer_hours', delta: -6, note: CUT_NOTE })
    expect(entry(signupId())).toMatchObject({ delta: 8 })
    expect([balanceOf(me), householdBalance(HOUSEHOLD)]).toEqual([2, 2])
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 1, pointsAwarded: 2, pointsOwed: 0 })
    expect(hoursAudits().at(-1)?.detail).toMatchObject({ requestId: cut, from: 4, to: 1, points: -6 })
    expect(hoursAudits().at(-1)?.detail).not.toHaveProperty('pointsNotTakenBack')
    expectLedgerInvariant()

    const raise = await approvedCorrection(activityId, me, 3)
    expect(entry(raise)).toMatchObject({ delta: 4 })
    expect(takeBack(raise)).toBeUndefined()
    expect([balanceOf(me), householdBalance(HOUSEHOLD)]).toEqual([6, 6])
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 3, pointsAwarded: 6, pointsOwed: 0 })
    expectLedgerInvariant()

    const none = await approvedCorrection(activityId, me, 0)
    expect(takeBack(none)).toMatchObject({ delta: -6 })
    expect([balanceOf(me), householdBalance(HOUSEHOLD), signupSum()]).toEqual([0, 0, 0])
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 0, pointsAwarded: 0 })
    expectLedgerInvariant()
  })

  test('a capped award is taken back in proportion to what it gave, never hours × rule points', async () => {
    await rules(10, 15)
    await worked(245)
    expect(entry(signupId())).toMatchObject({ delta: 15, capped: true })
    // the rule would take back 10 for the hour; 15 × 1/4 = 3
    const first = await approvedCorrection(activityId, me, 3)
    expect(takeBack(first)).toMatchObject({ delta: -3 })
    expect(balanceOf(me)).toBe(12)
    expectLedgerInvariant()
    // 12 × 2/3 = 8 (the rule would take back 20, more than is left)
    const second = await approvedCorrection(activityId, me, 1)
    expect(takeBack(second)).toMatchObject({ delta: -8 })
    expect(balanceOf(me)).toBe(4)
    expectLedgerInvariant()
    const last = await approvedCorrection(activityId, me, 0)
    expect(takeBack(last)).toMatchObject({ delta: -4 })
    // 15 awarded, 15 taken back in all
    expect([balanceOf(me), signupSum()]).toEqual([0, 0])
    expectLedgerInvariant()
  })

  test('nothing awarded (the cap was reached), nothing taken back and no entry written', async () => {
    await rules(2, 0)
    await worked(245)
    expect(entry(signupId())).toMatchObject({ delta: 0, capped: true })
    const count = expectLedgerInvariant()
    const cut = await approvedCorrection(activityId, me, 1)
    expect(takeBack(cut)).toBeUndefined()
    expect(expectLedgerInvariant()).toBe(count)
    expect(balanceOf(me)).toBe(0)
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 1, pointsAwarded: 0, pointsOwed: 0 })
  })

  test('points already spent: the balance goes to 0, not below; the note and the audit say what could not be taken back; the next raise takes it first', async () => {
    await rules(5, 50)
    await worked(245)
    expect(balanceOf(me)).toBe(20)
    await ok('volunteer-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    expect([balanceOf(me), householdBalance(HOUSEHOLD)]).toEqual([10, 10])
    expectLedgerInvariant()

    // 4 → 1 h: 20 × 3/4 = 15 due, only 10 left
    const cut = await approvedCorrection(activityId, me, 1)
    expect(takeBack(cut)).toMatchObject({ delta: -10, note: `${CUT_NOTE}（积分余额不足：应扣回 15 分，实扣 10 分，其余 5 分未能扣回）` })
    expect([balanceOf(me), householdBalance(HOUSEHOLD)]).toEqual([0, 0])
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 1, pointsAwarded: 10, pointsOwed: 5 })
    expect(hoursAudits().at(-1)?.detail).toMatchObject({ requestId: cut, from: 4, to: 1, points: -10, pointsNotTakenBack: 5 })
    expectLedgerInvariant()

    // 1 → 3 h: 10 awarded, then the 5 still owed taken back: the sign-up holds 15 = 3 h × 5
    const raise = await approvedCorrection(activityId, me, 3)
    expect(entry(raise)).toMatchObject({ delta: 10 })
    expect(takeBack(raise)).toMatchObject({ delta: -5, note: `${CUT_NOTE}（此前未能扣回的 5 分）` })
    expect([balanceOf(me), householdBalance(HOUSEHOLD), signupSum()]).toEqual([5, 5, 15])
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 3, pointsAwarded: 15, pointsOwed: 0 })
    expect(hoursAudits().at(-1)?.detail).toMatchObject({ from: 1, to: 3, points: 5 })
    expectLedgerInvariant()
  })

  test('a cut with nothing left to take: an entry of 0 records it, and the whole amount stays owed', async () => {
    await rules(5, 50)
    await worked(125)
    expect(balanceOf(me)).toBe(10)
    await ok('volunteer-1', 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    const cut = await approvedCorrection(activityId, me, 1)
    expect(takeBack(cut)).toMatchObject({ delta: 0, note: `${CUT_NOTE}（积分余额不足：应扣回 5 分，实扣 0 分，其余 5 分未能扣回）` })
    expect(balanceOf(me)).toBe(0)
    expect(storedSignup(activityId, me)).toMatchObject({ pointsAwarded: 10, pointsOwed: 5 })
    expectLedgerInvariant()
  })

  test('a retried approval takes back nothing twice', async () => {
    await worked(245)
    const before = structuredClone(storedSignup(activityId, me)) as unknown as SignupDoc
    const cut = await approvedCorrection(activityId, me, 1)
    expect(balanceOf(me)).toBe(2)
    const after = dumpAll()
    // deciding again is refused
    expect((await callAs('town-admin', 'volunteers.approveHours', { pendingId: cut, approve: true })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    // the same change replayed on the sign-up as it was (a transaction run again) finds its entry
    const store = createStore(database())
    const replay = await store.transaction((tx) => signupPointsInTx(store, tx, before, { refId: cut, toHours: 1, operatorId: 'test', note: 'x', takeBackNote: 'x' }, new Date()))
    expect(replay.audit).toEqual({ points: 0 })
    expect(dumpAll()).toEqual(after)
    expectLedgerInvariant()
  })

  test('a check-out that counts fewer hours than an approved correction takes the difference back', async () => {
    await checkIn()
    jest.setSystemTime(at(START, 30))
    const raise = await approvedCorrection(activityId, me, 4, '全程参加')
    expect(entry(raise)).toMatchObject({ delta: 8 })
    jest.setSystemTime(at(START, 65))
    expect(await scan()).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 1 } })
    expect(takeBack(signupId())).toMatchObject({ delta: -6, note: `志愿服务：${TITLE}（签退时长少于已记时长，扣回积分）` })
    expect([balanceOf(me), signupSum()]).toEqual([2, 2])
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 1, pointsAwarded: 2 })
    expectLedgerInvariant()
  })

  test('a sign-up written before its points were kept: the cut reads what it was awarded from the ledger, its own entries only', async () => {
    // his other sign-ups have entries of their own: the seeded hours (past-1, past-2)
    const others = entries().filter((e) => e.userId === me && e.source === 'volunteer_hours')
    expect(others.length).toBeGreaterThan(0)
    // this one: 2 h by scan (4), then as if written before the field existed, then raised to 4 h (4 more)
    await worked(125)
    localCloud.engine.update('activity_signups', { _id: signupId() }, { $unset: { pointsAwarded: '', pointsOwed: '' } })
    const raise = await approvedCorrection(activityId, me, 4)
    expect(entry(raise)).toMatchObject({ delta: 4 })
    expect(storedSignup(activityId, me)).not.toHaveProperty('pointsAwarded')
    expect(balanceOf(me)).toBe(8)
    // 4 → 1 h: its own entries add up to 8 (his other sign-ups' are not counted): 8 × 3/4 = 6
    const cut = await approvedCorrection(activityId, me, 1)
    expect(takeBack(cut)).toMatchObject({ delta: -6 })
    expect(balanceOf(me)).toBe(2)
    expect(storedSignup(activityId, me)).toMatchObject({ hours: 1, pointsAwarded: 2, pointsOwed: 0 })
    expect(signupSum()).toBe(2)
    expectLedgerInvariant()
  })
})
