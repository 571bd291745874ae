/**
 * Voting within per-day and total limits: one conditional update of the selection's tally, no transaction.
 *
 * The selection's tally (../tally.ts) holds each candidate's count and each voter's ballot (under a
 * hash of (selection, voter), counts only). A vote is ONE update of that document, matched only
 * where the tally is not closed and the voter's ballot is under both limits (the day's votes under
 * votesPerDay or none yet, the total under votesTotal or none yet), adding 1 to the day, to the total
 * and to the candidate's count. The unit spent and the vote counted are one write — both or neither;
 * a crash can lose nothing — and the database applies one document's updates one after another, so
 * 100 simultaneous taps of one person with a limit of 1 a day match once: one vote, 99 clean
 * refusals. Voters for one candidate write the same document without conflicting: there is no
 * transaction to retry, each update simply lands. Nothing stored links a voter to a candidate.
 *
 * Requests per vote: the caller's profile with the candidate and its selection (one request,
 * ../../_shared/prefetch.ts; an approved candidate stays approved, so nothing needs re-checking),
 * the update, then one read of the tally projected to the candidate's count and the caller's ballot
 * = 3. The read comes after the update so that the count includes the votes counted meanwhile (the
 * last of 60 simultaneous voters sees 60). A refusal costs the same 3: the update matched nothing,
 * and the same read says why — the tally closed (the vote came after the close), the total or the
 * day's limit reached. A selection without a tally (its voting began before tallies were kept) gets
 * one built from its earlier ballots and records on its first vote (tally.ts createTally), then the
 * update is tried again: that first vote costs the failed update and the read that finds no tally,
 * the records' aggregate, the ballots (one read per 1000 of them), the insert, then the update and the
 * read again: 8 requests with the profile's instead of 3 (fewer than 1000 earlier ballots), once per
 * selection.
 */
import type { ActionName, ParsedInputOf, VoteResult } from '@/contract'
import type { Ctx } from '../../_shared/router'
import type { Ops } from '../../_shared/ops'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { chinaDay } from '@/domain/china-time'
import { maySee } from '../access'
import type { SelectionDoc } from '../docs'
import { candidateWithSelectionFor, prefetchCandidateWithSelection } from '../repo'
import { withPrefetch } from '../../_shared/prefetch'
import { ballotRefusal, decide, movedInAfterVoteOpened, MOVED_IN_DURING_VOTE, myBallotOf } from '@/domain/selection-flow'
import { ballotIdOf } from '../rules'
import { ballotCountsOf, ballotField, countField, createTally, dayKeyOf, readTally, tallyOf, votesOf, votingClosed } from '../tally'

type In<A extends ActionName> = ParsedInputOf<A>

/** Updates tried: the tally created meanwhile (a legacy selection's first votes) is the only reason to try again. */
const ATTEMPTS = 3

/** What the voting closed says (decide's 'vote' step after the close). */
const VOTING_CLOSED = '投票已经结束'

/** `field` under `n`, or not there yet. */
const under = (op: Ops, field: string, n: number) => op.or([{ [field]: op.lt(n) }, { [field]: op.exists(false) }])

/** The tally, not closed, with the ballot under both limits on `today`. */
function unitLeft(op: Ops, s: SelectionDoc, ballotKey: string, today: string) {
  const ballot = ballotField(ballotKey)
  return op.and([{ _id: s._id, closed: op.neq(true) }, under(op, `${ballot}.d.${dayKeyOf(today)}`, s.votesPerDay), under(op, `${ballot}.t`, s.votesTotal)])
}

/** One more vote: the day's, the ballot's total, the candidate's count and the tally's total. */
function onePlus(op: Ops, candidateId: string, ballotKey: string, today: string) {
  const ballot = ballotField(ballotKey)
  return { [countField(candidateId)]: op.inc(1), [`${ballot}.t`]: op.inc(1), [`${ballot}.d.${dayKeyOf(today)}`]: op.inc(1), total: op.inc(1) }
}

export const vote = withPrefetch<'honour.vote'>((input) => prefetchCandidateWithSelection(input.candidateId), voteFor)

async function voteFor(input: In<'honour.vote'>, ctx: Ctx): Promise<VoteResult> {
  const { candidate: c, selection: s } = await candidateWithSelectionFor(ctx, input.candidateId)
  if (!maySee(ctx, s.villageId) || c.status !== 'approved') fail('NOT_FOUND', '没有找到这位候选人')
  if (movedInAfterVoteOpened(s, ctx.user)) fail('FORBIDDEN', MOVED_IN_DURING_VOTE)
  const now = ctx.now()
  const open = decide(s, 'vote', { manages: false }, now)
  if (!open.ok) fail(open.code, open.message)
  const today = chinaDay(now)
  const key = ballotIdOf(s._id, ctx.userId)
  const fields = ['closed', countField(c._id), ballotField(key)]
  const { store } = ctx
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const counted = (await store.updateWhere(C.selection_tallies, unitLeft(store.op, s, key, today), onePlus(store.op, c._id, key, today))) > 0
    if (counted) {
      // The vote is in: a failure to read the new count must not look like a failed vote (a retry would
      // spend another unit), so it falls back to lower bounds the page's live refresh soon corrects.
      const doc = await readTally(store, s._id, fields).catch((e: unknown) => {
        console.error('honour.vote: reading the count failed after the vote was counted', e)
        return null
      })
      const ballot = ballotCountsOf(doc?.ballots?.[key], today) ?? { day: today, dayCount: 1, total: 1 }
      const votes = doc ? votesOf(c, tallyOf(doc)) : votesOf(c, null) + 1
      return { candidateId: c._id, votes, myBallot: myBallotOf(ballot, s, today) }
    }
    // Nothing matched: the same read says why.
    const doc = await readTally(store, s._id, fields)
    if (!doc) {
      // voting is open (decide above): built open, with the earlier ballots
      await createTally(store, s._id, votingClosed(s, now))
      continue
    }
    if (doc.closed) fail('CONFLICT', VOTING_CLOSED)
    const refusal = ballotRefusal(ballotCountsOf(doc.ballots?.[key], today), s, today)
    if (refusal) fail('RATE_LIMITED', refusal)
  }
  return fail('RATE_LIMITED', '您点得太快了，请稍后再试')
}
