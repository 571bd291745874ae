import type { Role, RoleGrant } from './roles'

/** What a person sees of their own profile (full phone). */
export interface MyProfile {
  id: string
  name: string
  phone: string | null
  villageId: string | null
  gridId: string | null
  villageName: string | null
  gridName: string | null
  roles: Role[]
  grants: RoleGrant[]
  largeFont: boolean
  privacyVersion: string | null
  privacyAcceptedAt: string | null
  createdAt: string
}

/** A person as an administrator sees them; phone masked unless the viewer is the town office. */
export interface UserSummary {
  id: string
  name: string
  phone: string | null
  villageId: string | null
  gridId: string | null
  roles: Role[]
  grants: RoleGrant[]
  createdAt: string
}

export interface Town {
  id: string
  name: string
}
export interface Grid {
  id: string
  villageId: string
  name: string
  order: number
}
export interface Village {
  id: string
  townId: string
  name: string
  order: number
  grids: Grid[]
}
export interface Unit {
  id: string
  name: string
  phone: string | null
  order: number
}
export interface OrgOverview {
  town: Town | null
  villages: Village[]
}
export interface StaffMember {
  userId: string
  name: string
  grant: RoleGrant
}

export interface Page<T> {
  items: T[]
  /** Opaque cursor for the next page, null at the end. */
  next: string | null
}
