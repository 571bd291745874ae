import { useCallback, useEffect, useRef, useState } from 'react'
import type { Result } from '@/contract'

export interface Remote<T> {
  data: T | null
  loading: boolean
  error: string | null
  reload: () => Promise<void>
  /** Replace the data after a save, without a round trip. */
  setData: (update: (data: T | null) => T | null) => void
}

/**
 * Loads one Result when `enabled` and whenever `key` changes. Keeps the last good
 * data while reloading so a failed refresh does not blank the page.
 */
export function useRemote<T>(load: () => Promise<Result<T>>, key: string, enabled = true): Remote<T> {
  const [data, setDataState] = useState<T | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<string | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    const res = await loadRef.current()
    if (mine !== seq.current) return
    if (res.ok) setDataState(res.data)
    else setError(res.message)
    setLoading(false)
  }, [])

  // Bumping the sequence makes an answer that arrives after unmount or a key change a no-op.
  const invalidate = useCallback(() => {
    seq.current++
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
    return invalidate
  }, [key, enabled, reload, invalidate])

  const setData = useCallback((update: (data: T | null) => T | null) => setDataState(update), [])
  return { data, loading, error, reload, setData }
}
