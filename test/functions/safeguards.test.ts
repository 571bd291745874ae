/**
 * Town-wide safeguards: a points correction above the town's threshold waits for a second person
 * who may correct that resident; 随手拍, good-deed declarations and nominations have a daily cap per
 * person, taken atomically before the content check; the town office alone reads and sets both.
 */
import { DEFAULT_SAFEGUARDS } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/clock'
import { draft } from '../helpers/reports'
import { balanceOf, deedInput, entries, expectLedgerInvariant } from '../helpers/deeds'
import { createdSelection } from '../helpers/honour'
import { dailyCounts, setSafeguards } from '../helpers/safeguards'

const R1 = () => userIdOf('resident-1')
const R2 = () => userIdOf('resident-2')
const ADMIN = 'village-admin-dongshan'

interface AuditRow {
  targetType: string
  targetId: string
  action: string
  by: string
  detail: Record<string, unknown>
}
const audits = (targetType: string) => (localCloud.engine.all('audit_log') as unknown as AuditRow[]).filter((a) => a.targetType === targetType)

async function refused(who: string, action: Parameters<typeof callAs>[1], input: unknown, code: string, message?: string | RegExp): Promise<void> {
  const before = dumpAll()
  const { res } = await callAs(who, action, input)
  expect(res).toMatchObject({ ok: false, code, ...(message ? { message } : {}) })
  expect(dumpAll()).toEqual(before)
}

/** Content-security calls (text and images) while `fn` runs. */
async function checksDuring(fn: () => Promise<unknown>): Promise<number> {
  let n = 0
  const off = localCloud.onCloudCall((method) => {
    if (method === 'callCompatibleWxOpenApi') n++
  })
  try {
    await fn()
  } finally {
    off()
  }
  return n
}

describe('corrections above the threshold need a second person', () => {
  beforeEach(async () => {
    clockAt('2026-11-16T03:00:00+00:00')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('51 points by one admin leave the balance unchanged until another admin approves', async () => {
    expect(balanceOf(R1())).toBe(5)
    const before = entries().length
    const out = await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: 51, reason: '补记全年志愿服务积分' })
    if (out.status !== 'pending') throw new Error('expected a pending correction')
    expect(out.threshold).toBe(50)
    expect(out.request).toMatchObject({ userId: R1(), personName: '王秀兰', delta: 51, status: 'pending', statusLabel: '待审批', requestedByName: '李卫东', canDecide: false })
    expect(balanceOf(R1())).toBe(5)
    expect(entries()).toHaveLength(before)
    expect(audits('point_correction')).toEqual([expect.objectContaining({ targetId: out.request.id, action: 'request', by: userIdOf(ADMIN) })])

    // the requester sees it waiting; the town office sees it as theirs to decide (by village or town-wide)
    expect((await ok(ADMIN, 'deeds.pendingCorrections', { villageId: 'v_dongshan' })).items).toEqual([expect.objectContaining({ id: out.request.id, canDecide: false })])
    expect((await ok('town-admin', 'deeds.pendingCorrections', { villageId: 'v_dongshan' })).items).toEqual([expect.objectContaining({ id: out.request.id, canDecide: true })])
    expect((await ok('town-admin', 'deeds.pendingCorrections', {})).items.map((r) => r.id)).toEqual([out.request.id])
    expect((await ok('village-admin-xigang', 'deeds.pendingCorrections', { villageId: 'v_xigang' })).items).toEqual([])
    await refused('village-admin-xigang', 'deeds.pendingCorrections', { villageId: 'v_dongshan' }, 'FORBIDDEN')

    // the requester cannot approve their own; an admin of another village, a resident or the person cannot either
    await refused(ADMIN, 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'FORBIDDEN', '不能审批自己提出的更正，请由其他管理员审批')
    await refused('village-admin-xigang', 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'FORBIDDEN')
    await refused('resident-1', 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'FORBIDDEN')
    await refused('town-admin', 'deeds.approveCorrection', { requestId: 'pcr_missing', approve: true }, 'NOT_FOUND')
    expect(balanceOf(R1())).toBe(5)

    const approved = await ok('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: true })
    expect(approved).toMatchObject({ status: 'approved', decidedByName: '周建国', canDecide: false })
    expect(balanceOf(R1())).toBe(56)
    const added = entries().filter((e) => e.source === 'correction')
    expect(added).toEqual([expect.objectContaining({ userId: R1(), delta: 51, note: '更正：补记全年志愿服务积分', operatorId: userIdOf('town-admin') })])
    expect(audits('point_correction').map((a) => a.action)).toEqual(['request', 'approve'])
    expectLedgerInvariant()

    // decided once: a second approval (or a rejection) is refused and writes nothing
    await refused('town-admin-2', 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'CONFLICT')
    await refused('town-admin-2', 'deeds.approveCorrection', { requestId: out.request.id, approve: false, note: '重复' }, 'CONFLICT')
    expect((await ok('town-admin', 'deeds.pendingCorrections', {})).items).toEqual([])
    expect(balanceOf(R1())).toBe(56)
  })

  test('a request from before the person moved is decided by the village it was asked in and can no longer be approved', async () => {
    const out = await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: 60, reason: '补记全年志愿服务积分' })
    if (out.status !== 'pending') throw new Error('expected a pending correction')
    await ok('resident-2', 'users.updateProfile', { villageId: 'v_xigang' })
    await ok('village-admin-xigang', 'users.confirmMove', { userId: R2(), villageId: 'v_xigang' })
    const ledger = entries()
    // the new village's admin does not decide a request of another village
    await refused('village-admin-xigang', 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'FORBIDDEN')
    await refused(
      'town-admin',
      'deeds.approveCorrection',
      { requestId: out.request.id, approve: true },
      'CONFLICT',
      '这位居民已迁往其他村（居），这条更正不能再批准；请不批准，由现在所在村（居）重新申请'
    )
    expect(entries()).toEqual(ledger)
    expect(await ok('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: false, note: '已迁出，请新村（居）重新申请' })).toMatchObject({ status: 'rejected' })
  })

  test('small corrections add up: one admin’s net correction of one person within 30 days counts against the threshold', async () => {
    expect(await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: 40, reason: '补记志愿服务积分' })).toMatchObject({ status: 'posted' })
    expect(await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: -30, reason: '多记了，扣回' })).toMatchObject({ status: 'posted' })
    expect(await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: 40, reason: '补记' })).toMatchObject({ status: 'posted' })
    // +50 net within 30 days: one more point would pass the threshold
    expect(await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: 1, reason: '补记' })).toMatchObject({ status: 'pending' })
    expect(balanceOf(R2())).toBe(50)
    // another admin has their own 50; after 30 days the first admin's count starts again
    expect(await ok('town-admin', 'deeds.correct', { userId: R2(), delta: 50, reason: '补记活动积分' })).toMatchObject({ status: 'posted' })
    jest.setSystemTime(new Date(Date.now() + 31 * 86_400_000))
    expect(await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: 50, reason: '补记本月积分' })).toMatchObject({ status: 'posted' })
    expect(balanceOf(R2())).toBe(150)
  })

  test('a rejection needs a reason and writes nothing to the ledger', async () => {
    const out = await ok(ADMIN, 'deeds.correct', { userId: R2(), delta: 80, reason: '补记活动积分' })
    if (out.status !== 'pending') throw new Error('expected a pending correction')
    const ledger = entries()
    await refused('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: false }, 'INVALID_INPUT', '请填写不批准的理由')
    const rejected = await ok('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: false, note: '活动没有签到记录' })
    expect(rejected).toMatchObject({ status: 'rejected', statusLabel: '未批准', note: '活动没有签到记录' })
    expect(entries()).toEqual(ledger)
    expect(balanceOf(R2())).toBe(0)
    expect(audits('point_correction').map((a) => a.action)).toEqual(['request', 'reject'])
    await refused('town-admin-2', 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'CONFLICT')
    expect((await ok(ADMIN, 'deeds.pendingCorrections', { villageId: 'v_dongshan' })).items).toEqual([])
  })

  test('at the threshold a correction is recorded at once, either way; one point more waits, either way', async () => {
    expect(await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: 50, reason: '补记活动积分' })).toMatchObject({ status: 'posted', entry: { delta: 50, source: 'correction' } })
    expect(balanceOf(R1())).toBe(55)
    expect(await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: -50, reason: '重复记分' })).toMatchObject({ status: 'posted', entry: { delta: -50 } })
    expect(balanceOf(R1())).toBe(5)
    expect(await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: -51, reason: '重复记分' })).toMatchObject({ status: 'pending', request: { delta: -51 } })
    expect(balanceOf(R1())).toBe(5)
    expectLedgerInvariant()
  })

  test('a request of the town office goes to another town admin; nobody approves a correction of their own points', async () => {
    const big = await ok('town-admin', 'deeds.correct', { userId: R2(), delta: 200, reason: '见义勇为表彰' })
    if (big.status !== 'pending') throw new Error('expected a pending correction')
    await refused('town-admin', 'deeds.approveCorrection', { requestId: big.request.id, approve: true }, 'FORBIDDEN')
    await ok('town-admin-2', 'deeds.approveCorrection', { requestId: big.request.id, approve: true })
    expect(balanceOf(R2())).toBe(200)

    const aboutAdmin = await ok('town-admin', 'deeds.correct', { userId: userIdOf(ADMIN), delta: 60, reason: '补记活动积分' })
    if (aboutAdmin.status !== 'pending') throw new Error('expected a pending correction')
    expect((await ok(ADMIN, 'deeds.pendingCorrections', { villageId: 'v_dongshan' })).items).toEqual([expect.objectContaining({ id: aboutAdmin.request.id, canDecide: false })])
    await refused(ADMIN, 'deeds.approveCorrection', { requestId: aboutAdmin.request.id, approve: true }, 'FORBIDDEN', '不能审批自己或本家庭的积分更正')
  })

  test('an approval that would take the balance below zero is refused; the request stays pending', async () => {
    const out = await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: -60, reason: '重复记分' })
    if (out.status !== 'pending') throw new Error('expected a pending correction')
    await refused('town-admin', 'deeds.approveCorrection', { requestId: out.request.id, approve: true }, 'CONFLICT', /积分不足/)
    expect((await ok('town-admin', 'deeds.pendingCorrections', {})).items.map((r) => r.id)).toEqual([out.request.id])
  })

  test('the threshold is the town office’s to set', async () => {
    await setSafeguards({ correctionThreshold: 100 })
    expect(await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: 51, reason: '补记活动积分' })).toMatchObject({ status: 'posted' })
    expect(await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: 101, reason: '补记活动积分' })).toMatchObject({ status: 'pending', threshold: 100 })
    await setSafeguards({ correctionThreshold: 0 })
    expect(await ok(ADMIN, 'deeds.correct', { userId: R1(), delta: 1, reason: '补记活动积分' })).toMatchObject({ status: 'pending', threshold: 0 })
    expect(balanceOf(R1())).toBe(56)
  })
})

describe('the town’s safeguards', () => {
  beforeEach(async () => {
    clockAt('2026-11-16T03:00:00+00:00')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('defaults until saved; only the town office reads and saves them; a save is checked and audited', async () => {
    expect(await ok('town-admin', 'org.safeguards', {})).toEqual({ correctionThreshold: 50, reportsPerDay: 10, declarationsPerDay: 10, nominationsPerDay: 5 })
    const valid = { correctionThreshold: 80, reportsPerDay: 12, declarationsPerDay: 8, nominationsPerDay: 3 }
    for (const who of ['resident-1', ADMIN, 'grid-dongshan-1', 'unit-zhifa']) {
      await refused(who, 'org.safeguards', {}, 'FORBIDDEN')
      await refused(who, 'org.saveSafeguards', valid, 'FORBIDDEN')
    }
    await refused('town-admin', 'org.saveSafeguards', { ...valid, reportsPerDay: 0 }, 'INVALID_INPUT', '每人每日随手拍上限应在 1–1000 之间')
    await refused('town-admin', 'org.saveSafeguards', { ...valid, correctionThreshold: 10.5 }, 'INVALID_INPUT', '积分更正审批线应为整数')
    await refused('town-admin', 'org.saveSafeguards', { ...valid, nominationsPerDay: '3' }, 'INVALID_INPUT', /[\u4e00-\u9fff]/)
    await refused('town-admin', 'org.saveSafeguards', { correctionThreshold: 80 }, 'INVALID_INPUT', /[\u4e00-\u9fff]/)

    expect(await ok('town-admin', 'org.saveSafeguards', valid)).toEqual(valid)
    expect(await ok('town-admin-2', 'org.safeguards', {})).toEqual(valid)
    expect(audits('town_settings')).toEqual([expect.objectContaining({ action: 'saveSafeguards', by: userIdOf('town-admin'), detail: { before: null, after: valid } })])
    // saving the same again (a retry) writes nothing
    const snap = dumpAll()
    await ok('town-admin', 'org.saveSafeguards', valid)
    expect(dumpAll()).toEqual(snap)
    await ok('town-admin-2', 'org.saveSafeguards', { ...valid, reportsPerDay: 20 })
    expect(audits('town_settings').map((a) => a.detail)).toEqual([
      { before: null, after: valid },
      { before: valid, after: { ...valid, reportsPerDay: 20 } }
    ])
    expect(DEFAULT_SAFEGUARDS).toEqual({ correctionThreshold: 50, reportsPerDay: 10, declarationsPerDay: 10, nominationsPerDay: 5 })
  })
})

describe('daily caps per person', () => {
  afterEach(() => jest.useRealTimers())

  test('the 11th 随手拍 of a China day is refused before the content check; after China midnight it is allowed again', async () => {
    clockAt('2026-11-16T23:50:00+08:00')
    await freshTown()
    const drafts = []
    for (let i = 0; i < 10; i++) {
      const d = await draft()
      drafts.push(d)
      await ok('resident-1', 'reports.create', d)
    }
    const eleventh = await draft()
    expect(await checksDuring(() => refused('resident-1', 'reports.create', eleventh, 'RATE_LIMITED', '今天已提交 10 条随手拍，已达每日上限，请明天再来'))).toBe(0)
    // a retry of a report already made is answered as before, not refused
    const again = await callAs('resident-1', 'reports.create', drafts[3])
    expect(again.res).toMatchObject({ ok: true })
    // another person is not affected
    await ok('resident-2', 'reports.create', await draft())
    expect(dailyCounts().find((c) => c.kind === 'report' && c._id.endsWith(R1()))).toMatchObject({ day: '2026-11-16', count: 10 })

    jest.setSystemTime(new Date('2026-11-17T00:00:30+08:00'))
    const next = await ok('resident-1', 'reports.create', eleventh)
    expect(next.status).toBe('submitted')
    expect(dailyCounts().find((c) => c.kind === 'report' && c._id.endsWith(R1()))).toMatchObject({ day: '2026-11-17', count: 1 })
  })

  test('simultaneous reports cannot pass the cap together', async () => {
    clockAt('2026-11-16T10:00:00+08:00')
    await freshTown()
    await setSafeguards({ reportsPerDay: 3 })
    const inputs = await Promise.all(Array.from({ length: 7 }, () => draft()))
    const results = await Promise.all(inputs.map((input) => callAs('resident-1', 'reports.create', input)))
    const outcomes = results.map(({ res }) => (res.ok ? 'ok' : res.code))
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3)
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(4)
    const mine = localCloud.engine.find('reports', { reporterId: R1(), clientKey: { $in: inputs.map((i) => i.clientKey) } })
    expect(mine).toHaveLength(3)
  })

  test('caps are settable and apply at once; input refused before the check takes no slot; 督导 is not capped', async () => {
    clockAt('2026-11-16T10:00:00+08:00')
    await freshTown()
    // the demo seed's declarations this morning took their declarers' slots
    const seeded = dailyCounts()
    await refused('resident-1', 'reports.create', await draft({ villageId: 'v_nowhere' }), 'INVALID_INPUT')
    expect(dailyCounts()).toEqual(seeded)
    await setSafeguards({ reportsPerDay: 1 })
    await ok('resident-1', 'reports.create', await draft())
    const second = await draft()
    await refused('resident-1', 'reports.create', second, 'RATE_LIMITED', '今天已提交 1 条随手拍，已达每日上限，请明天再来')
    await setSafeguards({ reportsPerDay: 2 })
    await ok('resident-1', 'reports.create', second)
    // a grid worker's inspections are their work, not capped
    for (let i = 0; i < 3; i++) await ok('grid-dongshan-1', 'reports.create', await draft({ inspection: true }))
  })

  test('retrying a refused submission counts again: the cap holds the content check to it', async () => {
    clockAt('2026-11-16T10:00:00+08:00')
    await freshTown()
    await setSafeguards({ declarationsPerDay: 2 })
    const risky = deedInput({ subjectUserId: R2(), clientKey: 'ck-risky-deed', description: `劝他别再去${'赌博'}，帮他还清了欠款` })
    const riskyAgain = async () => expect((await callAs('resident-1', 'deeds.declare', risky)).res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '内容含有不当信息，请修改后再提交' })
    expect(await checksDuring(riskyAgain)).toBe(1)
    expect(await checksDuring(riskyAgain)).toBe(1)
    expect(dailyCounts().filter((c) => c._id.endsWith(R1()))).toEqual([expect.objectContaining({ kind: 'declaration', count: 2 })])
    // the same submission a third time: the cap of two is used up, and no check is spent on it
    expect(await checksDuring(() => refused('resident-1', 'deeds.declare', risky, 'RATE_LIMITED', '今天已申报 2 条善行，已达每日上限，请明天再来'))).toBe(0)
    expect(localCloud.engine.all('deeds').filter((d) => d.clientKey === 'ck-risky-deed')).toEqual([])
  })

  test('declarations: capped per declarer (代录 by a grid worker is not), a retry is not counted twice', async () => {
    clockAt('2026-11-16T10:00:00+08:00')
    await freshTown()
    await setSafeguards({ declarationsPerDay: 2 })
    const first = deedInput({ subjectUserId: R2(), clientKey: 'ck-first-deed' })
    const deed = await ok('resident-1', 'deeds.declare', first)
    await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2() }))
    expect(await checksDuring(() => refused('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2() }), 'RATE_LIMITED', '今天已申报 2 条善行，已达每日上限，请明天再来'))).toBe(0)
    expect(await ok('resident-1', 'deeds.declare', first)).toMatchObject({ id: deed.id })
    for (let i = 0; i < 3; i++) await ok('grid-dongshan-1', 'deeds.declare', deedInput({ subjectUserId: R1(), onBehalf: true }))
    expect(dailyCounts().filter((c) => c._id.endsWith(userIdOf('grid-dongshan-1')))).toEqual([])
    jest.setSystemTime(new Date('2026-11-17T09:00:00+08:00'))
    await ok('resident-1', 'deeds.declare', deedInput({ subjectUserId: R2() }))
  })

  test('nominations: five a day by default, then refused; others may still nominate', async () => {
    clockAt('2026-11-16T10:00:00+08:00')
    await freshTown()
    const selectionId = await createdSelection('town-admin', null)
    const nominate = (who: string) => callAs(who, 'honour.nominate', { selectionId, subject: 'person', name: '王秀兰', story: '多年照顾邻居孤寡老人，风雨无阻' })
    for (let i = 0; i < 5; i++) expect((await nominate('resident-1')).res).toMatchObject({ ok: true })
    const before = dumpAll()
    let sixth: Awaited<ReturnType<typeof nominate>> | null = null
    expect(
      await checksDuring(async () => {
        sixth = await nominate('resident-1')
      })
    ).toBe(0)
    expect(sixth!.res).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '今天已提名 5 次，已达每日上限，请明天再来' })
    expect(dumpAll()).toEqual(before)
    expect((await nominate('resident-2')).res).toMatchObject({ ok: true })
  })
})
