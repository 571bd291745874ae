import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page, Result } from '@/contract'

export const PAGE_SIZE = 20

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
export function usePaged<T extends { id: string }>(load: (cursor?: string) => Promise<Result<Page<T>>>, key: string, enabled = true): Paged<T> {
  const [items, setItems] = useState<T[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [moreError, setMoreError] = useState<string | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
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
      setError(res.message)
    }
    setLoading(false)
  }, [])

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
      setMoreError(res.message)
    }
    setLoadingMore(false)
  }, [next, loadingMore])

  // Bumping the sequence makes an answer that arrives after unmount or a key change a no-op.
  const invalidate = useCallback(() => {
    seq.current++
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
    return invalidate
  }, [key, enabled, reload, invalidate])

  const replace = useCallback((item: T) => {
    setItems((current) => current.map((existing) => (existing.id === item.id ? item : existing)))
  }, [])

  return { items, hasMore: next !== null, loading, loadingMore, error, moreError, reload, loadMore, replace }
}
