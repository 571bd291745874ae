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

const COLUMNS: SheetColumn[] = [
  { header: '序号', key: 'no', width: 6 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '手机号', key: 'phone', width: 14 },
  { header: '状态', key: 'status', width: 8 },
  { header: '候补序号', key: 'position', width: 8 },
  { header: '报名时间', key: 'signedAt', width: 16 },
  { header: '签到时间', key: 'checkInAt', width: 16 },
  { header: '签退时间', key: 'checkOutAt', width: 16 },
  { header: '服务时长（小时）', key: 'hours', width: 12 },
  { header: '时长状态', key: 'hoursStatus', width: 10 },
  { header: '备注', key: 'flags', width: 40 }
]

const when = (s: string | null) => (s ? chinaDateTime(new Date(s)) : '')

export async function exportRoster(a: ActivityDoc, rows: RosterRow[], now: Date): Promise<{ fileID: string; url: string; rows: number }> {
  const book = await newWorkbook(now)
  const sheet = addTable(book, '报名与签到名单', COLUMNS, `${a.title}（${chinaDateTime(new Date(a.startAt))}，${a.venue.name}）`)
  rows.forEach((r, i) => {
    sheet.addRow({
      no: i + 1,
      name: r.name,
      phone: r.phone,
      status: STATUS_LABELS[r.status],
      position: r.position ?? '',
      signedAt: when(r.signedAt),
      checkInAt: when(r.checkInAt),
      checkOutAt: when(r.checkOutAt),
      hours: r.hours,
      hoursStatus: HOURS_LABELS[r.hoursStatus],
      flags: [...(r.relaySuspect ? [r.relaySuspect] : []), ...r.flags].join('；')
    })
  })
  const { fileID, url } = await storeWorkbook(book, 'roster', now)
  return { fileID, url, rows: rows.length }
}
