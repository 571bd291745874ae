/** Named queries of 善行档案 and 积分 (each one request unless it says otherwise). */
import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { personBalanceId, type BalanceDoc, type PointEntryDoc } from '../_shared/points'
import type { Prefetch, PrefetchPlan } from '../_shared/prefetch'
import type { Ops } from '../_shared/ops'
import { lookupCommandOf } from '../_shared/pipeline'
import type { Store } from '../_shared/store'

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

/** A person's point entries since `since`, newest first. */
export async function entriesSince(store: Store, userId: string, since: Date): Promise<PointEntryDoc[]> {
  return store.find<PointEntryDoc>(C.point_entries, { userId, at: store.op.gte(since) }, { sort: [['at', 'desc']], limit: MAX_RECENT_ENTRIES })
}

/** What entriesSince reads, to come with the caller's profile (same filter, order and limit). */
export function prefetchEntriesSince(op: Ops, userId: string, since: Date): Prefetch {
  return { coll: C.point_entries, match: { userId, at: op.gte(since) }, sort: { at: -1 }, limit: MAX_RECENT_ENTRIES }
}

/** The local engine's $lookup puts a null where an array element matched nothing. */
const docsOf = <T>(v: unknown): T[] => (Array.isArray(v) ? v.filter((d): d is T => d !== null && typeof d === 'object') : [])
/** Members by id (users' _id), their names only. */
const MEMBERS = { from: C.users, localField: 'memberIds', foreignField: '_id', as: 'members' }
const namesFrom = (members: Array<Pick<UserDoc, '_id' | 'name'>>) => new Map(members.map((u) => [u._id, u.name]))

export interface HouseholdRow<H> {
  household: H
  names: Map<string, string>
  balance: Pick<BalanceDoc, '_id' | 'balance'> | null
}

/**
 * A page of a village's households by name, each with its members' names and its cached balance, in
 * ONE request: the members through users' _id, the balance through its id (`h_` + the household's id,
 * a `let` variable: an equality on _id).
 */
export async function householdPage<H extends { _id: string; memberIds: string[] }>(store: Store, villageId: string, skip: number, limit: number): Promise<Array<HouseholdRow<H>>> {
  const _ = lookupCommandOf(store)
  const $ = _.aggregate
  const rows = await store.aggregate<H & { members: unknown; balances: unknown }>(C.households, (a) => {
    let q = a.match({ villageId }).sort({ name: 1 })
    if (skip) q = q.skip(skip)
    return q
      .limit(limit)
      .lookup(MEMBERS as Parameters<typeof q.lookup>[0])
      .lookup({
        from: C.point_balances,
        let: { bid: $.concat(['h_', '$_id']) },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$_id', '$$bid'])))
          .limit(1)
          .project({ balance: 1 })
          .done(),
        as: 'balances'
      } as unknown as Parameters<typeof q.lookup>[0])
  })
  return rows.map(({ members, balances, ...h }) => ({
    household: h as unknown as H,
    names: namesFrom(docsOf<UserDoc>(members)),
    balance: docsOf<Pick<BalanceDoc, '_id' | 'balance'>>(balances)[0] ?? null
  }))
}

/**
 * One household's record in ONE request: the household, its members' names, its balance, its newest
 * approved deeds (deeds' household_status_reviewed) and a page of its point entries (household_at).
 */
export async function householdRecord<H extends { _id: string; memberIds: string[] }, D, E>(
  store: Store,
  householdId: string,
  balanceId: string,
  deeds: number,
  entries: { skip: number; limit: number }
): Promise<(HouseholdRow<H> & { deeds: D[]; entries: E[] }) | null> {
  const $ = lookupCommandOf(store).aggregate
  const rows = await store.aggregate<H & { members: unknown; balances: unknown; deeds: unknown; entries: unknown }>(C.households, (a) => {
    const q = a.match({ _id: householdId }).limit(1)
    type Lookup = Parameters<typeof q.lookup>[0]
    const entryPipeline = $.pipeline().match({ householdId }).sort({ at: -1 })
    return q
      .lookup(MEMBERS as Lookup)
      .lookup({ from: C.point_balances, pipeline: $.pipeline().match({ _id: balanceId }).limit(1).done(), as: 'balances' } as unknown as Lookup)
      .lookup({ from: C.deeds, pipeline: $.pipeline().match({ householdId, status: 'approved' }).sort({ reviewedAt: -1 }).limit(deeds).done(), as: 'deeds' } as unknown as Lookup)
      .lookup({ from: C.point_entries, pipeline: (entries.skip ? entryPipeline.skip(entries.skip) : entryPipeline).limit(entries.limit).done(), as: 'entries' } as unknown as Lookup)
  })
  const row = rows[0]
  if (!row) return null
  const { members, balances, deeds: deedRows, entries: entryRows, ...h } = row
  return {
    household: h as unknown as H,
    names: namesFrom(docsOf<UserDoc>(members)),
    balance: docsOf<Pick<BalanceDoc, '_id' | 'balance'>>(balances)[0] ?? null,
    deeds: docsOf<D>(deedRows),
    entries: docsOf<E>(entryRows)
  }
}
