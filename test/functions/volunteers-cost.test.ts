/** Database requests per call of the main volunteer actions (the caller's profile counts as one). */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { CHECK_PAGE } from '../../cloudfunctions/volunteers/count-check'
import { clockAt } from '../helpers/reports'
import { costMeter } from '../helpers/cost'
import { callAs, freshTown, userIdOf } from '../helpers/town'
import { activityInput, givenVolunteers, publishedActivity, seedActivityId, seedTeamId, seedUserId } from '../helpers/volunteers'
import { seedOpenid } from '../../local-server/seed-volunteers'

const { cost, record, print } = costMeter()

describe('database requests per call', () => {
  beforeAll(() => freshTown())
  afterAll(print)

  test('reads', async () => {
    expect(await cost('volunteer-1', 'volunteers.me', {})).toBeLessThanOrEqual(4)
    expect(await cost('resident-1', 'volunteers.me', {})).toBe(1)
    expect(await cost('resident-1', 'volunteers.activities', {})).toBe(2)
    expect(await cost('volunteer-1', 'volunteers.activities', {})).toBeLessThanOrEqual(4)
    expect(await cost('village-admin-dongshan', 'volunteers.activities', { managed: true })).toBe(2)
    // the profile with the activity, the caller's sign-up and the activity's team (does the caller lead it?): one request
    expect(await cost('volunteer-1', 'volunteers.activity', { activityId: seedActivityId('ds-env-ongoing') })).toBe(1)
    // the profile; the teams with their members, activities and hours of the month (one aggregate, a $lookup each)
    expect(await cost('town-admin', 'volunteers.teamOverview', {})).toBe(2)
    expect(await cost('town-admin', 'volunteers.teams', { villageId: 'v_dongshan' })).toBe(2)
    // the profile with the team; the members and their hours (one aggregate)
    expect(await cost('volunteer-1', 'volunteers.members', { teamId: seedTeamId('ds-env') })).toBe(3)
    // the profile with the activity and its team; the page and one aggregate of the whole roster's totals and waitlist
    expect(await cost('volunteer-1', 'volunteers.roster', { activityId: seedActivityId('ds-env-ongoing') })).toBe(3)
    expect(await cost('volunteer-1', 'volunteers.pendingHours', {})).toBe(3)
    expect(await cost('volunteer-1', 'volunteers.myHours', {})).toBe(3)
    expect(await cost('volunteer-1', 'volunteers.settings', {})).toBe(2)
  })

  // A place: the caller's profile with the activity, their sign-up (if any) and their registration, in one request
  // (withPrefetch, cloudfunctions/_shared/prefetch.ts); the activity's conditional update (a free place, nobody waiting);
  // the sign-up's insert = 3. The waitlist: the profile (with the same three; the activity shows it full, so no place is
  // tried), the line joined (a conditional increment), the sign-up, one aggregate that reads the activity's counters again
  // (a place freed meanwhile?) and counts the people ahead (the answer shows the position) = 4. A repeat tap: the profile
  // shows the sign-up, + the people ahead when waiting. Cancelling: the profile with the activity and the sign-up, the sign-up's conditional
  // update, the place given back, then the promotion (activity, the line's head, the place, the head's sign-up, the
  // activity again to see whether more places are free).
  test('sign-up: a place in 3 requests, the waitlist in 4, a repeat tap in 2; cancel with a promotion in 8', async () => {
    const [a, b, c] = givenVolunteers(3)
    const activityId = await publishedActivity({ capacity: 1 })
    expect(await cost({ openid: a }, 'volunteers.signup', { activityId })).toBe(3)
    expect(await cost({ openid: b }, 'volunteers.signup', { activityId })).toBe(4)
    expect(await cost({ openid: b }, 'volunteers.signup', { activityId })).toBe(2) // a repeat tap (waiting: + the people ahead)
    expect(await cost({ openid: c }, 'volunteers.signup', { activityId })).toBe(4)
    expect(await cost({ openid: a }, 'volunteers.cancelSignup', { activityId })).toBe(8)
    expect(await cost({ openid: c }, 'volunteers.cancelSignup', { activityId })).toBe(3)
  })

  test('writes', async () => {
    // the profile with the village; the registrations of the caller and of the ID number; one transaction: start, the
    // registration (no read first: a repeat is a duplicate key), the profile's flag (an increment), the audit entry, commit = 7
    expect(await cost('resident-2', 'volunteers.register', { realName: '李大爷', idNumber: '11010519491231002X', phone: '13900000002', skills: [], villageId: 'v_dongshan', idConsent: true })).toBe(7)
    // a repeat: the profile, the registration found
    expect(
      await cost('resident-2', 'volunteers.register', { realName: '李大爷', idNumber: '11010519491231002X', phone: '13900000002', skills: [], villageId: 'v_dongshan', idConsent: true })
    ).toBeLessThanOrEqual(4)
    // a new team: the profile with the village and the leader; the team, its audit entry (start, insert, insert, commit);
    // nothing read back (a new team's figures are known) = 5
    const team = await callAs('village-admin-dongshan', 'volunteers.saveTeam', { villageId: 'v_dongshan', name: '新建测试队', leaderId: null })
    expect(team.res).toMatchObject({ ok: true, data: { memberCount: 0, activitiesThisMonth: 0, hoursThisMonth: 0 } })
    expect(team.dbRequests).toBe(5)
    if (!team.res.ok) throw new Error(team.res.message)
    // an edit: the profile with the village and the team; the transaction (start, the team, the team, the audit entry,
    // commit); the members' copies of the name; the team with its figures (one aggregate) = 8
    expect(await cost('village-admin-dongshan', 'volunteers.saveTeam', { villageId: 'v_dongshan', name: '新建测试队（改）', leaderId: null, id: team.res.data.id })).toBeLessThanOrEqual(8)
    // creating and publishing: the activity and its audit entry in one transaction (start, read, writes, commit)
    const created = await callAs('village-admin-dongshan', 'volunteers.saveActivity', activityInput())
    expect(created.dbRequests).toBeLessThanOrEqual(6)
    if (!created.res.ok) throw new Error(created.res.message)
    expect(await cost('village-admin-dongshan', 'volunteers.publishActivity', { activityId: created.res.data.id })).toBeLessThanOrEqual(7)
    // the activity (with its code secret), the settings and the team (the leader shows the code) come with the profile
    expect(await cost('volunteer-1', 'volunteers.checkinCode', { activityId: seedActivityId('ds-env-ongoing') })).toBe(1)
    expect(
      await cost('volunteer-1', 'volunteers.manualCheck', {
        activityId: seedActivityId('ds-env-ongoing'),
        userId: seedUserId('ds-env-4'),
        kind: 'checkin',
        at: new Date().toISOString(),
        reason: '现场确认'
      })
    ).toBe(8)
    // the profile with the activity, its team, the sign-up and the settings (1); the transaction: start, the sign-up, the
    // request, the sign-up, the audit entry, commit (6); the roster returned (1) = 8 (was 12: four reads before it)
    expect(
      await cost('volunteer-1', 'volunteers.correctHours', { activityId: seedActivityId('ds-env-past-1'), userId: seedUserId('ds-env-1'), hours: 1.5, reason: '中途离开一小时' })
    ).toBeLessThanOrEqual(8)
    // the profile with the activity, the caller's sign-up and the team (1); the cancel, its follow-up marker and audit entry in
    // one transaction: start, the activity, the activity, the audit entry, commit (5); the follow-up: the sign-ups cancelled
    // (one update of many: not in a transaction), those owed a notice, their mark, the marker removed (4) = 10 (was 13)
    const [signed] = givenVolunteers(1, 'cancel-cost')
    const toCancel = await publishedActivity({ capacity: 2 })
    await callAs({ openid: signed }, 'volunteers.signup', { activityId: toCancel })
    expect(await cost('town-admin', 'volunteers.cancelActivity', { activityId: toCancel, reason: '天气原因，活动取消' })).toBeLessThanOrEqual(10)
    // hr_seed_1 cuts a seeded sign-up's hours (3 → 2.5 h): the cut takes back the share of the points its
    // check-out was awarded, so the decision's transaction also writes the take-back entry and the balance.
    // The request, its activity and team, the volunteer, the settings and the rules come with the profile (1); the
    // transaction: start, the sign-up (is the request still pending on it?), the balance, the entry, the balance, the
    // request, the sign-up, the audit entry, commit (9) = 10 (was 17: five reads before it, and the entry looked for though
    // the request was pending; then 12: the request and the volunteer read again in the transaction)
    expect(await cost('town-admin', 'volunteers.approveHours', { pendingId: 'hr_seed_1', approve: true })).toBe(10)
    // the profile with the registration and the town; the sign-ups with hours; a new number: start, the counter, the
    // counter, the registration, commit = 7 (was 9); the same certificate again: 2
    expect(await cost('volunteer-1', 'volunteers.certificate', {})).toBeLessThanOrEqual(7)
    expect(await cost('volunteer-1', 'volunteers.certificate', {})).toBe(2)
    // the profile with the team; the decision and its audit entry in one transaction (start, the application, the decision,
    // the audit entry, commit), then the list (members and their hours)
    expect(await cost('village-admin-dongshan', 'volunteers.reviewMember', { teamId: seedTeamId('ds-env'), userId: seedUserId('ds-env-7'), approve: true })).toBeLessThanOrEqual(8)
    expect(await cost('village-admin-dongshan', 'volunteers.roster', { activityId: seedActivityId('ds-env-past-1') })).toBe(3)
    expect(userIdOf('volunteer-1')).toMatch(/^u_/)
  })

  test('the job on a town at rest: 4 requests, then per page of open activities a find and one aggregate; nothing written', async () => {
    const timer = () => invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }, null)
    await timer() // whatever reminders or check-outs were due
    const now = Date.now()
    const open = localCloud.engine.all('volunteer_activities').filter((a) => a.status === 'published' && new Date(a.endAt as Date).getTime() > now).length
    expect(open).toBeGreaterThan(0)
    const { result, dbRequests } = await timer()
    expect(result).toMatchObject({ ok: true, data: { followUps: 0, reminded: 0, closed: 0, countsChecked: open, countsRepaired: 0 } })
    // settings, the leftover follow-ups, the two due-lists; pages of CHECK_PAGE until a short one, one aggregate per non-empty page;
    // one (empty) page of registrations still holding a plain ID number
    expect(dbRequests).toBe(4 + Math.floor(open / CHECK_PAGE) + 1 + Math.ceil(open / CHECK_PAGE) + 1)
    record('volunteers job (at rest)', dbRequests)
  })

  // check-in: the sign-up's conditional update carries the scan's position, then one query for other people's
  // scans at the same spot (the relay check; nothing more is written when there is none).
  // check-out: whether the volunteer organises it (a team activity: its leader) beside the relay query, then
  // hours + audit + the hours' points (person, entry, rule table, the person's balance: this member has no
  // household) in one transaction
  test('scan: check-in in 6 requests, check-out (hours + audit + points in one transaction) in 17', async () => {
    const activityId = seedActivityId('ds-env-ongoing')
    const venue = (localCloud.engine.get('volunteer_activities', activityId) as { venue: { location: { lng: number; lat: number } } }).venue.location
    const code = async () => {
      const { res } = await callAs('village-admin-dongshan', 'volunteers.checkinCode', { activityId })
      if (!res.ok) throw new Error(res.message)
      return res.data.code
    }
    // a member of the team, not its leader (the leader's own hours wait for approval: volunteers-own-hours.test.ts)
    const member = { openid: seedOpenid('ds-env-4') }
    expect(await cost(member, 'volunteers.scan', { code: await code(), location: venue })).toBe(6)
    clockAt(new Date(Date.now() + 30 * 60_000))
    try {
      expect(await cost(member, 'volunteers.scan', { code: await code(), location: venue })).toBe(17)
    } finally {
      jest.useRealTimers()
    }
  })

  // personal codes: the volunteer's code from the activity, the rules and their sign-up; the organiser's scan
  // loads the same three, checks they organise it (a village admin: from their grants, no read), checks in
  // (no relay query: an organiser's scans are never compared); the check-out reads the volunteer's profile
  // (do they organise it?) before the same transaction as a scan's
  test('personal codes: the code in 4 requests; the organiser scans in in 5 and out in 16', async () => {
    const [person] = givenVolunteers(1)
    const activityId = await publishedActivity({
      startAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      endAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      signupDeadline: new Date(Date.now() + 5 * 60_000).toISOString()
    })
    await callAs({ openid: person }, 'volunteers.signup', { activityId })
    await callAs('town-admin', 'volunteers.setCheckInMode', { activityId, mode: 'personal_code' })
    const venue = (localCloud.engine.get('volunteer_activities', activityId) as { venue: { location: { lng: number; lat: number } } }).venue.location
    const personal = async () => {
      const { res } = await callAs({ openid: person }, 'volunteers.personalCode', { activityId })
      if (!res.ok) throw new Error(res.message)
      return res.data.code
    }
    // the activity (with its code secret), the settings and the caller's sign-up come with the profile (was 4)
    expect(await cost({ openid: person }, 'volunteers.personalCode', { activityId })).toBe(1)
    expect(await cost('village-admin-dongshan', 'volunteers.scanPersonal', { code: await personal(), location: venue })).toBe(5)
    clockAt(new Date(Date.now() + 60 * 60_000))
    try {
      expect(await cost('village-admin-dongshan', 'volunteers.scanPersonal', { code: await personal(), location: venue })).toBe(16)
    } finally {
      jest.useRealTimers()
    }
  })
})
