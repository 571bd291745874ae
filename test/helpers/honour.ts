/** Shared pieces of the honour board and selection tests (and the access samples). */
import type { InputOf } from '../../src/contract'
import { callAs, ok } from './town'

const HOUR = 3600 * 1000
export const at = (hours: number, from = Date.now()) => new Date(from + hours * HOUR).toISOString()

export function boardInput(villageId: string | null, extra: Partial<InputOf<'honour.saveBoard'>> = {}): InputOf<'honour.saveBoard'> {
  return {
    villageId,
    title: '善行义举四德榜',
    period: { kind: 'month', year: 2026, index: 11 },
    entries: [
      { subject: 'person', name: '王秀兰', category: 'filial', story: '照顾瘫痪婆婆二十年如一日' },
      { subject: 'household', name: '李大爷家', category: 'helping', story: '常年为村里孤寡老人送菜送饭' }
    ],
    ...extra
  }
}

/** A draft board of `villageId` (null = town) saved by `who`; returns its id. */
export async function draftBoard(who: string, villageId: string | null, extra: Partial<InputOf<'honour.saveBoard'>> = {}): Promise<string> {
  return (await ok(who, 'honour.saveBoard', boardInput(villageId, extra))).id
}

export async function publishedBoard(who: string, villageId: string | null, extra: Partial<InputOf<'honour.saveBoard'>> = {}): Promise<string> {
  const id = await draftBoard(who, villageId, extra)
  await ok(who, 'honour.publishBoard', { boardId: id })
  return id
}

/** A selection whose nomination is open now and whose voting opens `voteInHours` from now (negative = already open). */
export function selectionInput(villageId: string | null, extra: Partial<InputOf<'honour.saveSelection'>> = {}, voteInHours = 48): InputOf<'honour.saveSelection'> {
  return {
    villageId,
    title: '最美家庭评选',
    rules: '本村户籍家庭均可参评，每人每天可投 1 票',
    category: 'filial',
    nominateFrom: at(-2),
    nominateTo: at(Math.max(voteInHours, 1)),
    voteFrom: at(voteInHours),
    voteTo: at(voteInHours + 24 * 7),
    votesPerDay: 1,
    votesTotal: 3,
    noticeDays: 5,
    winners: 2,
    ...extra
  }
}

export async function createdSelection(who: string, villageId: string | null, extra: Partial<InputOf<'honour.saveSelection'>> = {}, voteInHours = 48): Promise<string> {
  return (await ok(who, 'honour.saveSelection', selectionInput(villageId, extra, voteInHours))).id
}

/** Nominates `name` as `by` and has `admin` approve it; returns the candidate id. */
export async function approvedCandidate(selectionId: string, admin: string, name = '王秀兰家', by = 'resident-2'): Promise<string> {
  const c = await ok(by, 'honour.nominate', { selectionId, subject: 'household', name, story: '夫妻和睦，孝敬老人，邻里称赞多年' })
  await ok(admin, 'honour.reviewCandidate', { candidateId: c.id, approve: true })
  return c.id
}

/** A town or village selection with voting open now and one approved candidate. */
export async function votingCandidate(admin: string, villageId: string | null, extra: Partial<InputOf<'honour.saveSelection'>> = {}): Promise<{ selectionId: string; candidateId: string }> {
  const selectionId = await createdSelection(admin, villageId, extra, -1)
  return { selectionId, candidateId: await approvedCandidate(selectionId, admin) }
}

export { callAs, ok }
