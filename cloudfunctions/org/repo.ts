/** Named queries of the town's organisation (one request each). */
import { C, TOWN_ID } from '../_shared/collections'
import type { GridDoc, TownDoc, UnitDoc, UserDoc, VillageDoc } from '../_shared/docs'
import type { Store } from '../_shared/store'

const MAX_ORG_ROWS = 1000

export type OrgCollection = 'villages' | 'grids' | 'units'

/** The order after the last one of the collection within `filter` (its town or village). */
export async function nextOrder(store: Store, collection: OrgCollection, filter: Record<string, unknown>): Promise<number> {
  const [last] = await store.find<{ order?: number }>(collection, filter, { sort: [['order', 'desc']], limit: 1 })
  return (last?.order ?? 0) + 10
}

export async function loadTown(store: Store): Promise<TownDoc | null> {
  return store.findOne<TownDoc>(C.towns, { _id: TOWN_ID })
}

/** The town's villages in order, each with its grids ($lookup by villageId). */
export async function villagesWithGrids(store: Store): Promise<Array<VillageDoc & { grids: GridDoc[] }>> {
  return store.aggregate<VillageDoc & { grids: GridDoc[] }>(C.villages, (a) =>
    a.match({ townId: TOWN_ID }).sort({ order: 1 }).limit(MAX_ORG_ROWS).lookup({ from: C.grids, localField: '_id', foreignField: 'villageId', as: 'grids' })
  )
}

export async function townUnits(store: Store): Promise<UnitDoc[]> {
  return store.find<UnitDoc>(C.units, { townId: TOWN_ID }, { sort: [['order', 'asc']], limit: MAX_ORG_ROWS })
}

/** Staff by name: of one village, or all of them. */
export async function staffOf(store: Store, villageId: string | undefined): Promise<UserDoc[]> {
  const key = villageId ? `village:${villageId}` : 'staff'
  return store.find<UserDoc>(C.users, { scopeKeys: key }, { sort: [['name', 'asc']], limit: MAX_ORG_ROWS })
}

export async function findTownVillage(store: Store, villageId: string): Promise<VillageDoc | null> {
  return store.findOne<VillageDoc>(C.villages, { _id: villageId, townId: TOWN_ID })
}

/** Profiles carry the names of their village and grid for one-request reads: keeps them in step. */
export async function renameInProfiles(store: Store, field: 'villageId' | 'gridId', id: string, name: string): Promise<void> {
  await store.updateWhere(C.users, { [field]: id }, field === 'villageId' ? { villageName: name } : { gridName: name })
}
