/**
 * A sign-up's points follow its counted hours, through the one points service. What the sign-up's
 * entries add up to is kept on it (`pointsAwarded`, with `pointsOwed`), updated in the transaction
 * that writes each entry, so a cut takes back a share of what was really awarded (caps may have
 * given less, or nothing) without a query. A sign-up written before these were kept (the seeded ones
 * too) has the sum read from the ledger the first time a cut needs it (nothing was owed then); until
 * then an award leaves them absent.
 */
import { C } from '../_shared/collections'
import { hoursPointsInTx, type AwardKnown, type PointEntryDoc } from '../_shared/points'
import type { Store, TxStore } from '../_shared/store'
import type { SignupDoc } from './docs'
import { requestIdsOfSignup } from './repo'

const LEDGER_LIMIT = 1000
const TAKEBACK = /:takeback$/

export interface HoursPointsChange {
  /** The sign-up's id for a check-out, the request's id for an approval. */
  refId: string
  toHours: number
  operatorId: string
  note: string
  takeBackNote: string
  /** What the caller knows (awardInTx): the rules, and that the change's entries cannot exist yet. */
  given?: AwardKnown
}

export interface SignupPoints {
  /** To write on the sign-up in the same transaction. */
  fields: Pick<SignupDoc, 'pointsAwarded' | 'pointsOwed'> | Record<string, never>
  /** For the audit entry of the hours change: the points moved, and any still not taken back. */
  audit: { points: number; pointsNotTakenBack?: number }
}

/**
 * The sum of the sign-up's volunteer_hours entries: its check-out's (refId = sign-up id) and those
 * of its approved requests (refId = request id), each with any take-back. Read outside the
 * transaction: these entries are only written by transactions that also write the sign-up, which
 * the caller's transaction writes too, so a concurrent one makes one of them conflict and run again.
 */
export async function awardedFromLedger(store: Store, s: SignupDoc): Promise<number> {
  const entries = await store.find<Pick<PointEntryDoc, 'refId' | 'delta'>>(
    C.point_entries,
    { userId: s.userId, source: 'volunteer_hours' },
    { limit: LEDGER_LIMIT, fields: { refId: true, delta: true } }
  )
  const base = (refId: string) => refId.replace(TAKEBACK, '')
  const others = [...new Set(entries.map((e) => base(e.refId)).filter((r) => r !== s._id))]
  const requests = others.length > 0 ? await requestIdsOfSignup(store, others, s._id) : []
  const mine = new Set([s._id, ...requests.map((r) => r._id)])
  return entries.filter((e) => mine.has(base(e.refId))).reduce((sum, e) => sum + e.delta, 0)
}

/** Awards or takes back points for the sign-up's hours moving from `s.hours` to `c.toHours`, inside `tx`. */
export async function signupPointsInTx(store: Store, tx: TxStore, s: SignupDoc, c: HoursPointsChange, now: Date): Promise<SignupPoints> {
  const awarded = s.pointsAwarded ?? (c.toHours < s.hours ? await awardedFromLedger(store, s) : undefined)
  const owed = s.pointsOwed ?? 0
  const r = await hoursPointsInTx(
    tx,
    { userId: s.userId, refId: c.refId, fromHours: s.hours, toHours: c.toHours, awarded: awarded ?? 0, owed, operatorId: c.operatorId, note: c.note, takeBackNote: c.takeBackNote, given: c.given },
    now
  )
  return {
    fields: awarded === undefined ? {} : { pointsAwarded: awarded + r.delta, pointsOwed: r.owed },
    audit: { points: r.delta, ...(r.owed > 0 ? { pointsNotTakenBack: r.owed } : {}) }
  }
}
