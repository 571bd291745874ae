/** 问题台账: filtered pages through an index, and the .xlsx export read back with exceljs. */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { localCloud } from '../../local-cloud'
import { seedReportId } from '../../local-server/seed-reports'
import { callAs, freshTown, ok } from '../helpers/town'

async function readBack(fileID: string): Promise<ExcelJS.Worksheet> {
  const file = localCloud.resolveFilePath(fileID)
  expect(file && fs.existsSync(file)).toBe(true)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer)
  return book.getWorksheet('问题台账')!
}

describe('ledger', () => {
  beforeEach(() => freshTown())

  test('filters and pages: every row once, newest first, matching the stored problems', async () => {
    const all = localCloud.engine.count('reports', {})
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await ok('town-admin', 'reports.ledger', { pageSize: 7, cursor })
      seen.push(...page.items.map((r) => `${r.createdAt} ${r.id}`))
      cursor = page.next ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(all)
    expect(new Set(seen).size).toBe(all)
    const times = seen.map((s) => s.split(' ')[0])
    expect([...times].sort().reverse()).toEqual(times)

    const closed = await ok('town-admin', 'reports.ledger', { status: 'closed', pageSize: 50 })
    expect(closed.items.length).toBe(localCloud.engine.count('reports', { facets: 'all', status: 'closed' }))
    expect(closed.items.every((r) => r.statusLabel === '已销号' && r.closedAt !== null)).toBe(true)
    const unit = await ok('town-admin', 'reports.ledger', { unitId: 'unit_1', villageId: 'v_dongshan', pageSize: 50 })
    expect(unit.items.length).toBeGreaterThan(0)
    expect(unit.items.every((r) => r.unitName === '镇综合行政执法中队' && r.villageName === '东山村')).toBe(true)
    const inspections = await ok('town-admin', 'reports.ledger', { source: 'inspection', pageSize: 50 })
    expect(inspections.items.map((r) => r.id)).toEqual([seedReportId('ds-inspection')])
    const category = await ok('village-admin-dongshan', 'reports.ledger', { category: 'litter', pageSize: 50 })
    expect(category.items.every((r) => r.categoryName === '乱扔垃圾/暴露垃圾' && r.villageName === '东山村')).toBe(true)

    // a date range (China dates, inclusive): the last 3 days only
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
    const recent = await ok('town-admin', 'reports.ledger', { from: new Date(Date.now() + 8 * 3600e3 - 2 * 86400e3).toISOString().slice(0, 10), to: today, pageSize: 50 })
    expect(recent.items.length).toBeGreaterThan(0)
    expect(recent.items.every((r) => Date.now() - Date.parse(r.createdAt) < 4 * 86400e3)).toBe(true)
    expect(recent.items.map((r) => r.id)).not.toContain(seedReportId('ds-closed-old'))
    expect((await callAs('town-admin', 'reports.ledger', { from: today, to: '2020-01-01' })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('export: an .xlsx in storage with one row per problem and photos as links', async () => {
    const { res, dbRequests } = await callAs('town-admin', 'reports.exportLedger', {})
    if (!res.ok) throw new Error(res.message)
    expect(res.data.fileID).toMatch(/^cloud:\/\/local-env\.local\/exports\/ledger-\d{4}-\d{2}-\d{2}-[\w-]+\.xlsx$/)
    expect(res.data.url).toContain('/files/exports/')
    expect(res.data.rows).toBe(localCloud.engine.count('reports', {}))
    expect(dbRequests).toBeLessThanOrEqual(4)
    const sheet = await readBack(res.data.fileID)
    expect(sheet.rowCount).toBe(res.data.rows + 1)
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(expect.arrayContaining(['编号', '村（居）', '问题类别', '责任单位', '整改期限', '整改措施', '状态', '销号时间', '逾期工作日', '现场照片', '整改照片']))
    const col = (name: string) => header.indexOf(name) + 1
    const rows = Array.from({ length: res.data.rows }, (_, i) => sheet.getRow(i + 2))
    const closed = rows.find((r) => r.getCell(col('编号')).value === (localCloud.engine.get('reports', seedReportId('ds-closed')) as { no: string }).no)
    expect(closed?.getCell(col('状态')).value).toBe('已销号')
    expect(closed?.getCell(col('责任单位')).value).toBe('镇综合行政执法中队')
    const link = closed?.getCell(col('整改照片')).value as { hyperlink: string; text: string }
    expect(link.hyperlink).toContain('/files/seed/photos/after-')
    expect(link.text).toBe('查看')
  })

  test('a village admin exports their own village only; reading goes page by page through the index', async () => {
    // 1 200 more problems in 东山村: the export reads them in pages of 1 000
    const template = localCloud.engine.get('reports', seedReportId('ds-closed')) as Record<string, unknown>
    localCloud.engine.insert(
      'reports',
      Array.from({ length: 1200 }, (_, i) => ({
        ...template,
        _id: `r_many_${i}`,
        clientKey: `many-${i}`,
        no: `SSP-2025-${String(i + 1).padStart(6, '0')}`,
        createdAt: new Date(Date.now() - (i + 100) * 3600e3)
      }))
    )
    const warnings = localCloud.warnings.length
    const data = await ok('village-admin-dongshan', 'reports.exportLedger', {})
    expect(localCloud.warnings.slice(warnings)).toEqual([])
    expect(data.rows).toBe(localCloud.engine.count('reports', { facets: 'v:v_dongshan' }))
    const sheet = await readBack(data.fileID)
    const villages = new Set(Array.from({ length: data.rows }, (_, i) => sheet.getRow(i + 2).getCell(4).value))
    expect([...villages]).toEqual(['东山村'])
    expect((await ok('village-admin-xigang', 'reports.exportLedger', {})).rows).toBe(localCloud.engine.count('reports', { facets: 'v:v_xigang' }))
  }, 30_000)
})
