import type { MyProfile, UserSummary } from '@/contract'
import { iso, maskPhone, rolesOf, type UserDoc } from '../_shared/docs'

export function toMyProfile(u: UserDoc): MyProfile {
  return {
    id: u._id,
    name: u.name,
    phone: u.phone,
    villageId: u.villageId,
    gridId: u.gridId,
    villageName: u.villageName,
    gridName: u.gridName,
    roles: rolesOf(u),
    grants: u.grants,
    largeFont: u.largeFont,
    privacyVersion: u.privacyVersion,
    privacyAcceptedAt: iso(u.privacyAcceptedAt),
    createdAt: iso(u.createdAt) as string
  }
}

/** Only the person themself and the town office see a phone number in full. */
export function toSummary(u: UserDoc, viewer: { userId: string; isTown: boolean }): UserSummary {
  const full = viewer.isTown || viewer.userId === u._id
  return {
    id: u._id,
    name: u.name,
    phone: full ? u.phone : maskPhone(u.phone),
    villageId: u.villageId,
    gridId: u.gridId,
    roles: rolesOf(u),
    grants: u.grants,
    createdAt: iso(u.createdAt) as string
  }
}
