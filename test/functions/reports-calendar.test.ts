/** Working days: the package's holidays and 调休, the office's corrections, estimated deadlines in an unknown year. */
import { localCloud } from '../../local-cloud'
import { callAs, freshTown, ok } from '../helpers/town'
import { clockAt, draft } from '../helpers/reports'

async function signedAt(at: string): Promise<{ dueAt: string | null; dueEstimated: boolean }> {
  jest.setSystemTime(new Date(at))
  const { id } = await ok('resident-1', 'reports.create', await draft())
  await ok('grid-dongshan-1', 'reports.accept', { reportId: id })
  const day = new Date(Date.parse(at) + 8 * 3600e3 + 20 * 86400e3).toISOString().slice(0, 10)
  await ok('town-admin', 'reports.dispatch', { reportId: id, unitId: 'unit_1', rectifyDeadline: day })
  return ok('unit-zhifa', 'reports.sign', { reportId: id })
}

describe('calendar', () => {
  beforeEach(async () => {
    clockAt('2026-02-12T02:00:00Z')
    await freshTown()
  })
  afterEach(() => jest.useRealTimers())

  test('a known year lists the package days; 春节 and its make-up Saturdays count', async () => {
    const year = await ok('town-admin', 'reports.calendar', { year: 2026 })
    expect(year.known).toBe(true)
    expect(year.days).toEqual(
      expect.arrayContaining([
        { date: '2026-02-17', kind: 'holiday', name: '春节', origin: 'package' },
        { date: '2026-02-14', kind: 'workday', name: '春节', origin: 'package' }
      ])
    )
    // signed Thu 02-12: Fri 02-13 and the make-up Saturday 02-14 are the two working days
    expect(await signedAt('2026-02-12T02:00:00Z')).toMatchObject({ dueAt: '2026-02-14T15:59:59.999Z', dueEstimated: false })
    // signed Fri 02-13: Sat 02-14 (make-up), then 02-15…02-23 off → Tue 02-24
    expect(await signedAt('2026-02-13T02:00:00Z')).toMatchObject({ dueAt: '2026-02-24T15:59:59.999Z', dueEstimated: false })
  })

  test('a year the package does not know: deadlines are estimated until the office enters it', async () => {
    expect((await ok('village-admin-dongshan', 'reports.calendar', { year: 2027 })).known).toBe(false)
    // Thu 2026-12-31: the 2 working days fall in 2027, unknown → estimated (weekends only)
    expect(await signedAt('2026-12-31T02:00:00Z')).toMatchObject({ dueAt: '2027-01-04T15:59:59.999Z', dueEstimated: true })

    const entered = await ok('town-admin', 'reports.setCalendarDay', { date: '2027-01-01', kind: 'holiday', name: '元旦' })
    expect(entered.known).toBe(true)
    expect(entered.days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦', origin: 'office' }])
    await ok('town-admin', 'reports.setCalendarDay', { date: '2027-01-04', kind: 'holiday', name: '元旦补休' })
    expect(await signedAt('2026-12-31T03:00:00Z')).toMatchObject({ dueAt: '2027-01-06T15:59:59.999Z', dueEstimated: false })

    // a correction of a package day, and its removal
    await ok('town-admin', 'reports.setCalendarDay', { date: '2026-10-08', kind: 'holiday', name: '国庆节' })
    expect((await ok('town-admin', 'reports.calendar', { year: 2026 })).days.find((d) => d.date === '2026-10-08')).toMatchObject({ kind: 'holiday', origin: 'office' })
    const removed = await ok('town-admin', 'reports.setCalendarDay', { date: '2026-10-08', kind: 'auto' })
    expect(removed.days.find((d) => d.date === '2026-10-08')).toBeUndefined()
    expect(localCloud.engine.find('audit_log', { targetId: '2026-10-08' })).toHaveLength(2)

    expect((await callAs('village-admin-dongshan', 'reports.setCalendarDay', { date: '2027-01-05', kind: 'holiday' })).res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAs('town-admin', 'reports.setCalendarDay', { date: '2027-02-30', kind: 'holiday' })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})
