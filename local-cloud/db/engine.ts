/**
 * The local document database: collections, writes, optimistic transactions, persistence, statistics.
 *
 * Every operation runs synchronously from start to end (JS is single-threaded), so a conditional update
 * (`where({_id, stock: _.gt(0)}).update(...)`) is atomic, like a single-document write in the cloud.
 * A write batch (one insert call, one update/remove call, one transaction commit) is validated, appended
 * to the log as ONE record, and only then applied in memory and acknowledged.
 */
import { Query } from 'mingo'
import { Aggregator } from 'mingo/aggregator'
import { Collection, type Entry, type GeoIndex, type IndexSpec, type OrderedIndex, type PlanInfo, type ScanStats, type SortSpec } from './collection'
import { DbError, collectionNotExist, duplicateKey } from './errors'
import { applyUpdateOps, compileQuery, FULL_CONTEXT } from './mingo-context'
import { distanceM, pointOf, type LngLat } from './geo'
import { Transactions, type BatchOp } from './transactions'
import { DiskStore, type DiskStoreInfo, type LogOp, type LogRecord } from './persistence'
import { joinQuery, letValues, pipelineLookup, type PipelineLookup } from './lookup'
import { clone, encode, idKey, isPlainObject, isValidId, newId, resolveSpecial, sanitizeDoc, shapeOf, type Doc } from './values'
import { resolve } from 'mingo/util'

export type { IndexSpec, SortSpec }

export interface UnindexedWarning {
  collection: string
  /** the filter with values replaced by their types */
  filter: unknown
  sort: unknown
  message: string
  /** true when recorded inside allowUnindexed() */
  allowed?: boolean
}

export interface EngineOptions {
  /** directory for snapshot + log; null/undefined = memory only */
  dataDir?: string | null
  /** collections (and their indexes) that always exist, e.g. from cloudfunctions/collections.json */
  declared?: Record<string, { indexes?: IndexSpec[] }>
  /** compaction on open when the log holds at least this many bytes and more than twice as many document images as live documents (default 1 MiB) */
  compactMinBytes?: number
  onWarning?: (w: Omit<UnindexedWarning, 'allowed'>) => void
  now?: () => number
}

export interface FindOptions {
  sort?: Record<string, 1 | -1> | SortSpec
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface PlanReport {
  collection: string
  op: string
  plan: string
  served: boolean
  keysExamined: number
  docsExamined: number
  returned: number
}

export interface EngineStats {
  queries: number
  keysExamined: number
  docsExamined: number
  writes: number
  transactionsCommitted: number
  transactionConflicts: number
}

export interface UpdateResult {
  updated: number
  upsertedId?: unknown
}

export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100
/** measured in the community (no official doc): server aggregate without $limit returns 20 rows */
export const AGGREGATE_DEFAULT_LIMIT = 20

export function toSortSpec(sort: FindOptions['sort'] | undefined): SortSpec {
  if (!sort) return []
  const pairs: Array<[string, unknown]> = Array.isArray(sort) ? sort : Object.entries(sort)
  return pairs.map(([f, d]) => {
    if (d !== 1 && d !== -1) throw new DbError('INVALID_PARAM', `invalid sort direction for ${f}: ${String(d)}`)
    return [f, d]
  })
}

function hasOperators(d: Doc): boolean {
  return Object.keys(d).some((k) => k.startsWith('$'))
}

export class Engine {
  private colls = new Map<string, Collection>()
  private declared: Record<string, { indexes?: IndexSpec[] }>
  /** collections created at run time (persisted), with their index specs */
  private created = new Map<string, IndexSpec[]>()
  private readonly transactions = new Transactions({
    coll: (name) => this.coll(name),
    prepareInsert: (c, raw) => this.prepareInsert(c, raw),
    applyUpdate: (c, doc, update) => this.applyUpdate(c, doc, update),
    replacement: (c, id, data) => this.replacement(c, id, data),
    commitBatch: (ops) => this.commitBatch(ops),
    conflict: () => this.stats.transactionConflicts++,
    committed: () => this.stats.transactionsCommitted++,
    now: () => this.now()
  })
  private seq = 0
  private store: DiskStore | null = null
  private readonly now: () => number
  private readonly compactMinBytes: number
  stats: EngineStats = { queries: 0, keysExamined: 0, docsExamined: 0, writes: 0, transactionsCommitted: 0, transactionConflicts: 0 }
  lastPlan: PlanReport | null = null

  constructor(private readonly opts: EngineOptions = {}) {
    this.declared = opts.declared ?? {}
    this.now = opts.now ?? Date.now
    this.compactMinBytes = opts.compactMinBytes ?? 1 << 20
    this.createDeclared()
    if (opts.dataDir) this.load(opts.dataDir)
  }

  get dataDir(): string | null {
    return this.store?.dir ?? null
  }

  private createDeclared(): void {
    for (const [name, def] of Object.entries(this.declared)) this.colls.set(name, new Collection(name, def.indexes ?? []))
  }

  // ------------------------------------------------------------------ persistence

  private load(dir: string): void {
    const store = new DiskStore(dir)
    const res = store.load()
    this.store = store
    let logDocOps = 0
    const replay = (op: LogOp) => {
      switch (op.t) {
        case 'create':
          if (!this.colls.has(op.c)) this.colls.set(op.c, new Collection(op.c, op.indexes))
          if (!this.declared[op.c]) this.created.set(op.c, op.indexes)
          return
        case 'drop':
          this.colls.delete(op.c)
          this.created.delete(op.c)
          return
        case 'put': {
          let c = this.colls.get(op.c)
          if (!c) this.colls.set(op.c, (c = new Collection(op.c, [])))
          const doc = resolveSpecial(op.doc, 0) as Doc
          c.docs.set(idKey(doc._id), doc)
          return
        }
        case 'del':
          this.colls.get(op.c)?.docs.delete(idKey(op.id))
      }
    }
    for (const op of res.snapshotOps) replay(op)
    this.seq = res.snapshotSeq
    for (const rec of res.records) {
      for (const op of rec.o) {
        replay(op)
        logDocOps++
      }
      this.seq = Math.max(this.seq, rec.s)
    }
    for (const c of this.colls.values()) this.rebuild(c)
    let live = 0
    for (const c of this.colls.values()) live += c.docs.size
    if (res.logBytes >= this.compactMinBytes && logDocOps > 2 * (live + this.created.size)) this.compact()
  }

  private rebuild(c: Collection): void {
    c.rebuildIndexes()
    for (const ix of c.uniqueIndexes()) {
      const seen = new Map<string, string>()
      for (const e of ix.list.all()) {
        const s = encode({ k: e.k })
        const other = seen.get(s)
        if (other && other !== e.ik) {
          console.warn(`[local-cloud] ${c.name}: existing documents violate unique index ${ix.name} (${s}); writes touching them will fail`)
          break
        }
        seen.set(s, e.ik)
      }
    }
  }

  private *stateOps(): Generator<LogOp> {
    for (const [name, indexes] of this.created) yield { t: 'create', c: name, indexes }
    for (const c of this.colls.values()) for (const doc of c.docs.values()) yield { t: 'put', c: c.name, doc }
  }

  /** Rewrites the snapshot from memory and empties the log. */
  compact(): void {
    if (!this.store) return
    this.store.compact(this.seq, this.stateOps())
  }

  storageInfo(): DiskStoreInfo | null {
    return this.store?.info() ?? null
  }

  close(): void {
    this.store?.close()
    this.store = null
  }

  /** Drops all data (declared collections stay, empty). */
  reset(): void {
    this.colls.clear()
    this.created.clear()
    this.transactions.clear()
    this.createDeclared()
    this.store?.wipe()
    this.lastPlan = null
  }

  private persist(ops: LogOp[]): void {
    this.seq++
    if (this.store) {
      const rec: LogRecord = { s: this.seq, o: ops }
      this.store.append(rec)
    }
  }

  // ------------------------------------------------------------------ collections

  collectionNames(): string[] {
    return [...this.colls.keys()].sort()
  }

  /** Same as collectionNames(). */
  collections(): string[] {
    return this.collectionNames()
  }

  hasCollection(name: string): boolean {
    return this.colls.has(name)
  }

  /** Creates a collection (with optional indexes). Throws DATABASE_COLLECTION_ALREADY_EXIST if it exists. */
  createCollection(name: string, indexes: IndexSpec[] = []): void {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new DbError('INVALID_PARAM', `invalid collection name: ${name}`)
    if (this.colls.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection already exists: ${name}`)
    this.persist([{ t: 'create', c: name, indexes }])
    this.colls.set(name, new Collection(name, indexes))
    this.created.set(name, indexes)
  }

  dropCollection(name: string): void {
    this.coll(name)
    this.persist([{ t: 'drop', c: name }])
    this.colls.delete(name)
    this.created.delete(name)
  }

  indexesOf(name: string): IndexSpec[] {
    return this.coll(name).specs
  }

  private coll(name: string): Collection {
    const c = this.colls.get(name)
    if (!c) throw collectionNotExist(name)
    return c
  }

  // ------------------------------------------------------------------ planning helpers

  private planned(c: Collection, op: string, filter: Doc, sort: SortSpec): { info: PlanInfo; stats: ScanStats } {
    const info = c.plan(filter, sort)
    if (!info.served) {
      this.opts.onWarning?.({
        collection: c.name,
        filter: shapeOf(filter),
        sort: sort.length ? Object.fromEntries(sort) : undefined,
        message: `unindexed ${op} on ${c.name}: ${info.reason ?? 'no usable index'} (plan: ${info.label}). Declare an index in cloudfunctions/collections.json.`
      })
    }
    return { info, stats: { keysExamined: 0, docsExamined: 0 } }
  }

  private report(c: Collection, op: string, info: PlanInfo, stats: ScanStats, returned: number): void {
    this.stats.queries++
    this.stats.keysExamined += stats.keysExamined
    this.stats.docsExamined += stats.docsExamined
    this.lastPlan = { collection: c.name, op, plan: info.label, served: info.served, keysExamined: stats.keysExamined, docsExamined: stats.docsExamined, returned }
  }

  private matchRefs(c: Collection, op: string, filter: Doc, multi: boolean): Doc[] {
    const { info, stats } = this.planned(c, op, filter, [])
    const docs = c.find(filter, [], 0, multi ? Infinity : 1, info, stats)
    this.report(c, op, info, stats, docs.length)
    return docs
  }

  // ------------------------------------------------------------------ reads

  /** Query returning stored documents (do not mutate). limit defaults to 100, at most 1000 (the cloud's server-side rule). */
  findRefs(collection: string, filter: Doc = {}, opts: FindOptions = {}): Doc[] {
    const c = this.coll(collection)
    const limit = opts.limit ?? DEFAULT_LIMIT
    if (!Number.isInteger(limit) || limit < 0) throw new DbError('INVALID_PARAM', `invalid limit: ${String(limit)}`)
    if (limit > MAX_LIMIT) throw new DbError('INVALID_PARAM', `limit must not exceed ${MAX_LIMIT} (got ${limit})`)
    const skip = opts.skip ?? 0
    if (!Number.isInteger(skip) || skip < 0) throw new DbError('INVALID_PARAM', `invalid skip: ${String(skip)}`)
    const sort = toSortSpec(opts.sort)
    const { info, stats } = this.planned(c, 'query', filter, sort)
    let docs = c.find(filter, sort, skip, limit, info, stats)
    this.report(c, 'query', info, stats, docs.length)
    if (opts.projection && Object.keys(opts.projection).length) docs = project(docs, opts.projection)
    return docs
  }

  /** Query returning copies. */
  find(collection: string, filter: object = {}, opts: FindOptions = {}): Doc[] {
    return this.findRefs(collection, clone(filter as Doc), opts).map((d) => clone(d))
  }

  count(collection: string, filter: object = {}): number {
    const c = this.coll(collection)
    const f = filter as Doc
    const { info, stats } = this.planned(c, 'count', f, [])
    const n = c.count(f, info, stats)
    this.report(c, 'count', info, stats, 1)
    return n
  }

  /** Document by id, or null. */
  get(collection: string, id: unknown): Doc | null {
    const d = this.coll(collection).docs.get(idKey(id))
    return d ? clone(d) : null
  }

  /** Every document of a collection (tests and debugging; no limit, no warning). */
  all(collection: string): Doc[] {
    return [...this.coll(collection).docs.values()].map((d) => clone(d))
  }

  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    const c = this.coll(collection)
    const stages = pipeline.map((s) => {
      if (!isPlainObject(s) || Object.keys(s).length !== 1) throw new DbError('INVALID_PARAM', 'each aggregation stage must have exactly one operator')
      return s
    })
    let input: Doc[]
    let rest = stages
    const first = stages[0]
    if (first && '$geoNear' in first) {
      input = this.geoNear(c, first.$geoNear)
      rest = stages.slice(1)
    } else if (first && '$match' in first && isPlainObject(first.$match)) {
      const match = first.$match
      const next = stages[1]
      const sort = next && '$sort' in next && isPlainObject(next.$sort) ? toSortSpec(next.$sort as Record<string, 1 | -1>) : []
      const { info, stats } = this.planned(c, 'aggregate $match', match, sort)
      input = c.find(match, sort, 0, Infinity, info, stats)
      this.report(c, 'aggregate', info, stats, input.length)
    } else {
      this.opts.onWarning?.({
        collection: c.name,
        filter: {},
        sort: undefined,
        message: `unindexed aggregate on ${c.name}: the pipeline does not start with $match, so it reads the whole collection`
      })
      input = [...c.docs.values()]
      this.report(c, 'aggregate', { plan: { kind: 'full' }, served: false, label: 'collection scan' }, { keysExamined: 0, docsExamined: input.length }, input.length)
    }
    for (const s of rest) if ('$lookup' in s) this.checkLookup(c, s.$lookup)
    const full = [...rest]
    if (!stages.some((s) => '$limit' in s)) full.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
    try {
      // a $lookup with let + pipeline joins the documents an index picks (lookupPipeline): run up to it, join, go on
      let docs = input.map((d) => clone(d))
      let from = 0
      full.forEach((s, i) => {
        const spec = pipelineLookup(s)
        if (!spec) return
        docs = this.lookupPipeline(c, spec, this.runStages(full.slice(from, i), docs))
        from = i + 1
      })
      return this.runStages(full.slice(from), docs)
    } catch (e) {
      if (e instanceof DbError) throw e
      throw asDbError(e)
    }
  }

  private runStages(stages: Doc[], docs: Doc[]): Doc[] {
    if (stages.length === 0) return docs
    const agg = new Aggregator(stages, {
      context: FULL_CONTEXT,
      collectionResolver: (name: string) => [...this.coll(name).docs.values()]
    })
    return agg.run(docs) as Doc[]
  }

  /**
   * A $lookup with let + pipeline (lookup.ts): for each input document, the joined collection's
   * documents its first $match picks, read through the planner (warned about when no index serves
   * them, or when an $expr equality would need a multikey index, which the cloud cannot use there);
   * mingo's $lookup then runs the whole pipeline on those candidates.
   */
  private lookupPipeline(c: Collection, spec: PipelineLookup, docs: Doc[]): Doc[] {
    const foreign = this.coll(spec.from)
    const candidates = new Map<string, Doc>()
    for (const d of docs) {
      const { filter, exprFields } = joinQuery(spec.pipeline, letValues(d, spec.let))
      const { info, stats } = this.planned(foreign, `$lookup pipeline from ${c.name}`, filter, [])
      const p = info.plan
      const why =
        p.kind === 'natural'
          ? 'its pipeline does not start with a $match an index can serve, so it reads the whole collection'
          : p.kind === 'index' && p.index.multikey && exprFields.some((f) => p.index.fields.includes(f))
            ? `an $expr equality cannot use the multikey index ${p.index.name}`
            : null
      if (why) this.opts.onWarning?.({ collection: foreign.name, filter: shapeOf(filter), sort: undefined, message: `unindexed $lookup pipeline from ${c.name} into ${foreign.name}: ${why}` })
      const found = foreign.find(filter, [], 0, Infinity, info, stats)
      this.report(foreign, 'aggregate $lookup', info, stats, found.length)
      for (const f of found) candidates.set(idKey(f._id), f)
    }
    return this.runStages([{ $lookup: { ...spec, from: [...candidates.values()].map((d) => clone(d)) } }], docs)
  }

  private checkLookup(c: Collection, spec: unknown): void {
    if (!isPlainObject(spec) || typeof spec.from !== 'string') throw new DbError('INVALID_PARAM', '$lookup requires from')
    const foreign = this.coll(spec.from)
    if (typeof spec.foreignField === 'string') {
      const f = spec.foreignField
      const ok = f === '_id' || foreign.indexes.some((ix) => ix.fields[0] === f)
      if (!ok) {
        this.opts.onWarning?.({
          collection: foreign.name,
          filter: { [f]: 'lookup' },
          sort: undefined,
          message: `unindexed $lookup from ${c.name} into ${foreign.name}.${f}: no index starts with ${f}`
        })
      }
    }
  }

  private geoNear(c: Collection, raw: unknown): Doc[] {
    const spec = geoNearSpec(c, raw)
    const query = spec.query ? compileQuery(spec.query) : null
    const stats: ScanStats = { keysExamined: 0, docsExamined: 0 }
    const out: Array<{ d: Doc; dist: number }> = []
    const seen = new Set<string>()
    for (const ik of spec.index.candidates(spec.near, spec.max)) {
      stats.keysExamined++
      const d = seen.has(ik) ? undefined : c.docs.get(ik)
      seen.add(ik)
      if (!d) continue
      stats.docsExamined++
      const p = pointOf(resolve(d, spec.index.field) as unknown)
      const dist = p ? distanceM(p, spec.near) : Infinity
      if (dist > spec.max || dist < spec.min || (query && !query.test(d))) continue
      const copy = clone(d)
      copy[spec.distanceField] = dist * spec.multiplier
      out.push({ d: copy, dist })
    }
    this.report(c, 'aggregate $geoNear', { plan: { kind: 'full' }, served: true, label: `geo:${spec.index.name}` }, stats, out.length)
    return out.sort((a, b) => a.dist - b.dist).map((x) => x.d)
  }

  // ------------------------------------------------------------------ write batches

  /** Validates unique indexes for the batch's final state, persists it as one record, applies it. */
  private commitBatch(ops: BatchOp[]): void {
    if (!ops.length) return
    this.checkUnique(ops)
    const logOps: LogOp[] = ops.map((o) => (o.put ? { t: 'put', c: o.c.name, doc: o.put } : { t: 'del', c: o.c.name, id: o.c.docs.get(o.del!)?._id }))
    this.persist(logOps)
    const v = this.seq
    if (ops.length >= 1000 && ops.every((o) => o.put && o.c === ops[0].c && !o.c.docs.has(idKey(o.put._id)))) {
      ops[0].c.putMany(
        ops.map((o) => o.put!),
        v
      )
    } else {
      for (const o of ops) {
        if (o.put) o.c.put(o.put, v)
        else o.c.delete(o.del!, v)
      }
    }
    this.stats.writes++
  }

  private checkUnique(ops: BatchOp[]): void {
    const byColl = new Map<Collection, BatchOp[]>()
    for (const o of ops) {
      const list = byColl.get(o.c)
      if (list) list.push(o)
      else byColl.set(o.c, [o])
    }
    for (const [c, list] of byColl) {
      const puts = list.filter((o) => o.put).map((o) => o.put!)
      const touched = new Set(list.map((o) => (o.put ? idKey(o.put._id) : o.del!)))
      // primary key: two puts of one new id in a batch
      const idsInBatch = new Set<string>()
      for (const d of puts) {
        const ik = idKey(d._id)
        if (idsInBatch.has(ik)) throw duplicateKey(c.name, '_id_', { _id: d._id })
        idsInBatch.add(ik)
      }
      for (const ix of c.uniqueIndexes()) checkUniqueIndex(c, ix, puts, touched)
    }
  }

  private prepareInsert(c: Collection, raw: unknown): Doc {
    // callers pass fresh objects (decoded EJSON or clones without undefined members)
    if (!isPlainObject(raw)) throw new DbError('INVALID_PARAM', 'a document must be an object')
    const doc = raw
    const keys = Object.keys(doc)
    for (const k of keys) if (k.startsWith('$')) throw new DbError('DATABASE_INVALID_OPERRATOR', `field names must not start with $: ${k} (${c.name})`)
    if (doc._id === undefined || doc._id === null) doc._id = newId()
    else if (!isValidId(doc._id)) throw new DbError('INVALID_PARAM', `invalid _id: ${JSON.stringify(doc._id)}`)
    if (keys[0] === '_id') return doc
    // put _id first like the cloud does
    const { _id, ...rest } = doc
    return { _id, ...rest }
  }

  /** Inserts documents atomically (all or none); returns their ids. */
  insert(collection: string, docs: object | object[]): string[] {
    return this.insertDocs(collection, Array.isArray(docs) ? docs.map((d) => clone(d)) : [clone(docs)]) as string[]
  }

  insertDocs(collection: string, docs: unknown[]): unknown[] {
    const c = this.coll(collection)
    if (!docs.length) throw new DbError('INVALID_PARAM', 'nothing to insert')
    const prepared = docs.map((d) => this.prepareInsert(c, d))
    for (const d of prepared) {
      if (c.docs.has(idKey(d._id))) throw duplicateKey(c.name, '_id_', { _id: d._id })
    }
    this.commitBatch(prepared.map((put) => ({ c, put })))
    return prepared.map((d) => d._id)
  }

  /** Applies update operators (or a plain object = $set) to a copy; returns null when nothing changed. */
  private applyUpdate(c: Collection, doc: Doc, update: Doc): Doc | null {
    const ops = hasOperators(update) ? update : { $set: update }
    for (const k of Object.keys(ops)) {
      if (!k.startsWith('$')) throw new DbError('DATABASE_INVALID_OPERRATOR', `cannot mix update operators and fields: ${k}`)
    }
    const next = clone(doc)
    let changed: string[]
    try {
      changed = applyUpdateOps(next, ops as Record<string, Record<string, unknown>>)
    } catch (e) {
      throw asDbError(e)
    }
    if (idKey(next._id) !== idKey(doc._id)) throw new DbError('DATABASE_REQUEST_FAILED', `Performing an update on the path '_id' would modify the immutable field '_id' (${c.name})`)
    return changed.length ? next : null
  }

  private replacement(c: Collection, id: unknown, data: Doc): Doc {
    if (hasOperators(data)) throw new DbError('DATABASE_INVALID_OPERRATOR', `a replacement document must not contain update operators (${c.name})`)
    if (data._id !== undefined && idKey(data._id) !== idKey(id))
      throw new DbError('DATABASE_REQUEST_FAILED', `Performing an update on the path '_id' would modify the immutable field '_id' (${c.name})`)
    const { _id: _ignored, ...rest } = sanitizeDoc(data) as Doc
    void _ignored
    return { _id: id, ...rest }
  }

  /** Document from the equality conditions of a filter (for upserts). */
  private seedFromFilter(filter: Doc): Doc {
    const out: Doc = {}
    for (const [k, v] of Object.entries(filter)) {
      if (k.startsWith('$') || k.includes('.')) continue
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) out[k] = clone(v.$eq)
        continue
      }
      out[k] = clone(v)
    }
    return out
  }

  /** where(...).update(...) / doc(id).update(...) */
  update(collection: string, filter: object, update: object, opts: { multi?: boolean; upsert?: boolean } = {}): UpdateResult {
    const c = this.coll(collection)
    const f = clone(filter as Doc)
    const u = clone(update as Doc)
    const targets = this.matchRefs(c, 'update', f, opts.multi !== false)
    if (!targets.length) {
      if (!opts.upsert) return { updated: 0 }
      const seed = this.seedFromFilter(f)
      if (seed._id === undefined) seed._id = newId()
      const doc = this.applyUpdate(c, seed, u) ?? seed
      this.checkNewId(c, doc._id)
      this.commitBatch([{ c, put: this.prepareInsert(c, doc) }])
      return { updated: 0, upsertedId: doc._id }
    }
    const ops: BatchOp[] = []
    for (const d of targets) {
      const next = this.applyUpdate(c, d, u)
      if (next) ops.push({ c, put: next })
    }
    this.commitBatch(ops)
    return { updated: ops.length }
  }

  private checkNewId(c: Collection, id: unknown): void {
    if (c.docs.has(idKey(id))) throw duplicateKey(c.name, '_id_', { _id: id })
  }

  /** doc(id).set(data): replace, or insert when missing (upsert). */
  replace(collection: string, id: unknown, data: object, opts: { upsert?: boolean } = {}): UpdateResult {
    const c = this.coll(collection)
    if (!isValidId(id)) throw new DbError('INVALID_PARAM', `invalid _id: ${JSON.stringify(id)}`)
    const next = this.replacement(c, id, clone(data as Doc))
    const ik = idKey(id)
    const old = c.docs.get(ik)
    this.lastPlan = { collection: c.name, op: 'replace', plan: '_id', served: true, keysExamined: 1, docsExamined: old ? 1 : 0, returned: old ? 1 : 0 }
    if (!old) {
      if (!opts.upsert) return { updated: 0 }
      this.commitBatch([{ c, put: this.prepareInsert(c, next) }])
      return { updated: 0, upsertedId: id }
    }
    if (encode(old) === encode(next)) return { updated: 0 }
    this.commitBatch([{ c, put: next }])
    return { updated: 1 }
  }

  remove(collection: string, filter: object, opts: { multi?: boolean } = {}): number {
    const c = this.coll(collection)
    const targets = this.matchRefs(c, 'remove', clone(filter as Doc), opts.multi !== false)
    this.commitBatch(targets.map((d) => ({ c, del: idKey(d._id) })))
    return targets.length
  }

  /** updateAndReturn: updates the first match and returns the new document. */
  updateAndReturn(collection: string, filter: object, update: object): { updated: number; doc: Doc | null } {
    const c = this.coll(collection)
    const [target] = this.matchRefs(c, 'update', clone(filter as Doc), false)
    if (!target) return { updated: 0, doc: null }
    const next = this.applyUpdate(c, target, clone(update as Doc))
    if (!next) return { updated: 0, doc: target }
    this.commitBatch([{ c, put: next }])
    return { updated: 1, doc: next }
  }

  // ------------------------------------------------------------------ transactions (transactions.ts)

  startTransaction(): string {
    return this.transactions.start()
  }

  txGet(txId: unknown, collection: string, id: unknown): Doc | null {
    return this.transactions.get(txId, collection, id)
  }

  txInsert(txId: unknown, collection: string, docs: unknown[]): unknown[] {
    return this.transactions.insert(txId, collection, docs)
  }

  txModify(txId: unknown, collection: string, id: unknown, data: Doc, opts: { merge: boolean; upsert: boolean }): UpdateResult {
    return this.transactions.modify(txId, collection, id, data, opts)
  }

  txRemove(txId: unknown, collection: string, id: unknown): number {
    return this.transactions.remove(txId, collection, id)
  }

  /** Commits atomically, or fails with DATABASE_TRANSACTION_CONFLICT if a touched document changed since. */
  commitTransaction(txId: unknown): void {
    this.transactions.commit(txId)
  }

  abortTransaction(txId: unknown): void {
    this.transactions.abort(txId)
  }

  get openTransactions(): number {
    return this.transactions.open
  }
}

/** The batch's new images must not share a key of a unique index with each other or with a document the batch does not touch. */
function checkUniqueIndex(c: Collection, ix: OrderedIndex, puts: Doc[], touched: Set<string>): void {
  const mine = new Map<string, string>()
  for (const doc of puts) {
    const ik = idKey(doc._id)
    for (const e of ix.entries(doc, ik)) {
      const s = encode({ k: e.k })
      const other = mine.get(s)
      if (other !== undefined && other !== ik) throw duplicateKey(c.name, ix.name, keyObject(ix.fields, e))
      mine.set(s, ik)
      for (const existing of ix.equal(e.k)) {
        if (existing.ik !== ik && !touched.has(existing.ik)) throw duplicateKey(c.name, ix.name, keyObject(ix.fields, e))
      }
    }
  }
}

interface GeoNearSpec {
  index: GeoIndex
  near: LngLat
  max: number
  min: number
  multiplier: number
  distanceField: string
  query: Doc | null
}

function geoNearSpec(c: Collection, spec: unknown): GeoNearSpec {
  if (!isPlainObject(spec)) throw new DbError('INVALID_PARAM', '$geoNear requires an object')
  const key = typeof spec.key === 'string' ? spec.key : undefined
  const index = key ? c.geoIndexes.find((g) => g.field === key) : c.geoIndexes[0]
  if (!index) throw new DbError('DATABASE_REQUEST_FAILED', `$geoNear requires a 2dsphere index on ${c.name}${key ? '.' + key : ''}`)
  const near = pointOf(spec.near)
  if (!near) throw new DbError('INVALID_PARAM', '$geoNear requires near: a GeoJSON point')
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d)
  return {
    index,
    near,
    max: num(spec.maxDistance, Infinity),
    min: num(spec.minDistance, 0),
    multiplier: num(spec.distanceMultiplier, 1),
    distanceField: typeof spec.distanceField === 'string' ? spec.distanceField : 'distance',
    query: isPlainObject(spec.query) ? spec.query : null
  }
}

function keyObject(fields: string[], e: Entry): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  fields.forEach((f, i) => (out[f] = e.k[i]))
  return out
}

export function project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
  try {
    return new Query({}, {}).find<Doc>(docs, projection).all()
  } catch (e) {
    throw new DbError('INVALID_PARAM', (e as Error).message)
  }
}

export function asDbError(e: unknown): DbError {
  if (e instanceof DbError) return e
  const msg = e instanceof Error ? e.message : String(e)
  if (/operator/i.test(msg)) return new DbError('DATABASE_INVALID_OPERRATOR', msg)
  return new DbError('DATABASE_REQUEST_FAILED', msg)
}
