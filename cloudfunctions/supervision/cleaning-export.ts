/**
 * The cleaner's month: totals (pure) and the payroll workbook (exceljs, a runtime dependency the cloud
 * installs: see deps.json) — a summary row per cleaner and every finding with its photo link — stored
 * under exports/ like the ledger export.
 */
import { FINDING_STATUS_LABELS, type CleaningExport } from '@/contract'
import { chinaStamp } from '@/domain/china-time'
import { tempUrls } from '../_shared/files'
import { addTable, LINK_MAX_AGE_S, newWorkbook, photoLink, storeWorkbook, type SheetColumn } from '../_shared/xlsx'
import type { CleanerDoc, FindingDoc } from './cleaning-docs'

export interface SheetTotals {
  counted: number
  withdrawn: number
  pending: number
  totalYuan: number
  formula: string
}

/** total = Σ amounts of the month's findings − those withdrawn (an appeal not yet decided still deducts). */
export function sheetOf(rows: Array<Pick<FindingDoc, 'amountYuan' | 'status'>>): SheetTotals {
  const all = rows.reduce((s, f) => s + f.amountYuan, 0)
  const out = rows.filter((f) => f.status === 'withdrawn')
  const back = out.reduce((s, f) => s + f.amountYuan, 0)
  const totalYuan = all - back
  const amounts = rows.map((f) => f.amountYuan).join(' + ') || '0'
  const formula = out.length ? `${amounts} − ${back}（已撤销 ${out.length} 条）= ${totalYuan} 元` : `${amounts} = ${totalYuan} 元`
  return { counted: rows.length - out.length, withdrawn: out.length, pending: rows.filter((f) => f.status === 'appealed').length, totalYuan, formula }
}

const SUMMARY_COLUMNS: SheetColumn[] = [
  { header: '保洁员', key: 'name', width: 12 },
  { header: '村（居）', key: 'villageName', width: 12 },
  { header: '手机号', key: 'phone', width: 14 },
  { header: '月份', key: 'month', width: 10 },
  { header: '扣款条数', key: 'counted', width: 10 },
  { header: '已撤销', key: 'withdrawn', width: 8 },
  { header: '申诉中', key: 'pending', width: 8 },
  { header: '当月扣款（元）', key: 'totalYuan', width: 14 },
  { header: '计算式', key: 'formula', width: 40 }
]

const DETAIL_COLUMNS: SheetColumn[] = [
  { header: '保洁员', key: 'name', width: 12 },
  { header: '检查时间', key: 'at', width: 18 },
  { header: '保洁区域', key: 'zoneName', width: 18 },
  { header: '村（居）', key: 'villageName', width: 12 },
  { header: '检查项', key: 'itemText', width: 18 },
  { header: '问题说明', key: 'note', width: 36 },
  { header: '扣款（元）', key: 'amountYuan', width: 10 },
  { header: '状态', key: 'status', width: 10 },
  { header: '申诉 / 处理', key: 'appeal', width: 36 },
  { header: '检查人', key: 'byName', width: 10 },
  { header: '现场照片', key: 'photo', width: 14 }
]

function appealText(f: FindingDoc): string {
  const parts = [f.appeal ? `申诉：${f.appeal.reason}` : '', f.decision ? `处理：${f.decision.reason}` : '']
  return parts.filter((p) => p.length > 0).join('；')
}

/** Every cleaner given (a month without findings is a row of zeros) and each finding once per responsible cleaner. */
export async function exportSheets(people: CleanerDoc[], rows: FindingDoc[], month: string, now: Date): Promise<CleaningExport> {
  const urls = await tempUrls(
    rows.map((f) => f.photos[0]).filter((f): f is string => !!f),
    LINK_MAX_AGE_S
  )
  const book = await newWorkbook(now)
  const summary = addTable(book, '月度扣款汇总', SUMMARY_COLUMNS)
  const detail = addTable(book, '扣款明细', DETAIL_COLUMNS)
  for (const c of people) {
    const mine = rows.filter((f) => f.cleanerIds.includes(c._id))
    summary.addRow({ name: c.name, villageName: c.villageName, phone: c.phone ?? '', month, ...sheetOf(mine) })
    for (const f of mine) {
      detail.addRow({
        name: c.name,
        at: chinaStamp(new Date(f.at)),
        zoneName: f.zoneName,
        villageName: f.villageName,
        itemText: f.itemText,
        note: f.note,
        amountYuan: f.status === 'withdrawn' ? 0 : f.amountYuan,
        status: FINDING_STATUS_LABELS[f.status],
        appeal: appealText(f),
        byName: f.byName,
        photo: photoLink(f.photos, urls)
      })
    }
  }
  const { fileID, url } = await storeWorkbook(book, `cleaning-${month}`, now)
  return { fileID, url, rows: people.length }
}
