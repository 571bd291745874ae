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

/** A cleaner with the month's findings they are responsible for. */
type CleanerMonth = { cleaner: CleanerDoc; findings: FindingDoc[] }

function appealText(f: FindingDoc): string {
  const parts = [f.appeal ? `申诉：${f.appeal.reason}` : '', f.decision ? `处理：${f.decision.reason}` : '']
  return parts.filter((p) => p.length > 0).join('；')
}

function summaryColumns(month: string): Array<SheetColumn<CleanerMonth & { sheet: SheetTotals }>> {
  return [
    { header: '保洁员', width: 12, value: (m) => m.cleaner.name },
    { header: '村（居）', width: 12, value: (m) => m.cleaner.villageName },
    { header: '手机号', width: 14, value: (m) => m.cleaner.phone ?? '' },
    { header: '月份', width: 10, value: () => month },
    { header: '扣款条数', width: 10, value: (m) => m.sheet.counted },
    { header: '已撤销', width: 8, value: (m) => m.sheet.withdrawn },
    { header: '申诉中', width: 8, value: (m) => m.sheet.pending },
    { header: '当月扣款（元）', width: 14, value: (m) => m.sheet.totalYuan },
    { header: '计算式', width: 40, value: (m) => m.sheet.formula }
  ]
}

function detailColumns(urls: Map<string, string>): Array<SheetColumn<{ cleaner: CleanerDoc; finding: FindingDoc }>> {
  return [
    { header: '保洁员', width: 12, value: (d) => d.cleaner.name },
    { header: '检查时间', width: 18, value: (d) => chinaStamp(new Date(d.finding.at)) },
    { header: '保洁区域', width: 18, value: (d) => d.finding.zoneName },
    { header: '村（居）', width: 12, value: (d) => d.finding.villageName },
    { header: '检查项', width: 18, value: (d) => d.finding.itemText },
    { header: '问题说明', width: 36, value: (d) => d.finding.note },
    { header: '扣款（元）', width: 10, value: (d) => (d.finding.status === 'withdrawn' ? 0 : d.finding.amountYuan) },
    { header: '状态', width: 10, value: (d) => FINDING_STATUS_LABELS[d.finding.status] },
    { header: '申诉 / 处理', width: 36, value: (d) => appealText(d.finding) },
    { header: '检查人', width: 10, value: (d) => d.finding.byName },
    { header: '现场照片', width: 14, value: (d) => photoLink(d.finding.photos, urls) }
  ]
}

/** Every cleaner given (a month without findings is a row of zeros) and each finding once per responsible cleaner. */
export async function exportSheets(people: CleanerDoc[], rows: FindingDoc[], month: string, now: Date): Promise<CleaningExport> {
  const urls = await tempUrls(
    rows.map((f) => f.photos[0]).filter((f): f is string => !!f),
    LINK_MAX_AGE_S
  )
  const months: CleanerMonth[] = people.map((cleaner) => ({ cleaner, findings: rows.filter((f) => f.cleanerIds.includes(cleaner._id)) }))
  const book = await newWorkbook(now)
  addTable(
    book,
    '月度扣款汇总',
    summaryColumns(month),
    months.map((m) => ({ ...m, sheet: sheetOf(m.findings) }))
  )
  addTable(
    book,
    '扣款明细',
    detailColumns(urls),
    months.flatMap((m) => m.findings.map((finding) => ({ cleaner: m.cleaner, finding })))
  )
  const { fileID, url } = await storeWorkbook(book, `cleaning-${month}`, now)
  return { fileID, url, rows: people.length }
}
