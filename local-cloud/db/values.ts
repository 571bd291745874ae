/** Value helpers: EJSON in/out, server dates, regular expressions, cloning, keys and ordering. */
import { BSONRegExp, EJSON, ObjectId } from 'bson'
import * as mingoUtil from 'mingo/util'

// read once: the package's export getters are measurably slow in hot loops
const mingoCompare: (a: unknown, b: unknown) => number = mingoUtil.compare

export type Doc = Record<string, unknown>

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Decodes an EJSON string sent by the SDK: numbers become JS numbers (relaxed), `$date` a Date,
 * `$regularExpression` a native RegExp, and `{"$tcb_server_date":{"offset":N}}` the server time + N ms.
 */
export function decode(text: string, now: number): unknown {
  return resolveSpecial(EJSON.parse(text, { relaxed: true }) as unknown, now)
}

/** Replaces server dates and BSON regular expressions in an already parsed value. */
export function resolveSpecial(v: unknown, now: number): unknown {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, toJsFlags(v.options))
  if (Array.isArray(v)) return v.map((x) => resolveSpecial(x, now))
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = v.$tcb_server_date as { offset?: unknown } | undefined
    const offset = typeof spec?.offset === 'number' ? spec.offset : 0
    return new Date(now + offset)
  }
  const out: Doc = {}
  for (const k of keys) out[k] = resolveSpecial(v[k], now)
  return out
}

function toJsFlags(options: string): string {
  // BSON options may contain 'x' / 'l' / 'u' that JS does not know (except u); keep what JS accepts.
  return options
    .split('')
    .filter((c) => 'gimsuy'.includes(c))
    .join('')
}

/** Encodes a value the way the cloud replies (canonical EJSON string). */
export function encode(v: unknown): string {
  return EJSON.stringify(v as Doc, { relaxed: false })
}

/** Deep clone that keeps Dates, RegExps and BSON values (treated as immutable). */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T
  if (Array.isArray(v)) return v.map((x: unknown) => clone(x)) as unknown as T
  if (!isPlainObject(v)) return v
  const out: Doc = {}
  for (const k of Object.keys(v)) {
    const x = v[k]
    if (x !== undefined) out[k] = clone(x)
  }
  return out as T
}

/** Removes `undefined` members (the SDK drops them too) and checks field names. */
export function sanitizeDoc(v: unknown, path = ''): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x, i) => sanitizeDoc(x, `${path}.${i}`))
  if (!isPlainObject(v)) return v
  const out: Doc = {}
  for (const k of Object.keys(v)) {
    if (v[k] === undefined) continue
    out[k] = sanitizeDoc(v[k], path ? `${path}.${k}` : k)
  }
  return out
}

/** A string key for a document id, distinguishing types ("1" vs 1). */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return 's' + id
  if (typeof id === 'number') return 'n' + String(id)
  if (id instanceof ObjectId) return 'o' + id.toHexString()
  return 'j' + EJSON.stringify({ v: id as Doc }, { relaxed: false })
}

export function isValidId(id: unknown): boolean {
  return typeof id === 'string' || typeof id === 'number' || id instanceof ObjectId
}

let idCounter = Math.floor(Math.random() * 0xffffff)
/** A new document id shaped like the cloud's: 32 lowercase hex characters. */
export function newId(): string {
  idCounter = (idCounter + 1) % 0xffffff
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
  let rand = ''
  for (let i = 0; i < 18; i++) rand += Math.floor(Math.random() * 16).toString(16)
  return time + rand + idCounter.toString(16).padStart(6, '0')
}

/** MongoDB ordering of values (mingo's comparator, so sorts agree with mingo; fast paths for scalars). */
export function compareValues(a: unknown, b: unknown): number {
  const ta = typeof a
  if (ta === typeof b) {
    if (ta === 'string' || ta === 'number' || ta === 'boolean') return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    if (a instanceof Date && b instanceof Date) {
      const x = a.getTime()
      const y = b.getTime()
      return x < y ? -1 : x > y ? 1 : 0
    }
  }
  return mingoCompare(a, b)
}

const SORT_ORDER: Record<string, number> = {
  undefined: 1,
  null: 1,
  number: 3,
  string: 4,
  object: 6,
  array: 7,
  boolean: 9,
  date: 10,
  regexp: 11
}

/** Coarse type class used to bracket range scans ($gt: 5 only matches numbers). */
export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1
  if (typeof v === 'number') return SORT_ORDER.number
  if (typeof v === 'string') return SORT_ORDER.string
  if (typeof v === 'boolean') return SORT_ORDER.boolean
  if (v instanceof Date) return SORT_ORDER.date
  if (v instanceof RegExp) return SORT_ORDER.regexp
  if (Array.isArray(v)) return SORT_ORDER.array
  if (isPlainObject(v)) return SORT_ORDER.object
  return 100
}

/** Replaces values by their type names: the "shape" of a filter for warnings. */
export function shapeOf(v: unknown): unknown {
  if (v === null) return 'null'
  if (v instanceof Date) return 'date'
  if (v instanceof RegExp) return 'regexp'
  if (Array.isArray(v)) return v.map(shapeOf)
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = shapeOf(v[k])
    return out
  }
  return typeof v
}
