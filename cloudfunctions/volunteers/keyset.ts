/**
 * Cursors for the organisers' working lists (roster, hours waiting for approval), ordered by
 * (time, _id). The cursor is the last row shown, not an offset: approving rows takes them out of
 * the list, and an offset would then skip as many rows on the next page.
 */
import type { Page } from '@/contract'
import { fail } from '../_shared/errors'
import type { Filter, Sort, Store } from '../_shared/store'

export interface Key {
  at: Date
  id: string
}

export function encodeKey(at: Date | string, id: string): string {
  return Buffer.from(`k:${new Date(at).getTime()}:${id}`).toString('base64url')
}

export function decodeKey(cursor: string | undefined): Key | null {
  if (!cursor) return null
  const m = /^k:(\d{1,15}):([\w-]{1,150})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!m) return fail('INVALID_INPUT', '分页参数不正确')
  return { at: new Date(Number(m[1])), id: m[2] }
}

/** The order the cursor follows. */
export const keyOrder = (field: string): Sort => [
  [field, 'asc'],
  ['_id', 'asc']
]

/** Rows after `key` in keyOrder(field): each branch is served by an index (…, field, _id). */
export function afterKey(store: Store, field: string, key: Key): Filter[] {
  return [{ [field]: store.op.gt(key.at) }, { [field]: key.at, _id: store.op.gt(key.id) }]
}

/**
 * `base` alone on the first page; after a cursor, each of its branches split by afterKey. Through
 * `_.or`: the SDK does not encode commands inside a plain `{ $or: [...] }`.
 */
export function keyFilter(store: Store, base: Filter[], field: string, key: Key | null): Filter {
  const branches = key ? base.flatMap((b) => afterKey(store, field, key).map((k) => ({ ...b, ...k }))) : base
  return store.op.anyOf(branches)
}

/** Rows fetched with limit size + 1: the page and the cursor after its last row. */
export function keysetPage<T extends { _id: string }>(rows: T[], size: number, at: (row: T) => Date | string): Page<T> {
  const items = rows.slice(0, size)
  const last = items[items.length - 1]
  return { items, next: rows.length > size && last ? encodeKey(at(last), last._id) : null }
}
