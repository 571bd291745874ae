/**
 * Hours that need a second person (manual check-in/out, corrections), who may ask and who may
 * decide, the audit trail, my hours, the roster export and the certificate.
 */
import ExcelJS from 'exceljs'
import fs from 'node:fs'
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { seedActivityId, seedUserId, storedSignup } from '../helpers/volunteers'

const NOW = '2026-11-15T02:00:00Z'
const ongoing = seedActivityId('ds-env-ongoing')
const past1 = seedActivityId('ds-env-past-1')
const asMember = (key: string) => ({ openid: `demo-vol-${key}` })
const startOf = (activityId: string) => new Date((localCloud.engine.get('volunteer_activities', activityId) as { startAt: Date }).startAt)
const audits = (signupId: string) => localCloud.engine.all('audit_log').filter((e) => e.targetId === signupId)

describe('hours', () => {
  beforeEach(async () => {
    clockAt(NOW)
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('a volunteer cannot check themselves (or anyone) in by hand, nor edit hours; an organiser never for themselves', async () => {
    const before = dumpAll()
    const checkin = { activityId: ongoing, userId: seedUserId('ds-env-4'), kind: 'checkin' as const, at: startOf(ongoing).toISOString(), reason: '现场确认已到岗' }
    // a plain member of the team (a volunteer, not its leader)
    expect((await callAs(asMember('ds-env-4'), 'volunteers.manualCheck', checkin)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs(asMember('ds-env-1'), 'volunteers.manualCheck', checkin)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs(asMember('ds-env-1'), 'volunteers.correctHours', { activityId: past1, userId: seedUserId('ds-env-1'), hours: 2.5, reason: '多记一点' })).res).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    // a resident has no organiser role at all
    expect((await callAs('resident-1', 'volunteers.manualCheck', checkin)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // the leader, for himself
    const self = await callAs('volunteer-1', 'volunteers.manualCheck', { ...checkin, userId: userIdOf('volunteer-1') })
    expect(self.res).toEqual({ ok: false, code: 'FORBIDDEN', message: '不能为自己办理签到、签退或更正时长，请由其他组织者办理' })
    expect((await callAs('volunteer-1', 'volunteers.correctHours', { activityId: past1, userId: userIdOf('volunteer-1'), hours: 2.5, reason: '多记一点' })).res).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    // another village's admin
    expect((await callAs('village-admin-xigang', 'volunteers.manualCheck', checkin)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
  })

  test('a manual check-in and check-out count only once a second person approves; the requester cannot approve', async () => {
    const who = seedUserId('ds-env-4')
    const signupId = `${ongoing}_${who}`
    const start = startOf(ongoing)
    const roster = await ok('village-admin-dongshan', 'volunteers.manualCheck', { activityId: ongoing, userId: who, kind: 'checkin', at: start.toISOString(), reason: '手机没电，现场确认' })
    expect(roster.find((r) => r.userId === who)).toMatchObject({ checkInAt: null, hoursStatus: 'pending', flags: ['时长待审核'] })
    const [pending] = (await ok('village-admin-dongshan', 'volunteers.pendingHours', {})).items.filter((p) => p.userId === who)
    expect(pending).toMatchObject({ kind: 'manual_checkin', requestedBy: userIdOf('village-admin-dongshan'), requestedByName: '李卫东', at: start.toISOString() })
    // one request at a time
    expect((await callAs('town-admin', 'volunteers.correctHours', { activityId: ongoing, userId: who, hours: 1, reason: '再来一次' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    // the requester cannot decide their own request
    const before = dumpAll()
    expect((await callAs('village-admin-dongshan', 'volunteers.approveHours', { pendingId: pending.id, approve: true })).res).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '不能审核自己提交的申请，请由另一位组织者或镇创建办审核'
    })
    // nor an admin of another village
    expect((await callAs('village-admin-xigang', 'volunteers.approveHours', { pendingId: pending.id, approve: true })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
    // the team's leader approves: checked in, no hours yet
    await ok('volunteer-1', 'volunteers.approveHours', { pendingId: pending.id, approve: true, note: '属实' })
    expect(storedSignup(ongoing, who)).toMatchObject({ checkInAt: start, hours: 0, hoursStatus: 'none', pendingId: null })
    // later the leader checks out by hand; the village admin approves: 2 h counted
    jest.setSystemTime(new Date(start.getTime() + 2.5 * 3600 * 1000))
    await ok('volunteer-1', 'volunteers.manualCheck', {
      activityId: ongoing,
      userId: who,
      kind: 'checkout',
      at: new Date(start.getTime() + 2 * 3600 * 1000 + 10 * 60_000).toISOString(),
      reason: '提前离开未扫码'
    })
    const total = async () => (await callAs(asMember('ds-env-4'), 'volunteers.myHours', {})).res
    const beforeApproval = await total()
    const [out] = (await ok('village-admin-dongshan', 'volunteers.pendingHours', { villageId: 'v_dongshan' })).items.filter((p) => p.userId === who)
    expect(out).toMatchObject({ kind: 'manual_checkout', hours: 2 })
    await ok('village-admin-dongshan', 'volunteers.approveHours', { pendingId: out.id, approve: true })
    expect(storedSignup(ongoing, who)).toMatchObject({ hours: 2, hoursStatus: 'counted' })
    expect(storedSignup(ongoing, who)?.flags).toEqual(['手工签到：手机没电，现场确认', '手工签退：提前离开未扫码'])
    const afterApproval = await total()
    expect(beforeApproval).toMatchObject({ ok: true })
    expect(afterApproval).toMatchObject({ ok: true })
    if (beforeApproval.ok && afterApproval.ok) expect(afterApproval.data.totalHours - beforeApproval.data.totalHours).toBe(2)
    // the trail: two requests, two decisions; only the checkout changed hours (0 → 2)
    expect(audits(signupId).map((e) => e.action)).toEqual(['hours.request', 'hours', 'hours.request', 'hours'])
    expect(audits(signupId)[3]).toMatchObject({ by: userIdOf('village-admin-dongshan'), detail: expect.objectContaining({ from: 0, to: 2, kind: 'manual_checkout' }) })
  })

  test('a correction is capped and on the rounding rule; a rejected one changes nothing; the volunteer never approves their own hours', async () => {
    const mine = userIdOf('volunteer-1')
    // 林志愿 has 2.5 h on past-1 (2.5 h long)
    expect((await callAs('village-admin-dongshan', 'volunteers.correctHours', { activityId: past1, userId: mine, hours: 3, reason: '多算半小时' })).res).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '时长不能超过 2.5 小时（活动时长与可记时长的较小者）'
    })
    expect((await callAs('village-admin-dongshan', 'volunteers.correctHours', { activityId: past1, userId: mine, hours: 1.3, reason: '中途离开' })).res).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '时长应为 0.5 小时的整数倍'
    })
    await ok('village-admin-dongshan', 'volunteers.correctHours', { activityId: past1, userId: mine, hours: 1.5, reason: '中途离开一小时' })
    const [req] = (await ok('town-admin', 'volunteers.pendingHours', {})).items.filter((p) => p.userId === mine)
    // he leads the team, but these are his own hours
    expect((await callAs('volunteer-1', 'volunteers.approveHours', { pendingId: req.id, approve: true })).res).toEqual({ ok: false, code: 'FORBIDDEN', message: '不能审核自己的服务时长' })
    expect((await ok('volunteer-1', 'volunteers.myHours', {})).totalHours).toBe(5.5)
    await ok('town-admin', 'volunteers.approveHours', { pendingId: req.id, approve: false, note: '与签到记录不符' })
    expect(storedSignup(past1, mine)).toMatchObject({ hours: 2.5, hoursStatus: 'counted', pendingId: null })
    expect((await ok('volunteer-1', 'volunteers.myHours', {})).totalHours).toBe(5.5)
    expect((await callAs('town-admin', 'volunteers.approveHours', { pendingId: req.id, approve: true })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    // approved, it counts
    await ok('village-admin-dongshan', 'volunteers.correctHours', { activityId: past1, userId: mine, hours: 1.5, reason: '中途离开一小时' })
    const [again] = (await ok('town-admin', 'volunteers.pendingHours', {})).items.filter((p) => p.userId === mine)
    await ok('town-admin', 'volunteers.approveHours', { pendingId: again.id, approve: true })
    expect((await ok('volunteer-1', 'volunteers.myHours', {})).totalHours).toBe(4.5)
  })

  test('two decisions of one request at once: one decides, the other is refused, and the points move once', async () => {
    const request = localCloud.engine.get('hours_requests', 'hr_seed_1') as { signupId: string; status: string }
    expect(request.status).toBe('pending')
    const entriesOf = () => localCloud.engine.all('point_entries').filter((e) => String(e.refId).startsWith('hr_seed_1'))
    const before = entriesOf().length
    const both = await Promise.all([
      callAs('town-admin', 'volunteers.approveHours', { pendingId: 'hr_seed_1', approve: true }),
      callAs('town-admin', 'volunteers.approveHours', { pendingId: 'hr_seed_1', approve: false, note: '与签到记录不符' })
    ])
    const decided = both.filter((b) => b.res.ok)
    expect(decided).toHaveLength(1)
    expect(both.find((b) => !b.res.ok)?.res).toEqual({ ok: false, code: 'CONFLICT', message: '这份申请已经审核过了' })
    const approved = (decided[0].res as { data: { approved: boolean } }).data.approved
    expect(localCloud.engine.get('hours_requests', 'hr_seed_1')).toMatchObject({ status: approved ? 'approved' : 'rejected' })
    expect(localCloud.engine.get('activity_signups', request.signupId)).toMatchObject({ pendingId: null })
    expect(audits(request.signupId).filter((e) => (e.detail as { requestId?: string }).requestId === 'hr_seed_1' && e.action !== 'hours.request')).toHaveLength(1)
    expect(entriesOf().length).toBe(before + (approved ? 1 : 0))
  })

  test('who sees which requests: the leader his team, a village admin the village, the town office all', async () => {
    const ids = async (who: string, input: { villageId?: string } = {}) => (await ok(who, 'volunteers.pendingHours', input)).items.map((p) => p.id).sort()
    expect(await ids('volunteer-1')).toEqual(['hr_seed_1', 'hr_seed_2'])
    expect(await ids('village-admin-dongshan')).toEqual(['hr_seed_1', 'hr_seed_2'])
    expect(await ids('village-admin-xigang')).toEqual(['hr_seed_3'])
    expect(await ids('town-admin')).toEqual(['hr_seed_1', 'hr_seed_2', 'hr_seed_3'])
    expect(await ids('town-admin', { villageId: 'v_xigang' })).toEqual(['hr_seed_3'])
    expect(await ids('village-admin-dongshan', { villageId: 'v_xigang' })).toEqual([])
    expect(await ids(asMember('ds-env-1') as never)).toEqual([])
  })

  test('the roster exports to .xlsx with phones masked for a village admin', async () => {
    const file = await ok('village-admin-dongshan', 'volunteers.exportRoster', { activityId: past1 })
    expect(file.rows).toBe(6)
    expect(file.url).toMatch(/^https?:\/\//)
    const path = localCloud.resolveFilePath(file.fileID)
    expect(path && fs.existsSync(path)).toBeTruthy()
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path as string)
    const sheet = book.worksheets[0]
    expect(sheet.getRow(2).getCell(2).value).toBe('姓名')
    const rows = Array.from({ length: 6 }, (_, i) => sheet.getRow(3 + i))
    expect(rows.map((r) => String(r.getCell(3).value))).toEqual(rows.map(() => expect.stringMatching(/^\d{3}\*{4}\d{4}$/)))
    expect(rows.some((r) => String(r.getCell(11).value).includes('未签退，已自动结束'))).toBe(true)
    expect(rows.find((r) => r.getCell(2).value === '林志愿')?.getCell(9).value).toBe(2.5)
  })

  test('the certificate: name, masked ID, hours and activities, issuer, a number that changes only with the hours', async () => {
    const first = await ok('volunteer-1', 'volunteers.certificate', {})
    expect(first).toMatchObject({ realName: '林志愿', totalHours: 5.5, issuer: '西岗镇新时代文明实践所', no: 'ZYFW-2026-00001' })
    expect(first.activities.map((a) => a.hours)).toEqual([3, 2.5])
    expect(first.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/)
    expect((await ok('volunteer-1', 'volunteers.certificate', {})).no).toBe(first.no)
    // someone else gets the next number
    expect((await ok('volunteer-2', 'volunteers.certificate', {})).no).toBe('ZYFW-2026-00002')
    // new hours, new certificate
    await ok('village-admin-dongshan', 'volunteers.correctHours', { activityId: past1, userId: userIdOf('volunteer-1'), hours: 2, reason: '更正' })
    const [req] = (await ok('town-admin', 'volunteers.pendingHours', {})).items.filter((p) => p.userId === userIdOf('volunteer-1'))
    await ok('town-admin', 'volunteers.approveHours', { pendingId: req.id, approve: true })
    expect(await ok('volunteer-1', 'volunteers.certificate', {})).toMatchObject({ no: 'ZYFW-2026-00003', totalHours: 5 })
    // nothing to certify yet
    expect((await callAs(asMember('ds-env-7'), 'volunteers.certificate', {})).res).toMatchObject({ ok: false, code: 'CONFLICT' })
  })
})
