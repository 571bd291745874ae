import type { ReportStatus } from '@/contract'
import { awaitedLine, type AwaitedReport } from '@/domain/report-awaited'

/** 2026-12-03 10:00 China time. */
const NOW = new Date('2026-12-03T02:00:00Z')
/** The end of 12月5日 / 12月1日 in China. */
const DUE_LATER = '2026-12-05T15:59:59.999Z'
const DUE_PAST = '2026-12-01T15:59:59.999Z'

function report(status: ReportStatus, extra: Partial<AwaitedReport> = {}): AwaitedReport {
  return { status, villageName: '东山村', gridName: '东山一组网格', unitName: '镇城管中队', dueAt: DUE_LATER, dueEstimated: false, overdue: false, ...extra }
}

describe('awaitedLine: one line saying what is awaited from whom by when', () => {
  test.each<[ReportStatus, Partial<AwaitedReport>, string]>([
    ['submitted', {}, '等待 东山一组网格员 受理（12月5日前）'],
    ['submitted', { gridName: null }, '等待 东山村 受理（12月5日前）'],
    ['submitted', { gridName: '北岭片' }, '等待 北岭片网格员 受理（12月5日前）'],
    ['accepted', { unitName: null }, '等待 东山村 派单（12月5日前）'],
    ['returned', {}, '等待 东山村 重新派单（12月5日前）'],
    ['dispatched', {}, '等待 镇城管中队 签收（12月5日前）'],
    ['signed', {}, '等待 镇城管中队 答复（12月5日前）'],
    ['answered', {}, '等待 镇城管中队 整改（12月5日前）'],
    ['answered', { unitName: null }, '等待 责任单位 整改（12月5日前）'],
    ['rectified', {}, '等待 东山一组网格员 验收（12月5日前）'],
    ['answered', { dueAt: null }, '等待 镇城管中队 整改'],
    ['submitted', { dueEstimated: true }, '等待 东山一组网格员 受理（12月5日前，节假日未公布，按估算）']
  ])('%s %j → %s', (status, extra, expected) => {
    expect(awaitedLine(report(status, extra), NOW)).toBe(expected)
  })

  test.each<ReportStatus>(['closed', 'rejected', 'duplicate'])('nothing awaited once %s', (status) => {
    expect(awaitedLine(report(status), NOW)).toBeNull()
  })

  test('a deadline past says 已超期, with the working days when known', () => {
    const late = report('answered', { dueAt: DUE_PAST, overdue: true })
    expect(awaitedLine(late, NOW)).toBe('等待 镇城管中队 整改（12月1日前，已超期）')
    expect(awaitedLine(late, NOW, 2)).toBe('等待 镇城管中队 整改（12月1日前，已超期2个工作日）')
  })

  test('past the deadline counts as overdue even before the overdue job has marked it', () => {
    expect(awaitedLine(report('dispatched', { dueAt: DUE_PAST }), NOW)).toBe('等待 镇城管中队 签收（12月1日前，已超期）')
    // the last instant of the day is still in time
    expect(awaitedLine(report('dispatched', { dueAt: DUE_PAST }), new Date(DUE_PAST))).toBe('等待 镇城管中队 签收（12月1日前）')
  })

  test('a suspended problem awaits nobody: no deadline, no overdue', () => {
    expect(awaitedLine(report('dispatched', { suspended: true, dueAt: DUE_PAST, overdue: true }), NOW)).toBe('暂缓办理（镇创建办已挂起，恢复办理后继续）')
    expect(awaitedLine(report('closed', { suspended: true }), NOW)).toBeNull()
  })

  test('the date is the China date whatever the instant in UTC', () => {
    // 2026-12-05 16:30 UTC is already 12月6日 in China
    expect(awaitedLine(report('signed', { dueAt: '2026-12-05T16:30:00Z' }), NOW)).toBe('等待 镇城管中队 答复（12月6日前）')
  })
})
