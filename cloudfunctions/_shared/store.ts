import type { Database } from './cloud'
import type { CollectionName } from './collections'
import { AppError, sdkErrorKind } from './errors'
import { createOps, type Ops } from './ops'

/* The SDK's typings return `void | Result` unions (callback overloads); this module is the one
   place that narrows them, so handlers stay typed without casts. Every method is one DB request. */

export type Filter = Record<string, unknown>
export type Sort = Array<[field: string, direction: 'asc' | 'desc']>
export interface FindOptions {
  sort?: Sort
  skip?: number
  limit: number
  /** Projection: `{ field: false }` leaves a (large) field out of the reply. */
  fields?: Record<string, boolean>
}

type Coll = ReturnType<Database['collection']>
type Query = ReturnType<Coll['where']>

interface QueryResult {
  data: unknown[]
}
interface UpdateResult {
  stats: { updated: number }
}
interface AddResult {
  _id: string | number
}

function ordered(q: Query, sort: Sort | undefined): Query {
  let out = q
  for (const [field, dir] of sort ?? []) out = out.orderBy(field, dir) as Query
  return out
}

/**
 * A transaction that still conflicted after the SDK's retries (CONFLICT): a document it read was
 * written meanwhile. Unlike a CONFLICT the transaction itself decided on, running it again may succeed.
 */
export class TxConflict extends AppError {
  constructor() {
    super('CONFLICT')
  }
}

/** Operations a transaction offers: reads see the transaction's own writes. */
export interface TxStore {
  /** The update operators (an increment needs no read). */
  readonly op: Ops
  get<T>(coll: CollectionName, id: string): Promise<T | null>
  /** Returns how many documents changed: 0 when there is no such document. */
  update(coll: CollectionName, id: string, patch: object): Promise<number>
  /** Inserts ONE document: a transaction allows single-record operations only (no batch add), so several are one request each. */
  insert(coll: CollectionName, doc: object): Promise<void>
  /** Creates or replaces the whole document (doc().set: upsert). */
  set(coll: CollectionName, id: string, doc: object): Promise<void>
  /** Removes the document if there is one. */
  remove(coll: CollectionName, id: string): Promise<void>
}

export interface Store {
  readonly db: Database
  /** Typed query and update operators (the SDK's command); used by the repositories. */
  readonly op: Ops
  find<T>(coll: CollectionName, filter: Filter, opts: FindOptions): Promise<T[]>
  findOne<T>(coll: CollectionName, filter: Filter): Promise<T | null>
  insert(coll: CollectionName, doc: object): Promise<string>
  /** Updates every document matching `filter`; returns how many changed. */
  updateWhere(coll: CollectionName, filter: Filter, patch: object): Promise<number>
  count(coll: CollectionName, filter: Filter): Promise<number>
  /** Creates or replaces a whole document by id (upsert). */
  setDoc(coll: CollectionName, id: string, doc: object): Promise<void>
  /** Removes a document by id; returns whether there was one. */
  removeDoc(coll: CollectionName, id: string): Promise<boolean>
  aggregate<T>(coll: CollectionName, build: (a: ReturnType<Coll['aggregate']>) => ReturnType<Coll['aggregate']>): Promise<T[]>
  transaction<T>(run: (tx: TxStore) => Promise<T>): Promise<T>
  regex(pattern: string, options?: string): unknown
  /** Matches strings that start with `prefix`, as an index range (not a scan). */
  prefix(prefix: string): unknown
}

/**
 * The SDK sends a plain `{ $or: [...] }` as it is, without encoding the commands inside it (a range
 * such as `_.gte(date)` in a branch would reach the database as a raw object and match nothing), so
 * a top-level `$or` is built with the command instead: `_.or(branches)`, and-ed with the rest.
 */
export function whereOf(op: Ops, filter: Filter): Filter {
  const { $or, ...rest } = filter as { $or?: unknown }
  if (!Array.isArray($or)) return filter
  const either = op.or($or as Filter[])
  return Object.keys(rest).length ? op.and([rest, either]) : either
}

export function createStore(db: Database): Store {
  const op = createOps(db)
  return {
    db,
    op,
    async find<T>(coll: CollectionName, filter: Filter, opts: FindOptions) {
      let q = ordered(db.collection(coll).where(whereOf(op, filter)), opts.sort)
      if (opts.skip) q = q.skip(opts.skip) as Query
      if (opts.fields) q = q.field(opts.fields) as Query
      const res = (await q.limit(opts.limit).get()) as QueryResult
      return res.data as T[]
    },
    async findOne<T>(coll: CollectionName, filter: Filter) {
      const res = (await db.collection(coll).where(whereOf(op, filter)).limit(1).get()) as QueryResult
      return (res.data[0] as T | undefined) ?? null
    },
    async insert(coll, doc) {
      const res = (await db.collection(coll).add({ data: doc })) as AddResult
      return String(res._id)
    },
    async updateWhere(coll, filter, patch) {
      const res = (await db.collection(coll).where(whereOf(op, filter)).update({ data: patch })) as UpdateResult
      return res.stats.updated
    },
    async count(coll, filter) {
      const res = (await db.collection(coll).where(whereOf(op, filter)).count()) as { total: number }
      return res.total
    },
    async setDoc(coll, id, doc) {
      await db.collection(coll).doc(id).set({ data: doc })
    },
    async removeDoc(coll, id) {
      const res = (await db.collection(coll).doc(id).remove()) as { stats?: { removed?: number } }
      return (res.stats?.removed ?? 0) > 0
    },
    async aggregate<T>(coll: CollectionName, build: (a: ReturnType<Coll['aggregate']>) => ReturnType<Coll['aggregate']>) {
      const res = (await build(db.collection(coll).aggregate()).end()) as { list: unknown[] }
      return res.list as T[]
    },
    async transaction<T>(run: (tx: TxStore) => Promise<T>) {
      return (await db
        .runTransaction(async (t: Database) => {
          const tx: TxStore = {
            op,
            async get<D>(coll: CollectionName, id: string) {
              try {
                const res = (await t.collection(coll).doc(id).get()) as { data: unknown }
                return (res.data as D | undefined) ?? null
              } catch (e) {
                if (sdkErrorKind(e) === 'missing') return null
                throw e
              }
            },
            async update(coll, id, patch) {
              const res = (await t.collection(coll).doc(id).update({ data: patch })) as UpdateResult
              return res.stats.updated
            },
            async insert(coll, doc) {
              await t.collection(coll).add({ data: doc })
            },
            async set(coll, id, doc) {
              await t.collection(coll).doc(id).set({ data: doc })
            },
            async remove(coll, id) {
              await t.collection(coll).doc(id).remove()
            }
          }
          return run(tx)
        })
        .catch((e: unknown) => {
          // The SDK retries a conflicting transaction; one that still conflicts is a concurrent edit.
          if (sdkErrorKind(e) === 'conflict') {
            throw new TxConflict()
          }
          throw e
        })) as T
    },
    regex(pattern, options = 'i') {
      return db.RegExp({ regexp: pattern, options })
    },
    prefix(prefix) {
      return op.range({ gte: prefix, lt: `${prefix}\uffff` })
    }
  }
}
