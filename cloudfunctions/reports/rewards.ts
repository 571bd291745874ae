/**
 * Points for accepted 随手拍, paid in a daily batch. An entry written at the moment of 受理, naming the
 * report, would tell a village admin or a household head who filed it — even an anonymous report:
 * the admin who accepts at 10:02 sees +2 at 10:02 in the person's ledger. So accepting only records
 * a pending reward (one per report, ever); the overdue job pays each person's rewards of a China day
 * after that day is over, as one entry that names neither the reports nor their times.
 */
import { createHash } from 'crypto'
import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import { AppError } from '../_shared/errors'
import { awardUserInTx, chinaDay } from '../_shared/points'
import type { Prefetch } from '../_shared/prefetch'
import type { Store, TxStore } from '../_shared/store'
import type { ReportDoc } from './docs'
import { pendingRewardsBefore } from './repo'

export interface RewardDoc {
  /** = the report's id: a report earns once, however often it is accepted again. */
  _id: string
  userId: string
  /** China day of the acceptance; paid once it is over. */
  day: string
  status: 'pending' | 'paid'
  acceptedAt: Date
  paidAt: Date | null
  entryId: string | null
}

export const REWARD_PAGE = 100

/** The report's reward, to come with the caller's profile (../_shared/prefetch.ts; key: reward). */
export const prefetchReward = (reportId: string): Prefetch => ({ coll: C.report_rewards, match: { _id: reportId } })

/**
 * Inside the accept transaction: a resident's report accepted by someone outside the reporter's
 * household earns one pending reward (inspections filed by staff earn none, and neither does a
 * problem staff entered for a household during a visit: the resident did not report it).
 * `seen`: the reporter's profile (null: there is none) when the caller read it already, with its own
 * profile (the accept's prefetch in handlers/index.ts); else it is read here.
 * `recorded`: the report's reward as the caller read it already (null: there is none), else it is read
 * here. Read before the transaction is as good as inside it: a reward is never removed, and only an
 * accept of this report adds it — a racing accept of the same report adds the same id (duplicate key,
 * the step's CONFLICT), if the step's own guard (repo.ts commitStep) has not stopped it already.
 */
export async function recordRewardInTx(
  tx: TxStore,
  report: ReportDoc,
  acceptor: { userId: string; householdId: string | null },
  now: Date,
  seen?: Pick<UserDoc, '_id' | 'householdId'> | null,
  recorded?: Pick<RewardDoc, '_id'> | null
): Promise<boolean> {
  if (report.source !== 'resident' || report.onBehalf || report.reporterId === acceptor.userId) return false
  const known = recorded === null || (recorded !== undefined && recorded._id === report._id)
  if (known ? recorded : await tx.get<RewardDoc>(C.report_rewards, report._id)) return false
  if (acceptor.householdId) {
    const known = seen === null || (seen !== undefined && seen._id === report.reporterId)
    const reporter = known ? seen : await tx.get<UserDoc>(C.users, report.reporterId)
    if (reporter?.householdId === acceptor.householdId) return false
  }
  const doc: RewardDoc = { _id: report._id, userId: report.reporterId, day: chinaDay(now), status: 'pending', acceptedAt: now, paidAt: null, entryId: null }
  await tx.insert(C.report_rewards, doc)
  return true
}

const dayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** One person's pending rewards of one day, paid as one entry (a retry or a second run pays nothing twice). */
async function payDay(store: Store, userId: string, day: string, ids: string[], now: Date): Promise<boolean> {
  return store.transaction(async (tx) => {
    const pending: RewardDoc[] = []
    for (const id of ids) {
      const r = await tx.get<RewardDoc>(C.report_rewards, id)
      if (r && r.status === 'pending') pending.push(r)
    }
    if (!pending.length) return false
    const posted = await awardUserInTx(
      tx,
      userId,
      {
        ruleKey: 'report_accepted',
        source: 'report_accepted',
        // names the batch, not a report: a digest of what it pays, so a retry pays nothing twice
        refId: `rb_${createHash('sha256')
          .update(
            `${userId}\u0000${day}\u0000${pending
              .map((r) => r._id)
              .sort()
              .join(',')}`
          )
          .digest('base64url')
          .slice(0, 22)}`,
        units: pending.length,
        operatorId: 'system',
        note: `${dayLabel(day)}随手拍被受理 ${pending.length} 条`
      },
      now
    )
    for (const r of pending) await tx.update(C.report_rewards, r._id, { status: 'paid', paidAt: now, entryId: posted?.entry._id ?? null })
    return true
  })
}

/** Pays the rewards of every China day before today's, a page at a time; how many people-days were paid. */
export async function payRewards(store: Store, now: Date, stopAt: number): Promise<number> {
  const today = chinaDay(now)
  let paid = 0
  while (Date.now() < stopAt) {
    const rows = await pendingRewardsBefore(store, today, REWARD_PAGE)
    if (!rows.length) break
    const groups = new Map<string, RewardDoc[]>()
    for (const r of rows) {
      const key = `${r.userId}\u0000${r.day}`
      groups.set(key, [...(groups.get(key) ?? []), r])
    }
    let progress = 0
    for (const group of groups.values()) {
      if (Date.now() >= stopAt) break
      try {
        if (
          await payDay(
            store,
            group[0].userId,
            group[0].day,
            group.map((r) => r._id),
            now
          )
        )
          progress++
      } catch (e) {
        // a concurrent run paid it: the next page sees it paid
        if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e
      }
    }
    paid += progress
    if (rows.length < REWARD_PAGE || progress === 0) break
  }
  return paid
}
