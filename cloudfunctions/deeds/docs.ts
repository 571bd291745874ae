import type { CorrectionStatus, DeedCategory, DeedGroup, DeedStatus, Redemption } from '@/contract'

export interface HouseholdDoc {
  _id: string
  villageId: string
  name: string
  headUserId: string
  memberIds: string[]
  createdAt: Date
  updatedAt: Date
}

export interface DeedDoc {
  _id: string
  villageId: string
  gridId: string | null
  subjectUserId: string | null
  subjectName: string
  householdId: string | null
  householdName: string | null
  declarerId: string
  declarerName: string
  /** Random per declaration unless the client gave a key (unique with declarerId). */
  clientKey: string
  onBehalf: boolean
  category: DeedCategory
  group: DeedGroup
  title: string
  occurredOn: string
  place: string
  description: string
  photos: string[]
  secStatus: 'pass' | 'review'
  status: DeedStatus
  reason: string | null
  points: number | null
  capped: boolean
  entryId: string | null
  reviewedBy: string | null
  reviewedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface GoodsDoc {
  _id: string
  villageId: string
  name: string
  price: number
  stock: number
  photo: string | null
  enabled: boolean
  createdAt: Date
  updatedAt: Date
}

export interface RedemptionDoc extends Omit<Redemption, 'id' | 'createdAt' | 'handedOverAt'> {
  _id: string
  householdId: string | null
  entryId: string
  createdAt: Date
  handedOverAt: Date | null
  handedOverBy: string | null
  cancelledAt: Date | null
  cancelReason: string | null
}

/** A points correction above the town's threshold, waiting for (or decided by) a second person. */
export interface CorrectionDoc {
  _id: string
  userId: string
  personName: string
  householdId: string | null
  villageId: string | null
  delta: number
  reason: string
  status: CorrectionStatus
  requestedBy: string
  requestedByName: string
  requestedAt: Date
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: Date | null
  note: string | null
  /** The ledger entry an approval wrote. */
  entryId: string | null
}
