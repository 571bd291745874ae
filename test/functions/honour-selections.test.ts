/** 评选: windows, nomination review, vote limits under concurrency, privacy of voters, winners → board. */
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok, userIdOf } from '../helpers/town'
import { clockAt } from '../helpers/reports'
import { approvedCandidate, createdSelection, votingCandidate } from '../helpers/honour'
import { ballotIdOf } from '../../cloudfunctions/honour/rules'
import { givenVolunteers } from '../helpers/volunteers'
import { dailyCounts } from '../helpers/safeguards'

const T0 = '2026-11-02T02:00:00Z'
const HOUR = 3600 * 1000
const moveTo = (hours: number) => jest.setSystemTime(new Date(new Date(T0).getTime() + hours * HOUR))
const story = '多年照顾邻居孤寡老人，风雨无阻'

beforeEach(async () => {
  await freshTown()
  clockAt(T0)
})
afterEach(() => jest.useRealTimers())

/**
 * A town selection in its voting (2 a day, 3 in all, one winner) with these approved candidates (their
 * ids, in order), as the versions before tallies left it: no tally (the test adds the old ballots and records).
 */
async function aSelectionWithoutTally(...names: string[]): Promise<{ selectionId: string; ids: string[]; engine: typeof localCloud.engine }> {
  const selectionId = await createdSelection('town-admin', null, { winners: 1, votesPerDay: 2, votesTotal: 3, noticeDays: 0 }, -1)
  const ids: string[] = []
  for (const name of names) ids.push(await approvedCandidate(selectionId, 'town-admin', name))
  localCloud.engine.remove('selection_tallies', { _id: selectionId })
  return { selectionId, ids, engine: localCloud.engine }
}

describe('creating and nominating', () => {
  test("a village admin runs their village's selections only; the town office the town's", async () => {
    const before = dumpAll()
    const { selectionInput } = await import('../helpers/honour')
    expect((await callAs('village-admin-xigang', 'honour.saveSelection', selectionInput('v_dongshan'))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('village-admin-dongshan', 'honour.saveSelection', selectionInput(null))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('resident-1', 'honour.saveSelection', selectionInput('v_dongshan'))).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(dumpAll()).toEqual(before)
    const bad = await callAs('town-admin', 'honour.saveSelection', selectionInput(null, { votesPerDay: 5, votesTotal: 2 }))
    expect(bad.res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const id = await createdSelection('village-admin-dongshan', 'v_dongshan')
    const s = await ok('resident-1', 'honour.selection', { selectionId: id })
    expect(s).toMatchObject({ phase: 'nominating', scopeName: '东山村', candidates: [], canManage: false })
    expect((await callAs('resident-3', 'honour.selection', { selectionId: id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const town = await createdSelection('town-admin', null)
    expect((await ok('resident-3', 'honour.selections', {})).items.map((x) => x.id)).toEqual([town])
    expect((await ok('resident-1', 'honour.selections', {})).items.map((x) => x.id).sort()).toEqual([id, town].sort())
  })

  test('nomination is open only in its window; the admin reviews; approved candidates appear', async () => {
    const id = await createdSelection('village-admin-dongshan', 'v_dongshan')
    const mine = await ok('resident-1', 'honour.nominate', { selectionId: id, subject: 'person', name: '王秀兰', story })
    const other = await ok('resident-2', 'honour.nominate', { selectionId: id, subject: 'household', name: '李大爷家', story })
    expect(mine).toMatchObject({ status: 'pending', votes: 0 })
    expect((await ok('resident-1', 'honour.selection', { selectionId: id })).candidates).toEqual([])

    expect((await callAs('village-admin-xigang', 'honour.reviewCandidate', { candidateId: mine.id, approve: true })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('village-admin-dongshan', 'honour.reviewCandidate', { candidateId: other.id, approve: false })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    await ok('village-admin-dongshan', 'honour.reviewCandidate', { candidateId: mine.id, approve: true })
    const rejected = await ok('village-admin-dongshan', 'honour.reviewCandidate', { candidateId: other.id, approve: false, reason: '不符合参评条件' })
    expect(rejected).toMatchObject({ status: 'rejected', reason: '不符合参评条件' })
    expect((await callAs('village-admin-dongshan', 'honour.reviewCandidate', { candidateId: other.id, approve: true })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    const pending = await ok('village-admin-dongshan', 'honour.candidates', { selectionId: id, status: 'rejected' })
    expect(pending.items.map((c) => c.id)).toEqual([other.id])
    expect((await ok('resident-2', 'honour.selection', { selectionId: id })).candidates.map((c) => c.name)).toEqual(['王秀兰'])

    moveTo(49) // nomination closed, voting open
    expect((await callAs('resident-1', 'honour.nominate', { selectionId: id, subject: 'person', name: '张三', story })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await callAs('resident-1', 'honour.nominate', { selectionId: id, subject: 'person', name: '张三', story: `他常去${'赌博'}场所劝人回家` })).res).toMatchObject({ ok: false })
  })

  test('a retried nomination (same person, same key) is the same nomination: one candidate, one slot of the daily cap, answered even after nominating closed', async () => {
    const id = await createdSelection('village-admin-dongshan', 'v_dongshan')
    const input = { selectionId: id, subject: 'person' as const, name: '王秀兰', story, clientKey: 'nominate-key-0001' }
    const first = await ok('resident-1', 'honour.nominate', input)
    const slots = () => dailyCounts().filter((d) => d.kind === 'nomination')
    const taken = slots().reduce((n, d) => n + d.count, 0)
    const snap = dumpAll()
    // the answer was lost: the page sends it again, even with the same key twice at once
    const again = await Promise.all([ok('resident-1', 'honour.nominate', input), ok('resident-1', 'honour.nominate', input)])
    expect(again).toEqual([first, first])
    expect(dumpAll()).toEqual(snap)
    expect(slots().reduce((n, d) => n + d.count, 0)).toBe(taken)
    // another person's same key is their own nomination; the same key for another selection is refused
    const theirs = await ok('resident-2', 'honour.nominate', input)
    expect(theirs.id).not.toBe(first.id)
    const other = await createdSelection('village-admin-dongshan', 'v_dongshan')
    expect((await callAs('resident-1', 'honour.nominate', { ...input, selectionId: other })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    // two taps of a first send at once: one nomination, both answered with it
    const [a, b] = await Promise.all([
      ok('resident-1', 'honour.nominate', { ...input, clientKey: 'nominate-key-0003' }),
      ok('resident-1', 'honour.nominate', { ...input, clientKey: 'nominate-key-0003' })
    ])
    expect(b.id).toBe(a.id)
    moveTo(49) // nominating closed: the retry still answers what was made, a new key is refused
    expect(await ok('resident-1', 'honour.nominate', input)).toEqual(first)
    expect((await callAs('resident-1', 'honour.nominate', { ...input, clientKey: 'nominate-key-0002' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(localCloud.engine.all('selection_candidates').filter((c) => (c as { selectionId: string }).selectionId === id)).toHaveLength(3)
  })

  test('voting is open only in its window and only on approved candidates', async () => {
    const id = await createdSelection('village-admin-dongshan', 'v_dongshan')
    const cand = await approvedCandidate(id, 'village-admin-dongshan')
    const pending = await ok('resident-2', 'honour.nominate', { selectionId: id, subject: 'person', name: '未审核', story })
    expect((await callAs('resident-1', 'honour.vote', { candidateId: cand })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    moveTo(49)
    expect((await callAs('resident-1', 'honour.vote', { candidateId: pending.id })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect((await callAs('resident-3', 'honour.vote', { candidateId: cand })).res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await ok('resident-1', 'honour.vote', { candidateId: cand })).toMatchObject({ votes: 1, myBallot: { votedToday: 1, remainingToday: 0 } })
    moveTo(48 + 24 * 7 + 1)
    expect((await callAs('resident-2', 'honour.vote', { candidateId: cand })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
  })
})

describe('vote limits', () => {
  test('100 simultaneous votes from one person with a limit of 1 a day → exactly 1 vote, clean refusals', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 10 })
    const results = await Promise.all(Array.from({ length: 100 }, () => callAs('resident-1', 'honour.vote', { candidateId })))
    const oks = results.filter((r) => r.res.ok)
    expect(oks).toHaveLength(1)
    for (const r of results.filter((x) => !x.res.ok)) expect(r.res).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    const s = await ok('resident-2', 'honour.selection', { selectionId })
    expect(s.candidates[0].votes).toBe(1)
    expect((await ok('resident-1', 'honour.selection', { selectionId })).myBallot).toEqual({ votedToday: 1, votedTotal: 1, remainingToday: 0, remainingTotal: 9 })
  })

  test('a limit of 3 a day holds under 50 simultaneous taps, and the total holds across days', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 3, votesTotal: 5 })
    const day1 = await Promise.all(Array.from({ length: 50 }, () => callAs('resident-1', 'honour.vote', { candidateId })))
    expect(day1.filter((r) => r.res.ok)).toHaveLength(3)
    moveTo(24)
    const day2 = await Promise.all(Array.from({ length: 50 }, () => callAs('resident-1', 'honour.vote', { candidateId })))
    expect(day2.filter((r) => r.res.ok)).toHaveLength(2)
    moveTo(48)
    const day3 = await callAs('resident-1', 'honour.vote', { candidateId })
    expect(day3.res).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect((day3.res as { message: string }).message).toContain('全部投出')
    const s = await ok('resident-1', 'honour.selection', { selectionId })
    expect(s.candidates[0].votes).toBe(5)
    expect(s.myBallot).toMatchObject({ votedTotal: 5, remainingTotal: 0 })
  })

  test('a vote is the ballot and the count together, one write: if it cannot be written, nothing is counted and the ballot keeps its unit', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 3 })
    const engine = localCloud.engine
    const before = engine.get('selection_tallies', selectionId)
    const DIED = 'the database failed while counting the vote'
    let died = false
    const realUpdate = engine.update.bind(engine)
    jest.spyOn(engine, 'update').mockImplementation((coll, ...rest) => {
      if (!died && coll === 'selection_tallies') {
        died = true
        throw new Error(DIED)
      }
      return realUpdate(coll, ...rest)
    })
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect((await callAs('resident-1', 'honour.vote', { candidateId })).res).toMatchObject({ ok: false, code: 'INTERNAL' })
      expect(died).toBe(true)
    } finally {
      jest.restoreAllMocks()
    }
    // nothing of the failed attempt is stored: no ballot, no count
    expect(engine.get('selection_tallies', selectionId)).toEqual(before)
    expect((await ok('resident-1', 'honour.selection', { selectionId })).myBallot).toMatchObject({ votedToday: 0, votedTotal: 0 })
    // the retry counts: the failed attempt took nothing from today's single vote
    expect(await ok('resident-1', 'honour.vote', { candidateId })).toMatchObject({ votes: 1, myBallot: { votedToday: 1, votedTotal: 1 } })
    expect((await ok('resident-2', 'honour.selection', { selectionId })).candidates[0].votes).toBe(1)
  })

  test('60 people voting for one candidate at the same instant are all counted, without conflicting with each other', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 1 })
    const crowd = givenVolunteers(60, 'voter')
    const conflictsBefore = localCloud.engine.stats.transactionConflicts
    const results = await Promise.all(crowd.map((openid) => callAs({ openid }, 'honour.vote', { candidateId })))
    expect(results.filter((r) => !r.res.ok)).toEqual([])
    // a vote is one conditional update of the tally, no transaction: nothing to conflict or try again
    expect(localCloud.engine.stats.transactionConflicts).toBe(conflictsBefore)
    for (const r of results) expect(r.dbRequests).toBe(3)
    // the candidate is not written by a vote: it is as it was approved
    expect(localCloud.engine.get('selection_candidates', candidateId)).toMatchObject({ votes: 0 })
    const tally = localCloud.engine.get('selection_tallies', selectionId) as { counts: Record<string, number>; ballots: Record<string, { t: number }> }
    expect(tally.counts).toEqual({ [candidateId]: 60 })
    expect(Object.keys(tally.ballots)).toHaveLength(60)
    for (const r of results) expect((r.res as { data: { votes: number } }).data.votes).toBeGreaterThanOrEqual(1)
    expect(Math.max(...results.map((r) => (r.res as { data: { votes: number } }).data.votes))).toBe(60)
    expect((await ok('resident-2', 'honour.selection', { selectionId })).candidates[0].votes).toBe(60)
    expect((await ok('town-admin', 'honour.candidates', { selectionId })).items[0].votes).toBe(60)
  })

  test('40 people voting for one candidate at the same instant are all counted', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 1 })
    const crowd = givenVolunteers(40, 'voter')
    const results = await Promise.all(crowd.map((openid) => callAs({ openid }, 'honour.vote', { candidateId })))
    expect(results.filter((r) => !r.res.ok)).toEqual([])
    expect((await ok('resident-2', 'honour.selection', { selectionId })).candidates[0].votes).toBe(40)
  })

  test('voters are never revealed: no response names them and votes are not stored by candidate', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 2, votesTotal: 5 })
    const voters = ['resident-1', 'resident-3', 'resident-5', 'volunteer-1']
    const responses: unknown[] = []
    for (const v of voters) responses.push((await callAs(v, 'honour.vote', { candidateId })).res)
    for (const who of ['town-admin', 'resident-1', 'resident-2']) responses.push((await callAs(who, 'honour.selection', { selectionId })).res)
    responses.push((await callAs('town-admin', 'honour.candidates', { selectionId })).res)
    await ok('town-admin', 'honour.closeSelection', { selectionId })
    moveTo(24 * 6)
    responses.push((await callAs('town-admin', 'honour.publishWinners', { selectionId, publish: true })).res)
    responses.push((await callAs('resident-1', 'honour.selection', { selectionId })).res)
    const text = JSON.stringify(responses)
    for (const v of voters) {
      expect(text).not.toContain(userIdOf(v))
      expect(text).not.toContain(`demo-${v}`)
    }
    const stored = JSON.stringify([localCloud.engine.all('selection_tallies'), localCloud.engine.all('selection_candidates')])
    for (const v of voters) {
      expect(stored).not.toContain(userIdOf(v))
      expect(stored).not.toContain(`demo-${v}`)
    }
    // the old design's collections are not written any more
    expect(localCloud.engine.all('selection_ballots')).toEqual([])
    expect(localCloud.engine.all('selection_votes')).toEqual([])
  })

  test('the tally holds sums only: no user, openid or time, and no ballot tied to a candidate', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 2, votesTotal: 5 })
    const other = await approvedCandidate(selectionId, 'town-admin', '另一家', 'resident-4')
    const voters = ['resident-1', 'resident-3', 'resident-5', 'volunteer-1']
    for (const v of voters) await ok(v, 'honour.vote', { candidateId })
    await ok('resident-3', 'honour.vote', { candidateId: other })
    moveTo(24)
    await ok('resident-1', 'honour.vote', { candidateId })
    const tallies = localCloud.engine.all('selection_tallies') as Array<Record<string, unknown>>
    const tally = tallies.find((t) => t._id === selectionId) as { _id: string; closed: boolean; counts: Record<string, number>; ballots: Record<string, { t: number; d: Record<string, number> }> }
    // the selection, whether it is closed, the sums per candidate and per ballot, the votes in all: nothing else
    expect(Object.keys(tally).sort()).toEqual(['_id', 'ballots', 'closed', 'counts', 'total'])
    expect(tally.counts).toEqual({ [candidateId]: 5, [other]: 1 })
    expect(tally).toMatchObject({ total: 6 })
    expect(Object.keys(tally.ballots).sort()).toEqual(voters.map((v) => ballotIdOf(selectionId, userIdOf(v))).sort())
    // a ballot holds its total and its votes per China day, nothing that names a candidate
    expect(tally.ballots[ballotIdOf(selectionId, userIdOf('resident-1'))]).toEqual({ t: 2, d: { d20261102: 1, d20261103: 1 } })
    expect(tally.ballots[ballotIdOf(selectionId, userIdOf('resident-3'))]).toEqual({ t: 2, d: { d20261102: 2 } })
    const text = JSON.stringify(tallies)
    for (const v of voters) {
      expect(text).not.toContain(userIdOf(v))
      expect(text).not.toContain(`demo-${v}`)
    }
    for (const b of Object.values(tally.ballots)) expect(Object.keys(b).sort()).toEqual(['d', 't'])
    expect(text).not.toMatch(/2026-|\$date|openid|userId/i)
  })
})

describe('closing and publishing', () => {
  test('results by votes, 公示, then the top N go onto an honour board in one step', async () => {
    const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan', { winners: 2, votesPerDay: 3, votesTotal: 3, noticeDays: 5 }, -1)
    const a = await approvedCandidate(selectionId, 'village-admin-dongshan', '甲家')
    const b = await approvedCandidate(selectionId, 'village-admin-dongshan', '乙家')
    const c = await approvedCandidate(selectionId, 'village-admin-dongshan', '丙家')
    for (const [who, cand] of [
      ['resident-1', b],
      ['resident-2', b],
      ['volunteer-1', b],
      ['resident-1', c],
      ['resident-2', c],
      ['resident-1', a]
    ] as const)
      await ok(who, 'honour.vote', { candidateId: cand })
    expect((await callAs('town-admin', 'honour.publishWinners', { selectionId, publish: true })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await callAs('village-admin-xigang', 'honour.closeSelection', { selectionId })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const closed = await ok('village-admin-dongshan', 'honour.closeSelection', { selectionId })
    expect(closed.phase).toBe('notice')
    expect(closed.candidates.map((x) => [x.name, x.votes, x.rank, x.winner])).toEqual([
      ['乙家', 3, 1, true],
      ['丙家', 2, 2, true],
      ['甲家', 1, 3, false]
    ])
    expect((await callAs('resident-1', 'honour.vote', { candidateId: a })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    moveTo(24 * 3)
    expect((await callAs('village-admin-dongshan', 'honour.publishWinners', { selectionId, publish: true })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    moveTo(24 * 5 + 1)
    const [p1, p2] = await Promise.all([
      callAs('village-admin-dongshan', 'honour.publishWinners', { selectionId, publish: true }),
      callAs('village-admin-dongshan', 'honour.publishWinners', { selectionId, publish: true })
    ])
    expect(p1.res.ok || p2.res.ok).toBe(true)
    const board = (p1.res.ok ? p1.res.data : (p2.res as unknown as { data: never }).data) as {
      id: string
      status: string
      entries: Array<{ name: string; categoryLabel: string }>
      scopeName: string
      selectionId: string
    }
    expect(board).toMatchObject({ status: 'published', scopeName: '东山村', selectionId })
    expect(board.entries.map((e) => e.name)).toEqual(['乙家', '丙家'])
    expect(board.entries[0].categoryLabel).toBe('孝老爱亲')
    expect(localCloud.engine.all('honour_boards').filter((x) => (x as { selectionId: string | null }).selectionId === selectionId)).toHaveLength(1)
    expect((await ok('resident-1', 'honour.boards', {})).items.map((x) => x.id)).toContain(board.id)
    expect(await ok('resident-1', 'honour.selection', { selectionId })).toMatchObject({ phase: 'published', boardId: board.id })
  })

  test('closing freezes the counts onto the candidates: later records change nothing, a second close adds nothing', async () => {
    const selectionId = await createdSelection('town-admin', null, { winners: 1, votesPerDay: 3, votesTotal: 3, noticeDays: 0 }, -1)
    const a = await approvedCandidate(selectionId, 'town-admin', '甲家')
    const b = await approvedCandidate(selectionId, 'town-admin', '乙家')
    for (const [who, cand] of [
      ['resident-1', a],
      ['resident-2', a],
      ['volunteer-1', b],
      ['resident-1', b],
      ['resident-2', b]
    ] as const)
      await ok(who, 'honour.vote', { candidateId: cand })
    const engine = localCloud.engine
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 0 })
    const closed = await ok('town-admin', 'honour.closeSelection', { selectionId })
    expect(closed.candidates.map((x) => [x.name, x.votes])).toEqual([
      ['乙家', 3],
      ['甲家', 2]
    ])
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 2, votesFrozen: true })
    expect(engine.get('selection_candidates', b)).toMatchObject({ votes: 3, votesFrozen: true })
    expect(engine.get('selections', selectionId)).toMatchObject({ votesFrozenAt: expect.any(Date) })
    // the tally is closed before the freeze — its ballots deleted in the same update, as no vote can be
    // counted after it — and its counts are what was frozen: a vote that checked the window just before
    // the close is refused, not counted
    expect(engine.get('selection_tallies', selectionId)).toEqual({ _id: selectionId, closed: true, counts: { [a]: 2, [b]: 3 }, total: 5 })
    // the page after the close: no ballot to read, nothing left to vote
    expect((await ok('resident-1', 'honour.selection', { selectionId })).myBallot).toEqual({ votedToday: 0, votedTotal: 0, remainingToday: 0, remainingTotal: 0 })
    const selection = engine.get('selections', selectionId)
    engine.update('selections', { _id: selectionId }, { $set: { closedAt: null } })
    expect((await callAs('resident-3', 'honour.vote', { candidateId: a })).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '投票已经结束' })
    engine.update('selections', { _id: selectionId }, { $set: { closedAt: (selection as { closedAt: Date }).closedAt } })
    expect(engine.get('selection_tallies', selectionId)).toEqual({ _id: selectionId, closed: true, counts: { [a]: 2, [b]: 3 }, total: 5 })
    const again = await ok('town-admin', 'honour.closeSelection', { selectionId })
    expect(again.candidates.map((x) => x.votes)).toEqual([3, 2])
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 2 })
    // frozen: the page reads stored numbers only (the selection, the candidates, the ballot; no aggregate)
    const read = await callAs('resident-1', 'honour.selection', { selectionId })
    expect(read.res).toMatchObject({ ok: true, data: { candidates: [{ votes: 3 }, { votes: 2 }] } })
    const frozenReads = read.dbRequests
    moveTo(1)
    const board = await ok('town-admin', 'honour.publishWinners', { selectionId, publish: false })
    expect(board.entries.map((e) => e.name)).toEqual(['乙家'])
    // an open selection's page costs no more: its counts come with the caller's profile, however many candidates it has
    const open = await votingCandidate('town-admin', null)
    for (const [i, by] of ['resident-1', 'resident-3', 'resident-4', 'resident-5', 'volunteer-1'].entries()) await approvedCandidate(open.selectionId, 'town-admin', `候选${i}家`, by)
    await ok('resident-1', 'honour.vote', { candidateId: open.candidateId })
    const live = await callAs('resident-1', 'honour.selection', { selectionId: open.selectionId })
    expect(live.dbRequests).toBe(frozenReads)
  })

  test('a selection in its voting before votes became records: its stored counts plus the new records, frozen once', async () => {
    const selectionId = await createdSelection('town-admin', null, { winners: 1, votesPerDay: 3, votesTotal: 3, noticeDays: 0 }, -1)
    const a = await approvedCandidate(selectionId, 'town-admin', '甲家')
    const b = await approvedCandidate(selectionId, 'town-admin', '乙家')
    const engine = localCloud.engine
    // as the previous version left it: counts on the candidates, no records, no freeze field on the selection
    engine.update('selection_candidates', { _id: a }, { $set: { votes: 4 } })
    engine.update('selection_candidates', { _id: b }, { $set: { votes: 3 } })
    engine.update('selections', { _id: selectionId }, { $unset: { votesFrozenAt: '' } })
    expect(await ok('resident-1', 'honour.vote', { candidateId: b })).toMatchObject({ votes: 4 })
    expect(await ok('resident-2', 'honour.vote', { candidateId: b })).toMatchObject({ votes: 5 })
    expect((await ok('resident-3', 'honour.selection', { selectionId })).candidates.map((x) => [x.name, x.votes])).toEqual([
      ['乙家', 5],
      ['甲家', 4]
    ])
    // closed by the end of its window: the counts stay live until the winners are published, which freezes them
    moveTo(24 * 8)
    expect((await ok('resident-3', 'honour.selection', { selectionId })).candidates.map((x) => x.votes)).toEqual([5, 4])
    const board = await ok('town-admin', 'honour.publishWinners', { selectionId, publish: false })
    expect(board.entries.map((e) => e.name)).toEqual(['乙家'])
    expect(engine.get('selection_candidates', b)).toMatchObject({ votes: 5, votesFrozen: true })
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 4 })
    expect((await ok('town-admin', 'honour.closeSelection', { selectionId })).candidates.map((x) => x.votes)).toEqual([5, 4])
    expect(engine.get('selection_candidates', b)).toMatchObject({ votes: 5 })
  })

  test('a selection voted on before tallies were kept: its first vote builds the tally from the old ballots and records, limits and counts carry over', async () => {
    const {
      selectionId,
      ids: [a, b],
      engine
    } = await aSelectionWithoutTally('甲家', '乙家')
    // as the previous version left it: no tally; a ballot per voter (counts only) and an anonymous record per vote
    const ballot = (who: string, day: string, dayCount: number, total: number) => ({ _id: ballotIdOf(selectionId, userIdOf(who)), selectionId, day, dayCount, total })
    engine.insert('selection_ballots', [ballot('resident-1', '2026-11-02', 2, 2), ballot('resident-2', '2026-11-01', 1, 3)])
    engine.insert('selection_votes', [...[1, 2, 3].map((i) => ({ _id: `vote_a${i}`, selectionId, candidateId: a })), ...[1, 2].map((i) => ({ _id: `vote_b${i}`, selectionId, candidateId: b }))])
    // the tally's inserts: the concurrent first votes may each build it, only one insert is kept
    const inserts: Array<'kept' | 'duplicate'> = []
    const realInsert = engine.insertDocs.bind(engine)
    const spy = jest.spyOn(engine, 'insertDocs').mockImplementation((coll, docs) => {
      if (coll !== 'selection_tallies') return realInsert(coll, docs)
      try {
        const ids = realInsert(coll, docs)
        inserts.push('kept')
        return ids
      } catch (e) {
        inserts.push('duplicate')
        throw e
      }
    })
    // the day's and the total limits reached before carry over
    const [r1, r2, r3, r4] = await Promise.all([
      callAs('resident-1', 'honour.vote', { candidateId: a }),
      callAs('resident-2', 'honour.vote', { candidateId: a }),
      callAs('resident-3', 'honour.vote', { candidateId: b }),
      callAs('resident-4', 'honour.vote', { candidateId: b })
    ])
    spy.mockRestore()
    expect(r1.res).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '您今天的 2 票已投完，明天再来' })
    expect(r2.res).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '您在本次评选的 3 票已全部投出' })
    expect(r3.res).toMatchObject({ ok: true, data: { myBallot: { votedToday: 1, votedTotal: 1 } } })
    expect(r4.res).toMatchObject({ ok: true })
    // built once — one insert kept, any other a duplicate dropped — from the old records (counts) and
    // ballots (total, the day of the last vote), with exactly the new votes on top: none lost or doubled
    expect(inserts.filter((x) => x === 'kept')).toEqual(['kept'])
    const key = (who: string) => ballotIdOf(selectionId, userIdOf(who))
    expect(engine.get('selection_tallies', selectionId)).toEqual({
      _id: selectionId,
      closed: false,
      counts: { [a]: 3, [b]: 2 + 2 },
      // the old records' 5 votes, and the 2 new ones
      total: 7,
      ballots: {
        [key('resident-1')]: { t: 2, d: { d20261102: 2 } },
        [key('resident-2')]: { t: 3, d: { d20261101: 1 } },
        [key('resident-3')]: { t: 1, d: { d20261102: 1 } },
        [key('resident-4')]: { t: 1, d: { d20261102: 1 } }
      }
    })
    const page = await ok('resident-1', 'honour.selection', { selectionId })
    expect(page.candidates.map((x) => [x.name, x.votes])).toEqual([
      ['乙家', 4],
      ['甲家', 3]
    ])
    expect(page.myBallot).toEqual({ votedToday: 2, votedTotal: 2, remainingToday: 0, remainingTotal: 1 })
    // the next day: one vote left in total
    moveTo(24)
    expect(await ok('resident-1', 'honour.vote', { candidateId: a })).toMatchObject({ votes: 4, myBallot: { votedToday: 1, votedTotal: 3, remainingToday: 0, remainingTotal: 0 } })
    expect((await callAs('resident-1', 'honour.vote', { candidateId: a })).res).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '您在本次评选的 3 票已全部投出' })
    const closed = await ok('town-admin', 'honour.closeSelection', { selectionId })
    expect(closed.candidates.map((x) => x.votes)).toEqual([4, 4])
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 4, votesFrozen: true })
  })

  test('a selection without a tally closed before any new vote: the tally is built closed from the old records', async () => {
    const {
      selectionId,
      ids: [a],
      engine
    } = await aSelectionWithoutTally('甲家')
    engine.insert(
      'selection_votes',
      [1, 2].map((i) => ({ _id: `vote_old${i}`, selectionId, candidateId: a }))
    )
    expect((await ok('resident-3', 'honour.selection', { selectionId })).candidates[0].votes).toBe(2)
    engine.remove('selection_tallies', { _id: selectionId })
    engine.insert('selection_ballots', [{ _id: ballotIdOf(selectionId, userIdOf('resident-1')), selectionId, day: '2026-11-02', dayCount: 2, total: 2 }])
    expect((await ok('town-admin', 'honour.closeSelection', { selectionId })).candidates[0].votes).toBe(2)
    // built closed: the counts only, no ballots
    expect(engine.get('selection_tallies', selectionId)).toEqual({ _id: selectionId, closed: true, counts: { [a]: 2 }, total: 2 })
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 2, votesFrozen: true })
  })

  test('a selection from before tallies, first viewed after its voting ended: its tally is built closed, without ballots, and the counts shown are right', async () => {
    const {
      selectionId,
      ids: [a, b],
      engine
    } = await aSelectionWithoutTally('甲家', '乙家')
    // as the versions before left it: counts on the candidates (the oldest), then anonymous records and ballots, no tally
    engine.update('selection_candidates', { _id: a }, { $set: { votes: 2 } })
    engine.update('selection_candidates', { _id: b }, { $set: { votes: 1 } })
    engine.update('selections', { _id: selectionId }, { $unset: { votesFrozenAt: '' } })
    engine.insert('selection_votes', [...[1, 2].map((i) => ({ _id: `vote_a${i}`, selectionId, candidateId: a })), ...[1, 2, 3, 4].map((i) => ({ _id: `vote_b${i}`, selectionId, candidateId: b }))])
    engine.insert('selection_ballots', [{ _id: ballotIdOf(selectionId, userIdOf('resident-1')), selectionId, day: '2026-11-02', dayCount: 2, total: 3 }])
    moveTo(24 * 8) // the window ended; nobody closed it
    const page = await ok('resident-1', 'honour.selection', { selectionId })
    expect(page.phase).toBe('finished')
    expect(page.candidates.map((x) => [x.name, x.votes])).toEqual([
      ['乙家', 5],
      ['甲家', 4]
    ])
    expect(page.myBallot).toEqual({ votedToday: 0, votedTotal: 0, remainingToday: 0, remainingTotal: 0 })
    expect(engine.get('selection_tallies', selectionId)).toEqual({ _id: selectionId, closed: true, counts: { [a]: 2, [b]: 4 }, total: 6 })
    expect((await ok('town-admin', 'honour.candidates', { selectionId })).items.map((c) => [c.name, c.votes]).sort()).toEqual([
      ['乙家', 5],
      ['甲家', 4]
    ])
    const board = await ok('town-admin', 'honour.publishWinners', { selectionId, publish: false })
    expect(board.entries.map((e) => e.name)).toEqual(['乙家'])
    expect(engine.get('selection_candidates', b)).toMatchObject({ votes: 5, votesFrozen: true })
    expect(engine.get('selection_candidates', a)).toMatchObject({ votes: 4, votesFrozen: true })
  })

  test("a legacy selection's ballots are read a page of 1000 at a time in _id order, and a ballot without a day keeps its total", async () => {
    const {
      selectionId,
      ids: [a],
      engine
    } = await aSelectionWithoutTally('甲家')
    const mine = ballotIdOf(selectionId, userIdOf('resident-1'))
    const theirs = ballotIdOf(selectionId, userIdOf('resident-2'))
    const others = Array.from({ length: 2100 }, (_, i) => ({ _id: `hb_legacy${String(i).padStart(5, '0')}`, selectionId, day: '2026-11-01', dayCount: 1, total: 1 }))
    // inserted out of order: the pages go by _id, not by insertion
    engine.insert('selection_ballots', [
      ...others.slice(1000),
      { _id: mine, selectionId, day: '2026-11-02', dayCount: 2, total: 2 },
      { _id: theirs, selectionId, dayCount: 1, total: 3 },
      ...others.slice(0, 1000)
    ])
    const finds: number[] = []
    const realFind = engine.findRefs.bind(engine)
    const spy = jest.spyOn(engine, 'findRefs').mockImplementation((coll, ...rest) => {
      const rows = realFind(coll, ...rest)
      if (coll === 'selection_ballots') finds.push(rows.length)
      return rows
    })
    const r1 = await callAs('resident-1', 'honour.vote', { candidateId: a })
    spy.mockRestore()
    expect(r1.res).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '您今天的 2 票已投完，明天再来' })
    expect(finds).toEqual([1000, 1000, 102])
    const tally = engine.get('selection_tallies', selectionId) as { ballots: Record<string, unknown> }
    expect(Object.keys(tally.ballots)).toHaveLength(2102)
    expect(tally.ballots[mine]).toEqual({ t: 2, d: { d20261102: 2 } })
    expect(tally.ballots[theirs]).toEqual({ t: 3, d: {} })
    expect((await callAs('resident-2', 'honour.vote', { candidateId: a })).res).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '您在本次评选的 3 票已全部投出' })
    expect(await ok('resident-3', 'honour.vote', { candidateId: a })).toMatchObject({ votes: 1 })
  })

  test('voting closes by itself at the end of its window', async () => {
    const { selectionId } = await votingCandidate('town-admin', null, { noticeDays: 0 })
    moveTo(24 * 8)
    const s = await ok('resident-1', 'honour.selection', { selectionId })
    expect(s.phase).toBe('finished')
    expect(s.closedAt).toBe(s.voteTo)
    const draft = await ok('town-admin', 'honour.publishWinners', { selectionId, publish: false })
    expect(draft).toMatchObject({ status: 'draft', villageId: null, issuer: expect.stringContaining('文明创建办公室') })
  })
})
