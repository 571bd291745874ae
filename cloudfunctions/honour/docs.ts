/** Stored shapes of honour boards and selections. Dates are stored as Date; views expose ISO strings. */
import type { CandidateStatus, HonourCategory, HonourPeriod, HonourSubject } from '@/contract'
import type { SecVerdict } from '../_shared/security'

/** `scope` is the village id, or 'town' for a town-level board: the list indexes start with it. */
export const TOWN_SCOPE = 'town'

export interface EntryDoc {
  subject: HonourSubject
  name: string
  userId: string | null
  category: HonourCategory
  story: string
  /** A checked copy (`checked/<sha256>.<ext>`, cloudfunctions/_shared/security.ts), never the client's upload. */
  photo: string | null
  /**
   * The content check's verdict on the photo ('pass' without one). 'review' holds the board back from
   * publishing until the town office has looked at it. Absent on entries saved before photos were kept
   * as checked copies: publishDraft refuses such a board until the draft is saved again, which checks
   * and copies the photo.
   */
  secStatus?: SecVerdict
}

export interface BoardDoc {
  _id: string
  villageId: string | null
  scope: string
  scopeName: string
  title: string
  period: HonourPeriod
  periodKey: string
  status: 'draft' | 'published'
  entries: EntryDoc[]
  entryCount: number
  selectionId: string | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
  /** Only published boards have it; the residents' list is ordered by it. */
  publishedAt: Date | null
  publishedBy: string | null
  rev: number
}

export interface SelectionDoc {
  _id: string
  villageId: string | null
  scope: string
  scopeName: string
  title: string
  rules: string
  category: HonourCategory
  nominateFrom: Date
  nominateTo: Date
  voteFrom: Date
  voteTo: Date
  votesPerDay: number
  votesTotal: number
  noticeDays: number
  winners: number
  /** Set when the admin closes voting early; otherwise voting closes at voteTo. */
  closedAt: Date | null
  /**
   * When the tally's counts were frozen onto the candidates (closeSelection, or publishWinners after
   * a close by time): from then on each candidate's `votes` is its final count and the tally's counts
   * are not read. Absent or null while the counts are live (see tally.ts).
   */
  votesFrozenAt?: Date | null
  boardId: string | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
}

export interface CandidateDoc {
  _id: string
  selectionId: string
  subject: HonourSubject
  name: string
  userId: string | null
  story: string
  /** A checked copy, as an entry's photo. */
  photo: string | null
  status: CandidateStatus
  reason: string | null
  /** Text and photo: 'review' keeps the nomination from being approved (shown) until the town office approves it. */
  contentCheck: SecVerdict
  /**
   * Until its selection's counts are frozen (`votesFrozen` here or `votesFrozenAt` on the selection):
   * the votes counted before votes were kept apart from the candidate — 0 for candidates nominated
   * since — to which the candidate's count in the selection's tally (TallyDoc.counts) is added. Once
   * frozen: the final count. No voter writes it.
   */
  votes: number
  /** Set with the final count by the freeze (tally.ts), so a second freeze adds nothing. */
  votesFrozen?: boolean
  nominatedBy: string
  nominatedAt: Date
  reviewedBy: string | null
  reviewedAt: Date | null
  /** Ties in votes are ranked by the order of approval. */
  approvedAt: Date | null
}

/**
 * A voter's votes in one selection, inside its tally (TallyDoc.ballots, keyed by a hash of
 * (selection, voter): rules.ts ballotIdOf): counts only — never a candidate, a voter or a time.
 */
export interface TallyBallot {
  /** Votes in total. */
  t: number
  /** Votes by China day ('dYYYYMMDD', tally.ts dayKeyOf); a day without votes is absent. */
  d: Record<string, number>
}

/**
 * A selection's votes, one document per selection (`_id` = the selection's id; tally.ts): the count
 * of each candidate and, until the close, each voter's ballot. Nothing in it links a voter to a
 * candidate: a vote raises one count and one ballot in the same write, and the document keeps only
 * the sums.
 */
export interface TallyDoc {
  _id: string
  /** Set before the counts are frozen onto the candidates: no vote is counted after it. */
  closed: boolean
  /** Candidate id → votes counted here (added to the candidate's stored `votes` while live). */
  counts: Record<string, number>
  /**
   * Ballot key (rules.ts ballotIdOf) → that voter's ballot, while votes can be counted. Deleted at
   * the close (in the update that sets `closed`; a tally built closed has none): no vote can be
   * counted after it, so the voters' per-day histories are not kept.
   */
  ballots?: Record<string, TallyBallot>
  /**
   * Votes counted: every vote adds 1 here in the update that adds it to `counts`, so an unchanged
   * total means no vote since it was read. The close (tally.ts closedCounts) marks the tally closed
   * only if this is still the total it read with the counts, and then freezes the counts it read.
   * A tally from before it was kept has none until its next vote, and then counts from there.
   */
  total?: number
}

/**
 * LEGACY (before selection_tallies): a voter's quota in one selection, keyed by a hash of
 * (selection, voter). Only read to build the tally of a selection that had votes before
 * (tally.ts createTally); nothing writes it any more.
 */
export interface BallotDoc {
  _id: string
  selectionId: string
  /** China date of the last vote (absent on some: such a ballot carries its total only). */
  day?: string
  dayCount: number
  total: number
}

/**
 * LEGACY (before selection_tallies): one anonymous vote ({ random _id, selectionId, candidateId }).
 * Only grouped by candidate to build the tally of a selection that had votes before; nothing writes it any more.
 */
export interface VoteDoc {
  _id: string
  selectionId: string
  candidateId: string
}
