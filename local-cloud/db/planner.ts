/**
 * The query planner: which index (or union of indexes, or geo cells) serves a filter and sort, and
 * whether the query counts as indexed.
 *
 * A query is "served" (no warning) when:
 * - it has `_id` equality or `_id: {$in: [...]}` (primary map), or
 * - it has no filter and no sort (natural order, stops after skip + limit), or
 * - an index's leading fields are fixed by equality (`$eq`/plain value/`$in`) and/or the next field
 *   has a range, and the sort (if any) is on the fields that follow the equality prefix, in index
 *   order or fully reversed; the scan then visits skip + limit rows plus the rows the rest of the
 *   filter rejects, or
 * - it has a geo operator on a field with a 2dsphere index.
 * Anything else still runs (full scan, or the best partial index scan and an in-memory sort) and is
 * reported as unindexed.
 */
import { DbError } from './errors'
import { GEO_OPERATORS, parseNear, parseWithin, type LngLat } from './geo'
import type { GeoIndex, OrderedIndex, SortSpec } from './indexes'
import { encode, idKey, isPlainObject, typeRank, type Doc } from './values'

/** What the planner needs to know of a collection. */
export interface Indexed {
  readonly name: string
  readonly idIndex: OrderedIndex
  readonly allOrdered: OrderedIndex[]
  readonly geoIndexes: GeoIndex[]
}

interface Bound {
  v: unknown
  incl: boolean
}

interface FieldCond {
  eq?: unknown[]
  lo?: Bound
  hi?: Bound
  geo?: { op: string; spec: unknown }
  /** other operators on the field (residual only) */
  other?: boolean
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false
  const keys = Object.keys(v)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>()
  return values.filter((v) => {
    const s = encode({ v })
    if (seen.has(s)) return false
    seen.add(s)
    return true
  })
}

function indexableEq(v: unknown): boolean {
  if (v instanceof RegExp || Array.isArray(v)) return false
  if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) return false
  return true
}

type OpRule = (c: FieldCond, x: unknown, op: string) => boolean

/** How each operator contributes to a field's index conditions (first one wins). */
const OP_RULES: Record<string, OpRule> = {
  $eq: (c, x) => indexableEq(x) && !c.eq && (c.eq = [x]) !== undefined,
  $in: (c, x) => Array.isArray(x) && x.length > 0 && x.every(indexableEq) && !c.eq && (c.eq = dedupe(x)) !== undefined,
  $gt: (c, x, op) => !c.lo && (c.lo = { v: x, incl: op === '$gte' }) !== undefined,
  $lt: (c, x, op) => !c.hi && (c.hi = { v: x, incl: op === '$lte' }) !== undefined
}
OP_RULES.$gte = OP_RULES.$gt
OP_RULES.$lte = OP_RULES.$lt
for (const g of GEO_OPERATORS) OP_RULES[g] = (c, x, op) => !c.geo && (c.geo = { op, spec: x }) !== undefined

function addFieldCondition(c: FieldCond, v: unknown): void {
  if (!isOperatorObject(v)) {
    if (indexableEq(v) && !c.eq) c.eq = [v]
    else c.other = true
    return
  }
  for (const op of Object.keys(v)) {
    const rule = OP_RULES[op]
    if (!rule || !rule(c, v[op], op)) c.other = true
  }
}

/** Field conditions that an index can use; top-level `$and` is flattened. */
export function analyzeFilter(filter: Doc): { conds: Map<string, FieldCond>; hasLogical: boolean } {
  const conds = new Map<string, FieldCond>()
  let hasLogical = false
  const visit = (f: Doc) => {
    for (const key of Object.keys(f)) {
      const v = f[key]
      if (key.startsWith('$')) {
        hasLogical = true
        if (key === '$and' && Array.isArray(v)) for (const part of v) if (isPlainObject(part)) visit(part)
        continue
      }
      const c = conds.get(key) ?? {}
      conds.set(key, c)
      addFieldCondition(c, v)
    }
  }
  visit(filter)
  return { conds, hasLogical }
}

export type Plan =
  | { kind: 'ids'; iks: string[] }
  | { kind: 'natural' }
  | {
      kind: 'index'
      index: OrderedIndex
      combos: unknown[][]
      lo?: Bound
      hi?: Bound
      reverse: boolean
      sortCovered: boolean
    }
  | { kind: 'geo'; index: GeoIndex; center: LngLat | null; radiusM: number }
  | { kind: 'or'; branches: PlanInfo[]; ordered: boolean }
  | { kind: 'full' }

export interface PlanInfo {
  plan: Plan
  served: boolean
  label: string
  reason?: string
}

const MAX_COMBOS = 1000

/** Values of the leading index fields fixed by equality ($eq / plain value / $in). */
function equalityPrefix(ix: OrderedIndex, conds: Map<string, FieldCond>): unknown[][] {
  const eqLists: unknown[][] = []
  for (const f of ix.fields) {
    const c = conds.get(f)
    if (!c?.eq) break
    eqLists.push(c.eq)
  }
  return eqLists
}

/**
 * Whether scanning the index (forwards or backwards) yields the sort order. The sort may start right
 * after the equality prefix, or at its last field when that one has several values ($in on the sort
 * field: its values are scanned in order).
 */
function sortCoverage(ix: OrderedIndex, eqLists: unknown[][], rest: SortSpec): { sortCovered: boolean; reverse: boolean } {
  if (rest.length === 0) return { sortCovered: true, reverse: false }
  const k = eqLists.length
  const multi = eqLists.map((l, j) => (l.length > 1 ? j : -1)).filter((j) => j >= 0)
  let start = -1
  if (multi.length === 0) start = k
  else if (multi.length === 1 && multi[0] === k - 1 && rest[0][0] === ix.fields[k - 1]) start = k - 1
  if (start < 0 || start + rest.length > ix.fields.length) return { sortCovered: false, reverse: false }
  const fwd = rest.every(([f, d], j) => ix.fields[start + j] === f && ix.dirs[start + j] === d)
  const bwd = rest.every(([f, d], j) => ix.fields[start + j] === f && ix.dirs[start + j] === -d)
  return { sortCovered: fwd || bwd, reverse: bwd && !fwd }
}

/** Every combination of the equality values, in index order (reversed for a reverse scan); null if too many. */
function comboList(ix: OrderedIndex, eqLists: unknown[][], reverse: boolean): unknown[][] | null {
  let combos: unknown[][] = [[]]
  for (const l of eqLists) {
    const next: unknown[][] = []
    for (const c of combos) for (const v of l) next.push([...c, v])
    combos = next
    if (combos.length > MAX_COMBOS) return null
  }
  combos.sort((a, b) => ix.cmpKeys(a, b, a.length))
  if (reverse) combos.reverse()
  return combos
}

/** Range bounds on the field after the equality prefix, when the sort allows using them. */
function rangeAfterPrefix(ix: OrderedIndex, conds: Map<string, FieldCond>, k: number, rest: SortSpec, sortCovered: boolean): { lo?: Bound; hi?: Bound } | null {
  if (k >= ix.fields.length) return null
  const c = conds.get(ix.fields[k])
  if (!c || !(c.lo || c.hi)) return null
  if (rest.length > 0 && !(sortCovered && rest[0][0] === ix.fields[k])) return null
  return { lo: c.lo, hi: c.hi }
}

function unservedReason(ix: OrderedIndex, sort: SortSpec, sortCovered: boolean): string {
  return sortCovered ? `index ${ix.name} gives the order but none of the filtered fields` : `sort ${JSON.stringify(Object.fromEntries(sort))} is not covered by index ${ix.name}`
}

/** True when the index bounds decide this field's condition exactly (count without reading documents). */
export function boundExactly(v: unknown, isRangeField: boolean): boolean {
  if (!isOperatorObject(v)) return indexableEq(v) && v !== null && !isPlainObject(v)
  const ops = Object.keys(v)
  const allowed = isRangeField ? ['$gt', '$gte', '$lt', '$lte'] : ['$eq', '$in']
  if (!ops.every((o) => allowed.includes(o))) return false
  // range bounds: at most two, of one type class
  return !isRangeField || (ops.length <= 2 && new Set(ops.map((o) => typeRank(v[o]))).size === 1)
}

function nearArea(spec: unknown): { center: LngLat | null; radiusM: number } {
  const near = parseNear(spec)
  return { center: near.point, radiusM: near.max }
}

function withinArea(geo: { op: string; spec: unknown }): { center: LngLat | null; radiusM: number } {
  if (geo.op === '$geoWithin') {
    const w = parseWithin(geo.spec)
    if (w.kind === 'circle') return { center: w.center, radiusM: w.radiusM }
  }
  return { center: null, radiusM: Infinity }
}

export function planQuery(coll: Indexed, filter: Doc, sort: SortSpec): PlanInfo {
  const { conds, hasLogical } = analyzeFilter(filter)
  const idCond = conds.get('_id')
  if (idCond?.eq) return { plan: { kind: 'ids', iks: idCond.eq.map(idKey) }, served: true, label: '_id' }
  const geo = planGeo(coll, conds)
  if (geo) return geo
  if (Object.keys(filter).length === 0 && sort.length === 0) return { plan: { kind: 'natural' }, served: true, label: 'natural' }
  const filterEmpty = conds.size === 0 && !hasLogical
  let best: { info: PlanInfo; score: number } | null = null
  for (const ix of coll.allOrdered) {
    const cand = planIndex(coll, ix, conds, sort, filterEmpty)
    if (cand && (!best || cand.score > best.score)) best = cand
  }
  if (best?.info.served) return best.info
  const union = planOr(coll, filter, sort)
  if (union) return union
  if (best) return best.info
  return {
    plan: { kind: 'full' },
    served: false,
    label: 'collection scan',
    reason: 'no index covers this filter' + (sort.length ? ' and sort' : '')
  }
}

/** A geo operator on a field with a 2dsphere index; $nearSphere without one is an error (as in MongoDB). */
function planGeo(coll: Indexed, conds: Map<string, FieldCond>): PlanInfo | null {
  for (const [field, c] of conds) {
    if (!c.geo) continue
    const near = c.geo.op === '$nearSphere' || c.geo.op === '$near'
    const gx = coll.geoIndexes.find((g) => g.field === field)
    if (!gx) {
      if (near) throw new DbError('DATABASE_REQUEST_FAILED', `unable to find index for $geoNear query: ${coll.name}.${field} needs a 2dsphere index`)
      continue
    }
    const area = near ? nearArea(c.geo.spec) : withinArea(c.geo)
    return { plan: { kind: 'geo', index: gx, ...area }, served: true, label: `geo:${gx.name}` }
  }
  return null
}

/** Top-level $or whose every branch (with the rest of the filter) is served: an index union. */
function planOr(coll: Indexed, filter: Doc, sort: SortSpec): PlanInfo | null {
  const branches = filter.$or
  if (!Array.isArray(branches) || branches.length === 0 || branches.length > 32) return null
  const rest: Doc = { ...filter }
  delete rest.$or
  const infos: PlanInfo[] = []
  for (const b of branches) {
    if (!isPlainObject(b)) return null
    const info = planQuery(coll, Object.keys(rest).length ? { $and: [rest, b] } : b, sort)
    if (!info.served) return null
    if (sort.length && !(info.plan.kind === 'ids' || (info.plan.kind === 'index' && info.plan.sortCovered))) return null
    infos.push(info)
  }
  return { plan: { kind: 'or', branches: infos, ordered: sort.length > 0 }, served: true, label: `or(${infos.map((i) => i.label).join(', ')})` }
}

function planIndex(coll: Indexed, ix: OrderedIndex, conds: Map<string, FieldCond>, sort: SortSpec, filterEmpty: boolean): { info: PlanInfo; score: number } | null {
  const eqLists = equalityPrefix(ix, conds)
  const k = eqLists.length
  // sort keys fixed by single-value equality do not constrain the order
  const fixed = new Set(ix.fields.slice(0, k).filter((_, j) => eqLists[j].length === 1))
  const rest = sort.filter(([f]) => !fixed.has(f))
  const { sortCovered, reverse } = sortCoverage(ix, eqLists, rest)
  const range = rangeAfterPrefix(ix, conds, k, rest, sortCovered)
  const filtered = k > 0 || range !== null
  if (!filtered && !(sortCovered && rest.length > 0)) return null
  const combos = comboList(ix, eqLists, reverse)
  if (!combos) return null
  // an index used only for its order serves a sorted listing of the whole collection, not a filter
  const served = sortCovered && (filtered || (rest.length > 0 && filterEmpty))
  const score = (served ? 1000 : 0) + k * 10 + (range ? 5 : 0) + (sortCovered ? 2 : 0) + (ix === coll.idIndex ? 0 : 1)
  const plan: Plan = { kind: 'index', index: ix, combos, lo: range?.lo, hi: range?.hi, reverse, sortCovered }
  return { score, info: { plan, served, label: `index:${ix.name}`, reason: served ? undefined : unservedReason(ix, sort, sortCovered) } }
}
