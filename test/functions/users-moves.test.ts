/**
 * A change of village after the first needs the new village's admin or the town office: until then
 * the person stays where they were. What they earned and cast before a move stays with the village
 * where it was earned or cast.
 */
import { PRIVACY_VERSION } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import type { UserDoc } from '../../cloudfunctions/_shared/docs'
import { personBalanceId, type BalanceDoc, type PointEntryDoc } from '../../cloudfunctions/_shared/points'
import { MOVED_IN_DURING_VOTE, movedInAfterVoteOpened } from '@/domain/selection-flow'
import type { HouseholdDoc } from '../../cloudfunctions/deeds/docs'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt, clockFrom } from '../helpers/clock'
import { expectLedgerInvariant } from '../helpers/deeds'
import { approvedCandidate, createdSelection, votingCandidate } from '../helpers/honour'
import type { SelectionDoc } from '../../cloudfunctions/honour/docs'

const START = '2026-11-18T10:00:00+08:00'
const later = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000)

const ZHANG = 'resident-3' // 张小明, 西岗社区 西岗第一网格, alone in 张小明家
const stored = (key: string) => localCloud.engine.get('users', userIdOf(key)) as unknown as UserDoc
const auditOf = (key: string, action: string) => localCloud.engine.find('audit_log', { targetId: userIdOf(key), action }) as Array<{ by: string; at: Date; detail: Record<string, unknown> }>

/** `who` asks to move to `villageId` (a grid there optional); returns the profile they see. */
const ask = (who: string, villageId: string, gridId?: string) => ok(who, 'users.updateProfile', gridId ? { villageId, gridId } : { villageId })

describe('a change of village', () => {
  beforeEach(async () => {
    clockAt(START)
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('a resident with a village who picks another stays in the old one until it is confirmed', async () => {
    const asked = await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    expect(asked).toMatchObject({
      villageId: 'v_xigang',
      villageName: '西岗社区',
      gridId: 'g_xigang_1',
      pendingMove: { villageId: 'v_dongshan', villageName: '东山村', gridId: 'g_dongshan_2', gridName: '东山二组网格', requestedAt: new Date(asked.pendingMove?.requestedAt ?? 0).toISOString() }
    })
    expect(stored(ZHANG)).toMatchObject({ villageId: 'v_xigang', gridId: 'g_xigang_1' })
    expect((await ok(ZHANG, 'users.me', {})).pendingMove).toMatchObject({ villageId: 'v_dongshan' })
    // Still 西岗's: its 积分超市, not 东山村's.
    expect((await ok(ZHANG, 'deeds.goods', {})).every((g) => g.villageId === 'v_xigang')).toBe(true)
    const towel = await callAs(ZHANG, 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    expect(towel.res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  test('asking again for the same place keeps the request; another place replaces it; withdrawing clears it', async () => {
    const first = await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    jest.setSystemTime(later(5))
    const again = await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    expect(again.pendingMove?.requestedAt).toBe(first.pendingMove?.requestedAt)
    const replaced = await ask(ZHANG, 'v_nanhu')
    expect(replaced.pendingMove).toMatchObject({ villageId: 'v_nanhu', gridId: null })
    expect(new Date(replaced.pendingMove?.requestedAt ?? 0).getTime()).toBeGreaterThanOrEqual(later(5).getTime())
    expect((await ok('village-admin-dongshan', 'users.moves', { villageId: 'v_dongshan' })).items).toEqual([])
    expect((await ok('village-admin-nanhu', 'users.moves', { villageId: 'v_nanhu' })).items.map((m) => m.userId)).toEqual([userIdOf(ZHANG)])

    const withdrawn = await ok(ZHANG, 'users.cancelMove', {})
    expect(withdrawn).toMatchObject({ villageId: 'v_xigang', pendingMove: null })
    expect((await ok('village-admin-nanhu', 'users.moves', { villageId: 'v_nanhu' })).items).toEqual([])
    // Nothing left to withdraw is not an error (a retry).
    expect(await ok(ZHANG, 'users.cancelMove', {})).toMatchObject({ pendingMove: null })
  })

  test('the first choice of a village applies at once', async () => {
    const newcomer = { openid: 'o-newcomer' }
    expect((await callAs(newcomer, 'users.acceptPrivacy', { version: PRIVACY_VERSION })).res).toMatchObject({ ok: true })
    const { res } = await callAs(newcomer, 'users.updateProfile', { name: '新来的', villageId: 'v_nanhu', gridId: 'g_nanhu_1' })
    expect(res).toMatchObject({ ok: true, data: { villageId: 'v_nanhu', villageName: '南湖村', gridId: 'g_nanhu_1', gridName: '南湖上片网格', pendingMove: null } })
  })

  test('a new grid in the same village applies at once, and leaves a pending move as it is', async () => {
    const moved = await ok('resident-1', 'users.updateProfile', { villageId: 'v_dongshan', gridId: 'g_dongshan_3' })
    expect(moved).toMatchObject({ villageId: 'v_dongshan', gridId: 'g_dongshan_3', gridName: '东山三组网格', pendingMove: null })
    expect(stored('resident-1')).toMatchObject({ gridId: 'g_dongshan_3' })

    await ask(ZHANG, 'v_dongshan')
    const regridded = await ok(ZHANG, 'users.updateProfile', { gridId: 'g_xigang_2' })
    expect(regridded).toMatchObject({ villageId: 'v_xigang', gridId: 'g_xigang_2', pendingMove: { villageId: 'v_dongshan' } })
    // A profile edit that sends the current village (the form always does) is no change of village.
    const renamed = await ok(ZHANG, 'users.updateProfile', { name: '张小明', villageId: 'v_xigang', gridId: 'g_xigang_2' })
    expect(renamed.pendingMove).toMatchObject({ villageId: 'v_dongshan' })
  })

  test('a village cannot be cleared (the next choice would skip the confirmation)', async () => {
    const before = dumpAll()
    const { res } = await callAs('resident-1', 'users.updateProfile', { villageId: null })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { villageId: '所在村（居）不能清空' } })
    expect(dumpAll()).toEqual(before)
  })

  test('an admin does not decide the move of someone of their own household', async () => {
    await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    localCloud.engine.update('users', { _id: userIdOf('village-admin-dongshan') }, { $set: { householdId: stored(ZHANG).householdId } })
    const input = { userId: userIdOf(ZHANG), villageId: 'v_dongshan' }
    const before = dumpAll()
    for (const action of ['users.confirmMove', 'users.refuseMove'] as const) {
      expect((await callAs('village-admin-dongshan', action, input)).res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '不能处理本家庭成员的迁入申请，请由其他管理员办理' })
    }
    expect(dumpAll()).toEqual(before)
  })

  test('only the new village’s admin or the town office confirms: not the old village’s admin, not another village’s, not a resident', async () => {
    await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    const input = { userId: userIdOf(ZHANG), villageId: 'v_dongshan' }
    const before = dumpAll()
    for (const who of ['village-admin-xigang', 'village-admin-nanhu', 'resident-1', 'grid-dongshan-1']) {
      expect((await callAs(who, 'users.confirmMove', input)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect((await callAs(who, 'users.refuseMove', input)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    // The old village's admin naming his own village finds no move into it.
    expect((await callAs('village-admin-xigang', 'users.confirmMove', { ...input, villageId: 'v_xigang' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('village-admin-xigang', 'users.moves', { villageId: 'v_dongshan' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)

    jest.setSystemTime(later(30))
    const done = await ok('village-admin-dongshan', 'users.confirmMove', input)
    expect(done).toMatchObject({ id: userIdOf(ZHANG), villageId: 'v_dongshan', gridId: 'g_dongshan_2' })
    expect(stored(ZHANG)).toMatchObject({ villageId: 'v_dongshan', villageName: '东山村', gridId: 'g_dongshan_2', gridName: '东山二组网格', pendingMove: null, movedInAt: later(30) })
    const [entry, ...more] = auditOf(ZHANG, 'confirmMove')
    expect(more).toEqual([])
    expect(entry).toMatchObject({
      by: userIdOf('village-admin-dongshan'),
      at: later(30),
      detail: { from: { villageId: 'v_xigang', gridId: 'g_xigang_1' }, to: { villageId: 'v_dongshan', gridId: 'g_dongshan_2' } }
    })
    // Decided once: a second confirmation finds nothing.
    expect((await callAs('town-admin', 'users.confirmMove', input)).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('the town office confirms a move into any village, but nobody decides their own', async () => {
    await ask('town-admin-2', 'v_beiling')
    const input = { userId: userIdOf('town-admin-2'), villageId: 'v_beiling' }
    expect((await callAs('town-admin-2', 'users.confirmMove', input)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(stored('town-admin-2').villageId).toBe('v_xigang')
    await ok('town-admin', 'users.confirmMove', input)
    expect(stored('town-admin-2')).toMatchObject({ villageId: 'v_beiling', gridId: null, gridName: null })
    expect(auditOf('town-admin-2', 'confirmMove')).toHaveLength(1)
  })

  test('refusing keeps the old village, tells the person why, and writes an audit entry', async () => {
    await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    jest.setSystemTime(later(60))
    await ok('village-admin-dongshan', 'users.refuseMove', { userId: userIdOf(ZHANG), villageId: 'v_dongshan', reason: '经核实未在本村居住' })
    expect(stored(ZHANG)).toMatchObject({ villageId: 'v_xigang', gridId: 'g_xigang_1', pendingMove: null })
    expect(auditOf(ZHANG, 'refuseMove')).toEqual([
      expect.objectContaining({ by: userIdOf('village-admin-dongshan'), at: later(60), detail: expect.objectContaining({ villageId: 'v_xigang', reason: '经核实未在本村居住' }) })
    ])
    const mine = await ok(ZHANG, 'users.me', {})
    expect(mine).toMatchObject({
      villageId: 'v_xigang',
      pendingMove: null,
      refusedMove: { villageId: 'v_dongshan', villageName: '东山村', reason: '经核实未在本村居住', refusedAt: later(60).toISOString() }
    })
    // Dismissed by the person; asking again starts a new request.
    expect(await ok(ZHANG, 'users.cancelMove', {})).toMatchObject({ refusedMove: null })
    expect((await ask(ZHANG, 'v_dongshan')).pendingMove).toMatchObject({ villageId: 'v_dongshan' })
  })

  test('a request withdrawn or replaced meanwhile is not decided', async () => {
    await ask(ZHANG, 'v_dongshan')
    await ask(ZHANG, 'v_nanhu')
    const before = dumpAll()
    expect((await callAs('village-admin-dongshan', 'users.confirmMove', { userId: userIdOf(ZHANG), villageId: 'v_dongshan' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await ok(ZHANG, 'users.cancelMove', {})
    expect((await callAs('village-admin-nanhu', 'users.refuseMove', { userId: userIdOf(ZHANG), villageId: 'v_nanhu' })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(localCloud.engine.count('audit_log', { targetId: userIdOf(ZHANG) })).toBe(0)
    expect(stored(ZHANG).villageId).toBe((before.users as UserDoc[]).find((u) => u._id === userIdOf(ZHANG))?.villageId)
  })

  test('the list shows moves into the caller’s villages, oldest first; the town office sees every village', async () => {
    await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    jest.setSystemTime(later(1))
    await ask('resident-5', 'v_nanhu')
    jest.setSystemTime(later(2))
    await ask('resident-4', 'v_dongshan')

    const dongshan = await ok('village-admin-dongshan', 'users.moves', { villageId: 'v_dongshan' })
    expect(dongshan.items.map((m) => m.name)).toEqual(['张小明', '陈阿婆'])
    expect(dongshan.items[0]).toMatchObject({
      phone: '139****0003',
      fromVillageId: 'v_xigang',
      fromVillageName: '西岗社区',
      fromGridName: '西岗第一网格',
      to: { villageId: 'v_dongshan', gridName: '东山二组网格', requestedAt: later(0).toISOString() }
    })
    expect((await ok('village-admin-xigang', 'users.moves', { villageId: 'v_xigang' })).items).toEqual([])

    const town = await ok('town-admin', 'users.moves', { pageSize: 2 })
    expect(town.items.map((m) => m.name)).toEqual(['张小明', '赵小红'])
    expect(town.items[0].phone).toBe('13900000003')
    const rest = await ok('town-admin', 'users.moves', { pageSize: 2, cursor: town.next ?? undefined })
    expect(rest).toMatchObject({ items: [expect.objectContaining({ name: '陈阿婆' })], next: null })
  })

  test('moving leaves a household of the old village; its head with members stays until the old village names a new head', async () => {
    await ask(ZHANG, 'v_dongshan')
    await ok('village-admin-dongshan', 'users.confirmMove', { userId: userIdOf(ZHANG), villageId: 'v_dongshan' })
    expect(stored(ZHANG).householdId).toBeNull()
    expect((localCloud.engine.get('households', 'hh_zhang') as unknown as HouseholdDoc).memberIds).toEqual([])

    // 王秀兰 heads 王秀兰家 with 李大爷 in it.
    await ask('resident-1', 'v_xigang')
    const before = dumpAll()
    const { res } = await callAs('village-admin-xigang', 'users.confirmMove', { userId: userIdOf('resident-1'), villageId: 'v_xigang' })
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('更换户主') })
    expect(dumpAll()).toEqual(before)
  })
})

describe('points and votes stay where they were earned and cast', () => {
  beforeEach(async () => {
    clockFrom(START)
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  const entriesOf = (key: string) =>
    (localCloud.engine.find('point_entries', { userId: userIdOf(key) }) as unknown as PointEntryDoc[]).sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
  const balance = (key: string) => localCloud.engine.get('point_balances', personBalanceId(userIdOf(key))) as unknown as BalanceDoc

  test('points earned in 西岗 stay in 西岗: not restamped, not spent in 东山村’s 积分超市 nor taken by its admin', async () => {
    expect(await ok('village-admin-xigang', 'deeds.correct', { userId: userIdOf(ZHANG), delta: 30, reason: '协助社区防汛' })).toMatchObject({ status: 'posted' })
    const earned = entriesOf(ZHANG)
    expect(earned.map((e) => [e.delta, e.villageId])).toEqual([[30, 'v_xigang']])

    await ask(ZHANG, 'v_dongshan', 'g_dongshan_2')
    jest.setSystemTime(later(10))
    await ok('village-admin-dongshan', 'users.confirmMove', { userId: userIdOf(ZHANG), villageId: 'v_dongshan' })
    expect(entriesOf(ZHANG)).toEqual(earned)
    expect(balance(ZHANG)).toMatchObject({ balance: 30, byVillage: { v_xigang: 30 } })
    expect((await ok(ZHANG, 'deeds.ledger', {})).balance).toMatchObject({ balance: 30, spendableHere: 0 })

    // 东山村's shop takes only what was earned in 东山村.
    const refused = await callAs(ZHANG, 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    expect(refused.res).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('在本村（居）获得的积分还有 0 分') })
    const takeAway = await callAs('village-admin-dongshan', 'deeds.correct', { userId: userIdOf(ZHANG), delta: -20, reason: '更正重复记分' })
    expect(takeAway.res).toMatchObject({ ok: false, code: 'CONFLICT' })

    // What he earns in 东山村 is 东山村's.
    jest.setSystemTime(later(20))
    await ok('village-admin-dongshan', 'deeds.correct', { userId: userIdOf(ZHANG), delta: 15, reason: '参加东山村环境整治' })
    await ok(ZHANG, 'deeds.redeem', { goodsId: 'gd_ds_towel' })
    expect(entriesOf(ZHANG).map((e) => [e.delta, e.villageId])).toEqual([
      [30, 'v_xigang'],
      [15, 'v_dongshan'],
      [-10, 'v_dongshan']
    ])
    expect(balance(ZHANG)).toMatchObject({ balance: 35, byVillage: { v_xigang: 30, v_dongshan: 5 } })
    expect((await ok(ZHANG, 'deeds.ledger', {})).balance).toMatchObject({ balance: 35, spendableHere: 5 })
    expectLedgerInvariant()
  })

  test('votes cast in 东山村 stay counted there after the voter moves, and moving gives no second ballot', async () => {
    const village = await votingCandidate('village-admin-dongshan', 'v_dongshan')
    const town = await votingCandidate('town-admin', null)
    await ok('resident-2', 'honour.vote', { candidateId: village.candidateId })
    await ok('resident-2', 'honour.vote', { candidateId: town.candidateId })

    await ask('resident-2', 'v_xigang')
    await ok('village-admin-xigang', 'users.confirmMove', { userId: userIdOf('resident-2'), villageId: 'v_xigang' })
    const votesOf = async (selectionId: string) => (await ok('village-admin-dongshan', 'honour.selection', { selectionId })).candidates.map((c) => c.votes)
    expect(await votesOf(village.selectionId)).toEqual([1])

    // No longer 东山村's: its selection is not his to vote in; the town's ballot is the same one.
    expect((await callAs('resident-2', 'honour.vote', { candidateId: village.candidateId })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('resident-2', 'honour.vote', { candidateId: town.candidateId })).res).toMatchObject({ ok: false, code: 'RATE_LIMITED' })

    // Moving back does not hand out a fresh ballot either.
    await ask('resident-2', 'v_dongshan')
    await ok('village-admin-dongshan', 'users.confirmMove', { userId: userIdOf('resident-2'), villageId: 'v_dongshan' })
    expect((await callAs('resident-2', 'honour.vote', { candidateId: village.candidateId })).res).toMatchObject({ ok: false })
    expect(await votesOf(village.selectionId)).toEqual([1])
  })

  test('a confirmed move records when the person moved in, which the village round’s rule reads', async () => {
    const open = await createdSelection('village-admin-xigang', 'v_xigang', {}, -1)
    const upcoming = await createdSelection('village-admin-xigang', 'v_xigang', { title: '下一轮评选' }, 48)
    await ask('resident-2', 'v_xigang')
    jest.setSystemTime(later(30))
    await ok('village-admin-xigang', 'users.confirmMove', { userId: userIdOf('resident-2'), villageId: 'v_xigang' })
    const selectionDoc = (id: string) => localCloud.engine.get('selections', id) as unknown as SelectionDoc
    expect(movedInAfterVoteOpened(selectionDoc(open), stored('resident-2'))).toBe(true)
    expect(movedInAfterVoteOpened(selectionDoc(upcoming), stored('resident-2'))).toBe(false)
  })

  // Needs honour/handlers/votes.ts to refuse when movedInAfterVoteOpened(selection, ctx.user) (see the rule below).
  test('someone who moved in after a village selection opened its voting has no say in that round', async () => {
    const dongshan = await votingCandidate('village-admin-dongshan', 'v_dongshan')
    const xigangRound = await createdSelection('village-admin-xigang', 'v_xigang', {}, -1)
    const xigang = { candidateId: await approvedCandidate(xigangRound, 'village-admin-xigang', '张小明家', ZHANG) }
    await ok('resident-2', 'honour.vote', { candidateId: dongshan.candidateId })
    await ask('resident-2', 'v_xigang')
    await ok('village-admin-xigang', 'users.confirmMove', { userId: userIdOf('resident-2'), villageId: 'v_xigang' })
    expect((await callAs('resident-2', 'honour.vote', { candidateId: xigang.candidateId })).res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: MOVED_IN_DURING_VOTE })
  })

  test('the rule: a village round counts those who lived there when its voting opened', () => {
    const voteFrom = new Date('2026-11-20T00:00:00+08:00')
    const before = new Date('2026-11-19T00:00:00+08:00')
    const after = new Date('2026-11-21T00:00:00+08:00')
    expect(movedInAfterVoteOpened({ villageId: 'v_xigang', voteFrom }, { movedInAt: after })).toBe(true)
    expect(movedInAfterVoteOpened({ villageId: 'v_xigang', voteFrom }, { movedInAt: before })).toBe(false)
    // a first choice of village is no move; a town round has one ballot per person wherever they live
    expect(movedInAfterVoteOpened({ villageId: 'v_xigang', voteFrom }, { movedInAt: null })).toBe(false)
    expect(movedInAfterVoteOpened({ villageId: 'v_xigang', voteFrom }, {})).toBe(false)
    expect(movedInAfterVoteOpened({ villageId: null, voteFrom }, { movedInAt: after })).toBe(false)
  })
})
