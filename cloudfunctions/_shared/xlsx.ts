import { randomBytes } from 'crypto'
import type { Workbook, Worksheet } from 'exceljs'
import { tempUrls, uploadBytes } from './files'
import { chinaDay } from '@/domain/china-time'

/** Links in a sheet stay valid for a week (the cloud caps a temporary URL's maxAge). */
export const LINK_MAX_AGE_S = 7 * 24 * 3600

/** What a cell shows: text, a number, or a link (photoLink). */
export type Cell = string | number | { text: string; hyperlink: string }

/** A column of a table: its header, its width and what a row shows in it. */
export interface SheetColumn<T> {
  header: string
  width: number
  value: (row: T) => Cell
}

/** A new workbook; exceljs (a runtime dependency the cloud installs: see the function's deps.json) loads only here. */
export async function newWorkbook(now: Date): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.created = now
  return book
}

/**
 * A sheet of `rows`, one line each, under a bold header row that stays in view when scrolling; with
 * `title`, a bold title row stands above the header.
 */
export function addTable<T>(book: Workbook, name: string, columns: Array<SheetColumn<T>>, rows: Iterable<T>, title?: string): Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: title === undefined ? 1 : 2 }] })
  if (title !== undefined) sheet.addRow([title]).font = { bold: true }
  sheet.columns = columns.map((c) => ({ width: c.width }))
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true }
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)))
  return sheet
}

/** A cell linking to the first photo (`urls` from tempUrls); without a link, `none`. */
export function photoLink(files: string[], urls: Map<string, string>, none = ''): { text: string; hyperlink: string } | string {
  const url = files[0] ? urls.get(files[0]) : undefined
  if (!url) return none
  return { text: files.length > 1 ? `查看（共 ${files.length} 张）` : '查看', hyperlink: url }
}

/** What storeWorkbook needs of an exceljs Workbook (exceljs itself is loaded lazily by the exporters). */
export interface WritableWorkbook {
  xlsx: { writeBuffer(): Promise<ArrayBuffer> }
}

/** Writes the workbook under exports/ with a dated random name; returns its fileID and a temporary URL. */
export async function storeWorkbook(book: WritableWorkbook, name: string, now: Date): Promise<{ fileID: string; url: string }> {
  const buffer = Buffer.from(new Uint8Array(await book.xlsx.writeBuffer()))
  const cloudPath = `exports/${name}-${chinaDay(now)}-${randomBytes(12).toString('base64url')}.xlsx`
  const fileID = await uploadBytes(cloudPath, buffer)
  const url = (await tempUrls([fileID])).get(fileID) ?? ''
  return { fileID, url }
}
