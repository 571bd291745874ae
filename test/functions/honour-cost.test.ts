/** Database requests per vote (the caller's profile counts as one). */
import { localCloud } from '../../local-cloud'
import { callAs, freshTown } from '../helpers/town'
import { approvedCandidate, createdSelection, selectionInput, votingCandidate } from '../helpers/honour'
import { database } from '../../cloudfunctions/_shared/cloud'
import { createStore } from '../../cloudfunctions/_shared/store'
import { freezeVotesWithTally, readTally } from '../../cloudfunctions/honour/tally'
import type { SelectionDoc } from '../../cloudfunctions/honour/docs'

describe('database requests per call', () => {
  beforeAll(() => freshTown())

  // The caller's profile with the candidate and its selection, one request (prefetch.ts: the selection joined through the
  // candidate's selectionId); ONE conditional update of the selection's tally (not closed, the day's and the total limits:
  // the unit and the vote in one write); the candidate's count and the caller's ballot, read after it (so it includes the
  // votes counted meanwhile: honour-selections, the last of 60 voters sees 60) = 3 (issue 11; was 7 with a transaction).
  // A refusal: the update matches nothing and the same read says why = 3 too.
  test('a vote: 3 requests, a refused one (the day’s limit, or the close) 3', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 5 })
    const first = await callAs('resident-1', 'honour.vote', { candidateId })
    expect(first.res).toMatchObject({ ok: true, data: { votes: 1 } })
    expect(first.dbRequests).toBe(3)
    const second = await callAs('resident-2', 'honour.vote', { candidateId })
    expect(second.res).toMatchObject({ ok: true, data: { votes: 2 } })
    expect(second.dbRequests).toBe(3)
    const again = await callAs('resident-1', 'honour.vote', { candidateId })
    expect(again.res).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(again.dbRequests).toBe(3)
    // a vote that passed its window check just before the close (the selection read open): refused by the closed tally
    await callAs('town-admin', 'honour.closeSelection', { selectionId })
    localCloud.engine.update('selections', { _id: selectionId }, { $set: { closedAt: null } })
    const late = await callAs('resident-3', 'honour.vote', { candidateId })
    expect(late.res).toMatchObject({ ok: false, code: 'CONFLICT', message: '投票已经结束' })
    expect(late.dbRequests).toBe(3)
    expect(localCloud.engine.get('selection_tallies', selectionId)).toMatchObject({ closed: true, counts: { [candidateId]: 2 } })
  })

  // The profile, with the nomination a keyed retry already made (1); the selection (1); the daily cap (the town's
  // safeguards, unless this function instance holds them already, then the person's count for the day, created on their
  // first nomination of the day); the nomination (1): 7 on a cold start, the same with or without a key. A retry with the
  // same key: the profile with the first nomination and the selection = 2, nothing written.
  test('a nomination costs the same with or without its key; a retry 2', async () => {
    const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan')
    const input = { selectionId, subject: 'person' as const, name: '王秀兰', story: '多年照顾邻居孤寡老人，风雨无阻' }
    // the person's first nomination of the day creates their count; compare two that find it
    await callAs('resident-1', 'honour.nominate', input)
    const plain = await callAs('resident-1', 'honour.nominate', input)
    expect(plain.res).toMatchObject({ ok: true, data: { status: 'pending' } })
    const keyed = await callAs('resident-1', 'honour.nominate', { ...input, clientKey: 'nominate-cost-0001' })
    expect(keyed.res).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect(keyed.dbRequests).toBe(plain.dbRequests)
    const retry = await callAs('resident-1', 'honour.nominate', { ...input, clientKey: 'nominate-cost-0001' })
    expect(retry.res).toEqual(keyed.res)
    expect(retry.dbRequests).toBe(2)
  })

  // New: the profile with the village (1), the selection, its tally and its audit entry in one transaction (start, insert,
  // insert, insert, commit: 5); a new selection has no candidates and no ballots, so nothing is read back = 6 (was 9; the
  // tally's insert is the one more, so that every vote finds it). An edit: the profile with the village, the selection and
  // its tally (counts and the caller's ballot) (1); the transaction: start, the selection, the selection, the audit entry,
  // commit (5); the candidates (1) = 7.
  test('a selection: created in 6 requests, edited in 7', async () => {
    const made = await callAs('village-admin-dongshan', 'honour.saveSelection', selectionInput('v_dongshan'))
    expect(made.res).toMatchObject({ ok: true, data: { candidates: [], scopeName: '东山村' } })
    expect(made.dbRequests).toBe(6)
    if (!made.res.ok) throw new Error(made.res.message)
    const edited = await callAs('village-admin-dongshan', 'honour.saveSelection', { ...selectionInput('v_dongshan', { title: '最美家庭评选（修订）' }), id: made.res.data.id })
    expect(edited.res).toMatchObject({ ok: true, data: { title: '最美家庭评选（修订）' } })
    expect(edited.dbRequests).toBeLessThanOrEqual(7)
    const town = await callAs('town-admin', 'honour.saveSelection', selectionInput(null))
    expect(town.res).toMatchObject({ ok: true, data: { scopeName: expect.any(String) } })
    expect(town.dbRequests).toBe(6)
  })

  // The profile with the selection, its tally (counts, total, the caller's ballot) and the approved candidates (1); the close
  // and its audit entry in one transaction: start, the selection, the selection, the audit entry, commit (5); the freeze: the
  // tally marked closed only while its total is the one read with the profile, so that no vote lands after it and the counts
  // read are the final ones (1), one update per distinct count (here 1), the selection marked frozen (1); the counts shown
  // are the prefetched candidates plus those counts, nothing read again = 9 (8 without votes; was 10 with the tally read
  // again after its close mark). A close made again: the profile only (already frozen).
  test('closing a selection with votes: 9 requests; again: 1', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 5 })
    await callAs('resident-1', 'honour.vote', { candidateId })
    await callAs('resident-2', 'honour.vote', { candidateId })
    const closed = await callAs('town-admin', 'honour.closeSelection', { selectionId })
    expect(closed.res).toMatchObject({ ok: true, data: { candidates: [{ votes: 2 }] } })
    expect(closed.dbRequests).toBe(9)
    const again = await callAs('town-admin', 'honour.closeSelection', { selectionId })
    expect(again.res).toMatchObject({ ok: true, data: { candidates: [{ votes: 2 }] } })
    expect(again.dbRequests).toBe(1)
  })

  // A vote counted after the close read the tally with the profile: the close's mark does not match that total, so the
  // tally is marked closed and read again (+1), and the frozen counts include that vote.
  test('a vote counted after the close read the tally is frozen with the others', async () => {
    const { selectionId, candidateId } = await votingCandidate('town-admin', null, { votesPerDay: 1, votesTotal: 5 })
    await callAs('resident-1', 'honour.vote', { candidateId })
    const store = createStore(database())
    const known = await readTally(store, selectionId, ['closed', 'counts', 'total'])
    expect(known).toMatchObject({ closed: false, total: 1, counts: { [candidateId]: 1 } })
    await callAs('resident-2', 'honour.vote', { candidateId })
    const s = localCloud.engine.get('selections', selectionId) as unknown as SelectionDoc
    const now = new Date()
    const { tally } = await freezeVotesWithTally(store, { ...s, closedAt: now }, now, known)
    expect(tally?.get(candidateId)).toBe(2)
    expect(localCloud.engine.get('selection_candidates', candidateId)).toMatchObject({ votes: 2, votesFrozen: true })
    expect(localCloud.engine.get('selection_tallies', selectionId)).toMatchObject({ closed: true, total: 2 })
    expect(localCloud.engine.get('selection_tallies', selectionId)).not.toHaveProperty('ballots')
  })

  // The caller's profile with the selection, any board made before and the town's name (prefetch.ts); the winners; one
  // transaction: start, the board (already published), the selection's link, the two audit entries (publishWinners, publish),
  // commit = 8 (was 16: the board made and published in two transactions, each reading first, and the town read apart).
  test('winners to a published board: 8 requests; again: the board is there, nothing written', async () => {
    const selectionId = await createdSelection('village-admin-dongshan', 'v_dongshan', { noticeDays: 0 }, -1)
    await approvedCandidate(selectionId, 'village-admin-dongshan', '获评家庭', 'village-admin-dongshan')
    await callAs('village-admin-dongshan', 'honour.closeSelection', { selectionId })
    const first = await callAs('village-admin-dongshan', 'honour.publishWinners', { selectionId, publish: true })
    expect(first.res).toMatchObject({ ok: true, data: { status: 'published', scopeName: '东山村' } })
    expect(first.dbRequests).toBe(8)
    const again = await callAs('village-admin-dongshan', 'honour.publishWinners', { selectionId, publish: true })
    expect(again.res).toMatchObject({ ok: true, data: { status: 'published' } })
    expect(again.dbRequests).toBeLessThanOrEqual(2)
  })
})
