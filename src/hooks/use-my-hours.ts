import { useCallback, useState } from 'react'
import type { HoursEntry, Page, Result } from '@/contract'
import { call } from '@/services/call'
import { PAGE_SIZE, usePaged } from './use-paged'

export type HoursRow = HoursEntry & { id: string }

/** volunteers.myHours: the total and the ledger, one activity a row, 加载更多. */
export function useMyHours(enabled = true) {
  const [total, setTotal] = useState<number | null>(null)
  const load = useCallback(async (cursor?: string): Promise<Result<Page<HoursRow>>> => {
    const res = await call('volunteers.myHours', { ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE })
    if (!res.ok) return res
    setTotal(res.data.totalHours)
    return { ok: true, data: { items: res.data.page.items.map((entry) => ({ ...entry, id: entry.activityId })), next: res.data.page.next } }
  }, [])
  const list = usePaged(load, 'my-hours', enabled)
  return { total, list }
}
