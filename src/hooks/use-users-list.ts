import { useCallback, useEffect, useRef, useState } from 'react'
import type { UserSummary } from '@/contract'
import { call } from '@/services/call'

const PAGE_SIZE = 20

export interface UsersQuery {
  /** undefined = the whole town (town office only). */
  villageId?: string
  keyword: string
}

/** users.list with 加载更多: first page on every query change, next pages appended. */
export function useUsersList(query: UsersQuery, enabled = true) {
  const [items, setItems] = useState<UserSummary[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [moreError, setMoreError] = useState<string | null>(null)
  const seq = useRef(0)

  const input = useCallback(
    (cursor?: string) => ({
      ...(query.villageId ? { villageId: query.villageId } : {}),
      ...(query.keyword.trim() ? { keyword: query.keyword.trim() } : {}),
      ...(cursor ? { cursor } : {}),
      pageSize: PAGE_SIZE
    }),
    [query.villageId, query.keyword]
  )

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    const res = await call('users.list', input())
    if (mine !== seq.current) return
    if (res.ok) {
      setItems(res.data.items)
      setNext(res.data.next)
    } else {
      setError(res.message)
    }
    setLoading(false)
  }, [input])

  const loadMore = useCallback(async () => {
    if (!next || loadingMore) return
    const mine = seq.current
    setLoadingMore(true)
    setMoreError(null)
    const res = await call('users.list', input(next))
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
  }, [next, loadingMore, input])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
  }, [reload, enabled])

  const replace = useCallback((user: UserSummary) => {
    setItems((current) => current.map((item) => (item.id === user.id ? user : item)))
  }, [])

  return { items, hasMore: next !== null, loading, loadingMore, error, moreError, reload, loadMore, replace }
}
