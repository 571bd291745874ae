import { useState } from 'react'
import type { HoursEntry } from '@/contract'
import { PAGE_SIZE, usePagedQueryOf } from './use-query'

export type HoursRow = HoursEntry & { id: string }

/** volunteers.myHours: the total and the ledger, one activity a row, 加载更多. */
export function useMyHours(enabled = true) {
  const [total, setTotal] = useState<number | null>(null)
  const list = usePagedQueryOf(
    'volunteers.myHours',
    { pageSize: PAGE_SIZE },
    (data): { items: HoursRow[]; next: string | null } => {
      setTotal(data.totalHours)
      return { items: data.page.items.map((entry) => ({ ...entry, id: entry.activityId })), next: data.page.next }
    },
    { enabled }
  )
  return { total, list }
}
