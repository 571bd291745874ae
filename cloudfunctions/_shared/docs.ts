import { ROLES, type Role, type RoleGrant } from '@/contract'

/** Stored shapes. Dates are stored as Date; the contract exposes ISO strings. */
export interface UserDoc {
  _id: string
  openid: string
  name: string
  phone: string | null
  villageId: string | null
  villageName: string | null
  gridId: string | null
  gridName: string | null
  grants: RoleGrant[]
  /** Derived from grants (see scopeKeysOf) so staff lists are served by an index. */
  scopeKeys: string[]
  isVolunteer: boolean
  /** The household (善行档案) the person belongs to; absent before households were set up. */
  householdId?: string | null
  /** A change to another village waiting for its admin or the town office (users/moves.ts); absent: none. */
  pendingMove?: MoveDoc | null
  /** The last change of village the new village refused, shown to the person until they ask again. */
  refusedMove?: { villageId: string; villageName: string; reason: string | null; refusedAt: Date } | null
  /** When the current village was confirmed as a move; absent or null when it was the first choice. */
  movedInAt?: Date | null
  largeFont: boolean
  privacyVersion: string | null
  privacyAcceptedAt: Date | null
  createdAt: Date
  updatedAt: Date
  /** Bumped on every write; conditional updates compare it. */
  rev: number
}

export interface MoveDoc {
  villageId: string
  villageName: string
  gridId: string | null
  gridName: string | null
  requestedAt: Date
}

export interface TownDoc {
  _id: string
  name: string
}
export interface VillageDoc {
  _id: string
  townId: string
  name: string
  order: number
  createdAt: Date
}
export interface GridDoc {
  _id: string
  townId: string
  villageId: string
  name: string
  order: number
  createdAt: Date
}
export interface UnitDoc {
  _id: string
  townId: string
  name: string
  phone: string | null
  order: number
  createdAt: Date
}
export interface AuditDoc {
  _id?: string
  targetType: string
  targetId: string
  action: string
  by: string
  byRoles: Role[]
  at: Date
  detail: Record<string, unknown>
}

/** Roles held, in the contract's order (least to most authority). */
export function rolesOf(user: { grants: Array<Pick<RoleGrant, 'role'>>; isVolunteer: boolean } | null): Role[] {
  if (!user) return []
  const held = new Set<Role>(['resident', ...user.grants.map((g) => g.role)])
  if (user.isVolunteer) held.add('volunteer')
  return ROLES.filter((r) => held.has(r))
}

export function scopeKeysOf(grants: RoleGrant[]): string[] {
  const keys = new Set<string>()
  for (const g of grants) {
    keys.add('staff')
    if (g.role === 'town_admin') keys.add('town')
    if (g.villageId) keys.add(`village:${g.villageId}`)
    if (g.gridId) keys.add(`grid:${g.gridId}`)
    if (g.unitId) keys.add(`unit:${g.unitId}`)
  }
  return [...keys]
}

export function sameGrant(a: Pick<RoleGrant, 'role' | 'villageId' | 'gridId' | 'unitId'>, b: Pick<RoleGrant, 'role' | 'villageId' | 'gridId' | 'unitId'>): boolean {
  return a.role === b.role && (a.villageId ?? null) === (b.villageId ?? null) && (a.gridId ?? null) === (b.gridId ?? null) && (a.unitId ?? null) === (b.unitId ?? null)
}

export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString())

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}
