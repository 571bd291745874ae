/**
 * Relayed scans: finding other people's own scans of an activity at the same spot and time (the
 * rule is in ./rules.ts: RELAY_RADIUS_M, RELAY_WINDOW_MS), and the flag both sides get. A flag never
 * refuses a scan; hours of a flagged sign-up wait for an organiser's approval (./hours-requests.ts).
 */
import type { Store, TxStore } from '../_shared/store'
import type { RelaySuspect, ScanRecord, SignupDoc } from './docs'
import { flagSignupInTx, signupsInCells } from './repo'
import { RELAY_RADIUS_M, relayCellsAround, sameSpot } from './rules'

/** More than a handful of people at one spot within minutes is a crowd at a desk, not a relay: the first ones are enough to flag. */
const NEAR_LIMIT = 50

type Near = Pick<SignupDoc, '_id' | 'userId' | 'name' | 'checkInScan' | 'checkOutScan' | 'relaySuspect'>

/**
 * Other people's own scans of the activity at the same spot as `scan`, within the time window: one
 * query through the (activityId, scanCells) index.
 */
export async function relayMatches(store: Store, activityId: string, self: Pick<SignupDoc, '_id' | 'userId'>, scan: ScanRecord): Promise<Near[]> {
  const rows = await signupsInCells<Near>(store, activityId, relayCellsAround(scan), NEAR_LIMIT, { _id: true, userId: true, name: true, checkInScan: true, checkOutScan: true, relaySuspect: true })
  const own = (r: ScanRecord | undefined): r is ScanRecord => r !== undefined && r.by === 'self'
  return rows.filter((o) => o._id !== self._id && o.userId !== self.userId && [o.checkInScan, o.checkOutScan].some((r) => own(r) && sameSpot(r, scan)))
}

/** The flag of a sign-up whose scan was at the same spot as these people's. */
export function relaySuspectOf(others: Array<Pick<SignupDoc, 'userId' | 'name'>>, now: Date): RelaySuspect {
  const names = others.map((o) => o.name).join('、')
  return {
    reason: `疑似代签：扫码位置与 ${names} 的扫码位置几乎重合（相距不到 ${RELAY_RADIUS_M} 米），请核实本人是否到场`,
    withUserIds: others.map((o) => o.userId),
    at: now
  }
}

/** Flags the matched sign-ups not flagged yet (each names `by`, the person whose scan matched theirs). */
export async function flagOthersInTx(store: Store, tx: TxStore, matches: Near[], by: Pick<SignupDoc, 'userId' | 'name'>, now: Date): Promise<void> {
  for (const o of matches) {
    if (!o.relaySuspect) await flagSignupInTx(store, tx, o._id, relaySuspectOf([by], now), now)
  }
}

/**
 * After a check-in by the volunteer's own scan (already written, with its cell, so of two relayed
 * scans at once the later query sees the earlier one): flags this sign-up and the matched ones, in
 * one transaction. The check-in stands whatever happens here: a failure is logged, not thrown.
 */
export async function flagCheckIn(store: Store, s: SignupDoc, scan: ScanRecord, now: Date): Promise<boolean> {
  try {
    const matches = await relayMatches(store, s.activityId, s, scan)
    if (matches.length === 0) return false
    await store.transaction(async (tx) => {
      if (!s.relaySuspect) await flagSignupInTx(store, tx, s._id, relaySuspectOf(matches, now), now)
      await flagOthersInTx(store, tx, matches, s, now)
    })
    return true
  } catch (e) {
    // the check-in stands: the check-out compares its own position, and someone else's later scan at this spot still flags this one
    console.error('[volunteers] relay check after check-in failed', s._id, e)
    return false
  }
}
