/**
 * Voting within per-day and total limits, atomically and without transactions.
 *
 * Each voter has one ballot document per selection, keyed by a hash of (selection, voter) and holding
 * only counts: the China day of the last vote, the votes of that day and the votes in total. A vote
 * takes one unit from it with a single conditional update the database applies atomically:
 * - same day:  where({_id, day: today, dayCount < perDay, total < total}) → dayCount + 1, total + 1
 * - new day:   where({_id, day: <the day read>, total < total})           → day = today, dayCount = 1, total + 1
 * - first vote: insert the ballot; a concurrent tap that loses the insert gets a duplicate key and
 *   reads again, now seeing the limit.
 * So 100 simultaneous taps of one person with a limit of 1 a day give exactly one vote and 99 clean
 * refusals. Only then is the candidate's count incremented (conditional on it still being approved);
 * if that fails, the unit goes back. No document links a voter to a candidate.
 */
import type { ActionName, ParsedInputOf, VoteResult } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { fail, isDuplicateKeyError } from '../../_shared/errors'
import type { Store } from '../../_shared/store'
import { chinaDate } from '../../_shared/china-time'
import { maySee } from '../access'
import type { BallotDoc, SelectionDoc } from '../docs'
import { loadBallot, requireCandidate, requireSelection } from '../repo'
import { ballotIdOf, ballotRefusal, isVotingOpen, myBallotOf } from '../rules'

type In<A extends ActionName> = ParsedInputOf<A>

/** Rounds of read → conditional write when other taps of the same person change the ballot meanwhile. */
const ATTEMPTS = 6

async function tryInsert(store: Store, doc: BallotDoc): Promise<boolean> {
  try {
    await store.insert(C.selection_ballots, doc)
    return true
  } catch (e) {
    if (isDuplicateKeyError(e)) return false
    throw e
  }
}

/** Takes one vote from the ballot; returns its new state or refuses with the limit reached. */
export async function takeVote(store: Store, s: SelectionDoc, ballotId: string, today: string): Promise<BallotDoc> {
  const _ = store.db.command
  for (let i = 0; i < ATTEMPTS; i++) {
    const b = await loadBallot(store, ballotId)
    const refusal = ballotRefusal(b, s, today)
    if (refusal) fail('RATE_LIMITED', refusal)
    if (!b) {
      const doc: BallotDoc = { _id: ballotId, selectionId: s._id, day: today, dayCount: 1, total: 1 }
      if (await tryInsert(store, doc)) return doc
      continue
    }
    const sameDay = b.day === today
    const filter = sameDay ? { _id: ballotId, day: today, dayCount: _.lt(s.votesPerDay), total: _.lt(s.votesTotal) } : { _id: ballotId, day: b.day, total: _.lt(s.votesTotal) }
    const patch = sameDay ? { dayCount: _.inc(1), total: _.inc(1) } : { day: today, dayCount: 1, total: _.inc(1) }
    if ((await store.updateWhere(C.selection_ballots, filter, patch)) === 1) return { ...b, day: today, dayCount: sameDay ? b.dayCount + 1 : 1, total: b.total + 1 }
  }
  return fail('RATE_LIMITED', '投票的人太多了，请稍后再试')
}

/** Gives back a vote taken today (the candidate could not take it). */
async function giveBack(store: Store, ballotId: string, today: string): Promise<void> {
  const _ = store.db.command
  const back = await store.updateWhere(C.selection_ballots, { _id: ballotId, day: today, dayCount: _.gt(0), total: _.gt(0) }, { dayCount: _.inc(-1), total: _.inc(-1) })
  if (back === 0) await store.updateWhere(C.selection_ballots, { _id: ballotId, total: _.gt(0) }, { total: _.inc(-1) })
}

export async function vote(input: In<'honour.vote'>, ctx: Ctx): Promise<VoteResult> {
  const c = await requireCandidate(ctx.store, input.candidateId)
  const s = await requireSelection(ctx.store, c.selectionId)
  if (!maySee(ctx, s.villageId) || c.status !== 'approved') fail('NOT_FOUND', '没有找到这位候选人')
  const now = ctx.now()
  if (!isVotingOpen(s, now)) fail('CONFLICT', now.getTime() < s.voteFrom.getTime() ? '投票还没有开始' : '投票已经结束')
  const today = chinaDate(now)
  const ballotId = ballotIdOf(s._id, ctx.userId)
  const ballot = await takeVote(ctx.store, s, ballotId, today)
  const counted = await ctx.store.updateWhere(C.selection_candidates, { _id: c._id, status: 'approved' }, { votes: ctx.store.db.command.inc(1) })
  if (counted !== 1) {
    await giveBack(ctx.store, ballotId, today)
    fail('CONFLICT', '这位候选人已不在投票名单中')
  }
  return { candidateId: c._id, votes: c.votes + 1, myBallot: myBallotOf(ballot, s, today) }
}
