/**
 * Nobody counts their own hours: a person who organises an activity (here the team leader who
 * created it) gets the hours of their own scan, or of the job ending their service, only when
 * another organiser or the town office approves them.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { callAs, ok, freshTown, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/clock'
import { publishedActivity, seedTeamId, VENUE } from '../helpers/volunteers'
import { balanceOf } from '../helpers/deeds'

const START = '2026-11-10T02:00:00Z' // 10:00 in China
const END = '2026-11-10T05:00:00Z' // 13:00
const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000)
const LEADER = 'volunteer-1'

interface Signup {
  checkOutAt: Date | null
  hours: number
  hoursStatus: string
  pendingId: string | null
}
const signupOf = (activityId: string) => localCloud.engine.get('activity_signups', `${activityId}_${userIdOf(LEADER)}`) as unknown as Signup

let activityId: string
/** The leader's hours requests on this activity (the demo seed filed some of his own on its activities). */
const requestsHere = () => localCloud.engine.all('hours_requests').filter((r) => r.userId === userIdOf(LEADER) && r.activityId === activityId)
beforeEach(async () => {
  clockAt('2026-11-09T01:00:00Z')
  await freshTown()
  activityId = await publishedActivity({ teamId: seedTeamId('ds-env'), startAt: START, endAt: END, signupDeadline: at(START, -60).toISOString(), hoursCredit: 3 }, LEADER)
  await ok(LEADER, 'volunteers.signup', { activityId })
  jest.setSystemTime(at(START, -5))
  const code = (await ok(LEADER, 'volunteers.checkinCode', { activityId })).code
  expect(await ok(LEADER, 'volunteers.scan', { code, location: VENUE })).toMatchObject({ kind: 'checkin' })
})
afterEach(() => jest.useRealTimers())

test('scanning out of one’s own activity files the hours for approval; they count only when someone else approves', async () => {
  const points = balanceOf(userIdOf(LEADER))
  jest.setSystemTime(at(END, -1))
  const code = (await ok(LEADER, 'volunteers.checkinCode', { activityId })).code
  const out = await ok(LEADER, 'volunteers.scan', { code, location: VENUE })
  expect(out).toMatchObject({ kind: 'checkout', hours: 3, pendingReview: true })
  expect(signupOf(activityId)).toMatchObject({ checkOutAt: null, hours: 0, hoursStatus: 'pending' })
  expect(balanceOf(userIdOf(LEADER))).toBe(points)
  // scanning again files nothing more
  expect(await ok(LEADER, 'volunteers.scan', { code, location: VENUE })).toMatchObject({ pendingReview: true })
  expect(requestsHere()).toHaveLength(1)

  const [request] = (await ok('village-admin-dongshan', 'volunteers.pendingHours', { villageId: 'v_dongshan' })).items.filter((r) => r.userId === userIdOf(LEADER))
  expect(request).toMatchObject({ kind: 'manual_checkout', hours: 3 })
  // not by the leader himself
  expect((await callAs(LEADER, 'volunteers.approveHours', { pendingId: request.id, approve: true })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  await ok('village-admin-dongshan', 'volunteers.approveHours', { pendingId: request.id, approve: true })
  expect(signupOf(activityId)).toMatchObject({ hours: 3, hoursStatus: 'counted' })
  expect(balanceOf(userIdOf(LEADER))).toBeGreaterThan(points)
})

test('an organiser who never scans out gets no hours from the job: they are filed for approval instead', async () => {
  jest.setSystemTime(at(END, 6 * 60))
  const { result } = await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }, null)
  expect(result).toMatchObject({ ok: true })
  expect(signupOf(activityId)).toMatchObject({ checkOutAt: null, hours: 0, hoursStatus: 'pending' })
  const requests = requestsHere()
  expect(requests).toEqual([expect.objectContaining({ kind: 'manual_checkout', requestedBy: 'system', hours: 3, status: 'pending' })])
  // the job again: nothing twice
  await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }, null)
  expect(requestsHere()).toHaveLength(1)
})
