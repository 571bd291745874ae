import { C, TOWN_ID } from './collections'
import type { GridDoc, VillageDoc } from './docs'
import type { Store } from './store'

/** A village of this town with its grids, in one request. */
export async function villageWithGrids(store: Store, villageId: string): Promise<{ village: VillageDoc; grids: GridDoc[] } | null> {
  const rows = await store.aggregate<VillageDoc & { grids: GridDoc[] }>(C.villages, (a) =>
    a.match({ _id: villageId, townId: TOWN_ID }).lookup({ from: C.grids, localField: '_id', foreignField: 'villageId', as: 'grids' })
  )
  const row = rows[0]
  if (!row) return null
  const { grids, ...village } = row
  return { village, grids: byOrder(grids) }
}

/** Grids (or anything ordered) in their display order; $lookup returns them in storage order. */
export function byOrder<T extends { order: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.order - b.order)
}
