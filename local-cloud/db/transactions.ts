/**
 * Optimistic transactions of the local database, as the cloud runs them: a transaction reads documents
 * (recording the version it saw), buffers its writes in private images, and commits them as ONE write
 * batch — or fails with DATABASE_TRANSACTION_CONFLICT when a document it touched was written by anyone
 * else since. Transactions left open expire after ten minutes.
 */
import type { Collection } from './collection'
import { DbError, duplicateKey } from './errors'
import { encode, idKey, newId, type Doc } from './values'

/** One write of a batch: a new image of a document, or the removal of one. */
export interface BatchOp {
  c: Collection
  put?: Doc
  del?: string
}

export interface UpdateOutcome {
  updated: number
  upsertedId?: unknown
}

/** What a transaction needs of the engine it runs in. */
export interface TxHost {
  coll(name: string): Collection
  prepareInsert(c: Collection, raw: unknown): Doc
  applyUpdate(c: Collection, doc: Doc, update: Doc): Doc | null
  replacement(c: Collection, id: unknown, data: Doc): Doc
  commitBatch(ops: BatchOp[]): void
  conflict(): void
  committed(): void
  now(): number
}

interface TxEntry {
  coll: string
  ik: string
  version: number
  image: Doc | null
  written: boolean
}

interface Tx {
  id: string
  started: number
  entries: Map<string, TxEntry>
}

const TX_GC_MS = 10 * 60 * 1000

export class Transactions {
  private readonly txs = new Map<string, Tx>()

  constructor(private readonly host: TxHost) {}

  get open(): number {
    return this.txs.size
  }

  clear(): void {
    this.txs.clear()
  }

  start(): string {
    const now = this.host.now()
    for (const [id, tx] of this.txs) if (now - tx.started > TX_GC_MS) this.txs.delete(id)
    const id = newId()
    this.txs.set(id, { id, started: now, entries: new Map() })
    return id
  }

  private tx(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist (already committed, aborted or expired)`)
    return tx
  }

  /** The transaction's view of a document; the first touch records the version it saw. */
  private touch(tx: Tx, c: Collection, id: unknown): TxEntry {
    const ik = idKey(id)
    const key = c.name + '\u0000' + ik
    let e = tx.entries.get(key)
    if (!e) {
      e = { coll: c.name, ik, version: c.version(ik), image: c.docs.get(ik) ?? null, written: false }
      tx.entries.set(key, e)
    }
    return e
  }

  get(txId: unknown, collection: string, id: unknown): Doc | null {
    const tx = this.tx(txId)
    return this.touch(tx, this.host.coll(collection), id).image
  }

  /**
   * Inserts ONE document: the cloud allows only single-record operations in a transaction (事务中只允许单记录操作，
   * 不允许批量操作) and refuses an `add` of several documents; a transaction adds them one request each.
   */
  insert(txId: unknown, collection: string, docs: unknown[]): unknown[] {
    const tx = this.tx(txId)
    if (docs.length !== 1) {
      throw new DbError('INVALID_PARAM', `a transaction allows single-record operations only: add one document per request (this add has ${docs.length} documents for ${collection})`)
    }
    const c = this.host.coll(collection)
    const prepared = docs.map((d) => this.host.prepareInsert(c, d))
    const ids: unknown[] = []
    for (const d of prepared) {
      const e = this.touch(tx, c, d._id)
      if (e.image) throw duplicateKey(c.name, '_id_', { _id: d._id })
      e.image = d
      e.written = true
      ids.push(d._id)
    }
    return ids
  }

  modify(txId: unknown, collection: string, id: unknown, data: Doc, opts: { merge: boolean; upsert: boolean }): UpdateOutcome {
    const tx = this.tx(txId)
    const c = this.host.coll(collection)
    const e = this.touch(tx, c, id)
    if (!e.image) {
      if (!opts.upsert) return { updated: 0 }
      const doc = opts.merge ? (this.host.applyUpdate(c, { _id: id }, data) ?? { _id: id }) : this.host.replacement(c, id, data)
      e.image = this.host.prepareInsert(c, doc)
      e.written = true
      return { updated: 0, upsertedId: id }
    }
    const next = opts.merge ? this.host.applyUpdate(c, e.image, data) : this.host.replacement(c, id, data)
    if (!next || encode(next) === encode(e.image)) return { updated: 0 }
    e.image = next
    e.written = true
    return { updated: 1 }
  }

  remove(txId: unknown, collection: string, id: unknown): number {
    const tx = this.tx(txId)
    const e = this.touch(tx, this.host.coll(collection), id)
    if (!e.image) return 0
    e.image = null
    e.written = true
    return 1
  }

  /** Commits atomically, or fails with DATABASE_TRANSACTION_CONFLICT if a touched document changed since. */
  commit(txId: unknown): void {
    const tx = this.tx(txId)
    this.txs.delete(tx.id)
    const ops: BatchOp[] = []
    for (const e of tx.entries.values()) {
      const c = this.host.coll(e.coll)
      if (c.version(e.ik) !== e.version) {
        this.host.conflict()
        throw new DbError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${e.coll} document ${e.ik.slice(1)} was changed by another write after this transaction read it`)
      }
      if (!e.written) continue
      if (e.image) ops.push({ c, put: e.image })
      else if (c.docs.has(e.ik)) ops.push({ c, del: e.ik })
    }
    this.host.commitBatch(ops)
    this.host.committed()
  }

  abort(txId: unknown): void {
    const tx = this.tx(txId)
    this.txs.delete(tx.id)
  }
}
