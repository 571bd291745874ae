/**
 * The job's repair of the place counters: a sign-up that dies between taking its place (or its
 * ticket) and writing its sign-up leaves a counter one too high. The job records a difference it
 * sees, leaves it alone for 5 minutes, and repairs it only if nothing moved meanwhile.
 */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore, type Store } from '../../cloudfunctions/_shared/store'
import { CHECK_PAGE, checkActivity, countSignups, SETTLE_MS } from '../../cloudfunctions/volunteers/count-check'
import type { VolunteerJobResult } from '../../cloudfunctions/volunteers/job'
import { SUBSCRIBE_TEMPLATE_IDS } from '@/contract/subscribe-templates'
import { loadActivity, loadSignup } from '../../cloudfunctions/volunteers/repo'
import { signUp as signUpDirect, withdraw } from '../../cloudfunctions/volunteers/signups'
import { callAs, dumpAll, freshTown } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { expectCountsConsistent, givenVolunteers, publishedActivity, storedActivity, storedSignup, storedSignups } from '../helpers/volunteers'

const T0 = '2026-11-10T01:00:00Z'
const MIN = 60_000
const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * MIN)
const moveTo = (minutes: number) => jest.setSystemTime(at(minutes))

const TIMER = { Type: 'Timer', TriggerName: 'reminders-and-checkouts', Time: T0 }
async function runJob(): Promise<VolunteerJobResult & { dbRequests: number }> {
  const { result, dbRequests } = await invoke('volunteers', TIMER, null)
  const r = result as { ok: boolean; data: VolunteerJobResult }
  expect(r).toMatchObject({ ok: true })
  return { ...r.data, dbRequests }
}

const signUp = (openid: string, activityId: string) => callAs({ openid }, 'volunteers.signup', { activityId })
const cancel = (openid: string, activityId: string) => callAs({ openid }, 'volunteers.cancelSignup', { activityId })

const DIED = '云函数执行超时'
type Step = 'writing the sign-up' | 'moving the head up' | 'writing the repair’s audit entry'

/** Whether the insert of `step` is this one (its request never reaches the database). */
const diesInserting = (step: Step, coll: string) => (step === 'writing the sign-up' && coll === 'activity_signups') || (step === 'writing the repair’s audit entry' && coll === 'audit_log')

/** The store of a function that dies at `step`: that request never reaches the database, inside a transaction or not. */
function dyingAt(step: Step): Store {
  const base = createStore(database())
  return {
    ...base,
    async insert(coll, doc) {
      if (diesInserting(step, coll)) throw new Error(DIED)
      return base.insert(coll, doc)
    },
    transaction: (run) =>
      base.transaction((tx) =>
        run({
          ...tx,
          async insert(coll, doc) {
            if (diesInserting(step, coll)) throw new Error(DIED)
            return tx.insert(coll, doc)
          }
        })
      ),
    async updateWhere(coll, filter, patch) {
      if (step === 'moving the head up' && coll === 'activity_signups' && (patch as { status?: string }).status === 'signed') throw new Error(DIED)
      return base.updateWhere(coll, filter, patch)
    }
  }
}

const who = (openid: string) => ({ userId: userIdFor(openid), openid, name: openid, phone: '13600000000' })

/** A sign-up that takes its place (or ticket) with the real conditional update, then dies. */
async function diesSigningUp(openid: string, activityId: string): Promise<void> {
  const store = dyingAt('writing the sign-up')
  const a = await loadActivity(store, activityId)
  if (!a) throw new Error('no activity')
  await expect(signUpDirect(store, a, who(openid), null, new Date())).rejects.toThrow(DIED)
}

/**
 * Two places: a signs up, x dies signing up (its place is held by nobody), b joins the line. The job's
 * first look recorded the difference, and 5 minutes have passed: the next look repairs.
 */
async function aPlaceNobodyHoldsRecorded(): Promise<{ activityId: string; waiting: string }> {
  const [a, b, x] = givenVolunteers(3)
  const activityId = await publishedActivity({ capacity: 2 })
  await signUp(a, activityId)
  await diesSigningUp(x, activityId)
  await signUp(b, activityId)
  expect(storedSignup(activityId, userIdFor(b))).toMatchObject({ status: 'waitlisted' })
  await runJob()
  moveTo(5)
  return { activityId, waiting: b }
}

const repairs = (activityId?: string) => localCloud.engine.all('audit_log').filter((e) => e.action === 'repair_counts' && (!activityId || e.targetId === activityId))
const countCheckOf = (activityId: string) => (localCloud.engine.get('volunteer_activities', activityId) as { countCheck?: object } | null)?.countCheck
const promotedTo = () =>
  localCloud
    .getOutbox()
    .filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.waitlistPromoted)
    .map((m) => m.touser)

/** The database without the given activity's countCheck (what a first look may add, and nothing else). */
function dumpWithoutCheck(activityId: string): Record<string, unknown[]> {
  const all = dumpAll()
  all.volunteer_activities = all.volunteer_activities.map((a) => {
    if ((a as { _id: string })._id !== activityId) return a
    const { countCheck: _c, ...rest } = a as { countCheck?: unknown }
    return rest
  })
  return all
}

describe('the job repairs counters left behind by a sign-up that died half-way', () => {
  let warn: jest.SpyInstance
  let error: jest.SpyInstance

  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    // settle whatever the demo data has due (reminders, check-outs) so later runs start from rest
    await runJob()
    localCloud.clearOutbox()
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  test('a place nobody holds: recorded on the first look, left alone for 5 minutes, then repaired and given to the head of the line', async () => {
    const [a, b, c, d, x] = givenVolunteers(5)
    const activityId = await publishedActivity({ capacity: 3 })
    await signUp(a, activityId)
    await signUp(b, activityId)
    await diesSigningUp(x, activityId)
    await signUp(c, activityId)
    await signUp(d, activityId)
    // the counter says full; two sign-ups hold places and two wait
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 3, waitlistCount: 2 })
    expect(storedSignup(activityId, userIdFor(x))).toBeNull()
    expect(storedSignup(activityId, userIdFor(c))).toMatchObject({ status: 'waitlisted' })
    const rev = (localCloud.engine.get('volunteer_activities', activityId) as { countsRev: number }).countsRev
    expect(rev).toBe(5)

    // first look: nothing repaired, what was seen is recorded, nothing else written
    const before = dumpAll()
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    expect(countCheckOf(activityId)).toEqual({ signedCount: 3, waitlistCount: 2, countsRev: rev, signed: 2, waitlisted: 2, at: at(0) })
    expect(dumpWithoutCheck(activityId)).toEqual(before)

    // a later look within 5 minutes changes nothing
    moveTo(SETTLE_MS / MIN - 0.01)
    const recorded = dumpAll()
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    expect(dumpAll()).toEqual(recorded)

    // 5 minutes after the first look, still the same: repaired, and the place goes to c
    moveTo(SETTLE_MS / MIN)
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed.map((s) => s.userId).sort()).toEqual([a, b, c].map(userIdFor).sort())
    expect(waiting.map((s) => s.userId)).toEqual([userIdFor(d)])
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 3, waitlistCount: 1 })
    expect(countCheckOf(activityId)).toBeUndefined()
    expect(storedSignup(activityId, userIdFor(c))).toMatchObject({ status: 'signed', promotedAt: at(SETTLE_MS / MIN) })
    expect(promotedTo()).toEqual([c])
    expect(repairs()).toEqual([
      expect.objectContaining({
        targetType: 'volunteer_activity',
        targetId: activityId,
        by: 'system',
        at: at(SETTLE_MS / MIN),
        detail: { source: 'count_check', before: { signedCount: 3, waitlistCount: 2 }, after: { signedCount: 2, waitlistCount: 2 }, firstSeenAt: at(0) }
      })
    ])
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${activityId}: counters left behind by an interrupted sign-up`))
    expect(error).not.toHaveBeenCalled()

    // c's view, and d's place in line, agree
    const seen = await callAs({ openid: d }, 'volunteers.activity', { activityId })
    expect(seen.res).toMatchObject({ ok: true, data: { mine: { status: 'waitlisted', position: 1 }, remaining: 0, waitlistCount: 1 } })

    // at rest again: later runs write nothing
    moveTo(20)
    const repaired = dumpAll()
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    expect(dumpAll()).toEqual(repaired)
  })

  test('a ticket nobody holds (died joining the line): repaired, and the free place is taken directly again', async () => {
    const [a, b, x] = givenVolunteers(3)
    const activityId = await publishedActivity({ capacity: 1 })
    await signUp(a, activityId)
    await diesSigningUp(x, activityId)
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 1, waitlistCount: 1 })
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    moveTo(6)
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 1, waitlistCount: 0 })
    expect(repairs(activityId)[0].detail).toMatchObject({ before: { signedCount: 1, waitlistCount: 1 }, after: { signedCount: 1, waitlistCount: 0 } })
    await cancel(a, activityId)
    const { res } = await signUp(b, activityId)
    expect(res).toMatchObject({ ok: true, data: { mine: { status: 'signed', position: null } } })
    expect(storedSignup(activityId, userIdFor(b))).toMatchObject({ status: 'signed', waitSeq: null })
    expectCountsConsistent(activityId)
  })

  test('a promotion that died after taking the place: the head still waits; repaired, then moved up', async () => {
    const [a, c] = givenVolunteers(2)
    const activityId = await publishedActivity({ capacity: 1 })
    await signUp(a, activityId)
    await signUp(c, activityId)
    const store = dyingAt('moving the head up')
    const act = await loadActivity(store, activityId)
    const mine = await loadSignup(store, activityId, userIdFor(a))
    if (!act || !mine) throw new Error('missing')
    await expect(withdraw(store, act, mine, new Date())).rejects.toThrow(DIED)
    // a left, the counters moved c up, c's sign-up never flipped
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 1, waitlistCount: 0 })
    expect(storedSignup(activityId, userIdFor(c))).toMatchObject({ status: 'waitlisted' })

    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    moveTo(5)
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    expect(repairs(activityId)[0].detail).toMatchObject({ before: { signedCount: 1, waitlistCount: 0 }, after: { signedCount: 0, waitlistCount: 1 } })
    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed.map((s) => s.userId)).toEqual([userIdFor(c)])
    expect(waiting).toHaveLength(0)
    expect(promotedTo()).toEqual([c])
    expect(error).not.toHaveBeenCalled()
  })

  test('a counter lower than the sign-ups (places given beyond the count): repaired the same way, and logged as an error', async () => {
    const crowd = givenVolunteers(3)
    const activityId = await publishedActivity({ capacity: 3 })
    for (const o of crowd) await signUp(o, activityId)
    localCloud.engine.update('volunteer_activities', { _id: activityId }, { $inc: { signedCount: -1 } })
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    expect(countCheckOf(activityId)).toMatchObject({ signedCount: 2, signed: 3 })
    expect(error).not.toHaveBeenCalled()
    moveTo(7)
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    expectCountsConsistent(activityId)
    expect(storedActivity(activityId).signedCount).toBe(3)
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`${activityId}: 3 people hold a place but signedCount was 2`))
  })

  test('a sign-up between the two looks prevents the repair; the job starts over and repairs later', async () => {
    const [a, b, x] = givenVolunteers(3)
    const activityId = await publishedActivity({ capacity: 3 })
    await signUp(a, activityId)
    await diesSigningUp(x, activityId)
    await runJob()
    expect(countCheckOf(activityId)).toMatchObject({ signedCount: 2, signed: 1, at: at(0) })

    moveTo(2)
    expect((await signUp(b, activityId)).res).toMatchObject({ ok: true, data: { mine: { status: 'signed' } } })
    moveTo(6)
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    // nothing broken: b holds a place, the dead one's place is still counted, the new look recorded
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 3, waitlistCount: 0 })
    expect(storedSignups(activityId).map((s) => s.status)).toEqual(['signed', 'signed'])
    expect(countCheckOf(activityId)).toMatchObject({ signedCount: 3, signed: 2, at: at(6) })
    expect(repairs()).toHaveLength(0)

    moveTo(10)
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    moveTo(11)
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    expectCountsConsistent(activityId)
    expect(storedActivity(activityId).signedCount).toBe(2)
  })

  test('a sign-up and a cancel between the two looks (the counters back where they were) also prevent it', async () => {
    const [a, b, x] = givenVolunteers(3)
    const activityId = await publishedActivity({ capacity: 5 })
    await signUp(a, activityId)
    await diesSigningUp(x, activityId)
    await runJob()
    const first = countCheckOf(activityId)
    moveTo(1)
    await signUp(b, activityId)
    await cancel(b, activityId)
    // same counters, same count of sign-ups as recorded — but they moved meanwhile
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 2, waitlistCount: 0 })
    moveTo(6)
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    expect(countCheckOf(activityId)).toMatchObject({ signedCount: 2, signed: 1, at: at(6) })
    expect(countCheckOf(activityId)).not.toEqual(first)
    moveTo(12)
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    expectCountsConsistent(activityId)
  })

  test('a difference that resolves itself (a sign-up in flight) is forgotten, not repaired', async () => {
    const [a, x] = givenVolunteers(2)
    const activityId = await publishedActivity({ capacity: 5 })
    await signUp(a, activityId)
    // the first step of x's sign-up, as the job sees it mid-flight
    localCloud.engine.update('volunteer_activities', { _id: activityId }, { $inc: { signedCount: 1, countsRev: 1 } })
    await runJob()
    expect(countCheckOf(activityId)).toMatchObject({ signedCount: 2, signed: 1 })
    // … and its second step
    localCloud.engine.insert('activity_signups', { ...localCloud.engine.get('activity_signups', `${activityId}_${userIdFor(a)}`), _id: `${activityId}_${userIdFor(x)}`, userId: userIdFor(x) })
    moveTo(6)
    expect(await runJob()).toMatchObject({ countsRepaired: 0 })
    expect(countCheckOf(activityId)).toBeUndefined()
    expectCountsConsistent(activityId)
    expect(repairs()).toHaveLength(0)
  })

  test('a repair that dies writing its audit entry changes nothing (counters and entry are one transaction); the next run repairs', async () => {
    const { activityId } = await aPlaceNobodyHoldsRecorded()
    const base = createStore(database())
    const before = dumpAll()
    const activity = await loadActivity(base, activityId)
    if (!activity) throw new Error('no activity')
    const counted = (await countSignups(base, [activityId])).get(activityId) ?? { signed: 0, waitlisted: 0 }
    await expect(checkActivity(dyingAt('writing the repair’s audit entry'), activity, counted, at(5))).rejects.toThrow(DIED)
    expect(dumpAll()).toEqual(before)
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 2, waitlistCount: 1 })
    expect(await runJob()).toMatchObject({ countsRepaired: 1 })
    expect(repairs(activityId)).toHaveLength(1)
    expect(expectCountsConsistent(activityId).signed).toHaveLength(2)
  })

  test('five jobs at once after 5 minutes repair once', async () => {
    const { activityId, waiting } = await aPlaceNobodyHoldsRecorded()
    const runs = await Promise.all(Array.from({ length: 5 }, () => runJob()))
    expect(runs.reduce((n, r) => n + r.countsRepaired, 0)).toBe(1)
    expect(repairs()).toHaveLength(1)
    const { signed } = expectCountsConsistent(activityId)
    expect(signed).toHaveLength(2)
    expect(promotedTo()).toEqual([waiting])
  })

  test('healthy activities are never touched: several looks over 20 minutes write nothing', async () => {
    const crowd = givenVolunteers(12)
    const full = await publishedActivity({ capacity: 4 })
    const roomy = await publishedActivity({ capacity: 20, title: '敬老院探访' })
    for (const o of crowd) await signUp(o, full)
    for (const o of crowd.slice(0, 6)) await signUp(o, roomy)
    await cancel(crowd[0], full)
    await cancel(crowd[9], full)
    await cancel(crowd[1], roomy)
    expectCountsConsistent(full)
    expectCountsConsistent(roomy)
    const before = dumpAll()
    for (const minutes of [0, 3, 6, 12, 20]) {
      moveTo(minutes)
      const r = await runJob()
      expect(r).toMatchObject({ countsRepaired: 0, reminded: 0, closed: 0 })
      expect(r.countsChecked).toBeGreaterThanOrEqual(2)
    }
    expect(dumpAll()).toEqual(before)
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })

  test('only open activities are looked at, page by page through the (status, endAt) index, ties included', async () => {
    const template = localCloud.engine.get('volunteer_activities', await publishedActivity()) as Record<string, unknown>
    const end = new Date(at(0).getTime() + 72 * 3600_000)
    const broken: string[] = []
    const docs: object[] = []
    // 2 pages and a half, most ending at the same moment; plus a draft and one already over
    for (let i = 0; i < CHECK_PAGE * 2 + 20; i++) {
      const id = `va_page_${String(i).padStart(3, '0')}`
      broken.push(id)
      docs.push({ ...template, _id: id, endAt: i < 20 ? new Date(end.getTime() - i * MIN) : end, signedCount: 1, remindAt: null, closeAt: null })
    }
    docs.push({ ...template, _id: 'va_page_draft', status: 'draft', signedCount: 1 }, { ...template, _id: 'va_page_over', endAt: at(-1), signedCount: 1, remindAt: null, closeAt: null })
    localCloud.engine.insert('volunteer_activities', docs)
    const open = localCloud.engine.all('volunteer_activities').filter((a) => a.status === 'published' && new Date(a.endAt as Date) > at(0)).length
    const r = await runJob()
    expect(r.countsChecked).toBe(open)
    for (const id of broken) expect(countCheckOf(id)).toMatchObject({ signedCount: 1, signed: 0 })
    expect(countCheckOf('va_page_draft')).toBeUndefined()
    expect(countCheckOf('va_page_over')).toBeUndefined()
    // settings, the leftover follow-ups, two due-lists, then per page a find and one aggregate, and one record
    // per broken activity; one (empty) page of registrations still holding a plain ID number
    const pages = Math.floor(open / CHECK_PAGE) + 1
    expect(r.dbRequests).toBe(4 + pages + Math.ceil(open / CHECK_PAGE) + broken.length + 1)
    moveTo(5)
    expect(await runJob()).toMatchObject({ countsRepaired: broken.length })
    for (const id of broken) expect(storedActivity(id).signedCount).toBe(0)
  })
})

describe('200 concurrent sign-ups interleaved with job runs', () => {
  beforeEach(async () => {
    clockAt(T0)
    await freshTown()
    await runJob()
    jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  /** Waits `turns` rounds of the event loop, so calls start at different points of each other's steps. */
  const after = async (turns: number) => {
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r))
  }

  test.each([0, 2, 4, 8, 15, 30])('counters end equal to the committed sign-ups, never above capacity (sign-ups start %i turns after the first job)', async (offset) => {
    const crowd = givenVolunteers(230, `burst${offset}`)
    const early = crowd.slice(0, 30)
    const [x] = givenVolunteers(1, `dead${offset}`)
    const activityId = await publishedActivity({ capacity: 50 })
    for (const o of early) await signUp(o, activityId)
    await diesSigningUp(x, activityId)
    await runJob()
    expect(countCheckOf(activityId)).toMatchObject({ signedCount: 31, signed: 30 })

    // 5 minutes later (the record is due): 12 job runs, 200 sign-ups and 10 cancels at once, the
    // people arriving a few turns after the first job (which may repair before they move anything)
    moveTo(5)
    const calls = [
      ...crowd.slice(30).map((o, i) => after(offset + (i % 10)).then(() => signUp(o, activityId))),
      ...early.slice(0, 10).map((o) => after(2 + offset).then(() => cancel(o, activityId))),
      ...Array.from({ length: 12 }, (_, i) => after(i * 3).then(() => invoke('volunteers', TIMER, null)))
    ]
    const results = await Promise.all(calls)
    for (const r of results) expect(r).toMatchObject('res' in r ? { res: { ok: true } } : { result: { ok: true } })
    // at rest after the burst: the dead sign-up's place is either still counted or was repaired
    // by a job that looked before the burst moved the counters — nothing else is off
    const mid = storedSignups(activityId)
    const held = mid.filter((s) => s.status === 'signed').length
    const inLine = mid.filter((s) => s.status === 'waitlisted').length
    const stored = storedActivity(activityId)
    expect([
      [0, 0],
      [1, 0]
    ]).toContainEqual([stored.signedCount - held, stored.waitlistCount - inLine])
    expect(repairs(activityId)).toHaveLength(stored.signedCount === held ? 1 : 0)
    expect(stored.signedCount).toBeLessThanOrEqual(50)

    // at rest: a look, and 5 minutes later another, leave the counters exactly the sign-ups
    await runJob()
    moveTo(10)
    await runJob()
    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed).toHaveLength(50)
    expect(waiting).toHaveLength(230 - 10 - 50)
    expect(repairs(activityId)).toHaveLength(1)
    expect(repairs(activityId)[0].detail).toMatchObject({ source: 'count_check' })
    expect(countCheckOf(activityId)).toBeUndefined()
  })
})
