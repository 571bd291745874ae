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
   * When the vote records were counted onto the candidates (closeSelection, or publishWinners after
   * a close by time): from then on each candidate's `votes` is its final count and no aggregate is
   * read. Absent or null while the counts are live (see tally.ts).
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
   * the votes counted before votes became records — 0 for candidates nominated since — to which the
   * candidate's records in selection_votes are added. Once frozen: the final count. No voter writes it.
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
 * A voter's quota in one selection, keyed by a hash of (selection, voter): it holds counts only —
 * never a candidate — and not the voter's id, so no query can tell who voted for whom.
 */
export interface BallotDoc {
  _id: string
  selectionId: string
  /** China date of the last vote. */
  day: string
  dayCount: number
  total: number
}

/**
 * One vote, written in the same transaction as the voter's ballot: the selection and the candidate
 * only. Its `_id` is random; it holds no ballot id, no voter, no time — nothing that leads back to
 * who cast it.
 */
export interface VoteDoc {
  _id: string
  selectionId: string
  candidateId: string
}
