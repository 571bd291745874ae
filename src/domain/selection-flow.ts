/**
 * The lifecycle of a 评选 (提名 → 审核 → 投票 → 公示 → 发布): the only place that decides which phase a
 * selection is in, which step is legal in it and for whom, and what a voter's ballot still allows.
 * Pure and platform-free — honour's handlers decide with it, the selection pages show forms and
 * buttons with it (times are Dates in the database and ISO strings in the page; both are read here).
 */
import type { MyBallot, SelectionPhase } from '@/contract'
import { chinaDay } from './china-time'

type Instant = Date | string

export interface FlowSelection {
  /** null = a town-level selection (the town office manages it). */
  villageId: string | null
  nominateFrom: Instant
  nominateTo: Instant
  voteFrom: Instant
  voteTo: Instant
  noticeDays: number
  /** When voting was closed early; otherwise voting closes at voteTo. */
  closedAt: Instant | null
  /** The honour board its winners were published to. */
  boardId: string | null
}

export interface SelectionActor {
  /** The town office, or an admin of the selection's village (a town-level selection: the town office only). */
  manages: boolean
}

export const SELECTION_STEPS = ['edit', 'nominate', 'review', 'vote', 'close', 'publish'] as const
export type SelectionStep = (typeof SELECTION_STEPS)[number]

/** ok with `again`: the step was already done (a close after the close, a publish after the publish) and taking it again changes nothing new. */
export type SelectionDecision = { ok: true; again: boolean } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string }

export const PHASE_LABELS: Record<SelectionPhase, string> = {
  upcoming: '未开始',
  nominating: '提名中',
  reviewing: '审核中',
  voting: '投票中',
  notice: '公示中',
  finished: '公示结束',
  published: '已发布到光荣榜'
}

const DAY_MS = 24 * 3600 * 1000
const ms = (t: Instant) => new Date(t).getTime()

/** When voting closed (early by a manager, or at the end of its window); null while it is open. */
export function closedAtOf(s: Pick<FlowSelection, 'closedAt' | 'voteTo'>, now: Date): Date | null {
  if (s.closedAt) return new Date(s.closedAt)
  return now.getTime() >= ms(s.voteTo) ? new Date(s.voteTo) : null
}

/** The end of the public notice (公示): `noticeDays` after voting closed; null while voting is open. */
export function noticeEndsAtOf(s: Pick<FlowSelection, 'closedAt' | 'voteTo' | 'noticeDays'>, now: Date): Date | null {
  const closed = closedAtOf(s, now)
  return closed ? new Date(closed.getTime() + s.noticeDays * DAY_MS) : null
}

export function phaseOf(s: FlowSelection, now: Date): SelectionPhase {
  if (s.boardId) return 'published'
  const t = now.getTime()
  const noticeEnds = noticeEndsAtOf(s, now)
  if (noticeEnds) return t >= noticeEnds.getTime() ? 'finished' : 'notice'
  if (t >= ms(s.voteFrom)) return 'voting'
  if (t >= ms(s.nominateFrom) && t < ms(s.nominateTo)) return 'nominating'
  return t < ms(s.nominateFrom) ? 'upcoming' : 'reviewing'
}

/** Phases in which the result is known: the counts are final and the top N are the winners. */
export function showsResult(phase: SelectionPhase): boolean {
  return phase === 'notice' || phase === 'finished' || phase === 'published'
}

/** Nominations are taken in their window (it may run into the voting) until voting closes. */
export function isNominationOpen(s: FlowSelection, now: Date): boolean {
  const t = now.getTime()
  return t >= ms(s.nominateFrom) && t < ms(s.nominateTo) && closedAtOf(s, now) === null
}

export function isVotingOpen(s: FlowSelection, now: Date): boolean {
  return now.getTime() >= ms(s.voteFrom) && closedAtOf(s, now) === null && !s.boardId
}

/** Where the clock stands for a step: before its window, in it, after it, or past it with the step done. */
type Timing = { at: 'open' | 'again' } | { at: 'early' | 'late'; message: string }

interface Step {
  /** manager = SelectionActor.manages; anyone = whoever may see the selection (the handler hides it from others). */
  who: 'manager' | 'anyone'
  timing: (s: FlowSelection, now: Date) => Timing
}

const OPEN: Timing = { at: 'open' }
const early = (message: string): Timing => ({ at: 'early', message })
const late = (message: string): Timing => ({ at: 'late', message })

const STEPS: Record<SelectionStep, Step> = {
  /** Changing the selection's settings: until voting starts. */
  edit: { who: 'manager', timing: (s, now) => (now.getTime() < ms(s.voteFrom) ? OPEN : late('投票开始后不能再修改评选')) },
  nominate: {
    who: 'anyone',
    timing: (s, now) => {
      if (isNominationOpen(s, now)) return OPEN
      return now.getTime() < ms(s.nominateFrom) ? early('提名还没有开始') : late('提名已经截止')
    }
  },
  /** Reviewing nominations: until voting closes (an approved candidate can be voted for at once). */
  review: { who: 'manager', timing: (s, now) => (closedAtOf(s, now) ? late('投票已经结束，不能再审核提名') : OPEN) },
  vote: {
    who: 'anyone',
    timing: (s, now) => {
      if (isVotingOpen(s, now)) return OPEN
      return now.getTime() < ms(s.voteFrom) ? early('投票还没有开始') : late('投票已经结束')
    }
  },
  /** Ending the voting early; once closed (early or by time) a close only makes sure the counts are frozen. */
  close: {
    who: 'manager',
    timing: (s, now) => {
      if (closedAtOf(s, now)) return { at: 'again' }
      return now.getTime() < ms(s.voteFrom) ? early('投票还没有开始，不能结束') : OPEN
    }
  },
  /** The top N onto an honour board: once the notice is over; published again, the same board. */
  publish: {
    who: 'manager',
    timing: (s, now) => {
      const noticeEnds = noticeEndsAtOf(s, now)
      if (!noticeEnds) return early('投票还没有结束')
      if (now.getTime() < noticeEnds.getTime()) return early(`公示期到 ${chinaDay(noticeEnds)} 结束，结束后才能发布`)
      return s.boardId ? { at: 'again' } : OPEN
    }
  }
}

/** Why someone who does not manage a board or selection of this scope may not manage it. */
export function notManagerMessage(villageId: string | null): string {
  return villageId === null ? '镇级榜单和评选由镇创建办管理' : '只能管理本村（居）的榜单和评选'
}

/** Whether `actor` may take `step` on the selection now: who first (FORBIDDEN), then its window (CONFLICT). */
export function decide(s: FlowSelection, step: SelectionStep, actor: SelectionActor, now: Date): SelectionDecision {
  const rule = STEPS[step]
  if (rule.who === 'manager' && !actor.manages) return { ok: false, code: 'FORBIDDEN', message: notManagerMessage(s.villageId) }
  const t = rule.timing(s, now)
  if (t.at === 'early' || t.at === 'late') return { ok: false, code: 'CONFLICT', message: t.message }
  return { ok: true, again: t.at === 'again' }
}

/** The steps that would do something now (a step only taken again is left out), in SELECTION_STEPS order. */
export function allowedSteps(s: FlowSelection, actor: SelectionActor, now: Date): SelectionStep[] {
  return SELECTION_STEPS.filter((step) => {
    const d = decide(s, step, actor, now)
    return d.ok && !d.again
  })
}

/* ---------------------------------------------------------------- candidates */

export interface FlowCandidate {
  status: 'pending' | 'approved' | 'rejected'
  /** 'review' = the automatic content check could not decide. */
  contentCheck: 'pass' | 'review'
}

export const CONTENT_REVIEW_NEEDS_TOWN = '这份提名的文字或照片未能通过自动安全检查，正在等待镇创建办人工复核，复核通过前不能公开'

/**
 * Whether a manager may decide this nomination (the selection's window: decide(s, 'review')).
 * Approving shows it to everyone: what the automatic check could not decide waits for the town
 * office, whose approval is the person's look that clears it. Each nomination is decided once.
 */
export function decideCandidate(c: FlowCandidate, approve: boolean, actor: { isTown: boolean }): SelectionDecision {
  if (approve && c.contentCheck === 'review' && !actor.isTown) return { ok: false, code: 'FORBIDDEN', message: CONTENT_REVIEW_NEEDS_TOWN }
  if (c.status !== 'pending') return { ok: false, code: 'CONFLICT', message: '这份提名已经审核过了' }
  return { ok: true, again: false }
}

/** Most votes first; ties: earlier approval first. */
export function byRank(a: { votes: number; approvedAt: Instant | null }, b: { votes: number; approvedAt: Instant | null }): number {
  return b.votes - a.votes || new Date(a.approvedAt ?? 0).getTime() - new Date(b.approvedAt ?? 0).getTime()
}

/* ---------------------------------------------------------------- ballots */

/** What a voter's ballot holds: the China day of their last vote, the votes of that day and in total. */
export interface BallotCounts {
  day: string
  dayCount: number
  total: number
}

export interface VoteLimits {
  votesPerDay: number
  votesTotal: number
}

/** The caller's votes in the selection on `today` (a China day) and what is left. */
export function myBallotOf(b: BallotCounts | null, s: VoteLimits, today: string): MyBallot {
  const votedToday = b && b.day === today ? b.dayCount : 0
  const votedTotal = b?.total ?? 0
  const remainingTotal = Math.max(0, s.votesTotal - votedTotal)
  return { votedToday, votedTotal, remainingToday: Math.min(remainingTotal, Math.max(0, s.votesPerDay - votedToday)), remainingTotal }
}

/** Why this ballot cannot take another vote today, or null. */
export function ballotRefusal(b: BallotCounts | null, s: VoteLimits, today: string): string | null {
  if (!b) return null
  if (b.total >= s.votesTotal) return `您在本次评选的 ${s.votesTotal} 票已全部投出`
  if (b.day === today && b.dayCount >= s.votesPerDay) return `您今天的 ${s.votesPerDay} 票已投完，明天再来`
  return null
}

/** Whether the page offers 投票: voting is open and the ballot has a vote left today. */
export function mayVote(s: FlowSelection, ballot: MyBallot, now: Date): boolean {
  return isVotingOpen(s, now) && ballot.remainingToday > 0 && ballot.remainingTotal > 0
}

export const MOVED_IN_DURING_VOTE = '您迁入本村（居）时，这项评选已经开始投票，本次不能再投（迁入前投出的票仍计在原村（居））'

/**
 * Whether a village selection's voting opened before the voter's move into the village was
 * confirmed. Its voters are the village's residents when voting opened: someone who moved in later
 * had their say where they lived then (those votes stay counted there) and gets no second one in
 * the same round here. Town selections (one ballot per person whatever the village) and a first,
 * unconfirmed choice of village (no movedInAt) are not affected.
 */
export function movedInAfterVoteOpened(s: Pick<FlowSelection, 'villageId' | 'voteFrom'>, voter: { movedInAt?: Date | string | null } | null): boolean {
  const movedInAt = voter?.movedInAt
  return s.villageId !== null && movedInAt != null && ms(movedInAt) > ms(s.voteFrom)
}
