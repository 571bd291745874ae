/**
 * Voting within per-day and total limits, in one transaction.
 *
 * Each voter has one ballot document per selection, keyed by a hash of (selection, voter) and holding
 * only counts: the China day of the last vote, the votes of that day and the votes in total. A vote
 * reads the candidate and the ballot and writes both in one transaction: the ballot gives a unit and
 * the candidate's count rises together, or neither does (a crash between can no longer lose a vote).
 * Taps of the same person conflict on their ballot; the loser reads again and now sees the limit, so
 * 100 simultaneous taps with a limit of 1 a day give exactly one vote and 99 clean refusals. No
 * document links a voter to a candidate.
 */
import type { ActionName, ParsedInputOf, VoteResult } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { AppError, fail } from '../../_shared/errors'
import { chinaDate } from '../../_shared/china-time'
import { maySee } from '../access'
import type { BallotDoc, CandidateDoc, SelectionDoc } from '../docs'
import { requireCandidate, requireSelection } from '../repo'
import { ballotIdOf, ballotRefusal, isVotingOpen, movedInAfterVoteOpened, MOVED_IN_DURING_VOTE, myBallotOf } from '../rules'

type In<A extends ActionName> = ParsedInputOf<A>

/** Transactions tried when other taps of the same person (or other voters) change the documents meanwhile. */
const ATTEMPTS = 8

type Counted = { refused: 'limit'; message: string } | { refused: 'gone' } | { refused: null; ballot: BallotDoc; votes: number }

/** The ballot after one more vote on `today`. */
function plusOne(b: BallotDoc | null, selectionId: string, ballotId: string, today: string): BallotDoc {
  if (!b) return { _id: ballotId, selectionId, day: today, dayCount: 1, total: 1 }
  return b.day === today ? { ...b, dayCount: b.dayCount + 1, total: b.total + 1 } : { ...b, day: today, dayCount: 1, total: b.total + 1 }
}

/** One vote as one transaction: the candidate still approved, the ballot within its limits, both written. */
function countVote(ctx: Ctx, s: SelectionDoc, candidateId: string, ballotId: string, today: string): Promise<Counted> {
  return ctx.store.transaction(async (tx): Promise<Counted> => {
    const [c, b] = await Promise.all([tx.get<CandidateDoc>(C.selection_candidates, candidateId), tx.get<BallotDoc>(C.selection_ballots, ballotId)])
    if (!c || c.status !== 'approved') return { refused: 'gone' }
    const refusal = ballotRefusal(b, s, today)
    if (refusal) return { refused: 'limit', message: refusal }
    const { _id, ...ballot } = plusOne(b, s._id, ballotId, today)
    await tx.set(C.selection_ballots, _id, ballot)
    await tx.update(C.selection_candidates, candidateId, { votes: c.votes + 1 })
    return { refused: null, ballot: { _id, ...ballot }, votes: c.votes + 1 }
  })
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function vote(input: In<'honour.vote'>, ctx: Ctx): Promise<VoteResult> {
  const c = await requireCandidate(ctx.store, input.candidateId)
  const s = await requireSelection(ctx.store, c.selectionId)
  if (!maySee(ctx, s.villageId) || c.status !== 'approved') fail('NOT_FOUND', '没有找到这位候选人')
  if (movedInAfterVoteOpened(s, ctx.user)) fail('FORBIDDEN', MOVED_IN_DURING_VOTE)
  const now = ctx.now()
  if (!isVotingOpen(s, now)) fail('CONFLICT', now.getTime() < s.voteFrom.getTime() ? '投票还没有开始' : '投票已经结束')
  const today = chinaDate(now)
  const ballotId = ballotIdOf(s._id, ctx.userId)
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let counted: Counted
    try {
      counted = await countVote(ctx, s, c._id, ballotId, today)
    } catch (e) {
      // a concurrent vote changed the ballot or the candidate: read again after a short, random pause
      if (e instanceof AppError && e.code === 'CONFLICT') {
        await pause(Math.random() * 20 * attempt)
        continue
      }
      throw e
    }
    if (counted.refused === 'gone') return fail('CONFLICT', '这位候选人已不在投票名单中')
    if (counted.refused === 'limit') return fail('RATE_LIMITED', counted.message)
    return { candidateId: c._id, votes: counted.votes, myBallot: myBallotOf(counted.ballot, s, today) }
  }
  return fail('RATE_LIMITED', '投票的人太多了，请稍后再试')
}
