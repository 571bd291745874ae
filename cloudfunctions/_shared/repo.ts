/** Named queries of the shared modules (one request each). */
import { C } from './collections'
import type { Store } from './store'

/** Counts one more of the day against a cap: updated only while the count is under it (0 or 1). */
export async function countUnderCap(store: Store, id: string, day: string, cap: number, now: Date): Promise<number> {
  return store.updateWhere(C.daily_counts, { _id: id, day, count: store.op.lt(cap) }, { count: store.op.inc(1), updatedAt: now })
}
