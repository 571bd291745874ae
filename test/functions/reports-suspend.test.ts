/**
 * 挂起 / 恢复办理 (issue 13): the town office sets an open problem aside with a reason — no deadline
 * runs, the overdue job leaves it alone, it is not counted as due — and resumes it with a new 整改期限
 * in working days; it continues where it was. Counts kept in the step's transaction agree with a
 * recomputation; the ledger filters 挂起 and the Excel shows it.
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'
import { expectCountsAgree, storedCell } from '../helpers/recount'

const TIMER = { Type: 'Timer', TriggerName: 'overdue', Time: '2026-10-10T01:00:00Z' }

async function runJob(): Promise<number> {
  const { result } = await invoke('reports', TIMER, null)
  const r = result as { ok: boolean; data: { reminded: number } }
  expect(r.ok).toBe(true)
  return r.data.reminded
}

const remindersOf = (reportId: string) => localCloud.engine.find('letters', { reportId }, { limit: 100 }).filter((l) => l.kind === 'reminder')
const cell = (day: string) => storedCell(`${day}|v_dongshan|unit_1|g_dongshan_1|litter|resident`)

/** A resident's problem in 东山村, accepted, dispatched to unit_1 (整改期限 10-12) and signed on 2026-09-30. */
async function signedProblem(): Promise<string> {
  const { id } = await ok('resident-1', 'reports.create', await draft())
  await ok('grid-dongshan-1', 'reports.accept', { reportId: id })
  await ok('village-admin-dongshan', 'reports.dispatch', { reportId: id, unitId: 'unit_1', rectifyDeadline: '2026-10-12' })
  await ok('unit-zhifa', 'reports.sign', { reportId: id })
  return id
}

describe('挂起 and 恢复办理', () => {
  beforeEach(async () => {
    clockAt('2026-09-30T02:00:00Z') // Wednesday 10:00 in China, the day before 国庆
    await freshTown()
  }, 30_000)
  afterEach(() => jest.useRealTimers())

  test('only the town office suspends and resumes; bad input and wrong states change nothing', async () => {
    const id = await signedProblem()
    const before = dumpAll()
    for (const who of ['village-admin-dongshan', 'grid-dongshan-1', 'unit-zhifa', 'resident-1']) {
      expect((await callAs(who, 'reports.suspend', { reportId: id, reason: '需跨部门协调' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect((await callAs('town-admin', 'reports.suspend', { reportId: id, reason: '' })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect((await callAs('town-admin', 'reports.resume', { reportId: id, workdays: 3 })).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '该问题没有挂起，不需要恢复办理' })
    const fresh = await ok('resident-1', 'reports.create', await draft())
    const snapshot = dumpAll()
    expect((await callAs('town-admin', 'reports.suspend', { reportId: fresh.id, reason: '待上级批复' })).res).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(dumpAll()).toEqual(snapshot)
    expect(dumpAll().reports.length).toBe(before.reports.length + 1)

    const suspended = await ok('town-admin', 'reports.suspend', { reportId: id, reason: '需跨部门协调' })
    expect(suspended).toMatchObject({ status: 'signed', suspended: true, dueAt: null, overdue: false, allowed: ['resume'] })
    const held = dumpAll()
    expect((await callAs('town-admin', 'reports.suspend', { reportId: id, reason: '再挂一次' })).res).toMatchObject({ ok: false, code: 'CONFLICT', message: '该问题已挂起，不能重复挂起' })
    // the unit cannot go on while it is suspended
    expect((await callAs('unit-zhifa', 'reports.answer', { reportId: id, measures: '组织人员清运垃圾', plannedDate: '2026-10-09' })).res).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该问题已挂起（暂缓办理），恢复办理后才能答复'
    })
    expect((await callAs('village-admin-dongshan', 'reports.resume', { reportId: id, workdays: 3 })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('town-admin', 'reports.resume', { reportId: id, workdays: 0 })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect((await callAs('town-admin', 'reports.resume', { reportId: id, workdays: 61 })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(dumpAll()).toEqual(held)
  })

  test('the reason reaches the staff; the reporter sees 暂缓办理 and the reason only when the office says so', async () => {
    const id = await signedProblem()
    await ok('town-admin', 'reports.suspend', { reportId: id, reason: '涉及县级部门，待上级批复' })
    const last = (d: { timeline: Array<{ action: string; note: string | null }> }) => d.timeline.at(-1)
    expect(last(await ok('town-admin', 'reports.get', { reportId: id }))).toMatchObject({ action: 'suspend', note: '涉及县级部门，待上级批复' })
    expect(last(await ok('unit-zhifa', 'reports.get', { reportId: id }))).toMatchObject({ action: 'suspend', note: '涉及县级部门，待上级批复' })
    const mine = await ok('resident-1', 'reports.get', { reportId: id })
    expect(last(mine)).toMatchObject({ action: 'suspend', note: null })
    expect(mine.suspended).toBe(true)
    expect(JSON.stringify(mine)).not.toContain('待上级批复')

    await ok('town-admin', 'reports.resume', { reportId: id, workdays: 3 })
    await ok('town-admin', 'reports.suspend', { reportId: id, reason: '需跨部门协调，请耐心等待', reasonPublic: true })
    expect(last(await ok('resident-1', 'reports.get', { reportId: id }))).toMatchObject({ action: 'suspend', note: '需跨部门协调，请耐心等待' })
  })

  test('no deadline runs while suspended: the overdue job raises nothing; resuming sets a new 整改期限 and it goes on where it was', async () => {
    const id = await signedProblem()
    expect(cell('2026-10-12')).toMatchObject({ due: 1, suspended: 0 })
    await ok('town-admin', 'reports.suspend', { reportId: id, reason: '需跨部门协调' })
    expectCountsAgree()
    // still due on 10-12, but counted as suspended (按期办结率 leaves it out)
    expect(cell('2026-10-12')).toMatchObject({ due: 1, suspended: 1 })

    // the answer was due on 10-09: long past, yet nothing is raised
    jest.setSystemTime(new Date('2026-10-10T01:00:00Z')) // Saturday 09:00, a 调休 working day
    await runJob()
    expect(remindersOf(id)).toEqual([])
    const seen = await ok('village-admin-dongshan', 'reports.get', { reportId: id })
    expect(seen).toMatchObject({ status: 'signed', overdue: false, dueAt: null })
    expect((await ok('village-admin-dongshan', 'reports.queue', { overdue: true, pageSize: 50 })).items.map((r) => r.id)).not.toContain(id)
    const row = (await ok('town-admin', 'reports.ledger', { suspended: true, pageSize: 50 })).items.find((r) => r.id === id)
    expect(row).toMatchObject({ suspended: true, daysOverdue: 0, statusLabel: '已签收' })
    expect((await ok('town-admin', 'reports.ledger', { suspended: true, pageSize: 50 })).items.every((r) => r.suspended === true)).toBe(true)
    expect((await ok('village-admin-dongshan', 'reports.ledger', { suspended: true, villageId: 'v_dongshan', pageSize: 50 })).items.map((r) => r.id)).toEqual([id])

    // 3 working days after Saturday 10-10: Mon 10-12, Tue 10-13, Wed 10-14; the answer is due again in 2
    const resumed = await ok('town-admin', 'reports.resume', { reportId: id, workdays: 3, note: '已协调县住建局' })
    expect(resumed).toMatchObject({ status: 'signed', rectifyDeadline: '2026-10-14', dueAt: '2026-10-13T15:59:59.999Z', overdue: false, allowed: ['suspend'] })
    expect(resumed.suspended).toBeUndefined()
    expect(resumed.timeline.at(-1)).toMatchObject({ action: 'resume', from: 'signed', to: 'signed', note: '恢复办理，整改期限 2026-10-14；已协调县住建局' })
    expectCountsAgree()
    expect(cell('2026-10-12')).toMatchObject({ due: 0, suspended: 0 })
    expect(cell('2026-10-14')).toMatchObject({ due: 1, suspended: 0 })
    expect((await ok('town-admin', 'reports.ledger', { suspended: true, pageSize: 50 })).items.map((r) => r.id)).not.toContain(id)

    // the unit goes on where it was, and the job raises the new deadline once it passes
    expect((await ok('unit-zhifa', 'reports.get', { reportId: id })).allowed).toEqual(['answer', 'return'])
    jest.setSystemTime(new Date('2026-10-14T01:00:00Z'))
    await runJob()
    expect(remindersOf(id)).toHaveLength(1)
    expectCountsAgree()
  })

  test('an overdue problem suspended is no longer overdue; the Excel shows 挂起', async () => {
    const id = await signedProblem()
    jest.setSystemTime(new Date('2026-10-10T01:00:00Z'))
    await runJob()
    expect(remindersOf(id)).toHaveLength(1)
    expect((await ok('town-admin', 'reports.get', { reportId: id })).overdue).toBe(true)
    const suspended = await ok('town-admin', 'reports.suspend', { reportId: id, reason: '需跨部门协调' })
    expect(suspended.overdue).toBe(false)
    expect((await ok('town-admin', 'reports.queue', { overdue: true, pageSize: 50 })).items.map((r) => r.id)).not.toContain(id)
    expectCountsAgree()

    const { fileID } = await ok('town-admin', 'reports.exportLedger', { suspended: true })
    const file = localCloud.resolveFilePath(fileID)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('问题台账')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toContain('挂起')
    expect(sheet.rowCount).toBe(2)
    expect(sheet.getRow(2).getCell(header.indexOf('挂起') + 1).value).toBe('挂起中')
  })
})
