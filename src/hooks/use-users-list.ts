import { PAGE_SIZE, usePagedQuery } from './use-query'

export interface UsersQuery {
  /** undefined = the whole town (town office only). */
  villageId?: string
  keyword: string
}

/** users.list with 加载更多: first page on every query change, next pages appended. */
export function useUsersList(query: UsersQuery, enabled = true) {
  const keyword = query.keyword.trim()
  return usePagedQuery('users.list', { ...(query.villageId ? { villageId: query.villageId } : {}), ...(keyword ? { keyword } : {}), pageSize: PAGE_SIZE }, { enabled })
}
