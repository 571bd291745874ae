/**
 * 问题台账 as an .xlsx (exceljs, a runtime dependency the cloud installs: see deps.json), stored
 * under exports/ with a random name and handed back as fileID + temporary URL.
 */
import { chinaStamp } from '@/domain/china-time'
import { tempUrls } from '../_shared/files'
import { addTable, LINK_MAX_AGE_S, newWorkbook, photoLink, storeWorkbook, type SheetColumn } from '../_shared/xlsx'
import type { WorkCalendar } from '../_shared/workdays'
import type { ReportDoc } from './docs'
import { toLedgerRow } from './view'

const SOURCE_LABELS = { resident: '随手拍', inspection: '督导' } as const

const COLUMNS: SheetColumn[] = [
  { header: '编号', key: 'no', width: 18 },
  { header: '来源', key: 'source', width: 8 },
  { header: '上报时间', key: 'createdAt', width: 18 },
  { header: '村（居）', key: 'villageName', width: 12 },
  { header: '网格', key: 'gridName', width: 14 },
  { header: '地点', key: 'address', width: 24 },
  { header: '问题类别', key: 'categoryName', width: 18 },
  { header: '问题描述', key: 'description', width: 40 },
  { header: '责任单位', key: 'unitName', width: 18 },
  { header: '派单时间', key: 'dispatchedAt', width: 18 },
  { header: '整改期限', key: 'rectifyDeadline', width: 12 },
  { header: '当前时限', key: 'dueAt', width: 18 },
  { header: '整改措施', key: 'measures', width: 36 },
  { header: '计划完成', key: 'plannedDate', width: 12 },
  { header: '状态', key: 'statusLabel', width: 10 },
  { header: '销号时间', key: 'closedAt', width: 18 },
  { header: '逾期工作日', key: 'daysOverdue', width: 10 },
  { header: '现场照片', key: 'before', width: 14 },
  { header: '整改照片', key: 'after', width: 14 }
]

/** 2026-03-05 14:30 in China time. */
const chinaTime = (isoString: string | null): string => (isoString ? chinaStamp(new Date(isoString)) : '')

/** A link to the photos; without one, how many there are. */
const link = (files: string[], urls: Map<string, string>) => photoLink(files, urls, files.length ? `${files.length} 张` : '')

export async function exportRows(reports: ReportDoc[], calendar: WorkCalendar, now: Date): Promise<{ fileID: string; url: string; rows: number }> {
  const urls = await tempUrls(
    reports.flatMap((r) => [r.photos[0], r.afterPhotos[0]].filter((f): f is string => !!f)),
    LINK_MAX_AGE_S
  )
  const book = await newWorkbook(now)
  const sheet = addTable(book, '问题台账', COLUMNS)
  for (const r of reports) {
    const row = toLedgerRow(r, calendar, now)
    sheet.addRow({
      ...row,
      source: SOURCE_LABELS[row.source],
      createdAt: chinaTime(row.createdAt),
      dispatchedAt: chinaTime(row.dispatchedAt),
      dueAt: row.dueAt ? `${chinaTime(row.dueAt)}${row.dueEstimated ? '（估算）' : ''}` : '',
      closedAt: chinaTime(row.closedAt),
      gridName: row.gridName ?? '',
      unitName: row.unitName ?? '',
      measures: row.measures ?? '',
      plannedDate: row.plannedDate ?? '',
      rectifyDeadline: row.rectifyDeadline ?? '',
      before: link(r.photos, urls),
      after: link(r.afterPhotos, urls)
    })
  }
  const { fileID, url } = await storeWorkbook(book, 'ledger', now)
  return { fileID, url, rows: reports.length }
}
