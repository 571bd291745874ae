/** Index structures of a collection: the ordered (B-tree-like) index over a sorted list, and the geo grid index. */
import { resolve } from 'mingo/util'
import { SortedList } from './sorted-list'
import { cellOf, cellsAround, isGeometry, pointOf, type LngLat } from './geo'
import { compareValues, type Doc } from './values'

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
