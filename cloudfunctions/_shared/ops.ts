import type { Database } from './cloud'

/*
 * Typed query and update operators, offered by Store as `store.op`. Each is a thin wrapper over the
 * SDK's `db.command` (the local cloud runs the real wx-server-sdk, so what reaches the database is
 * exactly what the SDK builds); only repositories use them.
 */

declare const condBrand: unique symbol
declare const changeBrand: unique symbol
declare const accBrand: unique symbol

/** A condition on one field, as the SDK encodes it: `{ day: op.lt(today) }`. */
export interface Cond {
  readonly [condBrand]: true
}
/** An update operator on one field: `{ count: op.inc(1) }`. */
export interface Change {
  readonly [changeBrand]: true
}
/** An aggregation expression: `group({ _id: '$teamId', n: op.sum(1) })`. */
export interface Accumulator {
  readonly [accBrand]: true
}

type Filter = Record<string, unknown>
export type Scalar = string | number | boolean | Date | null
export type Comparable = string | number | Date

/** Bounds of a range; at most one of each side. */
export interface Bounds<T extends Comparable> {
  gt?: T
  gte?: T
  lt?: T
  lte?: T
}

export interface Ops {
  neq(value: Scalar): Cond
  gt(value: Comparable): Cond
  gte(value: Comparable): Cond
  lt(value: Comparable): Cond
  lte(value: Comparable): Cond
  /** `lower.and(upper)` (the SDK's shape for a range on one field); null when there is no bound. */
  range<T extends Comparable>(bounds: Bounds<T>): Cond | null
  in(values: readonly Scalar[]): Cond
  nin(values: readonly Scalar[]): Cond
  exists(present: boolean): Cond
  /** Documents whose geo field lies within `maxDistance` metres of [longitude, latitude]. */
  near(point: readonly [number, number], maxDistance: number): Cond
  or(branches: readonly Filter[]): Filter
  /** The one branch itself, or their `or`. */
  anyOf(branches: readonly Filter[]): Filter
  and(parts: readonly Filter[]): Filter
  inc(n: number): Change
  /** Writes an object-valued field whole (an update otherwise merges it field by field). */
  set(value: object): Change
  remove(): Change
  push(values: readonly unknown[]): Change
  /** A patch with every object-valued field written whole; undefined fields are left out. */
  whole(patch: object): Record<string, unknown>
  sum(expression: number | string): Accumulator
  /** The 0-based position of `value` in the array field `arrayField` ('$field'), -1 when absent. */
  indexOfArray(arrayField: string, value: unknown): Accumulator
}

const isPlainObject = (v: unknown): v is object => v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)

export function createOps(db: Database): Ops {
  const _ = db.command
  const cond = (c: unknown) => c as Cond
  const change = (c: unknown) => c as Change
  const lower = <T extends Comparable>(b: Bounds<T>) => (b.gte !== undefined ? _.gte(b.gte) : b.gt !== undefined ? _.gt(b.gt) : null)
  const upper = <T extends Comparable>(b: Bounds<T>) => (b.lte !== undefined ? _.lte(b.lte) : b.lt !== undefined ? _.lt(b.lt) : null)
  const ops: Ops = {
    neq: (v) => cond(_.neq(v)),
    gt: (v) => cond(_.gt(v)),
    gte: (v) => cond(_.gte(v)),
    lt: (v) => cond(_.lt(v)),
    lte: (v) => cond(_.lte(v)),
    range(bounds) {
      const lo = lower(bounds)
      const hi = upper(bounds)
      if (lo && hi) return cond(lo.and(hi))
      return lo || hi ? cond(lo ?? hi) : null
    },
    in: (values) => cond(_.in(values as Scalar[])),
    nin: (values) => cond(_.nin(values as Scalar[])),
    exists: (present) => cond(_.exists(present)),
    near: ([lng, lat], maxDistance) => cond(_.geoNear({ geometry: new db.Geo.Point(lng, lat), maxDistance })),
    or: (branches) => _.or(branches as Filter[]) as unknown as Filter,
    anyOf: (branches) => (branches.length === 1 ? branches[0] : ops.or(branches)),
    and: (parts) => _.and(parts as Filter[]) as unknown as Filter,
    inc: (n) => change(_.inc(n)),
    set: (value) => change(_.set(value)),
    remove: () => change(_.remove()),
    push: (values) => change(_.push(values as unknown[])),
    whole(patch) {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = isPlainObject(v) ? _.set(v) : v
      return out
    },
    sum: (expression) => _.aggregate.sum(expression) as unknown as Accumulator,
    indexOfArray: (arrayField, value) => _.aggregate.indexOfArray([arrayField, value]) as unknown as Accumulator
  }
  return ops
}
