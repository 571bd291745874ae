import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react'
import type { ActionName, InputOf, OutputOf, Page, Result } from '@/contract'
import { call } from '@/services/call'
import { noteFailure } from '@/services/failures'

/*
 * The read half of the pages' data layer (writes: use-action.ts). Pages name an action of the
 * contract and its input; the input's value is the cache key, so a changed filter reloads and an
 * answer for an older one is dropped. One loader (useRemote) and one pager (usePaged) underneath.
 */

/** Page size of the paged lists (加载更多). */
export const PAGE_SIZE = 20

export interface Remote<T> {
  data: T | null
  loading: boolean
  error: string | null
  reload: () => Promise<void>
  /** Replace the data after a save, without a round trip. */
  setData: (update: (data: T | null) => T | null) => void
}

/** A ref that always holds the latest value, for callbacks that must not change identity. */
function useLatest<T>(value: T): MutableRefObject<T> {
  const ref = useRef(value)
  ref.current = value
  return ref
}

/**
 * Loads on mount and whenever `key` changes (or only clears `loading` when not `enabled`). Bumping
 * the sequence on cleanup makes an answer that arrives after unmount or a key change a no-op.
 */
function useLoadOnKey(key: string, enabled: boolean, reload: () => Promise<void>, setLoading: (loading: boolean) => void, seq: MutableRefObject<number>): void {
  const invalidate = useCallback(() => {
    seq.current++
  }, [seq])
  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
    return invalidate
  }, [key, enabled, reload, setLoading, invalidate])
}

/**
 * Loads one Result when `enabled` and whenever `key` changes. Keeps the last good
 * data while reloading so a failed refresh does not blank the page.
 */
function useRemote<T>(load: () => Promise<Result<T>>, key: string, enabled = true): Remote<T> {
  const [data, setDataState] = useState<T | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<string | null>(null)
  const loadRef = useLatest(load)
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    const res = await loadRef.current()
    if (mine !== seq.current) return
    if (res.ok) setDataState(res.data)
    else setError(noteFailure(res))
    setLoading(false)
  }, [loadRef])

  useLoadOnKey(key, enabled, reload, setLoading, seq)

  const setData = useCallback((update: (data: T | null) => T | null) => setDataState(update), [])
  return { data, loading, error, reload, setData }
}

export interface Paged<T> {
  items: T[]
  hasMore: boolean
  loading: boolean
  loadingMore: boolean
  error: string | null
  moreError: string | null
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Replace one item (after an action) without a round trip. */
  replace: (item: T) => void
}

/**
 * A cursor-paginated list: the first page whenever `key` changes (filters), 加载更多 appends the
 * next. Answers for an older key are dropped.
 */
function usePaged<T extends { id: string }>(load: (cursor?: string) => Promise<Result<Page<T>>>, key: string, enabled = true): Paged<T> {
  const [items, setItems] = useState<T[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [moreError, setMoreError] = useState<string | null>(null)
  const loadRef = useLatest(load)
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    const res = await loadRef.current()
    if (mine !== seq.current) return
    if (res.ok) {
      setItems(res.data.items)
      setNext(res.data.next)
    } else {
      setError(noteFailure(res))
    }
    setLoading(false)
  }, [loadRef])

  const loadMore = useCallback(async () => {
    if (!next || loadingMore) return
    const mine = seq.current
    setLoadingMore(true)
    setMoreError(null)
    const res = await loadRef.current(next)
    if (mine !== seq.current) return
    if (res.ok) {
      setItems((current) => {
        const seen = new Set(current.map((item) => item.id))
        return [...current, ...res.data.items.filter((item) => !seen.has(item.id))]
      })
      setNext(res.data.next)
    } else {
      setMoreError(noteFailure(res))
    }
    setLoadingMore(false)
  }, [next, loadingMore, loadRef])

  useLoadOnKey(key, enabled, reload, setLoading, seq)

  const replace = useCallback((item: T) => {
    setItems((current) => current.map((existing) => (existing.id === item.id ? item : existing)))
  }, [])

  return { items, hasMore: next !== null, loading, loadingMore, error, moreError, reload, loadMore, replace }
}

export interface QueryOptions {
  /** false = do not load (yet); loading is false and data stays null. Default true. */
  enabled?: boolean
  /** Extra reload trigger for things the input does not show (e.g. a version bumped after a save). */
  key?: string
}

/** JSON with sorted object keys, so `{ a, b }` and `{ b, a }` are the same query. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item
    const record = item as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]])
    )
  })
}

function queryKey(action: string, input: unknown, options: QueryOptions): string {
  return `${action}|${stableKey(input)}|${options.key ?? ''}`
}

/**
 * Reads one action of the contract: loads on mount and whenever the input (compared by value)
 * changes, drops answers for an older input or after unmount, and keeps the last good data when a
 * refresh fails. `input: null` waits (like `enabled: false`), e.g. until an id is known.
 */
export function useQuery<A extends ActionName>(action: A, input: InputOf<A> | null, options: QueryOptions = {}): Remote<OutputOf<A>> {
  return useQueryOf(action, input, whole, options)
}

const whole = <T>(data: T): T => data

/** useQuery for the part of an answer a page uses (`select` is applied to each good answer). */
export function useQueryOf<A extends ActionName, T>(action: A, input: InputOf<A> | null, select: (data: OutputOf<A>) => T, options: QueryOptions = {}): Remote<T> {
  const inputRef = useLatest(input)
  const selectRef = useLatest(select)
  const load = useCallback(async (): Promise<Result<T>> => {
    const res = await call(action, inputRef.current as InputOf<A>)
    return res.ok ? { ok: true, data: selectRef.current(res.data) } : res
  }, [action, inputRef, selectRef])
  return useRemote(load, queryKey(action, input, options), input !== null && options.enabled !== false)
}

/** Actions whose input takes a cursor (paged reads). */
export type CursorActionName = { [A in ActionName]: InputOf<A> extends { cursor?: string } ? A : never }[ActionName]

/** Cursor actions whose answer is itself a `Page` of items with ids. */
export type PagedActionName = { [A in CursorActionName]: OutputOf<A> extends Page<{ id: string }> ? A : never }[CursorActionName]

export type ItemOf<A extends ActionName> = OutputOf<A> extends Page<infer T> ? T : never

export type PagedInput<A extends ActionName> = Omit<InputOf<A>, 'cursor'>

/**
 * A cursor-paged action with 加载更多: the first page whenever the input (compared by value)
 * changes, next pages appended without duplicates. Answers for an older input are dropped.
 */
export function usePagedQuery<A extends PagedActionName>(action: A, input: PagedInput<A> | null, options: QueryOptions = {}): Paged<ItemOf<A> & { id: string }> {
  return usePagedQueryOf(action, input, (data) => data as Page<ItemOf<A> & { id: string }>, options)
}

/**
 * usePagedQuery for an answer that carries its page inside (e.g. `{ balance, page }`): `pageOf`
 * picks the page out of each answer, and may keep the rest (`first` = the answer to a first page).
 */
export function usePagedQueryOf<A extends CursorActionName, T extends { id: string }>(
  action: A,
  input: PagedInput<A> | null,
  pageOf: (data: OutputOf<A>, first: boolean) => Page<T>,
  options: QueryOptions = {}
): Paged<T> {
  const inputRef = useLatest(input)
  const pageOfRef = useLatest(pageOf)
  const load = useCallback(
    async (cursor?: string): Promise<Result<Page<T>>> => {
      const res = await call(action, { ...inputRef.current, ...(cursor ? { cursor } : {}) } as InputOf<A>)
      return res.ok ? { ok: true, data: pageOfRef.current(res.data, !cursor) } : res
    },
    [action, inputRef, pageOfRef]
  )
  return usePaged(load, queryKey(action, input, options), input !== null && options.enabled !== false)
}
