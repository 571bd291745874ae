/**
 * Places and the waitlist under concurrency: exactly `capacity` signed, the rest waiting in the
 * order they joined, nobody twice, and the counts right after any mix of cancels and promotions.
 */
import type { RosterRow } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { SUBSCRIBE_TEMPLATE_IDS } from '../../src/contract/subscribe-templates'
import { callAs, freshTown, ok } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { activityInput, expectCountsConsistent, givenVolunteers, inHours, publishedActivity, seedActivityId, storedActivity, storedSignups } from '../helpers/volunteers'
import { userIdFor } from '../../cloudfunctions/_shared/ids'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore, type Store } from '../../cloudfunctions/_shared/store'
import { loadActivity, loadSignup } from '../../cloudfunctions/volunteers/repo'
import { signUp as signUpDirect, withdraw } from '../../cloudfunctions/volunteers/signups'

const signUp = (openid: string, activityId: string) => callAs({ openid }, 'volunteers.signup', { activityId })
const cancel = (openid: string, activityId: string) => callAs({ openid }, 'volunteers.cancelSignup', { activityId })

/** The final place in line of each waiting person, from the organiser's roster (every page of it). */
async function lineOf(activityId: string): Promise<string[]> {
  const roster: RosterRow[] = []
  let cursor: string | undefined
  do {
    const page = await ok('village-admin-dongshan', 'volunteers.roster', { activityId, ...(cursor ? { cursor } : {}) })
    roster.push(...page.items)
    cursor = page.next ?? undefined
  } while (cursor)
  return roster
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map((r) => r.userId)
}

describe('capacity under concurrency', () => {
  beforeEach(() => freshTown())
  afterEach(() => jest.useRealTimers())

  test('200 simultaneous sign-ups for 50 places: 50 signed, 150 waitlisted in the order they joined (places 1..150), nobody twice', async () => {
    const crowd = givenVolunteers(200)
    const activityId = await publishedActivity({ capacity: 50 })
    const results = await Promise.all(crowd.map((openid) => signUp(openid, activityId)))
    for (const { res } of results) expect(res).toMatchObject({ ok: true })

    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed).toHaveLength(50)
    expect(waiting).toHaveLength(150)
    const rows = storedSignups(activityId)
    expect(rows).toHaveLength(200)
    expect(new Set(rows.map((s) => s.userId)).size).toBe(200)

    // one key each, none shared; the line is the key order, and the places shown are 1..150
    expect(new Set(waiting.map((s) => s.waitSeq)).size).toBe(150)
    const byTicket = [...waiting].sort((a, b) => (a.waitSeq ?? 0) - (b.waitSeq ?? 0)).map((s) => s.userId)
    expect(await lineOf(activityId)).toEqual(byTicket)

    // each person's own view agrees with the line
    for (const [i, openid] of crowd.entries()) {
      if (i % 15 !== 0) continue
      const { res } = await callAs({ openid }, 'volunteers.activity', { activityId })
      if (!res.ok) throw new Error(res.message)
      const id = userIdFor(openid)
      const mine = res.data.mine
      if (signed.some((s) => s.userId === id)) expect(mine).toMatchObject({ status: 'signed', position: null })
      else expect(mine).toMatchObject({ status: 'waitlisted', position: byTicket.indexOf(id) + 1 })
    }

    // arrival order: the calls were issued in order and each reached the database in that order —
    // the first 50 took the places and the line is the rest, in the order they came
    const ids = crowd.map(userIdFor)
    expect(new Set(signed.map((s) => s.userId))).toEqual(new Set(ids.slice(0, 50)))
    expect(byTicket).toEqual(ids.slice(50))
    // every response told its caller where they stand
    results.forEach(({ res }, i) => {
      if (!res.ok) return
      expect(res.data.mine).toMatchObject(i < 50 ? { status: 'signed' } : { status: 'waitlisted', position: i - 49 })
    })
  })

  test('10 simultaneous taps by one person sign up once (with a place, and on a full activity)', async () => {
    const [me, other] = givenVolunteers(2)
    const activityId = await publishedActivity({ capacity: 1 })
    const taps = await Promise.all(Array.from({ length: 10 }, () => signUp(me, activityId)))
    for (const { res } of taps) expect(res).toMatchObject({ ok: true, data: { mine: { status: 'signed' } } })
    expect(storedSignups(activityId)).toHaveLength(1)
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 1, waitlistCount: 0 })

    // the activity is full now: ten taps by someone else give one place in line
    const waits = await Promise.all(Array.from({ length: 10 }, () => signUp(other, activityId)))
    for (const { res } of waits) expect(res).toMatchObject({ ok: true, data: { mine: { status: 'waitlisted', position: 1 } } })
    expect(storedSignups(activityId)).toHaveLength(2)
    expectCountsConsistent(activityId)
    expect(storedActivity(activityId).waitlistCount).toBe(1)
  })

  test('taps after a cancellation re-activate the same sign-up once', async () => {
    const [me] = givenVolunteers(1)
    const activityId = await publishedActivity({ capacity: 5 })
    await signUp(me, activityId)
    await cancel(me, activityId)
    expect(storedActivity(activityId).signedCount).toBe(0)
    const taps = await Promise.all(Array.from({ length: 10 }, () => signUp(me, activityId)))
    for (const { res } of taps) expect(res).toMatchObject({ ok: true, data: { mine: { status: 'signed' } } })
    expect(storedSignups(activityId)).toHaveLength(1)
    expectCountsConsistent(activityId)
  })

  test('a cancellation frees a place for the first in line, who is told', async () => {
    const crowd = givenVolunteers(4)
    const activityId = await publishedActivity({ capacity: 2 })
    for (const openid of crowd) await signUp(openid, activityId)
    localCloud.clearOutbox()
    const { res } = await cancel(crowd[0], activityId)
    expect(res).toMatchObject({ ok: true, data: { mine: { status: 'cancelled' } } })
    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed.map((s) => s.userId).sort()).toEqual([crowd[1], crowd[2]].map(userIdFor).sort())
    expect(waiting.map((s) => s.userId)).toEqual([userIdFor(crowd[3])])
    const told = localCloud.getOutbox().filter((m) => m.templateId === SUBSCRIBE_TEMPLATE_IDS.waitlistPromoted)
    expect(told.map((m) => m.touser)).toEqual([crowd[2]])
    const seen = await callAs({ openid: crowd[3] }, 'volunteers.activity', { activityId })
    expect(seen.res).toMatchObject({ ok: true, data: { mine: { status: 'waitlisted', position: 1 }, remaining: 0, waitlistCount: 1 } })
  })

  test('an activity read as full but freed since: the sign-up takes the free place instead of waiting', async () => {
    const [first, second] = givenVolunteers(2)
    const activityId = await publishedActivity({ capacity: 1 })
    await signUp(first, activityId)
    const store = createStore(database())
    const readWhenFull = await loadActivity(store, activityId)
    if (!readWhenFull) throw new Error('activity gone')
    expect(readWhenFull).toMatchObject({ signedCount: 1, waitlistCount: 0 })
    await cancel(first, activityId)
    const who = { userId: userIdFor(second), openid: second, name: second, phone: '13600000000' }
    const { signup } = await signUpDirect(store, readWhenFull, who, null, new Date())
    expect(signup).toMatchObject({ status: 'signed', waitSeq: null })
    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed.map((s) => s.userId)).toEqual([userIdFor(second)])
    expect(waiting).toHaveLength(0)
  })

  test('people who joined the line before its order became the moment of joining (small ticket numbers) stay ahead', async () => {
    const [holder, early, middle, late] = givenVolunteers(4)
    const activityId = await publishedActivity({ capacity: 1 })
    await signUp(holder, activityId)
    await signUp(middle, activityId)
    await signUp(early, activityId)
    // as the old code left them: the activity's token queue, and tickets 1 and 2 (the one who came first holds 1)
    localCloud.engine.update('volunteer_activities', { _id: activityId }, { $set: { queue: ['tokA', 'tokB'], tickets: 2 } })
    localCloud.engine.update('activity_signups', { _id: `${activityId}_${userIdFor(early)}` }, { $set: { waitSeq: 1 } })
    localCloud.engine.update('activity_signups', { _id: `${activityId}_${userIdFor(middle)}` }, { $set: { waitSeq: 2 } })
    const { res } = await signUp(late, activityId)
    expect(res).toMatchObject({ ok: true, data: { mine: { status: 'waitlisted', position: 3 } } })
    expect(storedActivity(activityId)).toMatchObject({ waitlistCount: 3, tickets: 3 })
    await cancel(holder, activityId)
    const { signed } = expectCountsConsistent(activityId)
    expect(signed.map((s) => s.userId)).toEqual([userIdFor(early)])
    expect(await lineOf(activityId)).toEqual([middle, late].map(userIdFor))
  })

  test('a place-in-line key: after the previous one within an instance, following the clock when it is set back by more than a second', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { waitSeqAt } = require('../../cloudfunctions/volunteers/signups') as typeof import('../../cloudfunctions/volunteers/signups')
      const t = Date.UTC(2026, 10, 18, 2, 0, 0)
      const first = waitSeqAt(new Date(t))
      expect(first).toBeGreaterThanOrEqual(t * 1000)
      expect(first).toBeLessThan(t * 1000 + 1000)
      // the same millisecond: after the previous key (its own draw, or the next number); a clock set back by half a second: just after
      const same = waitSeqAt(new Date(t))
      expect(same).toBeGreaterThan(first)
      expect(same).toBeLessThanOrEqual(t * 1000 + 1000)
      expect(waitSeqAt(new Date(t - 500))).toBe(same + 1)
      // a later moment: the clock's own key
      const later = waitSeqAt(new Date(t + 2))
      expect(Math.floor(later / 1000)).toBe(t + 2)
      // a reading ten minutes ahead, then the right time again: the keys follow the clock, not the wrong reading
      const ahead = waitSeqAt(new Date(t + 600_000))
      const back = waitSeqAt(new Date(t + 3))
      expect(back).toBeLessThan(ahead)
      expect(Math.floor(back / 1000)).toBe(t + 3)
    })
  })

  test.each([1, 2, 3])('concurrent cancels, promotions and new sign-ups keep the counts right (round %i)', async (round) => {
    const crowd = givenVolunteers(80, `mix${round}`)
    const activityId = await publishedActivity({ capacity: 20 })
    for (const openid of crowd.slice(0, 60)) await signUp(openid, activityId)
    expect(storedActivity(activityId)).toMatchObject({ signedCount: 20, waitlistCount: 40 })
    // a deterministic shuffle of: 15 signed people cancel, 10 waiting people cancel, 20 newcomers sign up
    const ops = [
      ...crowd.slice(0, 15).map((o) => () => cancel(o, activityId)),
      ...crowd.slice(20 + round, 30 + round).map((o) => () => cancel(o, activityId)),
      ...crowd.slice(60, 80).map((o) => () => signUp(o, activityId))
    ]
    let seed = round * 7919
    for (let i = ops.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      const j = seed % (i + 1)
      ;[ops[i], ops[j]] = [ops[j], ops[i]]
    }
    const results = await Promise.all(ops.map((op) => op()))
    for (const { res } of results) expect(res).toMatchObject({ ok: true })

    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed).toHaveLength(20)
    // 60 + 20 people, 25 left: 20 places, 35 waiting
    expect(waiting).toHaveLength(35)
    const cancelled = new Set([...crowd.slice(0, 15), ...crowd.slice(20 + round, 30 + round)].map(userIdFor))
    for (const s of storedSignups(activityId)) expect(s.status === 'cancelled').toBe(cancelled.has(s.userId))
    // the places went to the earliest in line: everyone still waiting holds a later ticket than every promoted person
    const promoted = signed.filter((s) => s.waitSeq !== null)
    const maxPromoted = Math.max(...promoted.map((s) => s.waitSeq ?? 0))
    for (const w of waiting) expect(w.waitSeq ?? 0).toBeGreaterThan(maxPromoted)
    // positions are 1..35 without gaps
    expect((await lineOf(activityId)).length).toBe(35)
  })

  test('refused: a draft, after the deadline, a cancelled activity, a team activity for a non-member — nothing written', async () => {
    const [me] = givenVolunteers(1)
    const draft = await ok('village-admin-dongshan', 'volunteers.saveActivity', activityInput())
    expect((await signUp(me, draft.id)).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '活动尚未发布' })
    const cancelled = seedActivityId('ds-cancelled')
    expect((await signUp(me, cancelled)).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '活动已取消' })
    clockAt(new Date())
    const closing = await publishedActivity({ signupDeadline: inHours(1) })
    jest.setSystemTime(new Date(Date.now() + 2 * 3600 * 1000))
    expect((await signUp(me, closing)).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '报名已截止' })
    const teamOnly = seedActivityId('ds-env-upcoming')
    expect((await signUp(me, teamOnly)).res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '本活动仅限「东山村环境志愿队」队员报名' })
    for (const id of [draft.id, cancelled, closing, teamOnly]) expect(storedSignups(id).filter((s) => s.userId === userIdFor(me))).toHaveLength(0)
  })

  test('cancelling after the deadline is refused; cancelling twice is the same as once', async () => {
    const [me, late] = givenVolunteers(2)
    const activityId = await publishedActivity({ capacity: 5 })
    await signUp(me, activityId)
    const first = await cancel(me, activityId)
    const second = await cancel(me, activityId)
    expect(first.res).toMatchObject({ ok: true, data: { mine: { status: 'cancelled' } } })
    expect(second.res).toMatchObject({ ok: true, data: { mine: { status: 'cancelled' } } })
    expectCountsConsistent(activityId)
    clockAt(new Date())
    const closing = await publishedActivity({ signupDeadline: inHours(1) })
    await signUp(late, closing)
    jest.setSystemTime(new Date(Date.now() + 2 * 3600 * 1000))
    expect((await cancel(late, closing)).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '报名已截止，不能在线取消；如有变化请联系活动组织者' })
    expect(storedActivity(closing).signedCount).toBe(1)
  })

  /**
   * The local database answers in arrival order; here every request of the sign-up code waits a
   * random number of turns before and after it, so requests of different people interleave in
   * many more ways (a joiner between two steps of a promoter, a cancel between a place and its
   * sign-up, …). Whatever the interleaving, the invariants hold at rest.
   */
  test.each([1, 2, 3, 4, 5, 6])('random interleavings (jittered requests) keep the invariants (seed %i)', async (seed) => {
    let x = seed * 2654435761
    const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const hop = async () => {
      for (let i = Math.floor(rnd() * 5); i > 0; i--) await new Promise((r) => setImmediate(r))
    }
    const base = createStore(database())
    const jitter = <F>(f: F): F =>
      (async (...a: unknown[]) => {
        await hop()
        const r = await (f as (...x: unknown[]) => Promise<unknown>)(...a)
        await hop()
        return r
      }) as F
    const store: Store = {
      ...base,
      find: jitter(base.find),
      findOne: jitter(base.findOne),
      insert: jitter(base.insert),
      updateWhere: jitter(base.updateWhere),
      count: jitter(base.count),
      aggregate: jitter(base.aggregate)
    }
    const crowd = givenVolunteers(50, `jit${seed}`)
    const activityId = await publishedActivity({ capacity: 10 })
    const who = (openid: string) => ({ userId: userIdFor(openid), openid, name: openid, phone: '13600000000' })
    const join = async (openid: string) => {
      const a = await loadActivity(store, activityId)
      if (!a) throw new Error('activity gone')
      return signUpDirect(store, a, who(openid), await loadSignup(store, activityId, userIdFor(openid)), new Date())
    }
    const leave = async (openid: string) => {
      await hop()
      const a = await loadActivity(store, activityId)
      const s = await loadSignup(store, activityId, userIdFor(openid))
      if (a && s) await withdraw(store, a, s, new Date())
    }
    // 30 join at once; then, while 20 more join (some twice), 12 of the first leave
    await Promise.all(crowd.slice(0, 30).map(join))
    expectCountsConsistent(activityId)
    await Promise.all([...crowd.slice(30).map(join), ...crowd.slice(30, 35).map(join), ...crowd.slice(0, 12).map(leave)])
    const { signed, waiting } = expectCountsConsistent(activityId)
    expect(signed).toHaveLength(10)
    expect(waiting).toHaveLength(28)
    expect(storedSignups(activityId)).toHaveLength(50)
    // tickets are unique, and the places went to the front of the line
    const tickets = storedSignups(activityId)
      .map((s) => s.waitSeq)
      .filter((t): t is number => t !== null)
    expect(new Set(tickets).size).toBe(tickets.length)
    const promoted = signed.filter((s) => s.waitSeq !== null).map((s) => s.waitSeq ?? 0)
    if (promoted.length) for (const w of waiting) expect(w.waitSeq ?? 0).toBeGreaterThan(Math.min(...promoted))
  })
})
