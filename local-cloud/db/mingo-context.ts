/**
 * One mingo context with every standard operator plus the geo operators, built once.
 *
 * mingo's convenience `Query`/`update` merge their default operator tables with a custom context
 * on every call (tens of microseconds each); the engine compiles thousands of filters and updates a
 * second, so it uses the base classes with this prebuilt context, and applies the simplest update
 * shapes ($set / $unset / $inc on plain paths) directly. Anything else goes to mingo's updater.
 */
import { Context, update as mingoUpdate } from 'mingo'
import { Query as BaseQuery } from 'mingo/query'
import * as accumulator from 'mingo/operators/accumulator'
import * as expression from 'mingo/operators/expression'
import * as pipeline from 'mingo/operators/pipeline'
import * as projection from 'mingo/operators/projection'
import * as query from 'mingo/operators/query'
import * as window from 'mingo/operators/window'
import { isEqual } from 'mingo/util'
import { geoContext } from './geo'
import { clone, type Doc } from './values'

type Ops = NonNullable<Parameters<typeof Context.init>[0]>

export const FULL_CONTEXT = Context.from(Context.init({ accumulator, expression, pipeline, projection, query, window } as unknown as Ops), geoContext)

export function compileQuery(filter: Doc): BaseQuery {
  return new BaseQuery(filter, { context: FULL_CONTEXT })
}

type Modifier = Parameters<typeof mingoUpdate>[1]
const FAST_OPS = new Set(['$set', '$unset', '$inc'])
const PLAIN_SEGMENT = /^[^$.][^.]*$/

/** The container and key a dotted path writes to, creating plain objects on the way; null = not plain. */
function slot(doc: Doc, path: string, create: boolean): { parent: Doc; key: string } | null {
  const parts = path.split('.')
  let cur: Doc = doc
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]
    if (!PLAIN_SEGMENT.test(p)) return null
    const next = cur[p]
    if (next === undefined) {
      if (!create) return { parent: {}, key: parts[parts.length - 1] }
      cur[p] = {}
      cur = cur[p] as Doc
    } else if (next !== null && typeof next === 'object' && Object.getPrototypeOf(next) === Object.prototype) {
      cur = next as Doc
    } else return null
  }
  const key = parts[parts.length - 1]
  return PLAIN_SEGMENT.test(key) ? { parent: cur, key } : null
}

/** Checks every path of a fast-path update can be applied directly (no arrays or scalars on the way). */
function fastApplicable(doc: Doc, ops: Record<string, Record<string, unknown>>): boolean {
  for (const [op, fields] of Object.entries(ops)) {
    if (!FAST_OPS.has(op) || fields === null || typeof fields !== 'object') return false
    for (const [path, value] of Object.entries(fields)) {
      if (!slot(doc, path, false)) return false
      if (op === '$inc') {
        const s = slot(doc, path, false)
        const current = s?.parent[s.key]
        if (typeof value !== 'number' || (current !== undefined && typeof current !== 'number')) return false
      }
    }
  }
  return true
}

/**
 * Applies update operators to `doc` in place; returns the changed paths (empty = no change), like
 * mingo's `update`, which it defers to for every shape the fast path does not cover.
 */
export function applyUpdateOps(doc: Doc, ops: Record<string, Record<string, unknown>>): string[] {
  if (!fastApplicable(doc, ops)) {
    return mingoUpdate(doc, ops as Modifier, undefined, undefined, { queryOptions: { context: FULL_CONTEXT } })
  }
  const changed: string[] = []
  for (const [op, fields] of Object.entries(ops)) {
    for (const [path, value] of Object.entries(fields)) {
      const s = slot(doc, path, op !== '$unset') as { parent: Doc; key: string }
      const before = s.parent[s.key]
      if (op === '$unset') {
        if (s.key in s.parent) {
          delete s.parent[s.key]
          changed.push(path)
        }
        continue
      }
      const after = op === '$inc' ? ((before as number | undefined) ?? 0) + (value as number) : clone(value)
      if (before === undefined && !(s.key in s.parent)) changed.push(path)
      else if (!isEqual(before, after)) changed.push(path)
      s.parent[s.key] = after
    }
  }
  return changed
}

type Primitive = string | number | boolean

const isPrimitive = (v: unknown): v is Primitive => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean'

/**
 * A matcher for a filter. Filters made only of equalities between plain paths and strings,
 * numbers or booleans (the common `{ _id, rev }` shape) are tested directly with MongoDB's
 * semantics (an array field matches when it contains the value); any path through an array, and
 * every other filter, is tested by mingo.
 */
export function compileMatcher(filter: Doc): (doc: Doc) => boolean {
  const entries = Object.entries(filter)
  const simple = entries.every(([k, v]) => !k.startsWith('$') && k.split('.').every((p) => PLAIN_SEGMENT.test(p)) && isPrimitive(v))
  if (!simple) {
    const q = compileQuery(filter)
    return (doc) => q.test(doc)
  }
  const paths = entries.map(([k, v]) => [k.split('.'), v] as const)
  let fallback: BaseQuery | null = null
  return (doc) => {
    for (const [parts, want] of paths) {
      let cur: unknown = doc
      for (let i = 0; i < parts.length && cur !== undefined; i++) {
        if (Array.isArray(cur)) {
          fallback ??= compileQuery(filter)
          return fallback.test(doc)
        }
        cur = cur !== null && typeof cur === 'object' ? (cur as Doc)[parts[i]] : undefined
      }
      if (Array.isArray(cur) ? !cur.includes(want) : cur !== want) return false
    }
    return true
  }
}
