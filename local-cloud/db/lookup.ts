/**
 * `$lookup` with `let` + `pipeline` (the cloud's 自定义连接条件、拼接子查询), served the way the cloud's
 * database serves it: the pipeline's first `$match` picks the joined documents through an index — its
 * plain conditions, and the equalities of its `$expr` between a field and a `let` variable or a
 * constant (`$eq`, alone or in `$and`: in MongoDB an `$expr` uses an index of the joined collection
 * for equality matches only, and never a multikey one). The engine reads those candidates through the
 * planner (an unindexed pick is warned about like any query) and mingo's own `$lookup` then runs the
 * whole pipeline, `$expr` included, on them: the candidates are a superset of what the `$match` keeps.
 */
import { Aggregator } from 'mingo/aggregator'
import { resolve } from 'mingo/util'
import { FULL_CONTEXT } from './mingo-context'
import { isPlainObject, type Doc } from './values'

export interface PipelineLookup {
  from: string
  let?: Doc
  pipeline: Doc[]
  as: string
}

/** The stage's spec when it is a `$lookup` with a pipeline (and no localField/foreignField), else null. */
export function pipelineLookup(stage: Doc): PipelineLookup | null {
  const spec = stage.$lookup
  if (!isPlainObject(spec) || typeof spec.from !== 'string' || !Array.isArray(spec.pipeline)) return null
  if ('localField' in spec || 'foreignField' in spec) return null
  return spec as unknown as PipelineLookup
}

/** The values of the `let` variables for one input document. */
export function letValues(doc: Doc, letExpr: Doc | undefined): Doc {
  if (!isPlainObject(letExpr) || Object.keys(letExpr).length === 0) return {}
  const [out] = new Aggregator([{ $replaceRoot: { newRoot: letExpr } }], { context: FULL_CONTEXT }).run([doc]) as Doc[]
  return out ?? {}
}

const NONE = Symbol('none')

const fieldOf = (x: unknown): string | null => (typeof x === 'string' && /^\$[^$]/.test(x) ? x.slice(1) : null)

/** A `$$variable` (or `$$variable.path`) from the let values, a literal scalar, or NONE. */
function valueOf(x: unknown, vars: Doc): unknown {
  if (typeof x === 'string' && x.startsWith('$$')) {
    const v = resolve(vars, x.slice(2))
    return v === undefined ? NONE : v
  }
  if (typeof x === 'string' && x.startsWith('$')) return NONE
  return x === null || ['string', 'number', 'boolean'].includes(typeof x) || x instanceof Date ? x : NONE
}

/** `{$eq: ['$field', '$$var' | literal]}` (either order) as [field, value]; null for any other expression. */
function exprEquality(e: unknown, vars: Doc): [string, unknown] | null {
  if (!isPlainObject(e) || Object.keys(e).length !== 1 || !Array.isArray(e.$eq) || e.$eq.length !== 2) return null
  const [a, b] = e.$eq as [unknown, unknown]
  for (const [f, v] of [
    [a, b],
    [b, a]
  ]) {
    const field = fieldOf(f)
    const value = field === null ? NONE : valueOf(v, vars)
    if (field !== null && value !== NONE) return [field, value]
  }
  return null
}

function hasExpr(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasExpr)
  return isPlainObject(v) && Object.entries(v).some(([k, x]) => k === '$expr' || hasExpr(x))
}

/**
 * The query that picks the joined candidates for one input document: the pipeline's first `$match`
 * with each `$expr` (at the top or in `$and`) replaced by the field equalities it implies — a superset
 * of what the `$match` keeps. `exprFields` are the fields those equalities fix. A pipeline that does
 * not start with `$match`, or has an `$expr` elsewhere (under `$or`, `$nor`…), picks everything.
 */
export function joinQuery(pipeline: Doc[], vars: Doc): { filter: Doc; exprFields: string[] } {
  const first = pipeline[0]
  const exprFields: string[] = []
  if (!isPlainObject(first) || !isPlainObject(first.$match)) return { filter: {}, exprFields }
  let nested = false
  const rewrite = (q: Doc): Doc => {
    const parts: Doc[] = []
    const rest: Doc = {}
    for (const [k, v] of Object.entries(q)) {
      if (k === '$expr') {
        const terms = isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.$and) ? v.$and : [v]
        for (const term of terms) {
          const eq = exprEquality(term, vars)
          if (!eq) continue
          parts.push({ [eq[0]]: eq[1] })
          exprFields.push(eq[0])
        }
      } else if (k === '$and' && Array.isArray(v)) {
        for (const p of v) if (isPlainObject(p)) parts.push(rewrite(p))
      } else {
        if (hasExpr(v)) nested = true
        rest[k] = v
      }
    }
    const all = [rest, ...parts].filter((p) => Object.keys(p).length > 0)
    return all.length === 0 ? {} : all.length === 1 ? all[0] : { $and: all }
  }
  const filter = rewrite(first.$match)
  return nested ? { filter: {}, exprFields: [] } : { filter, exprFields }
}
