/**
 * Documents a handler needs on every call, read together with the caller's profile.
 *
 * Every call reads the caller (`users`, by id) before its handler runs. A handler wrapped in
 * `withPrefetch` declares, from its input, further documents it always needs — settings, the
 * activity it signs up for, the caller's own registration — and the router reads them in the same
 * request: one aggregate over `users` (match the caller, limit 1) with a `$lookup` + `pipeline` per
 * document (the pipeline's first `$match` picks them through the joined collection's index, as any
 * query's would). In WeChat Cloud every request is a round trip and a billed operation; this turns
 * 1 + n reads into one.
 *
 * Prefetched documents are read outside any transaction, exactly as a separate `findOne` before the
 * handler would be: what must be re-read inside a transaction still is. When there is no profile
 * (the caller's first call) the aggregate has no row to join to: nothing is prefetched, and the
 * handler loads what it needs itself (`prefetchedOne(ctx, key, load)` does that).
 */
import type { ActionName, ParsedInputOf } from '@/contract'
import { C, type CollectionName } from './collections'
import type { UserDoc } from './docs'
import type { Ops } from './ops'
import { lookupCommandOf, type LookupCommand } from './pipeline'
import type { Ctx, Handler } from './router'
import type { Filter, Store } from './store'

export interface Prefetch {
  coll: CollectionName
  /** A filter an index of `coll` serves (plain conditions and the store's operators). */
  match: Filter
  /** At most this many documents (default 1). */
  limit?: number
  /** The order they are taken in before the limit (`{ at: -1 }`: the newest), as an index of `coll` serves it; none: the index's order. */
  sort?: Record<string, 1 | -1>
  /** Fields left out of the documents (large or secret ones the handler does not need). */
  omit?: readonly string[]
  /**
   * Only these fields (and `_id`) of the documents, dotted paths allowed (`counts`, `ballots.<key>`):
   * one entry of a document that grows with its users. Not together with `omit` (an error).
   */
  only?: readonly string[]
  /**
   * Only the documents whose field `on` equals `field` of the first document under an earlier `key`
   * of the plan (a candidate's selection: `{ key: 'candidate', field: 'selectionId', on: '_id' }`):
   * a `$lookup` with `let` + an `$expr` equality, the form an index of `coll` serves. No document
   * under `key` matches nothing.
   */
  join?: { key: string; field: string; on: string }
}

/** Key → what to read; the key is how the handler asks for it. */
export type PrefetchPlan = Record<string, Prefetch>

/** The documents read under each key of the plan. */
export type Prefetched = ReadonlyMap<string, readonly unknown[]>

/** What a plan is made from besides the input: who calls, the call's clock, the store's operators. */
export interface Caller {
  userId: string
  now: Date
  op: Ops
}

export type PlanOf<A extends ActionName> = (input: ParsedInputOf<A>, caller: Caller) => PrefetchPlan

const PLAN = Symbol('prefetch plan')

type Planned<A extends ActionName> = Handler<A> & { [PLAN]?: PlanOf<A> }

/** The handler, reading `plan`'s documents with the caller's profile (see above). */
export function withPrefetch<A extends ActionName>(plan: PlanOf<A>, handler: Handler<A>): Handler<A> {
  const planned: Planned<A> = (input, ctx) => handler(input, ctx)
  planned[PLAN] = plan
  return planned
}

/** The handler's prefetch plan for this input; undefined when it declares none. */
export function planOf(handler: Handler<ActionName>, input: unknown, caller: Caller): PrefetchPlan | undefined {
  const plan = (handler as Planned<ActionName>)[PLAN]
  return plan ? plan(input as never, caller) : undefined
}

/** The joined field of the plan's i-th key on the caller's row (not a field a profile has). */
const joinedAs = (i: number) => `_prefetch${i}`

/** One key's `$lookup` on the caller's row. */
function lookupOf(_: LookupCommand, keys: string[], p: Prefetch, i: number): object {
  const $ = _.aggregate
  if (p.omit && p.only) throw new Error(`prefetch: ${keys[i]} has both omit and only; give one of them`)
  let letVars: object | undefined
  let match: object = p.match
  if (p.join) {
    const from = keys.indexOf(p.join.key)
    if (from < 0 || from >= i) throw new Error(`prefetch: ${keys[i]} joins through ${p.join.key}, which is not an earlier key`)
    // '' when there is no such document: an equality that matches nothing, still through the index
    letVars = { joined: $.ifNull([$.arrayElemAt([`$${joinedAs(from)}.${p.join.field}`, 0]), '']) }
    const joined = _.expr($.eq([`$${p.join.on}`, '$$joined']))
    match = Object.keys(p.match).length ? _.and([p.match, joined]) : joined
  }
  let sub = $.pipeline().match(match)
  if (p.sort) sub = sub.sort(p.sort)
  if (p.omit?.length) sub = sub.project(Object.fromEntries(p.omit.map((f) => [f, 0])))
  else if (p.only?.length) sub = sub.project(Object.fromEntries(p.only.map((f) => [f, 1])))
  return { from: p.coll, ...(letVars ? { let: letVars } : {}), pipeline: sub.limit(p.limit ?? 1).done(), as: joinedAs(i) }
}

/**
 * The caller's profile and the plan's documents in one request (one findOne without a plan).
 * `prefetched` is null when nothing was prefetched: no plan, or no profile to join to.
 */
export async function loadCaller(store: Store, userId: string, plan: PrefetchPlan | undefined): Promise<{ user: UserDoc | null; prefetched: Prefetched | null }> {
  const keys = Object.keys(plan ?? {})
  if (!plan || keys.length === 0) return { user: await store.findOne<UserDoc>(C.users, { _id: userId }), prefetched: null }
  // a $lookup with a pipeline has no typed operator: the SDK's command (untyped there), here only
  const _ = lookupCommandOf(store)
  const rows = await store.aggregate<Record<string, unknown>>(C.users, (a) => {
    let q = a.match({ _id: userId }).limit(1)
    keys.forEach((key, i) => {
      q = q.lookup(lookupOf(_, keys, plan[key], i) as Parameters<typeof q.lookup>[0])
    })
    return q
  })
  const row = rows[0]
  if (!row) return { user: null, prefetched: null }
  const prefetched = new Map<string, unknown[]>()
  keys.forEach((key, i) => {
    const docs = row[joinedAs(i)]
    prefetched.set(key, Array.isArray(docs) ? docs.filter((d) => d !== null && typeof d === 'object') : [])
    delete row[joinedAs(i)]
  })
  return { user: row as unknown as UserDoc, prefetched }
}

/** The one document prefetched under `key` (null: there is none); undefined when it was not prefetched. */
export function prefetchedDoc<T>(ctx: Pick<Ctx, 'prefetched'>, key: string): T | null | undefined {
  const rows = ctx.prefetched?.get(key)
  return rows ? ((rows[0] as T | undefined) ?? null) : undefined
}

/** The documents prefetched under `key`, or `load()` when they were not prefetched. */
export async function prefetchedMany<T>(ctx: Pick<Ctx, 'prefetched'>, key: string, load: () => Promise<T[]>): Promise<T[]> {
  const rows = ctx.prefetched?.get(key)
  return rows ? (rows as T[]) : load()
}

/** The one document prefetched under `key` (null: there is none), or `load()` when it was not prefetched. */
export async function prefetchedOne<T>(ctx: Pick<Ctx, 'prefetched'>, key: string, load: () => Promise<T | null>): Promise<T | null> {
  const doc = prefetchedDoc<T>(ctx, key)
  return doc === undefined ? load() : doc
}
