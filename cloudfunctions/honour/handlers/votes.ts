/**
 * Voting within per-day and total limits, in one transaction that no other voter's touches.
 *
 * Each voter has one ballot document per selection, keyed by a hash of (selection, voter) and holding
 * only counts: the China day of the last vote, the votes of that day and the votes in total. A vote
 * reads the ballot and, in one transaction, writes it and inserts an anonymous vote record
 * ({ random _id, selectionId, candidateId }: no ballot id, no voter, no time): the ballot gives a unit
 * and the vote is there together, or neither is (a crash between can lose nothing).
 *
 * No document is written by every voter of a candidate: the candidate is not written at all (its
 * count is its records, tally.ts), so voters for one popular candidate never conflict with each
 * other, however long the cloud's transactions take. Only taps of the same person conflict, on their
 * ballot; the loser reads again and now sees the limit, so 100 simultaneous taps with a limit of 1 a
 * day give exactly one vote and 99 clean refusals. No document links a voter to a candidate.
 *
 * The candidate is read (with its selection) outside the transaction, together with the caller's
 * profile (one request, ../../_shared/prefetch.ts): an approved candidate stays approved
 * (reviewCandidate decides pending ones only), so there is nothing the transaction would need to
 * re-check. Requests per vote: the profile with candidate + selection, the transaction (start,
 * ballot, ballot, record, commit), the count returned = 7. The count is read after the commit so
 * that it includes the votes committed meanwhile (the last of 60 simultaneous voters sees 60);
 * a transaction cannot count (single-record operations only).
 */
import type { ActionName, ParsedInputOf, VoteResult } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { AppError, fail } from '../../_shared/errors'
import { chinaDay } from '@/domain/china-time'
import { newId } from '../../_shared/ids'
import { maySee } from '../access'
import type { BallotDoc, SelectionDoc, VoteDoc } from '../docs'
import { candidateWithSelectionFor, prefetchCandidateWithSelection } from '../repo'
import { withPrefetch } from '../../_shared/prefetch'
import { ballotPlusOne, ballotRefusal, decide, movedInAfterVoteOpened, MOVED_IN_DURING_VOTE, myBallotOf } from '@/domain/selection-flow'
import { ballotIdOf } from '../rules'
import { countOf, votesOf } from '../tally'

type In<A extends ActionName> = ParsedInputOf<A>

/** Transactions tried when other taps of the same person change their ballot meanwhile. */
const ATTEMPTS = 8

type Cast = { refused: string } | { refused: null; ballot: BallotDoc }

/** One vote as one transaction: the ballot within its limits and one more unit spent, the vote recorded. */
function castVote(ctx: Ctx, s: SelectionDoc, candidateId: string, ballotId: string, today: string): Promise<Cast> {
  return ctx.store.transaction(async (tx): Promise<Cast> => {
    const b = await tx.get<BallotDoc>(C.selection_ballots, ballotId)
    const refusal = ballotRefusal(b, s, today)
    if (refusal) return { refused: refusal }
    const ballot = { selectionId: s._id, ...ballotPlusOne(b, today) }
    await tx.set(C.selection_ballots, ballotId, ballot)
    const record: VoteDoc = { _id: newId('vote'), selectionId: s._id, candidateId }
    await tx.insert(C.selection_votes, record)
    return { refused: null, ballot: { _id: ballotId, ...ballot } }
  })
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const vote = withPrefetch<'honour.vote'>((input) => prefetchCandidateWithSelection(input.candidateId), voteFor)

async function voteFor(input: In<'honour.vote'>, ctx: Ctx): Promise<VoteResult> {
  const { candidate: c, selection: s } = await candidateWithSelectionFor(ctx, input.candidateId)
  if (!maySee(ctx, s.villageId) || c.status !== 'approved') fail('NOT_FOUND', '没有找到这位候选人')
  if (movedInAfterVoteOpened(s, ctx.user)) fail('FORBIDDEN', MOVED_IN_DURING_VOTE)
  const now = ctx.now()
  const open = decide(s, 'vote', { manages: false }, now)
  if (!open.ok) fail(open.code, open.message)
  const today = chinaDay(now)
  const ballotId = ballotIdOf(s._id, ctx.userId)
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let cast: Cast
    try {
      cast = await castVote(ctx, s, c._id, ballotId, today)
    } catch (e) {
      // another tap of the same person changed the ballot: read again after a short, random pause
      if (e instanceof AppError && e.code === 'CONFLICT') {
        await pause(Math.random() * 20 * attempt)
        continue
      }
      throw e
    }
    if (cast.refused !== null) return fail('RATE_LIMITED', cast.refused)
    // The vote is in: a failure to read the new count must not look like a failed vote (a retry would
    // spend another unit), so it falls back to a lower bound the page's live refresh soon corrects.
    const votes = await countOf(ctx.store, s, c).catch((e: unknown) => {
      console.error('honour.vote: counting the votes failed after the vote was recorded', e)
      return votesOf(c, null) + 1
    })
    return { candidateId: c._id, votes, myBallot: myBallotOf(cast.ballot, s, today) }
  }
  return fail('RATE_LIMITED', '您点得太快了，请稍后再试')
}
