/**
 * One collection: documents by id, the declared ordered indexes (plus the implicit `_id` index), geo
 * indexes, and the query planner / executor.
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
import { Query } from 'mingo'
import { compileMatcher } from './mingo-context'
import { resolve } from 'mingo/util'
import { SortedList, type Pos } from './sorted-list'
import { cellOf, cellsAround, distanceM, GEO_OPERATORS, isGeometry, parseNear, parseWithin, pointOf, type LngLat } from './geo'
import { DbError } from './errors'
import { compareValues, encode, idKey, isPlainObject, typeRank, type Doc } from './values'

export interface IndexKeySpec {
  field: string
  direction: 1 | -1 | '2dsphere'
}

export interface IndexSpec {
  name: string
  unique?: boolean
  keys: IndexKeySpec[]
}

export interface Entry {
  k: unknown[]
  id: unknown
  ik: string
}

export type SortSpec = Array<[string, 1 | -1]>

export interface ScanStats {
  keysExamined: number
  docsExamined: number
}

/** Values of a field used as index keys: one per array element (multikey), missing → null. */
export function keyValues(doc: Doc, field: string): { values: unknown[]; multi: boolean } {
  const v = field === '_id' ? doc._id : (resolve(doc, field) as unknown)
  if (v === undefined) return { values: [null], multi: false }
  if (Array.isArray(v)) {
    const flat = v.flat()
    return { values: flat.length ? flat : [null], multi: true }
  }
  return { values: [v], multi: false }
}

export class OrderedIndex {
  readonly fields: string[]
  readonly dirs: number[]
  readonly list: SortedList<Entry>
  multikey = false

  constructor(readonly spec: IndexSpec) {
    this.fields = spec.keys.map((k) => k.field)
    this.dirs = spec.keys.map((k) => (k.direction === -1 ? -1 : 1))
    this.list = new SortedList<Entry>((a, b) => this.cmp(a, b))
  }

  get name(): string {
    return this.spec.name
  }

  cmpKeys(a: unknown[], b: unknown[], n: number): number {
    for (let j = 0; j < n; j++) {
      const c = compareValues(a[j], b[j])
      if (c !== 0) return c * this.dirs[j]
    }
    return 0
  }

  cmp(a: Entry, b: Entry): number {
    const c = this.cmpKeys(a.k, b.k, this.fields.length)
    if (c !== 0) return c
    const d = compareValues(a.id, b.id)
    if (d !== 0) return d
    return a.ik < b.ik ? -1 : a.ik > b.ik ? 1 : 0
  }

  entries(doc: Doc, ik: string): Entry[] {
    let combos: unknown[][] = [[]]
    for (const f of this.fields) {
      const { values, multi } = keyValues(doc, f)
      if (multi) this.multikey = true
      const next: unknown[][] = []
      for (const c of combos) for (const v of values) next.push([...c, v])
      combos = next
    }
    if (combos.length === 1) return [{ k: combos[0], id: doc._id, ik }]
    const n = this.fields.length
    combos.sort((a, b) => this.cmpKeys(a, b, n))
    const out: Entry[] = []
    for (let i = 0; i < combos.length; i++) {
      if (i > 0 && this.cmpKeys(combos[i - 1], combos[i], n) === 0) continue
      out.push({ k: combos[i], id: doc._id, ik })
    }
    return out
  }

  add(doc: Doc, ik: string): void {
    for (const e of this.entries(doc, ik)) this.list.insert(e)
  }

  remove(doc: Doc, ik: string): void {
    for (const e of this.entries(doc, ik)) this.list.remove(e)
  }

  load(docs: Map<string, Doc>): void {
    this.multikey = false
    const all: Entry[] = []
    for (const [ik, doc] of docs) all.push(...this.entries(doc, ik))
    this.list.load(all)
  }

  /** Entries whose full key equals k. */
  *equal(k: unknown[]): Generator<Entry> {
    const n = this.fields.length
    const from = this.list.seek((e) => this.cmpKeys(e.k, k, n) >= 0)
    const to = this.list.seek((e) => this.cmpKeys(e.k, k, n) > 0)
    yield* this.list.scan(from, to)
  }
}

export class GeoIndex {
  readonly cells = new Map<string, Set<string>>()
  readonly other = new Set<string>()

  constructor(
    readonly spec: IndexSpec,
    readonly field: string
  ) {}

  get name(): string {
    return this.spec.name
  }

  private place(doc: Doc): { cell: string } | { other: true } | null {
    const v = resolve(doc, this.field) as unknown
    const p = pointOf(v)
    if (p) return { cell: cellOf(p) }
    if (isGeometry(v)) return { other: true }
    return null
  }

  add(doc: Doc, ik: string): void {
    const at = this.place(doc)
    if (!at) return
    if ('other' in at) {
      this.other.add(ik)
      return
    }
    let set = this.cells.get(at.cell)
    if (!set) this.cells.set(at.cell, (set = new Set()))
    set.add(ik)
  }

  remove(doc: Doc, ik: string): void {
    const at = this.place(doc)
    if (!at) return
    if ('other' in at) {
      this.other.delete(ik)
      return
    }
    const set = this.cells.get(at.cell)
    if (set) {
      set.delete(ik)
      if (!set.size) this.cells.delete(at.cell)
    }
  }

  load(docs: Map<string, Doc>): void {
    this.cells.clear()
    this.other.clear()
    for (const [ik, doc] of docs) this.add(doc, ik)
  }

  /** Candidate ids near a point (all indexed ids when the area is unbounded). */
  *candidates(center: LngLat | null, radiusM: number): Generator<string> {
    const cells = center ? cellsAround(center, radiusM) : null
    if (cells) {
      for (const c of cells) {
        const set = this.cells.get(c)
        if (set) yield* set
      }
    } else {
      for (const set of this.cells.values()) yield* set
    }
    yield* this.other
  }
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
  return sortCovered
    ? `index ${ix.name} gives the order but none of the filtered fields`
    : `sort ${JSON.stringify(Object.fromEntries(sort))} is not covered by index ${ix.name}`
}

function* entryKeys(entries: Iterable<Entry>): Generator<string> {
  for (const e of entries) yield e.ik
}

/** True when the index bounds decide this field's condition exactly (count without reading documents). */
function boundExactly(v: unknown, isRangeField: boolean): boolean {
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

export class Collection {
  readonly docs = new Map<string, Doc>()
  /** last write sequence per document id (kept for deleted ids, for transaction conflicts) */
  readonly versions = new Map<string, number>()
  readonly indexes: OrderedIndex[] = []
  readonly geoIndexes: GeoIndex[] = []
  readonly idIndex = new OrderedIndex({ name: '_id_', keys: [{ field: '_id', direction: 1 }] })

  constructor(
    readonly name: string,
    readonly specs: IndexSpec[] = []
  ) {
    for (const spec of specs) {
      const geoKey = spec.keys.find((k) => k.direction === '2dsphere')
      if (geoKey) this.geoIndexes.push(new GeoIndex(spec, geoKey.field))
      else this.indexes.push(new OrderedIndex(spec))
    }
  }

  get allOrdered(): OrderedIndex[] {
    return [this.idIndex, ...this.indexes]
  }

  rebuildIndexes(): void {
    for (const ix of this.allOrdered) ix.load(this.docs)
    for (const gx of this.geoIndexes) gx.load(this.docs)
  }

  /** Inserts or replaces a document in memory and in every index. */
  put(doc: Doc, version: number): void {
    const ik = idKey(doc._id)
    const old = this.docs.get(ik)
    if (old) for (const ix of [...this.allOrdered, ...this.geoIndexes]) ix.remove(old, ik)
    this.docs.set(ik, doc)
    for (const ix of [...this.allOrdered, ...this.geoIndexes]) ix.add(doc, ik)
    this.versions.set(ik, version)
  }

  /** Adds many new documents; rebuilds the indexes in one sort when that is cheaper. */
  putMany(docs: Doc[], version: number): void {
    if (docs.length < 1000 || docs.length < this.docs.size / 4) {
      for (const d of docs) this.put(d, version)
      return
    }
    for (const d of docs) {
      const ik = idKey(d._id)
      this.docs.set(ik, d)
      this.versions.set(ik, version)
    }
    this.rebuildIndexes()
  }

  delete(ik: string, version: number): void {
    const old = this.docs.get(ik)
    if (!old) return
    for (const ix of [...this.allOrdered, ...this.geoIndexes]) ix.remove(old, ik)
    this.docs.delete(ik)
    this.versions.set(ik, version)
  }

  version(ik: string): number {
    return this.versions.get(ik) ?? 0
  }

  /** Throws the cloud's duplicate-key error if a unique index would hold key twice. */
  uniqueIndexes(): OrderedIndex[] {
    return this.indexes.filter((ix) => ix.spec.unique)
  }

  // ---------------------------------------------------------------- planning

  plan(filter: Doc, sort: SortSpec): PlanInfo {
    const { conds, hasLogical } = analyzeFilter(filter)
    const idCond = conds.get('_id')
    if (idCond?.eq) return { plan: { kind: 'ids', iks: idCond.eq.map(idKey) }, served: true, label: '_id' }
    const geo = this.planGeo(conds)
    if (geo) return geo
    if (Object.keys(filter).length === 0 && sort.length === 0) return { plan: { kind: 'natural' }, served: true, label: 'natural' }
    const filterEmpty = conds.size === 0 && !hasLogical
    let best: { info: PlanInfo; score: number } | null = null
    for (const ix of this.allOrdered) {
      const cand = this.planIndex(ix, conds, sort, filterEmpty)
      if (cand && (!best || cand.score > best.score)) best = cand
    }
    if (best?.info.served) return best.info
    const union = this.planOr(filter, sort)
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
  private planGeo(conds: Map<string, FieldCond>): PlanInfo | null {
    for (const [field, c] of conds) {
      if (!c.geo) continue
      const near = c.geo.op === '$nearSphere' || c.geo.op === '$near'
      const gx = this.geoIndexes.find((g) => g.field === field)
      if (!gx) {
        if (near) throw new DbError('DATABASE_REQUEST_FAILED', `unable to find index for $geoNear query: ${this.name}.${field} needs a 2dsphere index`)
        continue
      }
      const area = near ? nearArea(c.geo.spec) : withinArea(c.geo)
      return { plan: { kind: 'geo', index: gx, ...area }, served: true, label: `geo:${gx.name}` }
    }
    return null
  }

  /** Top-level $or whose every branch (with the rest of the filter) is served: an index union. */
  private planOr(filter: Doc, sort: SortSpec): PlanInfo | null {
    const branches = filter.$or
    if (!Array.isArray(branches) || branches.length === 0 || branches.length > 32) return null
    const rest: Doc = { ...filter }
    delete rest.$or
    const infos: PlanInfo[] = []
    for (const b of branches) {
      if (!isPlainObject(b)) return null
      const info = this.plan(Object.keys(rest).length ? { $and: [rest, b] } : b, sort)
      if (!info.served) return null
      if (sort.length && !(info.plan.kind === 'ids' || (info.plan.kind === 'index' && info.plan.sortCovered))) return null
      infos.push(info)
    }
    return { plan: { kind: 'or', branches: infos, ordered: sort.length > 0 }, served: true, label: `or(${infos.map((i) => i.label).join(', ')})` }
  }

  private planIndex(ix: OrderedIndex, conds: Map<string, FieldCond>, sort: SortSpec, filterEmpty: boolean): { info: PlanInfo; score: number } | null {
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
    const score = (served ? 1000 : 0) + k * 10 + (range ? 5 : 0) + (sortCovered ? 2 : 0) + (ix === this.idIndex ? 0 : 1)
    const plan: Plan = { kind: 'index', index: ix, combos, lo: range?.lo, hi: range?.hi, reverse, sortCovered }
    return { score, info: { plan, served, label: `index:${ix.name}`, reason: served ? undefined : unservedReason(ix, sort, sortCovered) } }
  }

  private ranges(p: Extract<Plan, { kind: 'index' }>): Array<[Pos, Pos]> {
    const ix = p.index
    const out: Array<[Pos, Pos]> = []
    for (const eq of p.combos) {
      const n = eq.length
      const prefix = (e: Entry) => ix.cmpKeys(e.k, eq, n)
      if (!p.lo && !p.hi) {
        out.push([ix.list.seek((e) => prefix(e) >= 0), ix.list.seek((e) => prefix(e) > 0)])
        continue
      }
      const d = ix.dirs[n]
      const startB = d === 1 ? p.lo : p.hi
      const endB = d === 1 ? p.hi : p.lo
      const rank = typeRank((p.lo ?? p.hi)!.v)
      const from = ix.list.seek((e) => {
        const c = prefix(e)
        if (c !== 0) return c > 0
        const v = e.k[n]
        if (startB) {
          const x = compareValues(v, startB.v) * d
          return startB.incl ? x >= 0 : x > 0
        }
        const r = typeRank(v)
        return d === 1 ? r >= rank : r <= rank
      })
      const to = ix.list.seek((e) => {
        const c = prefix(e)
        if (c !== 0) return c > 0
        const v = e.k[n]
        if (endB) {
          const x = compareValues(v, endB.v) * d
          return endB.incl ? x > 0 : x >= 0
        }
        const r = typeRank(v)
        return d === 1 ? r > rank : r < rank
      })
      out.push([from, to])
    }
    return out
  }

  // ---------------------------------------------------------------- execution

  private matcher(filter: Doc): (doc: Doc) => boolean {
    if (Object.keys(filter).length === 0) return () => true
    return compileMatcher(filter)
  }

  /** Yields candidate documents of a plan, in plan order (deduplicated). */
  private *candidates(info: PlanInfo, stats: ScanStats): Generator<Doc> {
    const p = info.plan
    switch (p.kind) {
      case 'ids':
        yield* this.byKeys(p.iks, stats)
        return
      case 'geo':
        yield* this.byKeys(p.index.candidates(p.center, p.radiusM), stats)
        return
      case 'index':
        for (const [from, to] of this.ranges(p)) yield* this.byKeys(entryKeys(p.index.list.scan(from, to, p.reverse)), stats)
        return
      case 'or':
        yield* this.union(p.branches, stats)
        return
      default:
        for (const d of this.docs.values()) {
          stats.docsExamined++
          yield d
        }
    }
  }

  /** Documents of the given ids, each once (an index range yields one id per multikey entry). */
  private *byKeys(iks: Iterable<string>, stats: ScanStats, seen = new Set<string>()): Generator<Doc> {
    for (const ik of iks) {
      stats.keysExamined++
      if (seen.has(ik)) continue
      seen.add(ik)
      const d = this.docs.get(ik)
      if (!d) continue
      stats.docsExamined++
      yield d
    }
  }

  private *union(branches: PlanInfo[], stats: ScanStats): Generator<Doc> {
    const seen = new Set<string>()
    for (const b of branches) {
      for (const d of this.candidates(b, stats)) {
        const ik = idKey(d._id)
        if (seen.has(ik)) continue
        seen.add(ik)
        yield d
      }
    }
  }

  /** Runs a query; returns stored documents (callers must not mutate them). */
  find(filter: Doc, sort: SortSpec, skip: number, limit: number, info: PlanInfo, stats: ScanStats): Doc[] {
    const test = this.matcher(filter)
    const near = nearOf(filter)
    if (info.plan.kind === 'or' && info.plan.ordered) return this.mergeOr(info.plan.branches, test, sort, skip, limit, stats)
    const ordered = (info.plan.kind === 'index' && info.plan.sortCovered) || (sort.length === 0 && !near && info.plan.kind !== 'ids')
    if (ordered) {
      const out: Doc[] = []
      let skipped = 0
      if (limit <= 0) return out
      for (const d of this.candidates(info, stats)) {
        if (!test(d)) continue
        if (skipped < skip) {
          skipped++
          continue
        }
        out.push(d)
        if (out.length >= limit) break
      }
      return out
    }
    const all: Doc[] = []
    for (const d of this.candidates(info, stats)) if (test(d)) all.push(d)
    return sortDocs(all, sort, near).slice(skip, skip + limit)
  }

  /** k-way merge of branches that each yield in sort order; stops after skip + limit. */
  private mergeOr(branches: PlanInfo[], test: (d: Doc) => boolean, sort: SortSpec, skip: number, limit: number, stats: ScanStats): Doc[] {
    const cmp = (a: Doc, b: Doc) => {
      for (const [f, d] of sort) {
        const c = compareValues(resolve(a, f), resolve(b, f))
        if (c !== 0) return c * d
      }
      return 0
    }
    const iters = branches.map((b) => {
      if (b.plan.kind === 'ids') {
        const docs: Doc[] = []
        for (const d of this.candidates(b, stats)) if (test(d)) docs.push(d)
        return sortDocs(docs, sort, null)[Symbol.iterator]()
      }
      const gen = this.candidates(b, stats)
      return (function* () {
        for (const d of gen) if (test(d)) yield d
      })()
    })
    const heads = iters.map((it) => it.next())
    const seen = new Set<string>()
    const out: Doc[] = []
    let skipped = 0
    while (out.length < limit) {
      let min = -1
      for (let i = 0; i < heads.length; i++) {
        if (heads[i].done) continue
        if (min < 0 || cmp(heads[i].value as Doc, heads[min].value as Doc) < 0) min = i
      }
      if (min < 0) break
      const d = heads[min].value as Doc
      heads[min] = iters[min].next()
      const ik = idKey(d._id)
      if (seen.has(ik)) continue
      seen.add(ik)
      if (skipped < skip) skipped++
      else out.push(d)
    }
    return out
  }

  count(filter: Doc, info: PlanInfo, stats: ScanStats): number {
    const p = info.plan
    if (p.kind === 'natural') return this.docs.size
    if (p.kind === 'index' && !p.index.multikey && this.exactlyCovered(filter, p)) {
      let n = 0
      for (const [from, to] of this.ranges(p)) n += Math.max(0, p.index.list.rank(to) - p.index.list.rank(from))
      return n
    }
    const test = this.matcher(filter)
    let n = 0
    for (const d of this.candidates(info, stats)) if (test(d)) n++
    return n
  }

  /** True when the index bounds alone decide the filter (count without reading documents). */
  private exactlyCovered(filter: Doc, p: Extract<Plan, { kind: 'index' }>): boolean {
    const n = p.combos[0]?.length ?? 0
    const used = new Set(p.index.fields.slice(0, n + (p.lo || p.hi ? 1 : 0)))
    return Object.keys(filter).every((key) => used.has(key) && boundExactly(filter[key], key === p.index.fields[n]))
  }
}

function nearOf(filter: Doc): { field: string; point: LngLat } | null {
  const { conds } = analyzeFilter(filter)
  for (const [field, c] of conds) {
    if (c.geo && (c.geo.op === '$nearSphere' || c.geo.op === '$near')) return { field, point: parseNear(c.geo.spec).point }
  }
  return null
}

/** Sorts in memory (stable), by the sort spec or else by distance for $nearSphere. */
export function sortDocs(docs: Doc[], sort: SortSpec, near: { field: string; point: LngLat } | null): Doc[] {
  if (sort.length > 0) {
    const spec = Object.fromEntries(sort) as Record<string, 1 | -1>
    return new Query({}, {}).find<Doc>(docs).sort(spec).all()
  }
  if (near) {
    const dist = (d: Doc) => {
      const p = pointOf(resolve(d, near.field) as unknown)
      return p ? distanceM(p, near.point) : Infinity
    }
    return docs
      .map((d) => ({ d, k: dist(d) }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.d)
  }
  return docs
}
