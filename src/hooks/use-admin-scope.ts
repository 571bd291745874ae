import { useMemo } from 'react'
import { useAppStore } from '@/store/app-store'

export interface AdminScope {
  isTownAdmin: boolean
  /** Villages the person administers (empty for the town office, which sees all). */
  villageIds: string[]
  canManage: boolean
}

/** What the signed-in person may manage, from their grants. */
export function useAdminScope(): AdminScope {
  const { profile } = useAppStore()
  return useMemo(() => {
    const roles = profile?.roles ?? []
    const grants = profile?.grants ?? []
    const isTownAdmin = roles.includes('town_admin')
    const villageIds = Array.from(
      new Set(grants.filter((grant) => grant.role === 'village_admin' && grant.villageId).map((grant) => grant.villageId as string))
    )
    return { isTownAdmin, villageIds, canManage: isTownAdmin || roles.includes('village_admin') }
  }, [profile])
}
