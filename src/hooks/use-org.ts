import { call } from '@/services/call'
import type { OrgOverview, StaffMember, Unit } from '@/contract'
import { useRemote, type Remote } from './use-remote'

/** Town, villages and grids: for names and pickers. */
export function useOrgOverview(enabled = true): Remote<OrgOverview> {
  return useRemote(() => call('org.overview', {}), 'overview', enabled)
}

export function useUnits(enabled = true): Remote<Unit[]> {
  return useRemote(() => call('org.listUnits', {}), 'units', enabled)
}

/** Staff of one village, or of the whole town when villageId is undefined (town office only). */
export function useStaff(villageId: string | undefined, enabled = true): Remote<StaffMember[]> {
  return useRemote(() => call('org.listStaff', villageId ? { villageId } : {}), `staff:${villageId ?? '*'}`, enabled)
}
