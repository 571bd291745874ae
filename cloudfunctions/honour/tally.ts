/**
 * Vote counts and ballots: one tally document per selection (selection_tallies, `_id` = the
 * selection's id; docs.ts TallyDoc).
 *
 *   { _id, closed, counts: { <candidateId>: n }, total, ballots: { <ballotKey>: { t: total, d: { d<YYYYMMDD>: n } } } }
 *
 * (`ballots` only while the selection's votes can still be counted: the close deletes it; below.)
 *
 * The ballot key is rules.ts ballotIdOf(selection, voter): a hash, not the voter's id (and a valid
 * field name: letters, digits, '_' and '-'). A vote (handlers/votes.ts) is ONE conditional update of
 * this document — where it is not closed and the voter's day and total are under the limits, add 1 to
 * the day, the total and the candidate's count — so the unit spent and the vote counted are one
 * write: both or neither. The document keeps sums only: no voter id, no time beyond the China day
 * of a ballot's votes, nothing that says which ballot raised which count.
 *
 * Every voter of the selection writes this one document, and that is fine without a transaction: a
 * single-document conditional update is atomic and the database serialises the updates of a
 * document, so no vote is lost and no limit is overrun (100 simultaneous taps of one person with a
 * limit of 1 a day: one update matches, 99 match nothing and are refused), and there is no
 * transaction to conflict and retry. Its size grows with the voters — a ballot is its key, its total
 * and one entry per day voted — plus one entry per candidate: measured, about 0.76 MB for 10 000
 * voters who each voted on one day, about 1.66 MB when each voted on all seven days of a week's
 * voting, under the document limit; and the ballots are deleted at the close. Reads therefore never
 * take the whole document: the counts (`counts`, or `counts.<id>`) or one ballot (`ballots.<key>`),
 * by projection.
 *
 * While a selection's counts are live, a candidate's count is its stored `votes` plus its entry in
 * `counts`: one read by id, whatever the number of candidates. The stored `votes` is 0 for candidates
 * nominated since votes were kept apart from the candidate; for older ones it is the count reached
 * before, so nothing needs migrating there.
 *
 * The document is created with its selection (saveSelection, in the same transaction). A selection
 * that has none — one whose voting began before tallies were kept — gets it from the first call that
 * needs it (createTally): a vote, the page, the admin's candidates list, an edit, the close or
 * publishWinners. It is built from what the earlier design stored, its anonymous vote records in
 * selection_votes grouped by candidate (→ counts) and, while its voting is open, its ballots in
 * selection_ballots (→ t and the day of their last vote), so the limits and the counts carry over;
 * once its voting has closed it is built closed, with no ballots. Two calls creating it at once: the
 * second insert is a duplicate and is dropped; both go on with the one written.
 *
 * Closing freezes the counts (closeSelection; publishWinners after a close by time): first the tally
 * is marked closed and its ballots are deleted in the same update — no vote is counted after it (a
 * vote that passed its open-window check just before the close is refused by its update's
 * condition), so the voters' per-day histories serve nothing any more — then its counts are read
 * (closeSelection read them with the caller's profile: its close matches only while `total`, which
 * every vote raises with its count, is still the one read, and then needs no read) and each
 * candidate with votes gets `votes` raised by them and `votesFrozen` in one guarded update (a second
 * freeze, or one running at the same time, adds nothing), then the selection gets `votesFrozenAt`
 * and is read from the stored numbers alone. A freeze cut short leaves a mix that still reads right
 * (frozen candidates are read from `votes`), and the next one completes it.
 */
import { C } from '../_shared/collections'
import { fail, unlessDuplicate } from '../_shared/errors'
import type { Store } from '../_shared/store'
import type { BallotDoc, CandidateDoc, SelectionDoc, TallyBallot, TallyDoc } from './docs'
import { freezeCandidates, voteGroups } from './repo'
import { closedAtOf, type BallotCounts } from '@/domain/selection-flow'

/** Freeze updates sent at once. */
const PARALLEL = 10
/** Legacy ballots read per request when a tally is built from them (the server's most). */
const LEGACY_PAGE = 1000

/** A tally as read with a projection: only the fields asked for are there. */
export type TallyView = Pick<TallyDoc, '_id'> & Partial<Omit<TallyDoc, '_id'>>

/** Counts per candidate while live; null once they are frozen (stored numbers only). */
export type Tally = Map<string, number> | null

/**
 * A ballot's votes of a China day ('2026-11-05') are under this key ('d20261105'): a name, never
 * all digits, so that every layer takes the path's last part for an object's key, not an array index.
 */
export function dayKeyOf(day: string): string {
  return `d${day.replace(/-/g, '')}`
}

/** The fields of one candidate's count and one ballot, for a projection. */
export const countField = (candidateId: string) => `counts.${candidateId}`
export const ballotField = (ballotKey: string) => `ballots.${ballotKey}`

/** A ballot of the tally as the selection's rules read it (src/domain/selection-flow.ts): its votes today and in total. */
export function ballotCountsOf(b: TallyBallot | null | undefined, today: string): BallotCounts | null {
  if (!b) return null
  return { day: today, dayCount: b.d?.[dayKeyOf(today)] ?? 0, total: b.t ?? 0 }
}

/** The counts of a tally read with `counts` (or some `counts.<id>`). */
export function tallyOf(doc: TallyView): Map<string, number> {
  return new Map(Object.entries(doc.counts ?? {}))
}

/** The selection's tally with only `fields` (dotted paths): one request; null when it has none. */
export async function readTally(store: Store, selectionId: string, fields: readonly string[]): Promise<TallyView | null> {
  const [doc] = await store.find<TallyView>(C.selection_tallies, { _id: selectionId }, { limit: 1, fields: Object.fromEntries(fields.map((f) => [f, true])) })
  return doc ?? null
}

/** A new selection's tally: nothing counted, nobody's ballot. */
export function emptyTally(selectionId: string): TallyDoc {
  return { _id: selectionId, closed: false, counts: {}, ballots: {}, total: 0 }
}

/**
 * A selection's legacy ballots, a page at a time in `_id` order, each page after the last `_id` of
 * the one before (index selection_ballots.selection_id: selectionId, _id).
 */
async function legacyBallots(store: Store, selectionId: string): Promise<BallotDoc[]> {
  const out: BallotDoc[] = []
  for (;;) {
    const last = out.at(-1)?._id
    const filter = last === undefined ? { selectionId } : { selectionId, _id: store.op.gt(last) }
    const page = await store.find<BallotDoc>(C.selection_ballots, filter, { sort: [['_id', 'asc']], limit: LEGACY_PAGE })
    out.push(...page)
    if (page.length < LEGACY_PAGE) return out
  }
}

/** A legacy ballot as a tally's: its total and the votes of the day of its last vote (none without a day). */
const tallyBallotOf = (b: BallotDoc): TallyBallot => ({ t: b.total, d: b.day ? { [dayKeyOf(b.day)]: b.dayCount } : {} })

/** Whether a selection's voting has closed (early, or at the end of its window) or its counts are frozen: its tally is then built closed. */
export function votingClosed(s: Pick<SelectionDoc, 'closedAt' | 'voteTo' | 'votesFrozenAt'>, now: Date): boolean {
  return !!s.votesFrozenAt || !!closedAtOf(s, now)
}

/**
 * Creates the tally of a selection that has none, from its legacy records and ballots (see above):
 * the records' aggregate and the ballots (a read per 1000), then the insert. `closed` (its voting has
 * closed, no vote can be counted any more): built closed, from the records alone — no ballots, as
 * the close deletes them. Created meanwhile by another call: that one stays.
 */
export async function createTally(store: Store, selectionId: string, closed: boolean): Promise<void> {
  const [groups, ballots] = await Promise.all([voteGroups(store, selectionId), closed ? [] : legacyBallots(store, selectionId)])
  const counts = Object.fromEntries(groups.map((g) => [g._id, g.n]))
  const total = groups.reduce((sum, g) => sum + g.n, 0)
  const doc: TallyDoc = closed ? { _id: selectionId, closed, counts, total } : { _id: selectionId, closed, counts, total, ballots: Object.fromEntries(ballots.map((b) => [b._id, tallyBallotOf(b)])) }
  await unlessDuplicate(() => store.insert(C.selection_tallies, doc))
}

/**
 * The selection's tally with `fields`, created first when it has none (a legacy selection;
 * createTally), closed when `closed` (votingClosed).
 */
export async function requireTally(store: Store, selectionId: string, fields: readonly string[], closed: boolean): Promise<TallyView> {
  const doc = await readTally(store, selectionId, fields)
  if (doc) return doc
  await createTally(store, selectionId, closed)
  return (await readTally(store, selectionId, fields)) ?? { _id: selectionId }
}

/** The selection's counts (only `candidateIds`, when given): one request by id, none once frozen. */
export async function liveTally(store: Store, s: SelectionDoc, now: Date, candidateIds?: string[]): Promise<Tally> {
  if (s.votesFrozenAt) return null
  if (candidateIds && candidateIds.length === 0) return new Map()
  return tallyOf(await requireTally(store, s._id, candidateIds ? candidateIds.map(countField) : ['counts'], votingClosed(s, now)))
}

export function votesOf(c: Pick<CandidateDoc, '_id' | 'votes' | 'votesFrozen'>, tally: Tally): number {
  return !tally || c.votesFrozen ? c.votes : c.votes + (tally.get(c._id) ?? 0)
}

/** The candidate with its current count in `votes`. */
export function counted<T extends Pick<CandidateDoc, '_id' | 'votes' | 'votesFrozen'>>(c: T, tally: Tally): T {
  return { ...c, votes: votesOf(c, tally) }
}

/**
 * Counts a closed selection's tally onto its candidates and marks it frozen (see above). Open or
 * frozen: unchanged.
 */
export async function freezeVotes(store: Store, s: SelectionDoc, now: Date): Promise<SelectionDoc> {
  return (await freezeVotesWithTally(store, s, now)).selection
}

/**
 * Closes the tally — and deletes its ballots in the same update: no vote can be counted after it —
 * and gives its counts. `known`: the tally as read with the caller's profile (counts and total); the
 * close then matches only while the total is still the one read, so no vote came after that read
 * and its counts are the final ones: one request. Otherwise (a vote came since, or the tally keeps
 * no total, or none was read) the tally is marked closed and its counts read: two requests (a legacy
 * selection: its tally built closed first, then marked and read again).
 */
async function closedCounts(store: Store, selectionId: string, known?: TallyView | null): Promise<Map<string, number>> {
  const close = { closed: true, ballots: store.op.remove() }
  if (known && !known.closed && typeof known.total === 'number') {
    const unchanged = { _id: selectionId, closed: store.op.neq(true), total: known.total }
    if ((await store.updateWhere(C.selection_tallies, unchanged, close)) > 0) return tallyOf(known)
  }
  for (let attempt = 1; attempt <= 3; attempt++) {
    await store.updateWhere(C.selection_tallies, { _id: selectionId }, close)
    const doc = await readTally(store, selectionId, ['closed', 'counts'])
    if (doc?.closed) return tallyOf(doc)
    // none yet (a legacy selection): built closed, unless a vote builds it open meanwhile (then marked again)
    if (!doc) await createTally(store, selectionId, true)
  }
  return fail('CONFLICT', '计票正忙，请稍后再试')
}

/**
 * freezeVotes, also giving the counts this freeze added — the tally that turns candidates read
 * before it into their frozen counts (`counted`) — null when the counts were frozen already, and
 * undefined when the selection is still open (nothing read or frozen; the counts are live).
 * `known`: the tally read with the caller's profile (closedCounts). Requests: the tally closed (1,
 * when no vote came since `known`) or closed and read (2), one update per distinct count, the selection (1).
 */
export async function freezeVotesWithTally(store: Store, s: SelectionDoc, now: Date, known?: TallyView | null): Promise<{ selection: SelectionDoc; tally: Tally | undefined }> {
  if (s.votesFrozenAt) return { selection: s, tally: null }
  if (!closedAtOf(s, now)) return { selection: s, tally: undefined }
  const tally = await closedCounts(store, s._id, known)
  const byCount = new Map<number, string[]>()
  for (const [id, n] of tally) if (n > 0) byCount.set(n, [...(byCount.get(n) ?? []), id])
  const updates = [...byCount].map(
    ([n, ids]) =>
      () =>
        freezeCandidates(store, s._id, ids, n)
  )
  for (let i = 0; i < updates.length; i += PARALLEL) await Promise.all(updates.slice(i, i + PARALLEL).map((u) => u()))
  await store.updateWhere(C.selections, { _id: s._id }, { votesFrozenAt: now })
  return { selection: { ...s, votesFrozenAt: now }, tally }
}
