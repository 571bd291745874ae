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
  /** A change to another village waiting for that village's admin (or the town office); villageId stays until then. */
  pendingMove: PendingMove | null
  /** The last change of village the new village refused, until the person asks again or dismisses it. */
  refusedMove: RefusedMove | null
}

/** Where a person asked to move; their village changes only when the new village confirms. */
export interface PendingMove {
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  requestedAt: string
}

export interface RefusedMove {
  villageId: string
  villageName: string
  reason: string | null
  refusedAt: string
}

/** A pending move as the new village's admin (or the town office) sees it; phone masked unless the viewer is the town office. */
export interface MoveRequest {
  userId: string
  name: string
  phone: string | null
  fromVillageId: string | null
  fromVillageName: string | null
  fromGridName: string | null
  to: PendingMove
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

/** An exported Excel file: its cloud file ID, a download link, and how many rows it holds. */
export interface ExportFile {
  fileID: string
  url: string
  rows: number
}
