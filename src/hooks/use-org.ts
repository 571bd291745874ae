import type { OrgOverview, StaffMember, Unit } from '@/contract'
import { useQuery, type Remote } from './use-query'

/** Town, villages and grids: for names and pickers. */
export function useOrgOverview(enabled = true): Remote<OrgOverview> {
  return useQuery('org.overview', {}, { enabled })
}

export function useUnits(enabled = true): Remote<Unit[]> {
  return useQuery('org.listUnits', {}, { enabled })
}

/** Staff of one village, or of the whole town when villageId is undefined (town office only). */
export function useStaff(villageId: string | undefined, enabled = true): Remote<StaffMember[]> {
  return useQuery('org.listStaff', villageId ? { villageId } : {}, { enabled })
}
