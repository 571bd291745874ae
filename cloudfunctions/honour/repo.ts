/** Loading what the handlers decide on: one request each. */
import { C, TOWN_ID } from '../_shared/collections'
import type { TownDoc, VillageDoc } from '../_shared/docs'
import { fail } from '../_shared/errors'
import type { PrefetchPlan, Prefetched } from '../_shared/prefetch'
import type { Sort, Store } from '../_shared/store'
import { TOWN_SCOPE, type BoardDoc, type CandidateDoc, type SelectionDoc } from './docs'

export async function requireBoard(store: Store, id: string): Promise<BoardDoc> {
  return (await store.findOne<BoardDoc>(C.honour_boards, { _id: id })) ?? fail('NOT_FOUND', '没有找到这期光荣榜')
}

export async function requireSelection(store: Store, id: string): Promise<SelectionDoc> {
  return (await store.findOne<SelectionDoc>(C.selections, { _id: id })) ?? fail('NOT_FOUND', '没有找到这项评选')
}

export function findCandidate(store: Store, id: string): Promise<CandidateDoc | null> {
  return store.findOne<CandidateDoc>(C.selection_candidates, { _id: id })
}

export async function requireCandidate(store: Store, id: string): Promise<CandidateDoc> {
  return (await findCandidate(store, id)) ?? fail('NOT_FOUND', '没有找到这位候选人')
}

/** A candidate and its selection in one request (the vote's first read; $lookup by the selection's _id). */
export async function requireCandidateWithSelection(store: Store, id: string): Promise<{ candidate: CandidateDoc; selection: SelectionDoc }> {
  const rows = await store.aggregate<CandidateDoc & { selection: SelectionDoc[] }>(C.selection_candidates, (a) =>
    a.match({ _id: id }).limit(1).lookup({ from: C.selections, localField: 'selectionId', foreignField: '_id', as: 'selection' })
  )
  const { selection, ...candidate } = rows[0] ?? fail('NOT_FOUND', '没有找到这位候选人')
  return { candidate, selection: selection[0] ?? fail('NOT_FOUND', '没有找到这项评选') }
}

/**
 * A selection and its tally — the counts and the caller's ballot only, never the other ballots — to
 * come with the caller's profile (../_shared/prefetch.ts): keys selection, tally.
 */
export function prefetchSelectionWithTally(selectionId: string, ballotKey: string): PrefetchPlan {
  return {
    selection: { coll: C.selections, match: { _id: selectionId } },
    tally: { coll: C.selection_tallies, match: { _id: selectionId }, only: ['closed', 'counts', 'total', `ballots.${ballotKey}`] }
  }
}

/** What requireCandidateWithSelection reads, to come with the caller's profile (../_shared/prefetch.ts): keys candidate, selection. */
export function prefetchCandidateWithSelection(id: string): PrefetchPlan {
  return {
    candidate: { coll: C.selection_candidates, match: { _id: id } },
    selection: { coll: C.selections, match: {}, join: { key: 'candidate', field: 'selectionId', on: '_id' } }
  }
}

/** The candidate and selection prefetched with the caller's profile, else read (requireCandidateWithSelection). */
export async function candidateWithSelectionFor(ctx: { store: Store; prefetched?: Prefetched | null }, id: string): Promise<{ candidate: CandidateDoc; selection: SelectionDoc }> {
  const p = ctx.prefetched
  if (!p?.has('candidate')) return requireCandidateWithSelection(ctx.store, id)
  const [candidate] = (p.get('candidate') ?? []) as CandidateDoc[]
  const [selection] = (p.get('selection') ?? []) as SelectionDoc[]
  return { candidate: candidate ?? fail('NOT_FOUND', '没有找到这位候选人'), selection: selection ?? fail('NOT_FOUND', '没有找到这项评选') }
}

export async function townName(store: Store): Promise<string> {
  return (await store.findOne<TownDoc>(C.towns, { _id: TOWN_ID }))?.name ?? '本镇'
}

/** The scope key and display name of a village (or of the town when villageId is null). */
export async function scopeOf(store: Store, villageId: string | null): Promise<{ scope: string; scopeName: string }> {
  if (villageId === null) return { scope: TOWN_SCOPE, scopeName: await townName(store) }
  const village = await store.findOne<VillageDoc>(C.villages, { _id: villageId, townId: TOWN_ID })
  if (!village) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  return { scope: village._id, scopeName: village.name }
}

/** Groups one aggregate returns: far more than a selection's candidates (who are at most a few hundred). */
const MAX_GROUPS = 1000
/** Lists leave the entries (the bulk of a board) out of the reply. */
const NO_ENTRIES = { entries: false }

/** A page of the selections of these scopes (the caller's village and the town), newest first; rules left out. */
export async function findSelections(store: Store, scopes: string[], skip: number, limit: number): Promise<SelectionDoc[]> {
  const filter = store.op.anyOf(scopes.map((scope) => ({ scope })))
  return store.find<SelectionDoc>(C.selections, filter, { sort: [['createdAt', 'desc']], skip, limit, fields: { rules: false } })
}

/** A page of a selection's candidates (of one status, when given), in nomination order. */
export async function findCandidates(store: Store, selectionId: string, status: CandidateDoc['status'] | undefined, skip: number, limit: number): Promise<CandidateDoc[]> {
  const filter = status ? { selectionId, status } : { selectionId }
  return store.find<CandidateDoc>(C.selection_candidates, filter, { sort: [['nominatedAt', 'asc']], skip, limit })
}

/** A page of the published boards of these scopes, newest first (one index range per scope, merged). */
export async function findPublishedBoards(store: Store, scopes: string[], skip: number, limit: number): Promise<BoardDoc[]> {
  return findBoards(store, store.op.anyOf(scopes.map((scope) => ({ scope, status: 'published' }))), [['publishedAt', 'desc']], skip, limit)
}

/** A page of one scope's boards, drafts included, last changed first. */
export async function findBoardsOf(store: Store, scope: string, skip: number, limit: number): Promise<BoardDoc[]> {
  return findBoards(store, { scope }, [['updatedAt', 'desc']], skip, limit)
}

async function findBoards(store: Store, filter: Record<string, unknown>, sort: Sort, skip: number, limit: number): Promise<BoardDoc[]> {
  return store.find<BoardDoc>(C.honour_boards, filter, { sort, skip, limit, fields: NO_ENTRIES })
}

/** LEGACY: the selection's vote records (before tallies were kept) grouped by candidate (only `candidateIds`, when given): one aggregate. */
export async function voteGroups(store: Store, selectionId: string, candidateIds?: string[]): Promise<Array<{ _id: string; n: number }>> {
  const match = candidateIds ? { selectionId, candidateId: store.op.in(candidateIds) } : { selectionId }
  return store.aggregate<{ _id: string; n: number }>(C.selection_votes, (a) =>
    a
      .match(match)
      .group({ _id: '$candidateId', n: store.op.sum(1) })
      .limit(MAX_GROUPS)
  )
}

/** Adds `n` votes to each of these candidates not yet frozen and freezes them (a second freeze adds nothing). */
export async function freezeCandidates(store: Store, selectionId: string, ids: string[], n: number): Promise<number> {
  return store.updateWhere(C.selection_candidates, { _id: store.op.in(ids), selectionId, votesFrozen: store.op.neq(true) }, { votes: store.op.inc(n), votesFrozen: true })
}
