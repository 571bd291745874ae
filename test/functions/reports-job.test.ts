/** The overdue job: a timer-triggered call with no caller; marks, reminds once per due, reads only what is due. */
import { localCloud } from '../../local-cloud'
import { invoke } from '../../local-server/functions'
import { seedReportId } from '../../local-server/seed-reports'
import { dumpAll, freshTown, ok, openidOf } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'

const TIMER = { Type: 'Timer', TriggerName: 'overdue', Time: '2026-10-10T01:00:00Z' }

async function runJob(): Promise<{ reminded: number; skipped: number; pages: number }> {
  const { result } = await invoke('reports', TIMER, null)
  const r = result as { ok: boolean; data: { reminded: number; skipped: number; pages: number } }
  expect(r.ok).toBe(true)
  return r.data
}

const remindersOf = (reportId: string) =>
  localCloud.engine.find('letters', { reportId }, { limit: 100 }).filter((l) => l.kind === 'reminder') as Array<{ no: string; to: string; from: string; body: string }>
const eventsOf = (reportId: string) => localCloud.engine.find('report_events', { reportId }, { sort: { seq: 1 }, limit: 100 }) as Array<{ action: string; by: string }>

describe('overdue job', () => {
  beforeEach(async () => {
    clockAt('2026-09-30T02:00:00Z')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('marks a late answer, writes a 工作提示函 to the village once, and again for the next late step (to the town)', async () => {
    const { id } = await ok('resident-1', 'reports.create', await draft())
    await ok('grid-dongshan-1', 'reports.accept', { reportId: id })
    await ok('village-admin-dongshan', 'reports.dispatch', { reportId: id, unitId: 'unit_1', rectifyDeadline: '2026-10-12' })
    const signed = await ok('unit-zhifa', 'reports.sign', { reportId: id })
    expect(signed.dueAt).toBe('2026-10-09T15:59:59.999Z')

    jest.setSystemTime(new Date('2026-10-09T15:00:00Z'))
    await runJob()
    expect(remindersOf(id)).toEqual([])

    jest.setSystemTime(new Date('2026-10-10T01:00:00Z'))
    const first = await runJob()
    expect(first.reminded).toBeGreaterThanOrEqual(1)
    const [letter] = remindersOf(id)
    expect(remindersOf(id)).toHaveLength(1)
    expect(letter.no).toMatch(/^提示〔2026〕\d+号$/)
    expect(letter).toMatchObject({ to: '东山村（村居负责同志）', from: '镇创建办' })
    expect(letter.body).toContain('镇综合行政执法中队应于2026年10月9日前完成答复')
    expect(eventsOf(id).at(-1)).toMatchObject({ action: 'remind', by: 'system' })
    const seen = await ok('village-admin-dongshan', 'reports.get', { reportId: id })
    expect(seen).toMatchObject({ status: 'signed', overdue: true })
    expect(seen.letters.map((l) => l.kind)).toEqual(['notice', 'reminder'])
    expect((await ok('village-admin-dongshan', 'reports.queue', { overdue: true, pageSize: 50 })).items.map((r) => r.id)).toContain(id)
    // 10-10 is a Saturday but a 调休 working day: one working day late
    expect((await ok('village-admin-dongshan', 'reports.ledger', { overdue: true, pageSize: 50 })).items.find((r) => r.id === id)?.daysOverdue).toBe(1)

    // a second run (and a third) finds nothing new
    const before = dumpAll()
    expect(await runJob()).toMatchObject({ reminded: 0 })
    expect(await runJob()).toMatchObject({ reminded: 0 })
    expect(dumpAll()).toEqual(before)

    // the unit answers late: no longer overdue; the rectification deadline then passes → the town hears
    const answered = await ok('unit-zhifa', 'reports.answer', { reportId: id, measures: '安排清运并设置警示牌', plannedDate: '2026-10-12' })
    expect(answered).toMatchObject({ status: 'answered', overdue: false, dueAt: '2026-10-12T15:59:59.999Z' })
    jest.setSystemTime(new Date('2026-10-14T01:00:00Z'))
    await runJob()
    const letters = remindersOf(id)
    expect(letters).toHaveLength(2)
    expect(letters[1]).toMatchObject({ to: '镇创建办（分管负责同志）' })
    expect(Number(letters[1].no.match(/(\d+)号/)?.[1])).toBeGreaterThan(Number(letter.no.match(/(\d+)号/)?.[1]))
    const row = (await ok('town-admin', 'reports.ledger', { status: 'answered', pageSize: 50 })).items.find((r) => r.id === id)
    expect(row).toMatchObject({ daysOverdue: 2, rectifyDeadline: '2026-10-12' })
  })

  test('only the timer (no caller) runs the job: a client posing as the timer is refused', async () => {
    const before = dumpAll()
    const posed = await invoke('reports', TIMER, { openid: openidOf('town-admin') })
    expect(posed.result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(dumpAll()).toEqual(before)
  })

  test('reads only what is due, in pages served by the remindAt index, whatever the size of the collection', async () => {
    // 3 000 problems that are not due, and 150 whose acceptance is overdue
    const template = localCloud.engine.get('reports', seedReportId('ds-submitted')) as Record<string, unknown>
    const at = new Date('2026-09-20T02:00:00Z')
    const docs = Array.from({ length: 3150 }, (_, i) => ({
      ...template,
      _id: `r_bulk_${i}`,
      no: `SSP-2026-${String(900000 + i).padStart(6, '0')}`,
      clientKey: `bulk-${i}`,
      eventSeq: 0,
      remindAt: i < 150 ? at : null,
      due: i < 150 ? { kind: 'accept', at, estimated: false, escalateTo: 'village' } : null
    }))
    localCloud.engine.insert('reports', docs)
    const warnings = localCloud.warnings.length
    const examined = localCloud.engine.stats.docsExamined
    jest.setSystemTime(new Date('2026-10-10T01:00:00Z'))
    const result = await runJob()
    expect(result.reminded).toBeGreaterThanOrEqual(150)
    expect(result.pages).toBeGreaterThanOrEqual(2)
    expect(localCloud.warnings.slice(warnings)).toEqual([])
    // the due ones (plus the demo town's own) and the transaction reads, never the 3 000 others
    expect(localCloud.engine.stats.docsExamined - examined).toBeLessThan(3 * (result.reminded + result.skipped) + 200)
    expect(localCloud.engine.count('reports', { remindAt: { $lte: new Date() } })).toBe(0)
    expect(remindersOf('r_bulk_7')).toHaveLength(1)
  })
})
