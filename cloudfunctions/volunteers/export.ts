/**
 * The roster as an .xlsx (exceljs, a runtime dependency the cloud installs: see deps.json), stored
 * under exports/ with a random name and handed back as fileID + temporary URL.
 */
import type { RosterRow } from '@/contract'
import { addTable, newWorkbook, storeWorkbook, type SheetColumn } from '../_shared/xlsx'
import type { ActivityDoc } from './docs'
import { chinaDateTime } from '@/domain/china-time'

const STATUS_LABELS = { signed: '已报名', waitlisted: '候补', cancelled: '已取消' } as const
const HOURS_LABELS = { none: '未记时长', counted: '已记入', pending: '待审核', rejected: '未通过' } as const

const when = (s: string | null) => (s ? chinaDateTime(new Date(s)) : '')

/** A roster row with its number in the list. */
const COLUMNS: Array<SheetColumn<{ no: number; r: RosterRow }>> = [
  { header: '序号', width: 6, value: (x) => x.no },
  { header: '姓名', width: 10, value: (x) => x.r.name },
  { header: '手机号', width: 14, value: (x) => x.r.phone },
  { header: '状态', width: 8, value: (x) => STATUS_LABELS[x.r.status] },
  { header: '候补序号', width: 8, value: (x) => x.r.position ?? '' },
  { header: '报名时间', width: 16, value: (x) => when(x.r.signedAt) },
  { header: '签到时间', width: 16, value: (x) => when(x.r.checkInAt) },
  { header: '签退时间', width: 16, value: (x) => when(x.r.checkOutAt) },
  { header: '服务时长（小时）', width: 12, value: (x) => x.r.hours },
  { header: '时长状态', width: 10, value: (x) => HOURS_LABELS[x.r.hoursStatus] },
  { header: '备注', width: 40, value: (x) => [...(x.r.relaySuspect ? [x.r.relaySuspect] : []), ...x.r.flags].join('；') }
]

export async function exportRoster(a: ActivityDoc, rows: RosterRow[], now: Date): Promise<{ fileID: string; url: string; rows: number }> {
  const book = await newWorkbook(now)
  const title = `${a.title}（${chinaDateTime(new Date(a.startAt))}，${a.venue.name}）`
  addTable(
    book,
    '报名与签到名单',
    COLUMNS,
    rows.map((r, i) => ({ no: i + 1, r })),
    title
  )
  const { fileID, url } = await storeWorkbook(book, 'roster', now)
  return { fileID, url, rows: rows.length }
}
