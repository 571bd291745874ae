import type { Database } from './cloud'
import type { CollectionName } from './collections'
import { AppError } from './errors'

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

/** Operations a transaction offers: reads see the transaction's own writes. */
export interface TxStore {
  get<T>(coll: CollectionName, id: string): Promise<T | null>
  update(coll: CollectionName, id: string, patch: object): Promise<void>
  insert(coll: CollectionName, doc: object): Promise<void>
  /** Creates or replaces the whole document (doc().set: upsert). */
  set(coll: CollectionName, id: string, doc: object): Promise<void>
  /** Removes the document if there is one. */
  remove(coll: CollectionName, id: string): Promise<void>
}

export interface Store {
  readonly db: Database
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
export function whereOf(db: Database, filter: Filter): Filter {
  const { $or, ...rest } = filter as { $or?: unknown }
  if (!Array.isArray($or)) return filter
  const _ = db.command
  const either = _.or($or as Filter[])
  return (Object.keys(rest).length ? _.and([rest, either]) : either) as unknown as Filter
}

export function createStore(db: Database): Store {
  return {
    db,
    async find<T>(coll: CollectionName, filter: Filter, opts: FindOptions) {
      let q = ordered(db.collection(coll).where(whereOf(db, filter)), opts.sort)
      if (opts.skip) q = q.skip(opts.skip) as Query
      if (opts.fields) q = q.field(opts.fields) as Query
      const res = (await q.limit(opts.limit).get()) as QueryResult
      return res.data as T[]
    },
    async findOne<T>(coll: CollectionName, filter: Filter) {
      const res = (await db.collection(coll).where(whereOf(db, filter)).limit(1).get()) as QueryResult
      return (res.data[0] as T | undefined) ?? null
    },
    async insert(coll, doc) {
      const res = (await db.collection(coll).add({ data: doc })) as AddResult
      return String(res._id)
    },
    async updateWhere(coll, filter, patch) {
      const res = (await db.collection(coll).where(whereOf(db, filter)).update({ data: patch })) as UpdateResult
      return res.stats.updated
    },
    async count(coll, filter) {
      const res = (await db.collection(coll).where(whereOf(db, filter)).count()) as { total: number }
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
      return (await db.runTransaction(async (t: Database) => {
        const tx: TxStore = {
          async get<D>(coll: CollectionName, id: string) {
            try {
              const res = (await t.collection(coll).doc(id).get()) as { data: unknown }
              return (res.data as D | undefined) ?? null
            } catch (e) {
              if (/not exist|-502004|cannot find/i.test(String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e))) return null
              throw e
            }
          },
          async update(coll, id, patch) {
            await t.collection(coll).doc(id).update({ data: patch })
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
      }).catch((e: unknown) => {
        // The SDK retries a conflicting transaction; one that still conflicts is a concurrent edit.
        if (/TRANSACTION_CONFLICT|conflict/i.test(`${(e as { errCode?: unknown })?.errCode ?? ''} ${(e as { errMsg?: unknown })?.errMsg ?? ''} ${(e as Error)?.message ?? e}`)) {
          throw new AppError('CONFLICT')
        }
        throw e
      })) as T
    },
    regex(pattern, options = 'i') {
      return db.RegExp({ regexp: pattern, options })
    },
    prefix(prefix) {
      const _ = db.command
      return _.gte(prefix).and(_.lt(`${prefix}\uffff`))
    }
  }
}
