/**
 * An ordered list of unique items stored as a list of sorted chunks (a flat B-tree): insert and remove
 * cost O(log n + chunk), seeking a bound costs O(log n), scanning costs O(items visited).
 */
export interface Pos {
  c: number
  i: number
}

export class SortedList<T> {
  private chunks: T[][] = []
  private count = 0

  constructor(
    private readonly cmp: (a: T, b: T) => number,
    private readonly chunkSize = 256
  ) {}

  get size(): number {
    return this.count
  }

  clear(): void {
    this.chunks = []
    this.count = 0
  }

  /** Replaces the content by items (any order). */
  load(items: T[]): void {
    const sorted = items.slice().sort(this.cmp)
    this.chunks = []
    for (let i = 0; i < sorted.length; i += this.chunkSize) this.chunks.push(sorted.slice(i, i + this.chunkSize))
    this.count = sorted.length
  }

  /** Index of the first chunk whose last item is >= item (or the last chunk). */
  private chunkFor(item: T): number {
    let lo = 0
    let hi = this.chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const chunk = this.chunks[mid]
      if (this.cmp(chunk[chunk.length - 1], item) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private static lowerIndex<U>(arr: U[], pred: (x: U) => boolean): number {
    let lo = 0
    let hi = arr.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (pred(arr[mid])) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  insert(item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item])
      this.count = 1
      return
    }
    const c = this.chunkFor(item)
    const chunk = this.chunks[c]
    const i = SortedList.lowerIndex(chunk, (x) => this.cmp(x, item) >= 0)
    if (i < chunk.length && this.cmp(chunk[i], item) === 0) return
    chunk.splice(i, 0, item)
    this.count++
    if (chunk.length > this.chunkSize * 2) this.chunks.splice(c, 1, chunk.slice(0, this.chunkSize), chunk.slice(this.chunkSize))
  }

  remove(item: T): boolean {
    if (this.chunks.length === 0) return false
    const c = this.chunkFor(item)
    const chunk = this.chunks[c]
    const i = SortedList.lowerIndex(chunk, (x) => this.cmp(x, item) >= 0)
    if (i >= chunk.length || this.cmp(chunk[i], item) !== 0) return false
    chunk.splice(i, 1)
    this.count--
    if (chunk.length === 0) this.chunks.splice(c, 1)
    return true
  }

  /** First position whose item satisfies pred; pred must be monotone (false… then true…). */
  seek(pred: (x: T) => boolean): Pos {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const chunk = this.chunks[mid]
      if (pred(chunk[chunk.length - 1])) hi = mid
      else lo = mid + 1
    }
    if (lo === this.chunks.length) return this.end()
    return { c: lo, i: SortedList.lowerIndex(this.chunks[lo], pred) }
  }

  begin(): Pos {
    return { c: 0, i: 0 }
  }

  end(): Pos {
    return { c: this.chunks.length, i: 0 }
  }

  /** Number of items before pos. */
  rank(pos: Pos): number {
    let n = 0
    for (let c = 0; c < pos.c && c < this.chunks.length; c++) n += this.chunks[c].length
    return n + pos.i
  }

  /** Items in [from, to) in order, or in reverse order. */
  *scan(from: Pos, to: Pos, reverse = false): Generator<T> {
    if (!reverse) {
      let { c, i } = from
      while (c < to.c || (c === to.c && i < to.i)) {
        const chunk = this.chunks[c]
        if (!chunk) return
        if (i >= chunk.length) {
          c++
          i = 0
          continue
        }
        yield chunk[i]
        i++
      }
      return
    }
    // reverse: start just before `to`
    let c = to.c
    let i = to.i - 1
    for (;;) {
      if (i < 0) {
        c--
        if (c < 0) return
        i = this.chunks[c].length - 1
        continue
      }
      if (c < from.c || (c === from.c && i < from.i)) return
      yield this.chunks[c][i]
      i--
    }
  }

  *all(): Generator<T> {
    for (const chunk of this.chunks) yield* chunk
  }
}
