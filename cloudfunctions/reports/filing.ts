/**
 * Problems filed by another function (督导巡查's failed items) enter the loop as a 督导 report does:
 * built by submitStep, numbered from the same yearly counter and written with their first event —
 * inside the caller's transaction, so they exist exactly when the record that files them does
 * (with their daily counts).
 */
import { C } from '../_shared/collections'
import type { TxStore } from '../_shared/store'
import { countNew } from './counts'
import type { EventDoc, ReportDoc } from './docs'
import { chinaYear, formatReportNo, reportCounterId } from './model'

export interface Filed {
  report: ReportDoc
  event: EventDoc
}

/**
 * Numbers the reports (all of one source, created at one instant) from one read and one write of
 * their counter, and inserts each report and its first event — one request per document: a
 * transaction allows single-record operations only (no batch add). Returns them numbered.
 */
export async function fileInTx(tx: TxStore, filed: Filed[]): Promise<ReportDoc[]> {
  if (filed.length === 0) return []
  const { source, createdAt } = filed[0].report
  const year = chinaYear(createdAt)
  const counterId = reportCounterId(source, year)
  const cur = await tx.get<{ value: number }>(C.counters, counterId)
  const first = (cur?.value ?? 0) + 1
  await tx.set(C.counters, counterId, { value: first + filed.length - 1 })
  const out: ReportDoc[] = filed.map((f, i) => ({ ...f.report, no: formatReportNo(source, year, first + i) }))
  for (const report of out) await tx.insert(C.reports, report)
  for (const f of filed) await tx.insert(C.report_events, f.event)
  await countNew(
    tx,
    out.map((report, i) => ({ report, event: filed[i].event })),
    createdAt
  )
  return out
}
