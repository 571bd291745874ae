/** Roles a person can hold. `resident` is implicit for every signed-in person with a profile. */
export const ROLES = ['resident', 'volunteer', 'grid_worker', 'unit_staff', 'village_admin', 'town_admin'] as const
export type Role = (typeof ROLES)[number]

/** Roles that are granted by the town office and bound to a place or unit. */
export const ASSIGNABLE_ROLES = ['grid_worker', 'unit_staff', 'village_admin', 'town_admin'] as const
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  grid_worker: '网格员',
  unit_staff: '责任单位',
  village_admin: '村（居）管理员',
  town_admin: '镇创建办'
}

/** One granted role with the place it applies to. */
export interface RoleGrant {
  role: AssignableRole
  villageId?: string
  gridId?: string
  unitId?: string
  grantedAt: string
  grantedBy: string
}

/**
 * Where an action's authority applies. The router compares the scope field of the
 * input with the caller's grants; the town office is never restricted by scope.
 * - none: no place in the input; the role alone decides.
 * - village: input[field] is a village id the caller holds the role in.
 * - grid: input[field] is a grid id the caller holds the role in (village admins of
 *   the grid's village also qualify, checked by the handler's data).
 * - unit: input[field] is the caller's unit.
 */
export type ScopeKind = 'none' | 'village' | 'grid' | 'unit'

export interface Access<Field extends string = string> {
  /** 'anyone' = a valid WeChat identity, even before the profile exists. */
  roles: readonly Role[] | 'anyone'
  /** `field` names a field of the action's input (a renamed input field does not compile). */
  scope?: { kind: Exclude<ScopeKind, 'none'>; field: Field }
  /**
   * Callable before the caller has accepted the current privacy notice, even without a profile.
   * Only for reading the notice's state, accepting it, and browsing what the town publishes
   * (首页、活动、光荣榜、曝光台): nothing about the caller is read or stored. Every other action
   * answers CONSENT_REQUIRED until the notice is accepted.
   */
  beforeConsent?: true
}
