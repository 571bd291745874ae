/** Pure rules of boards and selections: period labels, phases, ballot limits, ranking. */
import { createHash } from 'crypto'
import type { HonourPeriod, MyBallot, SelectionPhase } from '@/contract'
import type { BallotDoc, SelectionDoc } from './docs'

const DAY_MS = 24 * 3600 * 1000
const QUARTERS = ['一', '二', '三', '四']

export function periodLabel(p: HonourPeriod): string {
  if (p.kind === 'year') return `${p.year}年度`
  if (p.kind === 'quarter') return `${p.year}年第${QUARTERS[(p.index ?? 1) - 1]}季度`
  return `${p.year}年${p.index ?? 1}月`
}

/** Sortable key: 2026, 2026-Q4, 2026-11. */
export function periodKey(p: HonourPeriod): string {
  if (p.kind === 'year') return String(p.year)
  if (p.kind === 'quarter') return `${p.year}-Q${p.index ?? 1}`
  return `${p.year}-${String(p.index ?? 1).padStart(2, '0')}`
}

export const PHASE_LABELS: Record<SelectionPhase, string> = {
  upcoming: '未开始',
  nominating: '提名中',
  reviewing: '审核中',
  voting: '投票中',
  notice: '公示中',
  finished: '公示结束',
  published: '已发布到光荣榜'
}

/** When voting closed (early by the admin, or at the end of its window); null while it is open. */
export function closedAtOf(s: Pick<SelectionDoc, 'closedAt' | 'voteTo'>, now: Date): Date | null {
  if (s.closedAt) return s.closedAt
  return now.getTime() >= s.voteTo.getTime() ? s.voteTo : null
}

export function noticeEndsAtOf(s: Pick<SelectionDoc, 'closedAt' | 'voteTo' | 'noticeDays'>, now: Date): Date | null {
  const closed = closedAtOf(s, now)
  return closed ? new Date(closed.getTime() + s.noticeDays * DAY_MS) : null
}

export function phaseOf(s: SelectionDoc, now: Date): SelectionPhase {
  if (s.boardId) return 'published'
  const t = now.getTime()
  const noticeEnds = noticeEndsAtOf(s, now)
  if (noticeEnds) return t >= noticeEnds.getTime() ? 'finished' : 'notice'
  if (t >= s.voteFrom.getTime()) return 'voting'
  if (t >= s.nominateFrom.getTime() && t < s.nominateTo.getTime()) return 'nominating'
  return t < s.nominateFrom.getTime() ? 'upcoming' : 'reviewing'
}

export function isNominationOpen(s: SelectionDoc, now: Date): boolean {
  const t = now.getTime()
  return t >= s.nominateFrom.getTime() && t < s.nominateTo.getTime() && closedAtOf(s, now) === null
}

export function isVotingOpen(s: SelectionDoc, now: Date): boolean {
  const t = now.getTime()
  return t >= s.voteFrom.getTime() && closedAtOf(s, now) === null && !s.boardId
}

/** The ballot's id: deterministic per (selection, voter), but not the voter's id. */
export function ballotIdOf(selectionId: string, userId: string): string {
  return `hb_${createHash('sha256').update(`${selectionId}:${userId}`).digest('base64url').slice(0, 32)}`
}

export function myBallotOf(b: Pick<BallotDoc, 'day' | 'dayCount' | 'total'> | null, s: Pick<SelectionDoc, 'votesPerDay' | 'votesTotal'>, today: string): MyBallot {
  const votedToday = b && b.day === today ? b.dayCount : 0
  const votedTotal = b?.total ?? 0
  const remainingTotal = Math.max(0, s.votesTotal - votedTotal)
  return { votedToday, votedTotal, remainingToday: Math.min(remainingTotal, Math.max(0, s.votesPerDay - votedToday)), remainingTotal }
}

/** Why this ballot cannot take another vote today, or null. */
export function ballotRefusal(b: Pick<BallotDoc, 'day' | 'dayCount' | 'total'> | null, s: Pick<SelectionDoc, 'votesPerDay' | 'votesTotal'>, today: string): string | null {
  if (!b) return null
  if (b.total >= s.votesTotal) return `您在本次评选的 ${s.votesTotal} 票已全部投出`
  if (b.day === today && b.dayCount >= s.votesPerDay) return `您今天的 ${s.votesPerDay} 票已投完，明天再来`
  return null
}

export const MOVED_IN_DURING_VOTE = '您迁入本村（居）时，这项评选已经开始投票，本次不能再投（迁入前投出的票仍计在原村（居））'

/**
 * Whether a village selection's voting opened before the voter's move into the village was
 * confirmed. Its voters are the village's residents when voting opened: someone who moved in later
 * had their say where they lived then (those votes stay counted there) and gets no second one in
 * the same round here. Town selections (one ballot per person whatever the village) and a first,
 * unconfirmed choice of village (no movedInAt) are not affected.
 */
export function movedInAfterVoteOpened(s: Pick<SelectionDoc, 'villageId' | 'voteFrom'>, voter: { movedInAt?: Date | null } | null): boolean {
  const movedInAt = voter?.movedInAt
  return s.villageId !== null && movedInAt != null && new Date(movedInAt).getTime() > s.voteFrom.getTime()
}
