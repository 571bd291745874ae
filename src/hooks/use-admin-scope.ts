import { useMemo } from 'react'
import type { AssignableRole, RoleGrant } from '@/contract'
import { useAppStore } from '@/store/app-store'

export interface AdminScope {
  isTownAdmin: boolean
  isVillageAdmin: boolean
  isGridWorker: boolean
  isUnitStaff: boolean
  /** Registered volunteer (a team leader among them may organise activities; see useOrganiserScope). */
  isVolunteer: boolean
  /** Villages the person administers (empty for the town office, which sees all). */
  villageIds: string[]
  /** Villages the person works in as village admin or grid worker. */
  staffVillageIds: string[]
  gridIds: string[]
  unitIds: string[]
  /** 人员与角色 / 组织架构: village admins and the town office. */
  canAdminister: boolean
  /** The problem loop (问题处置): grid workers, unit staff, village admins, the town office. */
  canHandleReports: boolean
  /** 督导 filing from patrols: grid workers and the town office. */
  canInspect: boolean
  /** 问题台账 and 节假日 (read): village admins and the town office. */
  canSeeLedger: boolean
  /** 志愿活动管理, 时长审核, 队伍概况: village admins and the town office (team leaders too, known from volunteers.me). */
  canOrganiseVolunteers: boolean
  /** Anything under 我的 → 管理 may apply (for a volunteer: only if they lead a team). */
  canManage: boolean
}

function idsOf(grants: readonly RoleGrant[], roles: readonly AssignableRole[], key: 'villageId' | 'gridId' | 'unitId'): string[] {
  return Array.from(new Set(grants.filter((grant) => roles.includes(grant.role) && grant[key]).map((grant) => grant[key] as string)))
}

/** What the signed-in person may manage, from their grants. The server checks every call again. */
export function useAdminScope(): AdminScope {
  const { profile } = useAppStore()
  return useMemo(() => {
    const roles = profile?.roles ?? []
    const grants = profile?.grants ?? []
    const isTownAdmin = roles.includes('town_admin')
    const isVillageAdmin = roles.includes('village_admin')
    const isGridWorker = roles.includes('grid_worker')
    const isUnitStaff = roles.includes('unit_staff')
    const isVolunteer = roles.includes('volunteer')
    const canAdminister = isTownAdmin || isVillageAdmin
    const canHandleReports = canAdminister || isGridWorker || isUnitStaff
    return {
      isTownAdmin,
      isVillageAdmin,
      isGridWorker,
      isUnitStaff,
      isVolunteer,
      villageIds: idsOf(grants, ['village_admin'], 'villageId'),
      staffVillageIds: idsOf(grants, ['village_admin', 'grid_worker'], 'villageId'),
      gridIds: idsOf(grants, ['grid_worker'], 'gridId'),
      unitIds: idsOf(grants, ['unit_staff'], 'unitId'),
      canAdminister,
      canHandleReports,
      canInspect: isTownAdmin || isGridWorker,
      canSeeLedger: canAdminister,
      canOrganiseVolunteers: canAdminister,
      canManage: canHandleReports || isVolunteer
    }
  }, [profile])
}
