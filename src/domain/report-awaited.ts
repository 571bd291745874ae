/**
 * One line for the resident: what the problem waits for, from whom, by when — instead of two
 * deadlines side by side. Reads the state the report loop (`report-flow.ts`) left it in and the
 * deadline the server set for that state. Pure: the time comes in.
 */
import type { ReportStatus } from '@/contract'
import { chinaParts } from './china-time'

export interface AwaitedReport {
  status: ReportStatus
  villageName: string
  gridName: string | null
  unitName: string | null
  /** The pending step's deadline (ISO), null when nothing is pending. */
  dueAt: string | null
  dueEstimated: boolean
  overdue: boolean
  /** 挂起 by the town office: nothing is awaited until it is resumed. */
  suspended?: boolean
}

type Party = 'responder' | 'dispatcher' | 'unit'

/** Who takes the next step in each waiting state, and the step (the same parties as report-flow's STEPS). */
const AWAITED: Partial<Record<ReportStatus, { party: Party; verb: string }>> = {
  submitted: { party: 'responder', verb: '受理' },
  accepted: { party: 'dispatcher', verb: '派单' },
  returned: { party: 'dispatcher', verb: '重新派单' },
  dispatched: { party: 'unit', verb: '签收' },
  signed: { party: 'unit', verb: '答复' },
  answered: { party: 'unit', verb: '整改' },
  rectified: { party: 'responder', verb: '验收' }
}

function partyName(report: AwaitedReport, party: Party): string {
  if (party === 'unit') return report.unitName || '责任单位'
  if (party === 'responder' && report.gridName) return report.gridName.endsWith('网格') ? `${report.gridName}员` : `${report.gridName}网格员`
  return report.villageName || '村（居）'
}

/** 12月5日 (China date of the instant). */
function monthDay(iso: string): string | null {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return null
  const p = chinaParts(at)
  return `${p.month}月${p.day}日`
}

function whenText(report: AwaitedReport, now: Date, overdueWorkdays: number | undefined): string {
  const parts: string[] = []
  const day = report.dueAt ? monthDay(report.dueAt) : null
  if (day) parts.push(`${day}前`)
  if (day && report.dueEstimated) parts.push('节假日未公布，按估算')
  const late = report.overdue || (report.dueAt !== null && new Date(report.dueAt).getTime() < now.getTime())
  if (late) parts.push(overdueWorkdays && overdueWorkdays > 0 ? `已超期${overdueWorkdays}个工作日` : '已超期')
  return parts.length ? `（${parts.join('，')}）` : ''
}

/**
 * 等待 东山一组网格员 受理（12月5日前） / 等待 镇市政所 整改（12月10日前，已超期）.
 * null when nothing is awaited (销号, 不予受理, 重复问题). `overdueWorkdays`: when the caller knows
 * the count of working days past the deadline; without it an overdue step says only 已超期.
 */
export function awaitedLine(report: AwaitedReport, now: Date, overdueWorkdays?: number): string | null {
  const step = AWAITED[report.status]
  if (!step) return null
  if (report.suspended) return '暂缓办理（镇创建办已挂起，恢复办理后继续）'
  return `等待 ${partyName(report, step.party)} ${step.verb}${whenText(report, now, overdueWorkdays)}`
}
