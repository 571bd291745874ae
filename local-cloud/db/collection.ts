/**
 * One collection: documents by id, its indexes (`indexes.ts`), and the query executor: it runs the
 * plan that `planner.ts` chose (index ranges, id lookups, geo cells, an ordered union of $or
 * branches) and counts the keys and documents it examined.
 */
import { Query } from 'mingo'
import { resolve } from 'mingo/util'
import { compileMatcher } from './mingo-context'
import { type Pos } from './sorted-list'
import { distanceM, parseNear, pointOf, type LngLat } from './geo'
import { GeoIndex, OrderedIndex, type Entry, type IndexSpec, type ScanStats, type SortSpec } from './indexes'
import { analyzeFilter, boundExactly, planQuery, type Plan, type PlanInfo } from './planner'
import { compareValues, idKey, typeRank, type Doc } from './values'

export type { Entry, IndexKeySpec, IndexSpec, ScanStats, SortSpec } from './indexes'
export { GeoIndex, OrderedIndex, keyValues } from './indexes'
export type { Plan, PlanInfo } from './planner'
export { analyzeFilter } from './planner'

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
    return planQuery(this, filter, sort)
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
      // the first entry of the prefix at or past `b` in index order (`strict`: past it); without a bound,
      // the same against the bound's type (a range matches values of one type only)
      const seekPast = (b: typeof startB, strict: boolean) =>
        ix.list.seek((e) => {
          const c = prefix(e)
          if (c !== 0) return c > 0
          const x = (b ? compareValues(e.k[n], b.v) : typeRank(e.k[n]) - rank) * d
          return strict ? x > 0 : x >= 0
        })
      // [from, to): from the first entry not before the start to the first one after the end
      out.push([seekPast(startB, startB ? !startB.incl : false), seekPast(endB, endB ? endB.incl : true)])
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

function* entryKeys(entries: Iterable<Entry>): Generator<string> {
  for (const e of entries) yield e.ik
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
