/** Stored documents → what the contract returns. Nothing here names a voter. */
import {
  HONOUR_CATEGORY_LABELS,
  HONOUR_CATEGORY_VIRTUE,
  HONOUR_VIRTUE_LABELS,
  type CandidateReview,
  type HonourBoardDetail,
  type HonourBoardSummary,
  type HonourEntry,
  type SelectionCandidate,
  type SelectionSummary
} from '@/contract'
import { iso } from '../_shared/docs'
import { chinaDay } from '@/domain/china-time'
import type { BoardDoc, CandidateDoc, EntryDoc, SelectionDoc } from './docs'
import { phaseOf, PHASE_LABELS } from '@/domain/selection-flow'
import { periodLabel } from './rules'

const STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const

export function toBoardSummary(b: BoardDoc): HonourBoardSummary {
  return {
    id: b._id,
    title: b.title,
    period: b.period,
    periodLabel: periodLabel(b.period),
    villageId: b.villageId,
    scopeName: b.scopeName,
    status: b.status,
    entryCount: b.entryCount,
    publishedAt: iso(b.publishedAt),
    updatedAt: iso(b.updatedAt) as string,
    selectionId: b.selectionId
  }
}

function toEntry(e: EntryDoc, urls: Map<string, string>): HonourEntry {
  return {
    subject: e.subject,
    name: e.name,
    userId: e.userId,
    category: e.category,
    categoryLabel: HONOUR_CATEGORY_LABELS[e.category],
    virtueLabel: HONOUR_VIRTUE_LABELS[HONOUR_CATEGORY_VIRTUE[e.category]],
    story: e.story,
    photo: e.photo,
    photoUrl: e.photo ? (urls.get(e.photo) ?? null) : null,
    secStatus: e.photo && e.secStatus !== 'pass' ? 'review' : 'pass'
  }
}

export function toBoardDetail(b: BoardDoc, town: string, urls: Map<string, string>, canManage: boolean): HonourBoardDetail {
  return {
    ...toBoardSummary(b),
    townName: town,
    issuer: b.villageId === null ? `${town}文明创建办公室` : `${b.scopeName}${b.scopeName.endsWith('社区') ? '居民委员会' : '村民委员会'}`,
    issuedOn: b.status === 'published' && b.publishedAt ? chinaDay(new Date(b.publishedAt)) : null,
    entries: b.entries.map((e) => toEntry(e, urls)),
    canManage
  }
}

export function toSelectionSummary(s: SelectionDoc, now: Date): SelectionSummary {
  const phase = phaseOf(s, now)
  return {
    id: s._id,
    title: s.title,
    villageId: s.villageId,
    scopeName: s.scopeName,
    category: s.category,
    categoryLabel: HONOUR_CATEGORY_LABELS[s.category],
    nominateFrom: iso(s.nominateFrom) as string,
    nominateTo: iso(s.nominateTo) as string,
    voteFrom: iso(s.voteFrom) as string,
    voteTo: iso(s.voteTo) as string,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    winners: s.winners,
    createdAt: iso(s.createdAt) as string
  }
}

export function toCandidate(c: CandidateDoc, rank: number, winner: boolean, urls: Map<string, string>): SelectionCandidate {
  return { id: c._id, subject: c.subject, name: c.name, story: c.story, photoUrl: c.photo ? (urls.get(c.photo) ?? null) : null, votes: c.votes, rank, winner }
}

export function toReview(c: CandidateDoc, urls: Map<string, string>): CandidateReview {
  return {
    id: c._id,
    selectionId: c.selectionId,
    subject: c.subject,
    name: c.name,
    userId: c.userId,
    story: c.story,
    photoUrl: c.photo ? (urls.get(c.photo) ?? null) : null,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    reason: c.reason,
    contentCheck: c.contentCheck,
    votes: c.votes,
    nominatedAt: iso(c.nominatedAt) as string
  }
}
