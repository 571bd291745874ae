/**
 * The requester class installed as `@cloudbase/database`'s `Db.reqClass`: it receives exactly what the
 * SDK would POST to the cloud (`send(action, params)`) and answers with the cloud's reply shapes:
 *
 * - database.getDocument        → {data: {list: [EJSON string]}}
 * - database.insertDocument     → {data: {insertedIds: [id]}}
 * - database.modifyDocument     → {data: {updated, upsert_id}}
 * - database.modifyAndReturnDoc → {data: {updated, doc: EJSON string}}
 * - database.removeDocument     → {data: {deleted}}
 * - database.calculateDocument  → {data: {total}}
 * - database.aggregateDocuments → {data: {list: [EJSON string]}}
 * - database.startTransaction   → {transactionId}; commitTransaction / abortTransaction → {}
 * - database.addCollection      → {}
 * - errors                      → {code, message} (the SDK maps code to errCode, e.g. -502005)
 *
 * Every reply carries a requestId. Each call yields to the event loop first (like a network round
 * trip) so concurrent callers interleave between their requests, then runs synchronously. With a
 * simulated round trip (hooks.rttMs, localCloud.rttMs) it waits half of it before running and half
 * after, as a request to the cloud's database would.
 */
import { DbError, type DbErrorCode } from './errors'
import { asDbError, MAX_LIMIT, project, toSortSpec, type Engine, type UpdateResult } from './engine'
import { decode, encode, isPlainObject, newId, type Doc } from './values'

export interface DbReply {
  requestId: string
  code?: DbErrorCode
  message?: string
  data?: unknown
  transactionId?: string
}

export interface RequesterHooks {
  engine(): Engine
  /** called once per send (statistics per call scope) */
  onRequest(action: string): void
  /** every (action, params) pair, for protocol capture */
  onSend?(action: string, params: unknown): void
  /** simulated network round trip per request, in ms (0 = none): half on the way there, half back */
  rttMs?(): number
}

type Params = Record<string, unknown>

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || !v) throw new DbError('INVALID_PARAM', `${name} is required`)
  return v
}

function decodeObject(v: unknown, now: number, name: string): Doc {
  if (v === undefined || v === null || v === '') return {}
  if (typeof v !== 'string') throw new DbError('INVALID_PARAM', `${name} must be an EJSON string`)
  const out = decode(v, now)
  if (!isPlainObject(out)) throw new DbError('INVALID_PARAM', `${name} must encode an object`)
  return out
}

function idOfDocQuery(query: Doc): unknown {
  if (!('_id' in query)) throw new DbError('INVALID_PARAM', 'a document query needs _id')
  return query._id
}

type Reply = Omit<DbReply, 'requestId'>
type Handler = (engine: Engine, p: Params, now: number) => Reply

const singleDocOnly = (p: Params) => {
  if (p.queryType !== 'DOC') throw new DbError('DATABASE_REQUEST_FAILED', 'transactions support only single-document operations (doc().get/set/update/remove and add), not where() queries')
}

function checkedInt(v: unknown, name: string, dflt: number, max = Infinity): number {
  const n = v === undefined ? dflt : v
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new DbError('INVALID_PARAM', `invalid ${name} ${String(n)}`)
  if (n > max) throw new DbError('INVALID_PARAM', `${name} must not exceed ${max} on the server (got ${n})`)
  return n
}

const getDocument: Handler = (engine, p, now) => {
  const coll = str(p.collectionName, 'collectionName')
  const query = decodeObject(p.query, now, 'query')
  const projection = p.projection ? decodeObject(p.projection, now, 'projection') : undefined
  if (p.transactionId) {
    singleDocOnly(p)
    const doc = engine.txGet(p.transactionId, coll, idOfDocQuery(query))
    const list = doc ? (projection && Object.keys(projection).length ? project([doc], projection) : [doc]) : []
    return { data: { list: list.map(encode) } }
  }
  const limit = checkedInt(p.limit, 'limit', 100, MAX_LIMIT)
  const offset = checkedInt(p.offset, 'offset', 0)
  const order = p.order ? (decodeObject(p.order, now, 'order') as Record<string, 1 | -1>) : undefined
  const docs = engine.findRefs(coll, query, { sort: toSortSpec(order), skip: offset, limit: p.queryType === 'DOC' ? 1 : limit, projection })
  return { data: { list: docs.map(encode) } }
}

const insertDocument: Handler = (engine, p, now) => {
  const coll = str(p.collectionName, 'collectionName')
  if (!Array.isArray(p.data) || !p.data.length) throw new DbError('INVALID_PARAM', 'data must be a non-empty array')
  const docs = p.data.map((d) => decodeObject(d, now, 'data'))
  const ids = p.transactionId ? engine.txInsert(p.transactionId, coll, docs) : engine.insertDocs(coll, docs)
  return { data: { insertedIds: ids } }
}

const modifyDocument: Handler = (engine, p, now) => {
  const coll = str(p.collectionName, 'collectionName')
  const query = decodeObject(p.query, now, 'query')
  const data = decodeObject(p.data, now, 'data')
  const merge = p.merge !== false
  const upsert = p.upsert === true
  let r: UpdateResult
  if (p.transactionId) {
    singleDocOnly(p)
    r = engine.txModify(p.transactionId, coll, idOfDocQuery(query), data, { merge, upsert })
  } else if (!merge) r = engine.replace(coll, idOfDocQuery(query), data, { upsert })
  else r = engine.update(coll, query, data, { multi: p.multi !== false && p.queryType !== 'DOC', upsert })
  return { data: { updated: r.updated, upsert_id: r.upsertedId } }
}

const modifyAndReturnDoc: Handler = (engine, p, now) => {
  const coll = str(p.collectionName, 'collectionName')
  if (p.transactionId) throw new DbError('DATABASE_REQUEST_FAILED', 'updateAndReturn is not supported in transactions')
  const r = engine.updateAndReturn(coll, decodeObject(p.query, now, 'query'), decodeObject(p.data, now, 'data'))
  return { data: { updated: r.updated, doc: r.doc ? encode(r.doc) : undefined } }
}

const removeDocument: Handler = (engine, p, now) => {
  const coll = str(p.collectionName, 'collectionName')
  const query = decodeObject(p.query, now, 'query')
  if (p.transactionId) {
    singleDocOnly(p)
    return { data: { deleted: engine.txRemove(p.transactionId, coll, idOfDocQuery(query)) } }
  }
  return { data: { deleted: engine.remove(coll, query, { multi: p.multi !== false && p.queryType !== 'DOC' }) } }
}

const aggregateDocuments: Handler = (engine, p, now) => {
  const coll = str(p.collectionName, 'collectionName')
  if (!Array.isArray(p.stages)) throw new DbError('INVALID_PARAM', 'stages must be an array')
  const pipeline = p.stages.map((s: unknown) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || typeof s.stageValue !== 'string') throw new DbError('INVALID_PARAM', 'invalid stage')
    return { [s.stageKey]: decode(s.stageValue, now) }
  })
  return { data: { list: engine.aggregate(coll, pipeline).map(encode) } }
}

const HANDLERS: Record<string, Handler> = {
  'database.getDocument': getDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.calculateDocument': (engine, p, now) => ({ data: { total: engine.count(str(p.collectionName, 'collectionName'), decodeObject(p.query, now, 'query')) } }),
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': (engine) => ({ transactionId: engine.startTransaction() }),
  'database.commitTransaction': (engine, p) => (engine.commitTransaction(p.transactionId), {}),
  'database.abortTransaction': (engine, p) => (engine.abortTransaction(p.transactionId), {}),
  'database.addCollection': (engine, p) => (engine.createCollection(str(p.collectionName, 'collectionName')), {})
}

/** Executes one request against the engine. */
export function handle(engine: Engine, action: string, p: Params): Reply {
  const handler = HANDLERS[action]
  if (!handler) throw new DbError('INVALID_PARAM', `the local cloud does not implement ${action}`)
  return handler(engine, p, Date.now())
}

// captured at load: a test that installs fake timers must not stall database calls
const realSetImmediate = setImmediate
const realSetTimeout = setTimeout

const wait = (ms: number) => new Promise<void>((r) => (ms > 0 ? realSetTimeout(r, ms) : realSetImmediate(r)))

/** Builds the class given to Db.reqClass. */
export function createRequesterClass(hooks: RequesterHooks): new (config?: unknown) => { send(action: string, params?: unknown, opts?: unknown): Promise<DbReply> } {
  return class LocalDbRequester {
    constructor(readonly config?: unknown) {}

    async send(action: string, params?: unknown): Promise<DbReply> {
      hooks.onSend?.(action, params)
      hooks.onRequest(action)
      const rtt = hooks.rttMs?.() ?? 0
      await wait(rtt / 2)
      const requestId = newId()
      let reply: DbReply
      try {
        const out = handle(hooks.engine(), action, isPlainObject(params) ? params : {})
        reply = { requestId, ...out }
      } catch (e) {
        const err = asDbError(e)
        reply = { requestId, code: err.code, message: err.message }
      }
      if (rtt > 0) await wait(rtt / 2)
      return reply
    }
  }
}
