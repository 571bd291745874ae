/**
 * 问题台账 as an .xlsx (exceljs, a runtime dependency the cloud installs: see deps.json), stored
 * under exports/ with a random name and handed back as fileID + temporary URL.
 */
import { chinaStamp } from '@/domain/china-time'
import { LEDGER_WORDS, type LedgerWord } from '@/domain/ledger-words'
import { tempUrls } from '../_shared/files'
import { addTable, LINK_MAX_AGE_S, newWorkbook, photoLink, storeWorkbook, type Cell, type SheetColumn } from '../_shared/xlsx'
import type { WorkCalendar } from '../_shared/workdays'
import type { ReportDoc } from './docs'
import { toLedgerRow } from './view'

const SOURCE_LABELS = { resident: '随手拍', inspection: '督导' } as const

/** Column keys in order with their widths; the titles are the screen's (LEDGER_WORDS). */
const LAYOUT: Array<[key: LedgerWord, width: number]> = [
  ['no', 18],
  ['source', 8],
  ['createdAt', 18],
  ['villageName', 12],
  ['gridName', 14],
  ['address', 24],
  ['categoryName', 18],
  ['description', 40],
  ['unitName', 18],
  ['dispatchedAt', 18],
  ['rectifyDeadline', 12],
  ['dueAt', 18],
  ['measures', 36],
  ['plannedDate', 12],
  ['statusLabel', 10],
  ['suspended', 8],
  ['closedAt', 18],
  ['daysOverdue', 10],
  ['before', 14],
  ['after', 14]
]

const COLUMNS: Array<SheetColumn<Record<LedgerWord, Cell>>> = LAYOUT.map(([key, width]) => ({ header: LEDGER_WORDS[key], width, value: (cells) => cells[key] }))

/** 2026-03-05 14:30 in China time. */
const chinaTime = (isoString: string | null): string => (isoString ? chinaStamp(new Date(isoString)) : '')

/** A link to the photos; without one, how many there are. */
const link = (files: string[], urls: Map<string, string>) => photoLink(files, urls, files.length ? `${files.length} 张` : '')

/** A problem's ledger row as the cells of the sheet. */
function cellsOf(r: ReportDoc, calendar: WorkCalendar, now: Date, urls: Map<string, string>): Record<LedgerWord, Cell> {
  const row = toLedgerRow(r, calendar, now)
  return {
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
    suspended: row.suspended ? '挂起中' : '',
    before: link(r.photos, urls),
    after: link(r.afterPhotos, urls)
  }
}

export async function exportRows(reports: ReportDoc[], calendar: WorkCalendar, now: Date): Promise<{ fileID: string; url: string; rows: number }> {
  const urls = await tempUrls(
    reports.flatMap((r) => [r.photos[0], r.afterPhotos[0]].filter((f): f is string => !!f)),
    LINK_MAX_AGE_S
  )
  const book = await newWorkbook(now)
  addTable(
    book,
    '问题台账',
    COLUMNS,
    reports.map((r) => cellsOf(r, calendar, now, urls))
  )
  const { fileID, url } = await storeWorkbook(book, 'ledger', now)
  return { fileID, url, rows: reports.length }
}
