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

type Viewer = { userId: string; isTown: boolean }

/** Only the person themself and the town office see a phone number in full. */
const phoneFor = (u: UserDoc, viewer: Viewer) => (viewer.isTown || viewer.userId === u._id ? u.phone : maskPhone(u.phone))

/** A pending move for the admin who decides it, the phone masked as in toSummary. */
export function toMoveRequest(u: UserDoc & { pendingMove: MoveDoc }, viewer: Viewer): MoveRequest {
  return {
    userId: u._id,
    name: u.name,
    phone: phoneFor(u, viewer),
    fromVillageId: u.villageId,
    fromVillageName: u.villageName,
    fromGridName: u.gridName,
    to: toPendingMove(u.pendingMove)
  }
}

export function toSummary(u: UserDoc, viewer: Viewer): UserSummary {
  return {
    id: u._id,
    name: u.name,
    phone: phoneFor(u, viewer),
    villageId: u.villageId,
    gridId: u.gridId,
    roles: rolesOf(u),
    grants: u.grants,
    createdAt: iso(u.createdAt) as string
  }
}
