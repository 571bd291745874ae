/**
 * Points from the other modules through their real flows, by the same rule table and caps, through
 * the one points service: scanned check-out, the job's automatic check-out, approved hours, an
 * accepted resident report (not an inspection). Each is idempotent per reference.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { entryIdFor } from '../../cloudfunctions/_shared/points'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'
import { givenVolunteers, publishedActivity, seedActivityId, seedUserId, VENUE } from '../helpers/volunteers'
import { balanceOf, entries, expectLedgerInvariant } from '../helpers/deeds'

const T0 = '2026-11-10T01:00:00Z'
const START = '2026-11-10T02:00:00Z'
const END = '2026-11-10T05:00:00Z'
const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000)
/** The reports function's timer run (overdue reminders, then the rewards batch), as the cloud calls it. */
const runTimer = async () => ((await invoke('reports', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, null)).result as { data: Record<string, number> }).data
const codeOf = async (activityId: string) => (await ok('village-admin-dongshan', 'volunteers.checkinCode', { activityId })).code
const scan = (openid: string, code: string, location = VENUE) => callAs({ openid }, 'volunteers.scan', { code, location })
/** 20 m from the venue: two phones reading the very same position would be flagged as a relayed code (volunteers-relay.test.ts). */
const BESIDE = { lng: VENUE.lng, lat: VENUE.lat + 0.00018 }

describe('points from volunteer hours', () => {
  let activityId: string
  let me: string
  let late: string

  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    ;[me, late] = givenVolunteers(2)
    activityId = await publishedActivity({ startAt: START, endAt: END, signupDeadline: at(START, -30).toISOString(), hoursCredit: 3, capacity: 5 })
    await callAs({ openid: me }, 'volunteers.signup', { activityId })
    await callAs({ openid: late }, 'volunteers.signup', { activityId })
  })
  afterEach(() => jest.useRealTimers())

  test('a scanned check-out awards points per hour once; the job’s automatic check-out too', async () => {
    jest.setSystemTime(at(START, -5))
    await scan(me, await codeOf(activityId))
    await scan(late, await codeOf(activityId), BESIDE)
    jest.setSystemTime(at(START, 125))
    expect((await scan(me, await codeOf(activityId))).res).toMatchObject({ ok: true, data: { kind: 'checkout', hours: 2 } })
    expect(balanceOf(userIdFor(me))).toBe(4)
    // a second scan is refused and writes no second entry
    expect((await scan(me, await codeOf(activityId))).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(entries().filter((e) => e.userId === userIdFor(me))).toEqual([expect.objectContaining({ source: 'volunteer_hours', refId: `${activityId}_${userIdFor(me)}`, delta: 4 })])
    expectLedgerInvariant()
    // the other never checked out: the job closes at the end (3 h) → 6 points; running it again adds nothing
    jest.setSystemTime(at(END, 121))
    await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: T0 }, null)
    await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: T0 }, null)
    expect(balanceOf(userIdFor(late))).toBe(6)
    expect(entries().filter((e) => e.userId === userIdFor(late))).toHaveLength(1)
    expectLedgerInvariant()
  })

  test('the hours cap of the rule table applies', async () => {
    await ok('town-admin', 'deeds.saveRules', { rules: [{ key: 'volunteer_hours', points: 10, dailyCap: 15, monthlyCap: 100 }] })
    jest.setSystemTime(at(START, -5))
    await scan(me, await codeOf(activityId))
    jest.setSystemTime(at(START, 125))
    await scan(me, await codeOf(activityId))
    expect(balanceOf(userIdFor(me))).toBe(15)
    expect(entries().find((e) => e.userId === userIdFor(me))).toMatchObject({ delta: 15, capped: true })
    expectLedgerInvariant()
  })
})

describe('points from approved hours and accepted reports', () => {
  beforeEach(async () => {
    clockAt('2026-11-15T02:00:00Z')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('approval of a manual check-out awards the hours’ points; deciding again writes nothing', async () => {
    const ongoing = seedActivityId('ds-env-ongoing')
    const who = seedUserId('ds-env-4')
    const start = new Date((await ok('village-admin-dongshan', 'volunteers.activity', { activityId: ongoing })).startAt)
    await ok('village-admin-dongshan', 'volunteers.manualCheck', { activityId: ongoing, userId: who, kind: 'checkin', at: start.toISOString(), reason: '手机没电，现场确认' })
    const [inReq] = (await ok('volunteer-1', 'volunteers.pendingHours', {})).items.filter((p) => p.userId === who)
    // what the demo seed's hours gave this volunteer before
    const before = balanceOf(who)
    const earlier = entries().filter((e) => e.userId === who)
    await ok('volunteer-1', 'volunteers.approveHours', { pendingId: inReq.id, approve: true })
    expect(balanceOf(who)).toBe(before)
    jest.setSystemTime(new Date(start.getTime() + 2.5 * 3600 * 1000))
    await ok('volunteer-1', 'volunteers.manualCheck', {
      activityId: ongoing,
      userId: who,
      kind: 'checkout',
      at: new Date(start.getTime() + 2 * 3600 * 1000 + 600_000).toISOString(),
      reason: '提前离开未扫码'
    })
    const [outReq] = (await ok('village-admin-dongshan', 'volunteers.pendingHours', { villageId: 'v_dongshan' })).items.filter((p) => p.userId === who)
    await ok('village-admin-dongshan', 'volunteers.approveHours', { pendingId: outReq.id, approve: true })
    expect(balanceOf(who)).toBe(before + 4)
    expect((await callAs('town-admin', 'volunteers.approveHours', { pendingId: outReq.id, approve: true })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(entries().filter((e) => e.userId === who)).toEqual([...earlier, expect.objectContaining({ _id: entryIdFor('volunteer_hours', outReq.id), delta: 4 })])
    expectLedgerInvariant()
  })

  test('an accepted resident report earns points once, in the next daily batch; an inspection filed by staff earns none', async () => {
    const R1 = userIdOf('resident-1')
    const report = await ok('resident-1', 'reports.create', await draft())
    expect(balanceOf(R1)).toBe(5)
    await ok('grid-dongshan-1', 'reports.accept', { reportId: report.id })
    // nothing is paid on the day of acceptance: the batch pays a day once it is over
    expect(balanceOf(R1)).toBe(5)
    expect(await runTimer()).toMatchObject({ rewardsPaid: 0 })
    expect(balanceOf(R1)).toBe(5)
    expect((await callAs('village-admin-dongshan', 'reports.accept', { reportId: report.id })).res).toMatchObject({ ok: false })
    const inspection = await callAs('grid-dongshan-1', 'reports.create', await draft({ inspection: true }))
    expect(inspection.res.ok).toBe(true)
    if (inspection.res.ok) await ok('village-admin-dongshan', 'reports.accept', { reportId: inspection.res.data.id })

    jest.setSystemTime(new Date('2026-11-15T16:10:00Z')) // 00:10 the next day, China time
    expect(await runTimer()).toMatchObject({ rewardsPaid: 1 })
    expect(await runTimer()).toMatchObject({ rewardsPaid: 0 })
    expect(balanceOf(R1)).toBe(7)
    expect(balanceOf(userIdOf('grid-dongshan-1'))).toBe(0)
    const paid = entries().filter((e) => e.source === 'report_accepted')
    expect(paid).toEqual([expect.objectContaining({ userId: R1, delta: 2, note: '11月15日随手拍被受理 1 条', at: new Date('2026-11-15T16:10:00Z') })])
    // the entry names neither the report nor its number
    expect(JSON.stringify(paid)).not.toContain(report.id)
    expect(JSON.stringify(paid)).not.toContain(report.no)
    expectLedgerInvariant()
  })

  test('nothing is earned when the acceptor belongs to the reporter’s household', async () => {
    const R2 = userIdOf('resident-2')
    const report = await ok('resident-2', 'reports.create', await draft())
    // 王秀兰 (same household as the reporter) is no acceptor of her household's report's points
    localCloud.engine.update('users', { _id: userIdOf('grid-dongshan-1') }, { $set: { householdId: 'hh_wang' } })
    await ok('grid-dongshan-1', 'reports.accept', { reportId: report.id })
    jest.setSystemTime(new Date('2026-11-15T16:10:00Z'))
    await runTimer()
    expect(balanceOf(R2)).toBe(0)
    expect(localCloud.engine.all('report_rewards')).toEqual([])
  })

  test('an entry written before the daily batch (naming its report) reaches an admin or a household head without the report', async () => {
    const R2 = userIdOf('resident-2')
    const legacy = {
      _id: entryIdFor('report_accepted', 'r_legacy'),
      userId: R2,
      personName: '刘秀英',
      householdId: 'hh_wang',
      villageId: 'v_dongshan',
      delta: 2,
      source: 'report_accepted',
      refId: 'r_legacy',
      ruleKey: 'report_accepted',
      capped: false,
      operatorId: 'x',
      note: '随手拍被受理：SSP-2026-000123',
      at: new Date()
    }
    localCloud.engine.insert('point_entries', legacy)
    const views = [JSON.stringify(await ok('village-admin-dongshan', 'deeds.person', { userId: R2 })), JSON.stringify(await ok('resident-1', 'deeds.household', {}))]
    for (const view of views) {
      expect(view).toContain(legacy._id)
      expect(view).not.toContain('r_legacy')
      expect(view).not.toContain('SSP-2026-000123')
    }
  })
})
