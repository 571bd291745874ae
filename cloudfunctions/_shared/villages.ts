import { C, TOWN_ID } from './collections'
import type { GridDoc, VillageDoc } from './docs'
import type { PrefetchPlan, Prefetched } from './prefetch'
import type { Store } from './store'

/** Far more grids than a village has. */
const MAX_GRIDS = 1000

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

/** What villageWithGrids reads, to come with the caller's profile (./prefetch.ts): keys village, grids. */
export function prefetchVillageWithGrids(villageId: string): PrefetchPlan {
  return { village: { coll: C.villages, match: { _id: villageId, townId: TOWN_ID } }, grids: { coll: C.grids, match: { villageId }, limit: MAX_GRIDS } }
}

/** The village and grids prefetchVillageWithGrids read (null: no such village of this town); undefined when they were not prefetched. */
export function prefetchedVillageWithGrids(ctx: { prefetched?: Prefetched | null }): { village: VillageDoc; grids: GridDoc[] } | null | undefined {
  const p = ctx.prefetched
  if (!p?.has('village')) return undefined
  const [village] = (p.get('village') ?? []) as VillageDoc[]
  return village ? { village, grids: byOrder([...(p.get('grids') ?? [])] as GridDoc[]) } : null
}

/** Grids (or anything ordered) in their display order; $lookup returns them in storage order. */
export function byOrder<T extends { order: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.order - b.order)
}
