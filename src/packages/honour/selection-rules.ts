import type { SelectionDetail } from '@/contract'

/** Phases before voting starts: the only ones in which the server accepts changes to a selection. */
const BEFORE_VOTING = ['upcoming', 'nominating', 'reviewing']

/**
 * Whether the caller may still change the selection: they manage it and voting has not started
 * (the server refuses saveSelection from voteFrom on). The phase is the server's as of loading;
 * the clock check covers a page left open past voteFrom.
 */
export function selectionEditable(s: Pick<SelectionDetail, 'canManage' | 'phase' | 'voteFrom'>, now = Date.now()): boolean {
  return s.canManage && BEFORE_VOTING.includes(s.phase) && now < Date.parse(s.voteFrom)
}
