/**
 * Vote counts without a document that every voter writes.
 *
 * A vote is an anonymous record in selection_votes ({ _id: random, selectionId, candidateId }),
 * inserted in the voter's ballot transaction (handlers/votes.ts). Voters for the same candidate
 * write different documents, so they never conflict with each other.
 *
 * While a selection's counts are live, a candidate's count is its stored `votes` plus its records,
 * all grouped by candidate in ONE aggregate over the selection (index selection_votes.selectionId_
 * candidateId), whatever the number of candidates. The stored `votes` is 0 for candidates nominated
 * since votes became records; for those of a selection that was already in its voting before, it is
 * the count reached then, so nothing needs migrating: old count + new records.
 *
 * Closing freezes the counts (closeSelection; publishWinners after a close by time): each candidate
 * with records gets `votes` raised by them and `votesFrozen` in one guarded update (a second freeze,
 * or one running at the same time, adds nothing), then the selection gets `votesFrozenAt` and is
 * read from the stored numbers alone. A freeze cut short leaves a mix that still reads right, and
 * the next one completes it. A vote that passed its open-window check just before the close and
 * commits after the freeze is kept as a record but not counted, like any vote after the close.
 */
import { C } from '../_shared/collections'
import type { Store } from '../_shared/store'
import type { CandidateDoc, SelectionDoc } from './docs'
import { freezeCandidates, voteGroups } from './repo'
import { closedAtOf } from '@/domain/selection-flow'

/** Freeze updates sent at once. */
const PARALLEL = 10

/** Records per candidate while the counts are live; null once they are frozen (stored numbers only). */
export type Tally = Map<string, number> | null

/** The selection's records grouped by candidate (only `candidateIds`, when given): one request, none once frozen. */
export async function liveTally(store: Store, s: Pick<SelectionDoc, '_id' | 'votesFrozenAt'>, candidateIds?: string[]): Promise<Tally> {
  if (s.votesFrozenAt) return null
  if (candidateIds && candidateIds.length === 0) return new Map()
  const rows = await voteGroups(store, s._id, candidateIds)
  return new Map(rows.map((r) => [r._id, r.n]))
}

export function votesOf(c: Pick<CandidateDoc, '_id' | 'votes' | 'votesFrozen'>, tally: Tally): number {
  return !tally || c.votesFrozen ? c.votes : c.votes + (tally.get(c._id) ?? 0)
}

/** The candidate with its current count in `votes`. */
export function counted<T extends Pick<CandidateDoc, '_id' | 'votes' | 'votesFrozen'>>(c: T, tally: Tally): T {
  return { ...c, votes: votesOf(c, tally) }
}

/** One candidate's current count (after a vote): one request while live. */
export async function countOf(store: Store, s: Pick<SelectionDoc, '_id' | 'votesFrozenAt'>, c: Pick<CandidateDoc, '_id' | 'votes' | 'votesFrozen'>): Promise<number> {
  if (s.votesFrozenAt || c.votesFrozen) return c.votes
  return c.votes + (await store.count(C.selection_votes, { selectionId: s._id, candidateId: c._id }))
}

/**
 * Counts a closed selection's records onto its candidates and marks it frozen (see above): one
 * aggregate, one update per distinct count, one update of the selection. Open or frozen: unchanged.
 */
export async function freezeVotes(store: Store, s: SelectionDoc, now: Date): Promise<SelectionDoc> {
  return (await freezeVotesWithTally(store, s, now)).selection
}

/**
 * freezeVotes, also giving the records this freeze counted — the tally that turns candidates read
 * before it into their frozen counts (`counted`) — null when the counts were frozen already, and
 * undefined when the selection is still open (nothing read or frozen; the counts are live).
 */
export async function freezeVotesWithTally(store: Store, s: SelectionDoc, now: Date): Promise<{ selection: SelectionDoc; tally: Tally | undefined }> {
  if (s.votesFrozenAt) return { selection: s, tally: null }
  if (!closedAtOf(s, now)) return { selection: s, tally: undefined }
  const tally = (await liveTally(store, s)) ?? new Map<string, number>()
  const byCount = new Map<number, string[]>()
  for (const [id, n] of tally) byCount.set(n, [...(byCount.get(n) ?? []), id])
  const updates = [...byCount].map(
    ([n, ids]) =>
      () =>
        freezeCandidates(store, s._id, ids, n)
  )
  for (let i = 0; i < updates.length; i += PARALLEL) await Promise.all(updates.slice(i, i + PARALLEL).map((u) => u()))
  await store.updateWhere(C.selections, { _id: s._id }, { votesFrozenAt: now })
  return { selection: { ...s, votesFrozenAt: now }, tally }
}
