/** Named queries of 善行档案 and 积分 (each one request unless it says otherwise). */
import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { personBalanceId, type BalanceDoc, type PointEntryDoc } from '../_shared/points'
import type { Prefetch, PrefetchPlan } from '../_shared/prefetch'
import type { Store } from '../_shared/store'

/** The most documents one server query returns. */
const MAX_QUERY = 1000
/** A person's entries within a correction window; far above what one admin corrects in it. */
const MAX_RECENT_ENTRIES = 500

/** A person with their household and balance, to come with the caller's profile (../_shared/prefetch.ts): keys person, household, balance. */
export function prefetchPerson(userId: string): PrefetchPlan {
  return {
    person: prefetchUser(userId),
    household: { coll: C.households, match: {}, join: { key: 'person', field: 'householdId', on: '_id' } },
    balance: { coll: C.point_balances, match: { _id: personBalanceId(userId) } }
  }
}

/** A resident (key person), to come with the caller's profile. */
export const prefetchUser = (userId: string): Prefetch => ({ coll: C.users, match: { _id: userId } })

/** A correction request and its resident (keys request, person), to come with the caller's profile. */
export function prefetchCorrection(requestId: string): PrefetchPlan {
  return { request: { coll: C.point_corrections, match: { _id: requestId } }, person: { coll: C.users, match: {}, join: { key: 'request', field: 'userId', on: '_id' } } }
}

/** Names by user id, in as few queries as the server's limit allows. */
export async function namesOf(store: Store, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  const chunks: string[][] = []
  for (let i = 0; i < unique.length; i += MAX_QUERY) chunks.push(unique.slice(i, i + MAX_QUERY))
  const rows = await Promise.all(chunks.map((chunk) => store.find<Pick<UserDoc, '_id' | 'name'>>(C.users, { _id: store.op.in(chunk) }, { limit: chunk.length, fields: { name: true } })))
  return new Map(rows.flat().map((p) => [p._id, p.name]))
}

/** Cached balances by balance id (ids a page long). */
export async function balancesByIds(store: Store, ids: string[]): Promise<Array<Pick<BalanceDoc, '_id' | 'balance'>>> {
  return store.find<Pick<BalanceDoc, '_id' | 'balance'>>(C.point_balances, { _id: store.op.in(ids) }, { limit: ids.length, fields: { balance: true } })
}

/** A person's point entries since `since`, newest first. */
export async function entriesSince(store: Store, userId: string, since: Date): Promise<PointEntryDoc[]> {
  return store.find<PointEntryDoc>(C.point_entries, { userId, at: store.op.gte(since) }, { sort: [['at', 'desc']], limit: MAX_RECENT_ENTRIES })
}
