/** Loading what the handlers decide on: one request each. */
import { C, TOWN_ID } from '../_shared/collections'
import type { TownDoc, VillageDoc } from '../_shared/docs'
import { fail } from '../_shared/errors'
import type { Store } from '../_shared/store'
import { TOWN_SCOPE, type BallotDoc, type BoardDoc, type CandidateDoc, type SelectionDoc } from './docs'

export async function requireBoard(store: Store, id: string): Promise<BoardDoc> {
  return (await store.findOne<BoardDoc>(C.honour_boards, { _id: id })) ?? fail('NOT_FOUND', '没有找到这期光荣榜')
}

export async function requireSelection(store: Store, id: string): Promise<SelectionDoc> {
  return (await store.findOne<SelectionDoc>(C.selections, { _id: id })) ?? fail('NOT_FOUND', '没有找到这项评选')
}

export async function requireCandidate(store: Store, id: string): Promise<CandidateDoc> {
  return (await store.findOne<CandidateDoc>(C.selection_candidates, { _id: id })) ?? fail('NOT_FOUND', '没有找到这位候选人')
}

/** A candidate and its selection in one request (the vote's first read; $lookup by the selection's _id). */
export async function requireCandidateWithSelection(store: Store, id: string): Promise<{ candidate: CandidateDoc; selection: SelectionDoc }> {
  const rows = await store.aggregate<CandidateDoc & { selection: SelectionDoc[] }>(C.selection_candidates, (a) =>
    a.match({ _id: id }).limit(1).lookup({ from: C.selections, localField: 'selectionId', foreignField: '_id', as: 'selection' })
  )
  const { selection, ...candidate } = rows[0] ?? fail('NOT_FOUND', '没有找到这位候选人')
  return { candidate, selection: selection[0] ?? fail('NOT_FOUND', '没有找到这项评选') }
}

export async function loadBallot(store: Store, id: string): Promise<BallotDoc | null> {
  return store.findOne<BallotDoc>(C.selection_ballots, { _id: id })
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
