import type { HomeView } from '@/contract'
import { useQuery, type Remote } from './use-query'

/** 首页's figures for the caller (users.home): their own state and what waits for them; also 我的's badges. */
export function useHome(enabled: boolean): Remote<HomeView> {
  return useQuery('users.home', {}, { enabled })
}
