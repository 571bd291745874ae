/** Real-name registration (one per person and per ID number, masked everywhere but the town office) and teams. */
import { isValidIdNumber } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { seedIdNumber } from '../../local-server/seed-volunteers'
import { demoPerson } from '../../local-server/seed'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { activityInput, makeIdNumber, seedActivityId, seedTeamId, seedUserId } from '../helpers/volunteers'

const registration = (idNumber: string, extra: object = {}) => ({
  realName: '王秀兰',
  idNumber,
  phone: '13900000001',
  skills: ['环境清洁', '助老陪护'],
  villageId: 'v_dongshan',
  idConsent: true as const,
  ...extra
})

describe('registration', () => {
  beforeEach(() => freshTown())

  test('ID numbers are checked: 18 characters, a real birth date, the check character', async () => {
    expect(isValidIdNumber(makeIdNumber(1))).toBe(true)
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    const good = makeIdNumber(77)
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    for (const [idNumber, message] of [
      ['12345', '身份证号应为 18 位'],
      [wrongCheck, '身份证号不正确，请核对'],
      ['110105194913310021', '身份证号不正确，请核对']
    ]) {
      const before = dumpAll()
      const { res } = await callAs('resident-1', 'volunteers.register', registration(idNumber))
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message, fields: { idNumber: message } })
      expect(dumpAll()).toEqual(before)
    }
    // lower-case x is the same character
    const withX = '11010519491231002X'
    expect((await callAs('resident-1', 'volunteers.register', registration(withX.toLowerCase()))).res).toMatchObject({ ok: true, data: { idNumber: '110***********002X' } })
  })

  test('registering makes the person a volunteer (role, profile) in one step, masked ID, own phone in full', async () => {
    const idNumber = makeIdNumber(301)
    const rev = Number(localCloud.engine.get('users', userIdOf('resident-1'))?.rev)
    const profile = await ok('resident-1', 'volunteers.register', registration(idNumber))
    expect(profile).toMatchObject({
      userId: userIdOf('resident-1'),
      realName: '王秀兰',
      idNumber: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`,
      phone: '13900000001',
      villageName: '东山村',
      totalHours: 0,
      teams: []
    })
    expect((await ok('resident-1', 'users.me', {})).roles).toContain('volunteer')
    expect(localCloud.engine.get('users', userIdOf('resident-1'))).toMatchObject({ isVolunteer: true, rev: rev + 1 })
    // stored encrypted, masked and under a keyed hash (volunteers-id-numbers.test.ts): never in plain text
    expect(localCloud.engine.get('volunteers', userIdOf('resident-1'))).toMatchObject({ idMasked: profile.idNumber, idCipher: expect.stringMatching(/^v1:/) })
    expect(JSON.stringify(localCloud.engine.get('volunteers', userIdOf('resident-1')))).not.toContain(idNumber)
    expect(localCloud.engine.all('audit_log').filter((e) => e.action === 'register' && e.targetId === userIdOf('resident-1'))).toHaveLength(1)
    expect(JSON.stringify(localCloud.engine.all('audit_log'))).not.toContain(idNumber)
    // now a volunteer action works
    expect((await callAs('resident-1', 'volunteers.signup', { activityId: seedActivityId('ds-open-tomorrow') })).res).toMatchObject({ ok: true })
    expect(await ok('resident-1', 'volunteers.me', {})).toMatchObject({ realName: '王秀兰' })
    expect(await ok('resident-2', 'volunteers.me', {})).toBeNull()
  })

  test('one registration per person and per ID number; retries and double taps register once', async () => {
    const idNumber = makeIdNumber(302)
    const taps = await Promise.all(Array.from({ length: 5 }, () => callAs('resident-1', 'volunteers.register', registration(idNumber))))
    for (const { res } of taps) expect(res).toMatchObject({ ok: true, data: { userId: userIdOf('resident-1') } })
    expect(localCloud.engine.count('volunteers', { _id: userIdOf('resident-1') })).toBe(1)
    // the same person with another ID number
    const before = dumpAll()
    expect((await callAs('resident-1', 'volunteers.register', registration(makeIdNumber(303)))).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    // someone else with this ID number
    expect((await callAs('resident-2', 'volunteers.register', registration(idNumber, { realName: '李大爷' }))).res).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该身份证号已注册过志愿者，一个身份证号只能注册一次'
    })
    expect(dumpAll()).toEqual(before)
    // two people racing with one ID number: one wins
    const shared = makeIdNumber(304)
    const race = await Promise.all(['resident-2', 'resident-3'].map((who) => callAs(who, 'volunteers.register', registration(shared))))
    expect(race.filter(({ res }) => res.ok)).toHaveLength(1)
    expect(race.filter(({ res }) => !res.ok && res.code === 'CONFLICT')).toHaveLength(1)
  })

  test('the village must exist', async () => {
    const { res } = await callAs('resident-1', 'volunteers.register', registration(makeIdNumber(305), { villageId: 'v_nowhere' }))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { villageId: '所选村（居）不存在' } })
  })

  test('no response shows an ID number in full to anyone but the town office, nor a phone to anyone but its owner and the town office', async () => {
    const mine = makeIdNumber(306)
    await ok('resident-1', 'volunteers.register', registration(mine))
    await ok('resident-1', 'volunteers.joinTeam', { teamId: seedTeamId('ds-env') })
    const townId = makeIdNumber(307)
    const allIds = [mine, townId, seedIdNumber('volunteer-1'), seedIdNumber('volunteer-2'), seedIdNumber('ds-env-1'), seedIdNumber('ds-env-7')]
    const phones = ['13900000001', demoPerson('volunteer-1').phone, demoPerson('volunteer-2').phone]
    const calls: Array<[string, Parameters<typeof callAs>[1], unknown]> = []
    for (const who of ['resident-1', 'volunteer-1', 'volunteer-2', 'village-admin-dongshan', 'village-admin-xigang', 'grid-dongshan-1']) {
      calls.push([who, 'volunteers.me', {}], [who, 'volunteers.teams', {}], [who, 'volunteers.activities', {}], [who, 'volunteers.activities', { managed: true }])
      calls.push([who, 'volunteers.members', { teamId: seedTeamId('ds-env') }], [who, 'volunteers.roster', { activityId: seedActivityId('ds-env-ongoing') }])
      calls.push(
        [who, 'volunteers.pendingHours', {}],
        [who, 'volunteers.myHours', {}],
        [who, 'volunteers.certificate', {}],
        [who, 'volunteers.activity', { activityId: seedActivityId('ds-env-ongoing') }]
      )
    }
    calls.push(['volunteer-1', 'volunteers.register', registration(seedIdNumber('volunteer-1'))], ['volunteer-1', 'volunteers.joinTeam', { teamId: seedTeamId('ds-elder') }])
    calls.push(['village-admin-dongshan', 'volunteers.reviewMember', { teamId: seedTeamId('ds-env'), userId: seedUserId('ds-env-7'), approve: true }])
    calls.push([
      'village-admin-dongshan',
      'volunteers.manualCheck',
      { activityId: seedActivityId('ds-env-ongoing'), userId: seedUserId('ds-env-4'), kind: 'checkin', at: new Date().toISOString(), reason: '现场确认' }
    ])
    let seenRoster = 0
    for (const [who, action, input] of calls) {
      const { res } = await callAs(who, action, input)
      const text = JSON.stringify(res)
      for (const id of allIds) expect({ who, action, leaks: text.includes(id) }).toEqual({ who, action, leaks: false })
      const own = demoPerson(who).phone
      for (const p of phones) if (p !== own) expect({ who, action, phone: p, leaks: text.includes(p) }).toEqual({ who, action, phone: p, leaks: false })
      if (action === 'volunteers.roster' && res.ok) seenRoster++
    }
    expect(seenRoster).toBeGreaterThanOrEqual(2)
    // the town office sees ID numbers in full (its own registration) and phones in full
    const town = await ok('town-admin', 'volunteers.register', registration(townId, { realName: '周建国', phone: '13800000001' }))
    expect(town.idNumber).toBe(townId)
    const roster = await ok('town-admin', 'volunteers.roster', { activityId: seedActivityId('ds-env-ongoing') })
    expect(roster.items.find((r) => r.userId === userIdOf('volunteer-1'))?.phone).toBe(demoPerson('volunteer-1').phone)
    const members = await ok('village-admin-dongshan', 'volunteers.members', { teamId: seedTeamId('ds-env') })
    expect(members.find((m) => m.userId === userIdOf('volunteer-1'))?.phone).toBe('139****0011')
    // the certificate is for sharing: masked even for its owner
    expect((await ok('volunteer-1', 'volunteers.certificate', {})).idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/)
  })
})

describe('teams', () => {
  beforeEach(async () => {
    clockAt('2026-11-15T02:00:00Z')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  const flagsOf = async (who: string, input: { villageId?: string }) => Object.fromEntries((await ok(who, 'volunteers.teamOverview', input)).map((t) => [t.name, t.flags]))

  test('the dashboards flag teams below the rules (fewer than 5 members, fewer than 2 activities this month)', async () => {
    expect(await flagsOf('town-admin', {})).toEqual({
      东山村环境志愿队: [],
      东山村助老服务队: ['本月活动不足 2 次'],
      西岗社区文明交通志愿队: [],
      南湖村邻里守望队: ['队员不足 5 人', '本月活动不足 2 次'],
      北岭村文艺志愿队: []
    })
    const dongshan = await ok('village-admin-dongshan', 'volunteers.teamOverview', { villageId: 'v_dongshan' })
    expect(dongshan.map((t) => t.name).sort()).toEqual(['东山村助老服务队', '东山村环境志愿队'])
    const env = dongshan.find((t) => t.name === '东山村环境志愿队')
    expect(env).toMatchObject({ memberCount: 7, activitiesThisMonth: 4, leaderName: '林志愿' })
    expect(env?.hoursThisMonth).toBeGreaterThan(0)
    // a village admin sees their village only, and must say which
    expect((await callAs('village-admin-dongshan', 'volunteers.teamOverview', {})).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('village-admin-dongshan', 'volunteers.teamOverview', { villageId: 'v_xigang' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // a second activity this month clears the flag; cancelling it brings the flag back
    const leader = 'ds-elder-0'
    const asLeader = { openid: `demo-vol-${leader}` }
    const created = await callAs(asLeader, 'volunteers.saveActivity', activityInput({ teamId: seedTeamId('ds-elder'), title: '助老理发服务' }))
    if (!created.res.ok) throw new Error(created.res.message)
    await callAs(asLeader, 'volunteers.publishActivity', { activityId: created.res.data.id })
    expect((await flagsOf('town-admin', { villageId: 'v_dongshan' }))['东山村助老服务队']).toEqual([])
    await callAs(asLeader, 'volunteers.cancelActivity', { activityId: created.res.data.id, reason: '理发师临时有事' })
    expect((await flagsOf('town-admin', { villageId: 'v_dongshan' }))['东山村助老服务队']).toEqual(['本月活动不足 2 次'])
  })

  test('joining needs the leader’s, a village admin’s or the town office’s approval; a leader acts only on their own team', async () => {
    const team = seedTeamId('ds-env')
    const applicant = await ok('volunteer-2', 'volunteers.joinTeam', { teamId: team })
    expect(applicant.teams.find((t) => t.teamId === team)).toMatchObject({ status: 'pending', leader: false })
    const review = { teamId: team, userId: userIdOf('volunteer-2'), approve: true }
    const before = dumpAll()
    // not the applicant, not another village's admin, not another team's leader
    expect((await callAs('volunteer-2', 'volunteers.reviewMember', review)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('village-admin-xigang', 'volunteers.reviewMember', review)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs({ openid: 'demo-vol-ds-elder-0' }, 'volunteers.reviewMember', review)).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('volunteer-2', 'volunteers.members', { teamId: team })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
    // the leader approves
    const after = await ok('volunteer-1', 'volunteers.reviewMember', review)
    expect(after.find((m) => m.userId === userIdOf('volunteer-2'))).toMatchObject({ status: 'approved', phone: '139****0012' })
    expect((await ok('volunteer-2', 'volunteers.me', {}))?.teams.find((t) => t.teamId === team)).toMatchObject({ status: 'approved' })
    expect((await ok('town-admin', 'volunteers.teams', { villageId: 'v_dongshan' })).find((t) => t.id === team)?.memberCount).toBe(8)
    // reviewing again: already decided
    expect((await callAs('volunteer-1', 'volunteers.reviewMember', { ...review, approve: false })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    // 林志愿 leads 环境志愿队 only
    const other = seedTeamId('ds-elder')
    expect((await callAs('volunteer-1', 'volunteers.members', { teamId: other })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('volunteer-1', 'volunteers.saveActivity', activityInput({ teamId: other }))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('volunteer-1', 'volunteers.saveActivity', activityInput({ teamId: null }))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    for (const action of ['volunteers.roster', 'volunteers.checkinCode', 'volunteers.exportRoster'] as const) {
      expect((await callAs('volunteer-1', action, { activityId: seedActivityId('ds-elder-past') })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect((await callAs('volunteer-1', action, { activityId: seedActivityId('ds-open-upcoming') })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect((await callAs('volunteer-1', action, { activityId: seedActivityId('ds-env-ongoing') })).res).toMatchObject({ ok: true })
    }
    expect((await callAs('volunteer-1', 'volunteers.publishActivity', { activityId: seedActivityId('ds-draft') })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('volunteer-1', 'volunteers.cancelActivity', { activityId: seedActivityId('ds-open-upcoming'), reason: '不办了' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  test('a refused applicant may apply again; a team’s leader must be a registered volunteer and is its member', async () => {
    await ok('volunteer-2', 'volunteers.joinTeam', { teamId: seedTeamId('ds-env') })
    await ok('village-admin-dongshan', 'volunteers.reviewMember', { teamId: seedTeamId('ds-env'), userId: userIdOf('volunteer-2'), approve: false })
    expect((await ok('volunteer-2', 'volunteers.me', {}))?.teams.map((t) => t.teamId)).not.toContain(seedTeamId('ds-env'))
    const again = await ok('volunteer-2', 'volunteers.joinTeam', { teamId: seedTeamId('ds-env') })
    expect(again.teams.find((t) => t.teamId === seedTeamId('ds-env'))?.status).toBe('pending')

    const notVolunteer = await callAs('village-admin-dongshan', 'volunteers.saveTeam', { villageId: 'v_dongshan', name: '东山村宣传队', leaderId: userIdOf('resident-1') })
    expect(notVolunteer.res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { leaderId: '队长须为已实名注册的志愿者' } })
    const created = await ok('village-admin-dongshan', 'volunteers.saveTeam', { villageId: 'v_dongshan', name: '东山村宣传队', leaderId: userIdOf('volunteer-1') })
    expect(created).toMatchObject({ leaderName: '林志愿', memberCount: 1, flags: ['队员不足 5 人', '本月活动不足 2 次'] })
    // the leader changes: the new one leads, the old one stays a member
    const changed = await ok('village-admin-dongshan', 'volunteers.saveTeam', { id: created.id, villageId: 'v_dongshan', name: '东山村宣传志愿队', leaderId: seedUserId('ds-env-1') })
    expect(changed).toMatchObject({ name: '东山村宣传志愿队', leaderName: expect.any(String), memberCount: 2 })
    expect((await ok('volunteer-1', 'volunteers.me', {}))?.teams.find((t) => t.teamId === created.id)).toMatchObject({ status: 'approved', leader: false, teamName: '东山村宣传志愿队' })
    expect((await callAs('volunteer-1', 'volunteers.members', { teamId: created.id })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // a team stays in its village; another village's admin cannot touch it
    expect((await callAs('village-admin-dongshan', 'volunteers.saveTeam', { id: created.id, villageId: 'v_nanhu', name: 'x队伍', leaderId: null })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('town-admin', 'volunteers.saveTeam', { id: created.id, villageId: 'v_nanhu', name: 'x队伍', leaderId: null })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})
