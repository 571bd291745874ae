import { randomBytes } from 'crypto'
import { tempUrls, uploadBytes } from './files'
import { chinaDay } from '@/domain/china-time'

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
