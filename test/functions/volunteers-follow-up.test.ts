/**
 * A cancel or an edit of an activity that dies half-way (a timeout, a dead instance) between its own
 * write and what it owes the people signed up: the same call made again, or the job 5 minutes later,
 * finishes it — no sign-up left open on a cancelled activity, each person told once, one audit entry.
 */
import { localCloud } from '../../local-cloud'
import * as notify from '../../cloudfunctions/volunteers/notify'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { invoke } from '../../local-server/functions'
import { FOLLOW_UP_PAGE, FOLLOW_UP_SETTLE_MS } from '../../cloudfunctions/volunteers/follow-up'
import type { VolunteerJobResult } from '../../cloudfunctions/volunteers/job'
import { SUBSCRIBE_TEMPLATE_IDS } from '../../src/contract/subscribe-templates'
import { callAs, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/clock'
import { activityInput, expectCountsConsistent, givenVolunteers, inHours, publishedActivity, storedActivity, storedSignups } from '../helpers/volunteers'

const T0 = '2026-11-10T01:00:00Z'
const MIN = 60_000
const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * MIN)
const moveTo = (minutes: number) => jest.setSystemTime(at(minutes))

const ADMIN = 'village-admin-dongshan'
const DIED = '云函数执行超时'
const REASON = '台风预警，活动取消'

async function runJob(): Promise<VolunteerJobResult> {
  const { result } = await invoke('volunteers', { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: new Date().toISOString() }, null)
  expect(result).toMatchObject({ ok: true })
  return (result as { data: VolunteerJobResult }).data
}

const signUp = (openid: string, activityId: string) => callAs({ openid }, 'volunteers.signup', { activityId })
const cancel = (activityId: string) => callAs(ADMIN, 'volunteers.cancelActivity', { activityId, reason: REASON })

/** activityChange messages sent so far, by recipient. */
const changeNotices = () => localCloud.getOutbox().filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.activityChange)
const toldTimes = () => {
  const n = new Map<string, number>()
  for (const m of changeNotices()) n.set(m.touser, (n.get(m.touser) ?? 0) + 1)
  return n
}
const audits = (activityId: string, action: string) => localCloud.engine.all('audit_log').filter((e) => e.targetId === activityId && e.action === action)
const marker = (activityId: string) => {
  const a = localCloud.engine.get('volunteer_activities', activityId) as { followUp?: unknown; followUpAt?: unknown }
  return { followUp: a.followUp, followUpAt: a.followUpAt }
}
const openSignups = (activityId: string) => storedSignups(activityId).filter((s) => s.status !== 'cancelled')

/** Everyone in `crowd` told exactly once, nobody else. */
function expectToldOnce(crowd: string[]): void {
  expect([...toldTimes().entries()].sort()).toEqual(crowd.map((o) => [o, 1]).sort())
}

/** The next update of sign-ups to 'cancelled' dies before it reaches the database. */
function signupCancellationDiesOnce(): void {
  const engine = localCloud.engine
  const real = engine.update.bind(engine)
  let died = false
  jest.spyOn(engine, 'update').mockImplementation((coll, filter, data, opts) => {
    const set = (data as { $set?: { status?: string } }).$set ?? (data as { status?: string })
    if (!died && coll === 'activity_signups' && set.status === 'cancelled') {
      died = true
      throw new Error(DIED)
    }
    return real(coll, filter, data, opts)
  })
}

/** A published activity of `capacity` places with `n` people signed up or waiting; their openids. */
async function crowded(n: number, capacity: number, extra: Parameters<typeof activityInput>[0] = {}): Promise<{ activityId: string; crowd: string[] }> {
  const crowd = givenVolunteers(n)
  const activityId = await publishedActivity({ capacity, ...extra })
  for (const o of crowd) await signUp(o, activityId)
  localCloud.clearOutbox()
  return { activityId, crowd }
}

describe('a cancel or an edit cut short is finished by the same call again or by the job', () => {
  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    // settle whatever the demo data has due, so later job runs start from rest
    await runJob()
    localCloud.clearOutbox()
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    jest.restoreAllMocks()
    jest.useRealTimers()
  })

  test('cancel dies sending the notices: the activity is cancelled and audited once; the same call again tells everyone, once', async () => {
    const { activityId, crowd } = await crowded(4, 3)
    jest.spyOn(notify, 'notifyCancelled').mockRejectedValueOnce(new Error(DIED))
    expect((await cancel(activityId)).res).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(storedActivity(activityId)).toMatchObject({ status: 'cancelled' })
    expect(changeNotices()).toEqual([])

    const again = await cancel(activityId)
    expect(again.res).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    expectToldOnce(crowd)
    expect(changeNotices()[0].data.thing4).toEqual({ value: `活动已取消：${REASON}` })
    expect(openSignups(activityId)).toEqual([])
    expect(storedSignups(activityId).every((s) => s.flags.filter((f) => f === '活动已取消').length === 1)).toBe(true)
    expect(audits(activityId, 'cancel')).toHaveLength(1)
    expect(audits(activityId, 'cancel')[0]).toMatchObject({ by: userIdOf(ADMIN), detail: { reason: REASON, people: 4 } })
    expect(marker(activityId)).toEqual({ followUp: undefined, followUpAt: undefined })

    // a third time: nothing more is sent or written
    await cancel(activityId)
    moveTo(30)
    expect(await runJob()).toMatchObject({ followUps: 0 })
    expectToldOnce(crowd)
    expect(audits(activityId, 'cancel')).toHaveLength(1)
  })

  test('cancel dies after telling the first ten: the same call again tells only the rest', async () => {
    const { activityId, crowd } = await crowded(15, 10)
    const real = jest.requireActual<typeof notify>('../../cloudfunctions/volunteers/notify').notifyCancelled
    jest
      .spyOn(notify, 'notifyCancelled')
      .mockImplementationOnce((a, people, reason) => real(a, people, reason))
      .mockRejectedValueOnce(new Error(DIED))
    expect((await cancel(activityId)).res).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(changeNotices()).toHaveLength(10)
    expect(openSignups(activityId)).toEqual([])

    expect((await cancel(activityId)).res).toMatchObject({ ok: true })
    expectToldOnce(crowd)
    expect(marker(activityId).followUp).toBeUndefined()
  })

  test('an activity cancelled by an earlier version that died before its sign-ups (no follow-up kept): cancelling again closes them and tells those people, once', async () => {
    const { activityId, crowd } = await crowded(3, 2)
    localCloud.engine.update('volunteer_activities', { _id: activityId }, { $set: { status: 'cancelled', cancelReason: REASON, cancelledAt: at(0) }, $inc: { rev: 1 } })
    expect(openSignups(activityId)).toHaveLength(3)
    expect((await cancel(activityId)).res).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    expect(openSignups(activityId)).toEqual([])
    expectToldOnce(crowd)
    expect(changeNotices()[0].data.thing4).toEqual({ value: `活动已取消：${REASON}` })
    await cancel(activityId)
    expectToldOnce(crowd)
  })

  test('cancel dies cancelling the sign-ups: nobody is left signed up once the job has run, 5 minutes on; a job that fails again tries 5 minutes later', async () => {
    const { activityId, crowd } = await crowded(3, 2)
    signupCancellationDiesOnce()
    expect((await cancel(activityId)).res).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(storedActivity(activityId)).toMatchObject({ status: 'cancelled' })
    expect(openSignups(activityId)).toHaveLength(3)
    expect(audits(activityId, 'cancel')).toHaveLength(1)

    // the call that started it may still be running: the job leaves it alone for 5 minutes
    moveTo(FOLLOW_UP_SETTLE_MS / MIN - 1)
    expect(await runJob()).toMatchObject({ followUps: 0 })
    expect(openSignups(activityId)).toHaveLength(3)

    // 5 minutes on, the job takes it over; the notices die once more
    moveTo(FOLLOW_UP_SETTLE_MS / MIN)
    jest.spyOn(notify, 'notifyCancelled').mockRejectedValueOnce(new Error(DIED))
    expect(await runJob()).toMatchObject({ followUps: 0 })
    expect(openSignups(activityId)).toEqual([])
    expect(changeNotices()).toEqual([])
    expect(marker(activityId).followUpAt).toEqual(at(FOLLOW_UP_SETTLE_MS / MIN))

    // taken over just now: not before another 5 minutes
    moveTo(FOLLOW_UP_SETTLE_MS / MIN + 4)
    expect(await runJob()).toMatchObject({ followUps: 0 })
    moveTo((2 * FOLLOW_UP_SETTLE_MS) / MIN)
    expect(await runJob()).toMatchObject({ followUps: 1 })
    expectToldOnce(crowd)
    expect(marker(activityId)).toEqual({ followUp: undefined, followUpAt: undefined })
    expect(audits(activityId, 'cancel')).toHaveLength(1)
    // and the organiser's later retry finds nothing to do
    expect((await cancel(activityId)).res).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    expectToldOnce(crowd)
  })

  test('edit dies sending the notices: the same save again tells everyone once, copies the title, moves the line up once; one audit entry', async () => {
    const { activityId, crowd } = await crowded(4, 2)
    const edited = { ...activityInput({ title: '村道环境整治（改期）', startAt: inHours(72), endAt: inHours(75), capacity: 3 }), id: activityId }
    jest.spyOn(notify, 'notifyChanged').mockRejectedValueOnce(new Error(DIED))
    expect((await callAs(ADMIN, 'volunteers.saveActivity', edited)).res).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(changeNotices()).toEqual([])
    expect(storedActivity(activityId)).toMatchObject({ capacity: 3, signedCount: 2, waitlistCount: 2 })

    const again = await ok(ADMIN, 'volunteers.saveActivity', edited)
    expect(again).toMatchObject({ title: '村道环境整治（改期）', capacity: 3, signedCount: 3, waitlistCount: 1 })
    expectToldOnce(crowd)
    expect(changeNotices()[0].data).toMatchObject({ thing1: { value: '村道环境整治（改期）' } })
    expect(
      localCloud
        .getOutbox()
        .filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.waitlistPromoted)
        .map((m) => m.touser)
    ).toEqual([crowd[2]])
    expectCountsConsistent(activityId)
    expect(storedSignups(activityId).every((s) => (s as unknown as { activityTitle: string }).activityTitle === '村道环境整治（改期）')).toBe(true)
    expect(audits(activityId, 'update')).toHaveLength(1)
    expect(marker(activityId).followUp).toBeUndefined()

    // saved once more unchanged: nothing sent, nothing written
    const rev = (localCloud.engine.get('volunteer_activities', activityId) as { rev: number }).rev
    await ok(ADMIN, 'volunteers.saveActivity', edited)
    expect((localCloud.engine.get('volunteer_activities', activityId) as { rev: number }).rev).toBe(rev)
    expectToldOnce(crowd)
    expect(audits(activityId, 'update')).toHaveLength(1)

    // a later edit is told again, to everyone still signed up or waiting
    await ok(ADMIN, 'volunteers.saveActivity', { ...edited, description: '请自带手套' })
    expect([...toldTimes().values()]).toEqual([2, 2, 2, 2])
  })

  test('an edit cut short, then another edit before anyone retried: one notice of the latest, both changes audited', async () => {
    const { activityId, crowd } = await crowded(3, 5)
    jest.spyOn(notify, 'notifyChanged').mockRejectedValueOnce(new Error(DIED))
    const first = { ...activityInput({ title: '村道环境整治（改期）' }), id: activityId }
    expect((await callAs(ADMIN, 'volunteers.saveActivity', first)).res).toMatchObject({ ok: false, code: 'INTERNAL' })
    await ok(ADMIN, 'volunteers.saveActivity', { ...first, capacity: 8 })
    expectToldOnce(crowd)
    expect(changeNotices()[0].data).toMatchObject({ thing1: { value: '村道环境整治（改期）' } })
    expect(storedSignups(activityId).every((s) => (s as unknown as { activityTitle: string }).activityTitle === '村道环境整治（改期）')).toBe(true)
    expect(audits(activityId, 'update')).toHaveLength(2)
    expect(marker(activityId).followUp).toBeUndefined()
  })

  test('the job finishes every leftover, page by page, and only those idle for 5 minutes', async () => {
    const template = localCloud.engine.get('volunteer_activities', await publishedActivity()) as Record<string, unknown>
    const n = FOLLOW_UP_PAGE * 2 + 3
    const crowd = givenVolunteers(n)
    const docs = crowd.map((openid, i) => {
      const id = `va_left_${i}`
      // cancelled, audited, and died before anything else: its one person still signed up
      localCloud.engine.insert('activity_signups', {
        ...(localCloud.engine.all('activity_signups')[0] as object),
        _id: `${id}_${userIdFor(openid)}`,
        activityId: id,
        userId: userIdFor(openid),
        openid,
        status: 'signed',
        waitSeq: null,
        flags: [],
        rev: 1
      })
      const followUpAt = at(i === n - 1 ? 2 : -10 - i)
      return {
        ...template,
        _id: id,
        status: 'cancelled',
        facets: ['m', 'm:v:v_dongshan'],
        rev: 3,
        signedCount: 1,
        cancelReason: REASON,
        followUp: { kind: 'cancel', rev: 3, copy: false, notify: true, promote: false, reason: REASON, tries: 0 },
        followUpAt
      }
    })
    localCloud.engine.insert('volunteer_activities', docs)

    expect(await runJob()).toMatchObject({ followUps: n - 1 })
    expect(toldTimes().size).toBe(n - 1)
    expect([...toldTimes().values()].every((k) => k === 1)).toBe(true)
    const left = docs.filter((d) => (localCloud.engine.get('volunteer_activities', d._id) as { followUp?: unknown }).followUp).map((d) => d._id)
    expect(left).toEqual([`va_left_${n - 1}`])
    expect(openSignups(`va_left_${n - 1}`)).toHaveLength(1)
    expect(docs.slice(0, -1).every((d) => openSignups(d._id).length === 0)).toBe(true)

    moveTo(7)
    expect(await runJob()).toMatchObject({ followUps: 1 })
    expectToldOnce(crowd)
  })
})
