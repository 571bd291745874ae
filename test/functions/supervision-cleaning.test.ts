/**
 * 保洁考核: the town's rules, cleaners and zones and who manages them; inspections whose findings
 * deduct the rule's amount from each responsible cleaner's month (a retry records nothing twice);
 * the monthly sheet (Σ findings − withdrawn) and its xlsx export; the village's appeal within 2
 * working days and the town office's decision (once); 整改通知 for a unit's office area, 通报 on a
 * repeat within 30 days; and the counts kept beside every write, checked against a recomputation.
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { localCloud } from '../../local-cloud'
import { clockFrom } from '../helpers/clock'
import { photo } from '../helpers/reports'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { seedDemoCleaning } from '../../local-server/seed-cleaning'
import { chinaDay } from '../../src/domain/china-time'
import { appealedFinding, DONGSHAN_AT, givenCleaner, givenInspection, givenOfficeZone, givenZone, inspectInput, zoneInput } from '../helpers/cleaning'

type Doc = Record<string, unknown>
const all = (c: string) => localCloud.engine.all(c) as Doc[]

beforeEach(async () => {
  clockFrom('2026-11-18T10:00:00+08:00')
  await freshTown()
})
afterEach(() => jest.useRealTimers())

async function refused(who: string, action: Parameters<typeof callAs>[1], input: unknown, code: string, message?: RegExp): Promise<void> {
  const { res } = await callAs(who, action, input)
  expect(res).toMatchObject({ ok: false, code })
  if (message) expect((res as { message: string }).message).toMatch(message)
}

/** The counts as kept, and as recomputed from the findings (deduction × each cleaner, net of withdrawn). */
function countsAgree(): void {
  const kept = new Map<string, Doc>()
  for (const c of all('supervision_counts')) if (c.cleaningFindings !== undefined) kept.set(c._id as string, c)
  const want = new Map<string, { cleaningFindings: number; cleaningWithdrawn: number; deductionYuan: number }>()
  for (const f of all('cleaning_findings')) {
    const id = `${f.placeId as string}_${f.date as string}`
    const w = want.get(id) ?? { cleaningFindings: 0, cleaningWithdrawn: 0, deductionYuan: 0 }
    const out = f.status === 'withdrawn'
    w.cleaningFindings++
    if (out) w.cleaningWithdrawn++
    else w.deductionYuan += (f.amountYuan as number) * (f.cleanerIds as string[]).length
    want.set(id, w)
  }
  expect([...kept.keys()].sort()).toEqual([...want.keys()].sort())
  for (const [id, w] of want) expect(kept.get(id)).toMatchObject({ cleaningFindings: w.cleaningFindings, cleaningWithdrawn: w.cleaningWithdrawn ?? 0, deductionYuan: w.deductionYuan })
  const units = new Map<string, { findings: number; deductionYuan: number }>()
  for (const f of all('cleaning_findings').filter((x) => x.unitId && x.noticeId)) {
    const id = `${f.unitId as string}_${f.date as string}`
    const u = units.get(id) ?? { findings: 0, deductionYuan: 0 }
    u.findings++
    if (f.status !== 'withdrawn') u.deductionYuan += (f.amountYuan as number) * (f.cleanerIds as string[]).length
    units.set(id, u)
  }
  expect(
    all('cleaning_unit_counts')
      .map((c) => c._id)
      .sort()
  ).toEqual([...units.keys()].sort())
  for (const [id, u] of units) expect(localCloud.engine.get('cleaning_unit_counts', id)).toMatchObject(u)
}

describe('rules, cleaners and zones', () => {
  test('the default rules (20 元, the seed checklist) until the town office sets its own; a later change leaves recorded findings alone', async () => {
    const rules = await ok('grid-dongshan-1', 'supervision.cleaningRules', {})
    expect(rules).toMatchObject({ deductionYuan: 20, deductionSet: false, rev: 0 })
    expect(rules.items.map((i) => i.text)).toEqual(expect.arrayContaining(['暴露垃圾未清理', '小广告未清除', '积水、淤泥未清理', '垃圾桶满溢', '绿化带内有杂物']))
    const z = await givenZone()
    const first = await givenInspection(z.id, ['c1'])
    const saved = await ok('town-admin', 'supervision.saveCleaningRules', { rev: 0, deductionYuan: 50, items: [...rules.items, { text: '果皮箱破损未报修' }] })
    expect(saved).toMatchObject({ deductionYuan: 50, deductionSet: true, rev: 1 })
    expect(saved.items.at(-1)).toEqual({ key: 'c7', text: '果皮箱破损未报修' })
    const second = await givenInspection(z.id, ['c7'])
    expect(first.findings[0].amountYuan).toBe(20)
    expect(second.findings[0]).toMatchObject({ amountYuan: 50, itemText: '果皮箱破损未报修' })
    expect((await ok('town-admin', 'supervision.finding', { findingId: first.findings[0].id })).amountYuan).toBe(20)
    expect(localCloud.engine.find('audit_log', { targetType: 'town_settings', targetId: 'cleaning' })).toHaveLength(1)
    const before = dumpAll()
    await refused('town-admin', 'supervision.saveCleaningRules', { rev: 0, deductionYuan: 30, items: rules.items }, 'CONFLICT', /刚被他人修改/)
    await refused('village-admin-dongshan', 'supervision.saveCleaningRules', { rev: 1, deductionYuan: 30, items: rules.items }, 'FORBIDDEN')
    await refused('town-admin', 'supervision.saveCleaningRules', { rev: 1, deductionYuan: 30, items: [{ key: 'zz', text: '不存在的项' }] }, 'INVALID_INPUT', /编号/)
    expect(dumpAll()).toEqual(before)
  })

  test('cleaners need no account; a village admin keeps only their own village’s; the phone is masked for the zone’s inspectors', async () => {
    const c = await givenCleaner('village-admin-dongshan', { name: '刘保洁', phone: '13900001111' })
    expect(c).toMatchObject({ name: '刘保洁', phone: '13900001111', villageName: '东山村', userId: null, rev: 1 })
    const updated = await ok('village-admin-dongshan', 'supervision.saveCleaner', { id: c.id, rev: c.rev, name: '刘保洁', phone: '13900002222', villageId: 'v_dongshan', enabled: true })
    expect(updated).toMatchObject({ phone: '13900002222', rev: 2 })
    expect(localCloud.engine.find('audit_log', { targetType: 'cleaner', targetId: c.id })).toHaveLength(2)
    const town = await ok('town-admin', 'supervision.cleaners', {})
    expect(town.items.find((x) => x.id === c.id)?.phone).toBe('13900002222')
    expect((await ok('village-admin-xigang', 'supervision.cleaners', {})).items.find((x) => x.id === c.id)).toBeUndefined()
    const before = dumpAll()
    await refused('village-admin-xigang', 'supervision.cleaners', { villageId: 'v_dongshan' }, 'FORBIDDEN')
    await refused('village-admin-xigang', 'supervision.saveCleaner', { name: '赵某', villageId: 'v_dongshan', enabled: true }, 'FORBIDDEN')
    await refused('village-admin-xigang', 'supervision.saveCleaner', { id: c.id, rev: 2, name: '赵某', villageId: 'v_xigang', enabled: true }, 'NOT_FOUND')
    await refused('village-admin-dongshan', 'supervision.saveCleaner', { name: '集镇保洁员', villageId: null, enabled: true }, 'FORBIDDEN', /集镇/)
    await refused('village-admin-dongshan', 'supervision.saveCleaner', { id: c.id, rev: 1, name: '刘保洁', villageId: 'v_dongshan', enabled: true }, 'CONFLICT')
    await refused('grid-dongshan-1', 'supervision.saveCleaner', { name: '赵某', villageId: 'v_dongshan', enabled: true }, 'FORBIDDEN')
    await refused('resident-1', 'supervision.cleaners', {}, 'FORBIDDEN')
    expect(dumpAll()).toEqual(before)
    // the zone's grid worker sees the cleaner's name on the zone, never the phone
    const z = await givenZone({ cleanerIds: [c.id] })
    const seen = JSON.stringify([await ok('grid-dongshan-1', 'supervision.zone', { zoneId: z.id }), await ok('grid-dongshan-1', 'supervision.zones', {})])
    expect(seen).toContain('刘保洁')
    expect(seen).not.toContain('13900002222')
  })

  test('zones: a village’s by its admin, 集镇 and office areas by the town office; cleaners of the zone’s own place; each sees their village’s', async () => {
    const z = await givenZone()
    expect(z).toMatchObject({ villageName: '东山村', kind: 'street', kindLabel: '保洁区域', radiusM: 300, canEdit: true, canInspect: true, rev: 1 })
    const office = await givenOfficeZone()
    expect(office).toMatchObject({ kind: 'office', kindLabel: '办公区域', unitId: 'unit_1', unitName: expect.any(String), cleaners: [] })
    const centreCleaner = await givenCleaner('town-admin', { villageId: null })
    const centre = await ok('town-admin', 'supervision.saveZone', zoneInput([centreCleaner.id], { villageId: null, name: '集镇农贸市场' }))
    expect(centre).toMatchObject({ villageId: null, villageName: '集镇' })
    const moved = await ok('village-admin-dongshan', 'supervision.saveZone', {
      ...zoneInput(
        z.cleaners.map((c) => c.id),
        { name: '东山村主街（扩大）', radiusM: 500 }
      ),
      id: z.id,
      rev: z.rev
    })
    expect(moved).toMatchObject({ name: '东山村主街（扩大）', radiusM: 500, rev: 2 })
    const names = async (who: string, input: object = {}) => (await ok(who, 'supervision.zones', input)).items.map((x) => x.name).sort()
    expect(await names('grid-dongshan-1')).toEqual(['东山村主街（扩大）', '执法中队办公区'].sort())
    expect(await names('village-admin-xigang')).toEqual([])
    expect(await names('town-admin')).toHaveLength(3)
    expect(await names('town-admin', { villageId: null })).toEqual(['集镇农贸市场'])
    const gridView = await ok('grid-dongshan-1', 'supervision.zone', { zoneId: z.id })
    expect(gridView).toMatchObject({ canEdit: false, canInspect: true })
    const xigangCleaner = await givenCleaner('village-admin-xigang', { villageId: 'v_xigang' })
    const before = dumpAll()
    await refused('village-admin-xigang', 'supervision.saveZone', zoneInput([xigangCleaner.id]), 'FORBIDDEN')
    await refused('village-admin-dongshan', 'supervision.saveZone', zoneInput([xigangCleaner.id]), 'INVALID_INPUT', /保洁员/)
    await refused('village-admin-dongshan', 'supervision.saveZone', zoneInput([], { kind: 'office' }), 'INVALID_INPUT', /责任单位/)
    await refused('village-admin-dongshan', 'supervision.saveZone', zoneInput([]), 'INVALID_INPUT', /保洁员/)
    await refused('village-admin-dongshan', 'supervision.saveZone', zoneInput([], { kind: 'office', unitId: 'unit_404' }), 'INVALID_INPUT', /责任单位/)
    await refused('village-admin-dongshan', 'supervision.saveZone', { ...zoneInput(z.cleaners.map((c) => c.id)), id: z.id, rev: 1 }, 'CONFLICT')
    await refused('village-admin-xigang', 'supervision.zone', { zoneId: z.id }, 'NOT_FOUND')
    await refused('grid-dongshan-1', 'supervision.zone', { zoneId: centre.id }, 'NOT_FOUND')
    await refused('grid-dongshan-1', 'supervision.saveZone', zoneInput(z.cleaners.map((c) => c.id)), 'FORBIDDEN')
    await refused('unit-zhifa', 'supervision.zones', {}, 'FORBIDDEN')
    await refused('resident-1', 'supervision.zones', {}, 'FORBIDDEN')
    expect(dumpAll()).toEqual(before)
  })
})

describe('inspecting a zone', () => {
  test('a grid worker records two findings with photos: 20 元 from each of two cleaners per finding, counts and audit in the same write', async () => {
    const a = await givenCleaner()
    const b = await givenCleaner()
    const z = await givenZone({ cleanerIds: [a.id, b.id] })
    const i = await givenInspection(z.id, ['c1', 'c4'])
    expect(i).toMatchObject({ zoneId: z.id, date: '2026-11-18', byName: '王海涛', notice: null })
    expect(i.findings).toHaveLength(2)
    expect(i.findings[0]).toMatchObject({
      itemText: '暴露垃圾未清理',
      amountYuan: 20,
      status: 'standing',
      statusLabel: '已扣款',
      deducts: true,
      villageName: '东山村',
      location: DONGSHAN_AT,
      canAppeal: false
    })
    expect(i.findings[0].cleaners.map((c) => c.id)).toEqual([a.id, b.id])
    expect(i.findings[0].photoUrls).toHaveLength(1)
    // appeals until the end of the 2nd working day after 2026-11-18 (a Wednesday): Friday 20th
    expect(i.findings[0].appealDueAt).toBe(new Date('2026-11-20T23:59:59.999+08:00').toISOString())
    const stored = localCloud.engine.get('cleaning_findings', i.findings[0].id) as { photos: string[] }
    expect(stored.photos[0]).toMatch(/checked\/[0-9a-f]{64}\.png$/)
    expect(localCloud.engine.get('supervision_counts', 'v_dongshan_2026-11-18')).toMatchObject({ cleaningFindings: 2, deductionYuan: 80 })
    expect(localCloud.engine.find('audit_log', { targetType: 'cleaning_zone', targetId: z.id, action: 'inspect' })).toHaveLength(1)
    countsAgree()
  })

  test('a retry with the same key, even two at once, records one inspection', async () => {
    const z = await givenZone()
    const input = await inspectInput(z.id, ['c1', 'c2'])
    const [x, y] = await Promise.all([ok('grid-dongshan-1', 'supervision.inspectZone', input), ok('grid-dongshan-1', 'supervision.inspectZone', input)])
    const again = await ok('grid-dongshan-1', 'supervision.inspectZone', input)
    expect(new Set([x.id, y.id, again.id]).size).toBe(1)
    expect(all('cleaning_inspections')).toHaveLength(1)
    expect(all('cleaning_findings')).toHaveLength(2)
    expect(localCloud.engine.get('supervision_counts', 'v_dongshan_2026-11-18')).toMatchObject({ cleaningFindings: 2, deductionYuan: 40 })
    countsAgree()
  })

  test('refusals change nothing: another village, residents, units, unknown items, missing photos, a disabled zone', async () => {
    const z = await givenZone()
    const good = await inspectInput(z.id)
    const disabled = await givenZone({ name: '停用区域', enabled: false })
    const before = dumpAll()
    await refused('grid-xigang-1', 'supervision.inspectZone', good, 'FORBIDDEN', /本村/)
    await refused('village-admin-xigang', 'supervision.inspectZone', good, 'FORBIDDEN')
    await refused('resident-1', 'supervision.inspectZone', good, 'FORBIDDEN')
    await refused('unit-zhifa', 'supervision.inspectZone', good, 'FORBIDDEN')
    await refused('grid-dongshan-1', 'supervision.inspectZone', { ...good, findings: [{ ...good.findings[0], itemKey: 'c99' }] }, 'INVALID_INPUT', /检查项/)
    await refused('grid-dongshan-1', 'supervision.inspectZone', { ...good, findings: [{ ...good.findings[0], photos: [] }] }, 'INVALID_INPUT', /照片/)
    await refused('grid-dongshan-1', 'supervision.inspectZone', { ...good, findings: [good.findings[0], good.findings[0]] }, 'INVALID_INPUT', /两次/)
    await refused('grid-dongshan-1', 'supervision.inspectZone', { ...good, zoneId: disabled.id }, 'CONFLICT', /停用/)
    await refused('grid-dongshan-1', 'supervision.inspectZone', { ...good, zoneId: 'zone_missing' }, 'NOT_FOUND')
    expect(dumpAll()).toEqual(before)
  })
})

describe('the monthly sheet, appeals and decisions', () => {
  test('total = Σ findings − withdrawn; an appeal pending still deducts; upheld and withdrawn decided once', async () => {
    const c = await givenCleaner()
    const z = await givenZone({ cleanerIds: [c.id] })
    const i = await givenInspection(z.id, ['c1', 'c2', 'c3', 'c4'])
    const [f1, f2, f3] = i.findings.map((f) => f.id)
    const reason = '检查前已清扫，照片为保洁后新倒的垃圾'
    const appeal = async (findingId: string) => ok('village-admin-dongshan', 'supervision.appealFinding', { findingId, reason, photos: [await photo([80, 150, 80])] })
    const a1 = await appeal(f1)
    expect(a1).toMatchObject({ status: 'appealed', statusLabel: '申诉中', appeal: { reason, byName: '李卫东' }, canAppeal: false })
    expect(a1.appeal?.photoUrls).toHaveLength(1)
    await appeal(f2)
    await appeal(f3)
    // a double tap decides once, whichever of the two is first
    const input = { findingId: f1, outcome: 'withdraw' as const, reason: '核实后确认为保洁后新产生的垃圾' }
    const both = await Promise.all([callAs('town-admin', 'supervision.decideAppeal', input), callAs('town-admin', 'supervision.decideAppeal', input)])
    expect(both.filter((r) => r.res.ok)).toHaveLength(1)
    expect(both.find((r) => !r.res.ok)?.res).toMatchObject({ ok: false, code: 'CONFLICT' })
    const upheld = await ok('town-admin', 'supervision.decideAppeal', { findingId: f2, outcome: 'uphold', reason: '照片显示垃圾已堆放多日' })
    expect(upheld).toMatchObject({ status: 'upheld', statusLabel: '申诉维持', decision: { outcome: 'uphold', outcomeLabel: '维持', byName: '周建国' } })
    await refused('town-admin', 'supervision.decideAppeal', { findingId: f2, outcome: 'withdraw', reason: '改判' }, 'CONFLICT', /已处理/)
    await refused('town-admin', 'supervision.decideAppeal', { findingId: i.findings[3].id, outcome: 'withdraw', reason: '没有申诉' }, 'CONFLICT', /没有待处理/)
    const sheet = await ok('village-admin-dongshan', 'supervision.cleanerSheet', { cleanerId: c.id, month: '2026-11' })
    expect(sheet).toMatchObject({ month: '2026-11', counted: 3, withdrawn: 1, pending: 1, totalYuan: 60, formula: '20 + 20 + 20 + 20 − 20（已撤销 1 条）= 60 元' })
    expect(sheet.findings.map((f) => f.status)).toEqual(['withdrawn', 'upheld', 'appealed', 'standing'])
    expect(sheet.findings[0]).toMatchObject({ deducts: false, decision: { outcome: 'withdraw', outcomeLabel: '撤销' } })
    expect(sheet.findings.every((f) => f.photoUrls.length === 1)).toBe(true)
    expect((await ok('town-admin', 'supervision.cleanerSheet', { cleanerId: c.id, month: '2026-10' })).totalYuan).toBe(0)
    expect(localCloud.engine.get('supervision_counts', 'v_dongshan_2026-11-18')).toMatchObject({ cleaningFindings: 4, cleaningWithdrawn: 1, deductionYuan: 60 })
    for (const [id, actions] of [
      [f1, ['appeal', 'withdraw']],
      [f2, ['appeal', 'uphold']]
    ] as const) {
      expect((localCloud.engine.find('audit_log', { targetType: 'cleaning_finding', targetId: id }) as Doc[]).map((e) => e.action).sort()).toEqual([...actions].sort())
    }
    countsAgree()
    await refused('village-admin-xigang', 'supervision.cleanerSheet', { cleanerId: c.id, month: '2026-11' }, 'NOT_FOUND')
    await refused('grid-dongshan-1', 'supervision.cleanerSheet', { cleanerId: c.id, month: '2026-11' }, 'FORBIDDEN')
  })

  test('appeal refusals: another village’s admin, the town office, residents, twice, after 2 working days', async () => {
    const z = await givenZone()
    const i = await givenInspection(z.id, ['c1', 'c2'])
    const input = { findingId: i.findings[0].id, reason: '已按时清扫完毕', photos: [await photo()] }
    const before = dumpAll()
    await refused('village-admin-xigang', 'supervision.appealFinding', input, 'FORBIDDEN', /本村/)
    await refused('town-admin', 'supervision.appealFinding', input, 'FORBIDDEN')
    await refused('grid-dongshan-1', 'supervision.appealFinding', input, 'FORBIDDEN')
    await refused('resident-1', 'supervision.appealFinding', input, 'FORBIDDEN')
    await refused('village-admin-dongshan', 'supervision.appealFinding', { ...input, photos: [] }, 'INVALID_INPUT', /照片/)
    await refused('village-admin-dongshan', 'supervision.decideAppeal', { findingId: i.findings[0].id, outcome: 'withdraw', reason: '自己撤销' }, 'FORBIDDEN')
    expect(dumpAll()).toEqual(before)
    await ok('village-admin-dongshan', 'supervision.appealFinding', input)
    await refused('village-admin-dongshan', 'supervision.appealFinding', input, 'CONFLICT', /已经申诉/)
    // Friday 20th 23:59 is the last moment; Saturday is too late
    clockFrom('2026-11-21T00:00:05+08:00')
    await refused('village-admin-dongshan', 'supervision.appealFinding', { ...input, findingId: i.findings[1].id }, 'CONFLICT', /申诉期限/)
  })

  test('the 2 working days skip the National Day holiday: found on 30 September, appealed on 9 October, too late on the 10th (a make-up working day)', async () => {
    clockFrom('2026-09-30T10:00:00+08:00')
    await freshTown()
    const z = await givenZone()
    const i = await givenInspection(z.id, ['c1', 'c2'])
    expect(i.findings[0].appealDueAt).toBe(new Date('2026-10-09T23:59:59.999+08:00').toISOString())
    clockFrom('2026-10-09T20:00:00+08:00')
    const input = { reason: '国庆期间按排班清扫', photos: [await photo()] }
    expect(await ok('village-admin-dongshan', 'supervision.appealFinding', { ...input, findingId: i.findings[0].id })).toMatchObject({ status: 'appealed' })
    clockFrom('2026-10-10T09:00:00+08:00')
    await refused('village-admin-dongshan', 'supervision.appealFinding', { ...input, findingId: i.findings[1].id }, 'CONFLICT', /申诉期限/)
  })

  test('the payroll export reads back with exceljs: a row per cleaner, totals net of withdrawals, every finding with its photo link', async () => {
    const a = await givenCleaner('village-admin-dongshan', { name: '刘保洁' })
    const b = await givenCleaner('village-admin-dongshan', { name: '陈保洁' })
    const idle = await givenCleaner('village-admin-dongshan', { name: '周保洁' })
    const z = await givenZone({ cleanerIds: [a.id, b.id] })
    const i = await givenInspection(z.id, ['c1', 'c2'])
    await ok('village-admin-dongshan', 'supervision.appealFinding', { findingId: i.findings[0].id, reason: '已按时清扫完毕', photos: [await photo()] })
    await ok('town-admin', 'supervision.decideAppeal', { findingId: i.findings[0].id, outcome: 'withdraw', reason: '核实无误' })
    const out = await ok('village-admin-dongshan', 'supervision.exportCleanerSheets', { month: '2026-11' })
    expect(out.fileID).toMatch(/exports\/cleaning-2026-11-/)
    expect(out.rows).toBe(3)
    expect(out.url).toMatch(/^http/)
    const file = localCloud.resolveFilePath(out.fileID)
    expect(file && fs.existsSync(file)).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(fs.readFileSync(file as string) as unknown as ArrayBuffer)
    const summary = book.getWorksheet('月度扣款汇总')
    const rows = new Map<string, unknown[]>()
    summary?.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1))
    })
    expect([...rows.keys()].sort()).toEqual(['刘保洁', '周保洁', '陈保洁'].sort())
    // 扣款条数, 已撤销, 申诉中, 当月扣款
    expect(rows.get('刘保洁')?.slice(4, 8)).toEqual([1, 1, 0, 20])
    expect(rows.get('陈保洁')?.slice(4, 8)).toEqual([1, 1, 0, 20])
    expect(rows.get('周保洁')?.slice(4, 8)).toEqual([0, 0, 0, 0])
    expect(rows.get('刘保洁')?.[2]).toBe(a.phone)
    const detail = book.getWorksheet('扣款明细')
    expect(detail?.rowCount).toBe(1 + 4)
    expect(JSON.stringify(detail?.getRow(2).getCell(11).value)).toContain('hyperlink')
    void idle
    const single = await ok('town-admin', 'supervision.exportCleanerSheets', { month: '2026-11', cleanerId: a.id })
    expect(single.rows).toBe(1)
    const before = dumpAll()
    await refused('village-admin-xigang', 'supervision.exportCleanerSheets', { month: '2026-11', villageId: 'v_dongshan' }, 'FORBIDDEN')
    await refused('village-admin-xigang', 'supervision.exportCleanerSheets', { month: '2026-11', cleanerId: a.id }, 'NOT_FOUND')
    await refused('town-admin', 'supervision.exportCleanerSheets', { month: '2026-13' }, 'INVALID_INPUT', /月份/)
    expect(dumpAll()).toEqual(before)
  })
})

describe('office areas: 整改通知 and 通报', () => {
  test('numbered notices; a repeat within 30 days is 通报, after 30 days a plain notice again; the unit sees only its own', async () => {
    const office = await givenOfficeZone('unit_1')
    const first = await givenInspection(office.id, ['c1', 'c2'], 'town-admin')
    expect(first.notice).toMatchObject({ no: '整改〔2026〕1号', escalation: 'notice', escalationLabel: '整改通知', findings: 2, unitId: 'unit_1', deadline: '2026-11-23' })
    expect(first.notice?.body).toMatch(/暴露垃圾未清理/)
    expect(first.findings[0]).toMatchObject({ notice: { no: '整改〔2026〕1号', escalation: 'notice' }, amountYuan: 20 })
    clockFrom('2026-12-10T10:00:00+08:00')
    const second = await givenInspection(office.id, ['c3'], 'village-admin-dongshan')
    expect(second.notice).toMatchObject({ no: '整改〔2026〕2号', escalation: 'bulletin', escalationLabel: '通报' })
    expect(second.notice?.body).toMatch(/通报/)
    expect(second.findings[0].notice?.escalation).toBe('bulletin')
    // an inspection without findings sends nothing
    expect((await givenInspection(office.id, [], 'town-admin')).notice).toBeNull()
    clockFrom('2027-01-10T10:00:01+08:00')
    const third = await givenInspection(office.id, ['c1'], 'town-admin')
    expect(third.notice).toMatchObject({ no: '整改〔2027〕1号', escalation: 'notice' })
    const mine = await ok('unit-zhifa', 'supervision.rectifyNotices', {})
    expect(mine.items.map((n) => n.no)).toEqual(['整改〔2027〕1号', '整改〔2026〕2号', '整改〔2026〕1号'])
    expect((await ok('unit-chengguan', 'supervision.rectifyNotices', {})).items).toEqual([])
    expect((await ok('village-admin-dongshan', 'supervision.rectifyNotices', {})).items).toHaveLength(3)
    expect((await ok('village-admin-xigang', 'supervision.rectifyNotices', {})).items).toHaveLength(0)
    await refused('unit-chengguan', 'supervision.rectifyNotices', { unitId: 'unit_1' }, 'FORBIDDEN')
    await refused('resident-1', 'supervision.rectifyNotices', {}, 'FORBIDDEN')
    expect(localCloud.engine.get('cleaning_unit_counts', 'unit_1_2026-11-18')).toMatchObject({ findings: 2, notices: 1, bulletins: 0 })
    expect(localCloud.engine.get('cleaning_unit_counts', 'unit_1_2026-12-10')).toMatchObject({ findings: 1, notices: 0, bulletins: 1 })
    countsAgree()
  })

  test('two office inspections at once: numbered 1 and 2, one of them 通报', async () => {
    const office = await givenOfficeZone('unit_1')
    const [x, y] = await Promise.all([givenInspection(office.id, ['c1'], 'town-admin'), givenInspection(office.id, ['c2'], 'village-admin-dongshan')])
    expect([x.notice?.no, y.notice?.no].sort()).toEqual(['整改〔2026〕1号', '整改〔2026〕2号'])
    expect([x.notice?.escalation, y.notice?.escalation].sort()).toEqual(['bulletin', 'notice'])
    countsAgree()
  })
})

describe('lists', () => {
  test('findings by village, month and status; the town office’s appeal queue', async () => {
    const id = await appealedFinding()
    const other = await givenZone({ villageId: 'v_xigang' }, 'village-admin-xigang')
    await givenInspection(other.id, ['c2'], 'village-admin-xigang')
    const queue = await ok('town-admin', 'supervision.findings', { status: 'appealed' })
    expect(queue.items.map((f) => f.id)).toEqual([id])
    expect(queue.items[0]).toMatchObject({ canDecide: true })
    expect((await ok('town-admin', 'supervision.findings', { month: '2026-11' })).items).toHaveLength(2)
    const own = await ok('village-admin-dongshan', 'supervision.findings', { month: '2026-11' })
    expect(own.items.map((f) => f.id)).toEqual([id])
    expect(own.items[0]).toMatchObject({ canDecide: false, canAppeal: false })
    expect((await ok('village-admin-xigang', 'supervision.findings', {})).items).toHaveLength(1)
    await refused('village-admin-xigang', 'supervision.finding', { findingId: id }, 'NOT_FOUND')
    await refused('village-admin-xigang', 'supervision.findings', { villageId: 'v_dongshan' }, 'FORBIDDEN')
  })
})

describe('demo data', () => {
  test.each(['2026-11-18T10:00:00+08:00', '2026-12-01T00:30:00+08:00', '2027-02-17T10:00:00+08:00'])(
    'at %s: two zones, four findings this month (one withdrawn on appeal, one pending), a 整改通知; counts agree',
    async (at) => {
      clockFrom(at)
      await freshTown()
      expect(await seedDemoCleaning(localCloud)).toEqual({ zones: 2, findings: 4 })
      expect(await seedDemoCleaning(localCloud)).toEqual({ zones: 0, findings: 0 })
      const month = chinaDay(new Date()).slice(0, 7)
      const rows = (await ok('town-admin', 'supervision.findings', { month })).items
      expect(rows).toHaveLength(4)
      expect(rows.map((f) => f.status).sort()).toEqual(['appealed', 'standing', 'standing', 'withdrawn'].sort())
      expect((await ok('town-admin', 'supervision.findings', { status: 'appealed' })).items[0]).toMatchObject({ canDecide: true })
      expect((await ok('unit-zhifa', 'supervision.rectifyNotices', {})).items).toMatchObject([{ escalation: 'notice', unitId: 'unit_1' }])
      const liu = (await ok('village-admin-dongshan', 'supervision.cleaners', {})).items.find((c) => c.name === '刘桂英')
      const sheet = await ok('village-admin-dongshan', 'supervision.cleanerSheet', { cleanerId: liu?.id as string, month })
      expect(sheet).toMatchObject({ counted: 2, withdrawn: 1, pending: 1, totalYuan: 40 })
      countsAgree()
    }
  )
})
