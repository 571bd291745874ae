/**
 * 善行档案 and points: declaring never awards; approval by the subject village's admin awards by
 * the rule table within caps; nobody awards themselves; 代录 only in the grid worker's grid;
 * corrections are new entries. The ledger invariant is checked after every write.
 */
import { localCloud } from '../../local-cloud'
import { awardUserInTx, entryIdFor } from '../../cloudfunctions/_shared/points'
import { createStore } from '../../cloudfunctions/_shared/store'
import { database } from '../../cloudfunctions/_shared/cloud'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { balanceOf, deedInput, entries, expectLedgerInvariant, householdBalance } from '../helpers/deeds'
import { seedDeedId } from '../../local-server/seed-deeds'
import { photo } from '../helpers/reports'
import { dumpButDailyCounts } from '../helpers/safeguards'

const R1 = () => userIdOf('resident-1')
const R2 = () => userIdOf('resident-2')

describe('deeds and points', () => {
  beforeEach(async () => {
    clockAt('2026-11-16T03:00:00Z')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('seeded balances already satisfy the invariant', () => {
    // the approved deed's entry, and those of the volunteers' hours
    expect(expectLedgerInvariant()).toBeGreaterThan(1)
    expect(entries().filter((e) => e.source === 'deed')).toEqual([expect.objectContaining({ refId: seedDeedId('approved'), delta: 5 })])
    expect(balanceOf(R1())).toBe(5)
    expect(householdBalance('hh_wang')).toBe(5)
  })

  test('declare → nothing awarded; the village admin approves → points in the person and household record', async () => {
    const deed = await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2(), photos: [await photo()] }))
    expect(deed).toMatchObject({ status: 'pending', subjectName: '李大爷', householdName: '王秀兰家', villageId: 'v_dongshan', points: null, onBehalf: false })
    expect(deed.photos[0].url).toMatch(/^http/)
    expect(balanceOf(R2())).toBe(0)
    expectLedgerInvariant()
    const queue = await ok('village-admin-dongshan', 'deeds.queue', { villageId: 'v_dongshan' })
    expect(queue.items.map((d) => d.id)).toContain(deed.id)
    const approved = await ok('village-admin-dongshan', 'deeds.approve', { deedId: deed.id })
    expect(approved).toMatchObject({ status: 'approved', points: 5, capped: false })
    expect(balanceOf(R2())).toBe(5)
    expect(householdBalance('hh_wang')).toBe(10)
    expectLedgerInvariant()
    // approving again is refused and writes nothing
    const before = dumpAll()
    expect((await callAs('town-admin', 'deeds.approve', { deedId: deed.id })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(dumpAll()).toEqual(before)
    // my record and ledger; the head's household view
    const record = await ok('resident-2', 'deeds.record', {})
    expect(record.balance.balance).toBe(5)
    expect(record.deeds.items.map((d) => d.id)).toEqual([deed.id])
    const ledger = await ok('resident-2', 'deeds.ledger', { pageSize: 1 })
    expect(ledger.page.items).toEqual([expect.objectContaining({ delta: 5, source: 'deed', refId: deed.id })])
    const house = await ok('resident-1', 'deeds.household', {})
    expect(house.balance).toBe(10)
    expect(house.household.members.map((m) => m.name)).toEqual(['王秀兰', '李大爷'])
    expect(house.deeds.map((d) => d.id)).toEqual([deed.id, seedDeedId('approved')])
    expect(house.ledger.items).toHaveLength(2)
    // a member who is not the head cannot open the household view
    expect((await callAs('resident-2', 'deeds.household', {})).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  test('reject needs a reason, awards nothing, is audited and decides once', async () => {
    const count = entries().length
    const rejected = await ok('village-admin-dongshan', 'deeds.reject', { deedId: seedDeedId('pending'), reason: '情况不属实' })
    expect(rejected).toMatchObject({ status: 'rejected', reason: '情况不属实', points: null })
    expect(entries()).toHaveLength(count)
    expectLedgerInvariant()
    // the decision is in the audit log, with who and why
    const audits = localCloud.engine.all('audit_log').filter((a) => a.targetId === seedDeedId('pending'))
    expect(audits).toEqual([expect.objectContaining({ targetType: 'deed', action: 'reject', by: userIdOf('village-admin-dongshan'), detail: { reason: '情况不属实' } })])
    // a second decision is refused and changes nothing
    const before = dumpAll()
    expect((await callAs('village-admin-dongshan', 'deeds.reject', { deedId: seedDeedId('pending'), reason: '再次驳回' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await callAs('village-admin-dongshan', 'deeds.approve', { deedId: seedDeedId('pending') })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(dumpAll()).toEqual(before)
  })

  test('only the admin of the subject’s village (or the town office) approves; nobody approves their own or their household’s', async () => {
    const before = dumpAll()
    expect((await callAs('village-admin-xigang', 'deeds.approve', { deedId: seedDeedId('pending') })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('village-admin-dongshan', 'deeds.approve', { deedId: seedDeedId('xigang') })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-1', 'deeds.approve', { deedId: seedDeedId('pending') })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
    // the admin declares his own deed: he cannot approve it; neither a deed about himself declared by someone else
    const own = await ok('village-admin-dongshan', 'deeds.declare', deedInput({ subjectUserId: userIdOf('village-admin-dongshan') }))
    const aboutHim = await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: userIdOf('village-admin-dongshan') }))
    const forOther = await ok('village-admin-dongshan', 'deeds.declare', deedInput({ subjectUserId: R1() }))
    const snap = dumpAll()
    for (const d of [own, aboutHim, forOther]) expect((await callAs('village-admin-dongshan', 'deeds.approve', { deedId: d.id })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(snap)
    // the town office may
    await ok('town-admin', 'deeds.approve', { deedId: own.id })
    expect(balanceOf(userIdOf('village-admin-dongshan'))).toBe(5)
    expectLedgerInvariant()
  })

  test('a resident cannot award themselves points by any action', async () => {
    const before = dumpAll()
    const mine = deedInput({ subjectUserId: R1() })
    for (const [action, input] of [
      ['deeds.approve', { deedId: seedDeedId('pending') }],
      ['deeds.correct', { userId: R1(), delta: 100, reason: '给自己加分' }],
      ['deeds.saveRules', { rules: [{ key: 'deed:helping', points: 1000, dailyCap: 1000, monthlyCap: 1000 }] }],
      ['deeds.saveGoods', { villageId: 'v_dongshan', name: '白送', price: 1, stock: 1, photo: null, enabled: true }]
    ] as const) {
      expect((await callAs('resident-1', action, input)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(dumpAll()).toEqual(before)
    await ok('resident-1', 'deeds.declare', mine)
    expect(balanceOf(R1())).toBe(5)
    // an admin cannot correct their own points either
    expect((await callAs('village-admin-dongshan', 'deeds.correct', { userId: userIdOf('village-admin-dongshan'), delta: 50, reason: '给自己加分' })).res).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
  })

  test('代录: a grid worker enters a deed for a resident of their grid only; recorded as such', async () => {
    const entered = await ok('grid-dongshan-1', 'deeds.declare', deedInput({ subjectUserId: R1(), onBehalf: true, category: 'filial' }))
    expect(entered).toMatchObject({ onBehalf: true, declarerName: '王海涛', subjectName: '王秀兰' })
    const before = dumpAll()
    // 李大爷 lives in 东山二组, another grid
    expect((await callAs('grid-dongshan-1', 'deeds.declare', deedInput({ subjectUserId: R2(), onBehalf: true }))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2(), onBehalf: true }))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
  })

  test('a named person of a household: points go to the household', async () => {
    const d = await ok('resident-3', 'deeds.declare', deedInput({ subjectName: '王小宝', householdId: 'hh_wang' }))
    expect(d).toMatchObject({ subjectUserId: null, subjectName: '王小宝', villageId: 'v_dongshan' })
    await ok('village-admin-dongshan', 'deeds.approve', { deedId: d.id })
    expect(householdBalance('hh_wang')).toBe(10)
    expectLedgerInvariant()
  })

  test('content security: risky text is refused before anyone sees it', async () => {
    const before = dumpButDailyCounts()
    const { res } = await callAs('resident-1', 'deeds.declare', deedInput({ subjectUserId: R1(), description: '这里有人卖毒品和枪支，快来' }))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // the refused declaration still counts toward the day's cap; nothing else is written
    expect(dumpButDailyCounts()).toEqual(before)
  })

  test('the rule table (town office) and the daily and monthly caps', async () => {
    expect((await ok('resident-1', 'deeds.rules', {})).find((r) => r.key === 'deed:helping')).toMatchObject({ points: 5, label: '助人为乐' })
    await ok('town-admin', 'deeds.saveRules', { rules: [{ key: 'deed:helping', points: 4, dailyCap: 6, monthlyCap: 10 }] })
    const approveNew = async () => {
      const d = await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2() }))
      return ok('village-admin-dongshan', 'deeds.approve', { deedId: d.id })
    }
    expect(await approveNew()).toMatchObject({ points: 4, capped: false })
    expect(await approveNew()).toMatchObject({ points: 2, capped: true })
    expect(await approveNew()).toMatchObject({ points: 0, capped: true })
    expectLedgerInvariant()
    // the next day: the daily cap starts again, the monthly cap (10) leaves 4
    jest.setSystemTime(new Date('2026-11-17T03:00:00Z'))
    expect(await approveNew()).toMatchObject({ points: 4, capped: false })
    expect(await approveNew()).toMatchObject({ points: 0, capped: true })
    // a new month
    jest.setSystemTime(new Date('2026-12-01T03:00:00Z'))
    expect(await approveNew()).toMatchObject({ points: 4, capped: false })
    // another category has its own rule
    const brave = await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2(), category: 'bravery' }))
    expect(await ok('village-admin-dongshan', 'deeds.approve', { deedId: brave.id })).toMatchObject({ points: 20 })
    expect(balanceOf(R2())).toBe(4 + 2 + 4 + 4 + 20)
    expectLedgerInvariant()
  })

  test('corrections are new entries with a reason; never below zero', async () => {
    const count = entries().length
    const e = await ok('village-admin-dongshan', 'deeds.correct', { userId: R1(), delta: -3, reason: '重复记分' })
    expect(e).toMatchObject({ status: 'posted', entry: { delta: -3, source: 'correction', note: '更正：重复记分' } })
    expect(balanceOf(R1())).toBe(2)
    expect(entries()).toHaveLength(count + 1)
    expect((await callAs('town-admin', 'deeds.correct', { userId: R1(), delta: -3, reason: '再扣一次' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await callAs('village-admin-xigang', 'deeds.correct', { userId: R1(), delta: 3, reason: '加分' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expectLedgerInvariant()
  })

  test('an award is idempotent per source and reference', async () => {
    const award = async () =>
      (
        await localCloud.runAs(null, () =>
          createStore(database()).transaction((tx) =>
            awardUserInTx(tx, R1(), { ruleKey: 'report_accepted', source: 'report_accepted', refId: 'r_same', units: 1, operatorId: 'test', note: 'x' }, new Date())
          )
        )
      ).value
    const results = await Promise.allSettled([award(), award(), award()])
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true)
    await award()
    expect(entries().filter((e) => e._id === entryIdFor('report_accepted', 'r_same'))).toHaveLength(1)
    expect(balanceOf(R1())).toBe(7)
    expectLedgerInvariant()
  })
})
