import type { MoveRequest, MyProfile, PendingMove, UserSummary } from '@/contract'
import { iso, maskPhone, rolesOf, type MoveDoc, type UserDoc } from '../_shared/docs'

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
    createdAt: iso(u.createdAt) as string,
    pendingMove: u.pendingMove ? toPendingMove(u.pendingMove) : null,
    refusedMove: u.refusedMove ? { ...u.refusedMove, refusedAt: iso(u.refusedMove.refusedAt) as string } : null
  }
}

function toPendingMove(m: MoveDoc): PendingMove {
  return { villageId: m.villageId, villageName: m.villageName, gridId: m.gridId, gridName: m.gridName, requestedAt: iso(m.requestedAt) as string }
}

/** A pending move for the admin who decides it: the phone is masked as in toSummary. */
export function toMoveRequest(u: UserDoc & { pendingMove: MoveDoc }, viewer: { userId: string; isTown: boolean }): MoveRequest {
  const full = viewer.isTown || viewer.userId === u._id
  return {
    userId: u._id,
    name: u.name,
    phone: full ? u.phone : maskPhone(u.phone),
    fromVillageId: u.villageId,
    fromVillageName: u.villageName,
    fromGridName: u.gridName,
    to: toPendingMove(u.pendingMove)
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
