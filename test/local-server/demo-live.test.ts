/**
 * `npm start` on any day shows a live town: activities ahead at hours people keep, problems past their
 * deadline and problems due within the next working days. Seeded at awkward instants of the test clock.
 */
import { localCloud } from '../../local-cloud'
import { WorkCalendar } from '../../cloudfunctions/_shared/workdays'
import { chinaParts } from '../../src/domain/china-time'
import type { ActivityDoc } from '../../cloudfunctions/volunteers/docs'
import type { ReportDoc } from '../../cloudfunctions/reports/docs'
import { seedActivityId } from '../../local-server/seed-volunteers'
import { freshTown, ok } from '../helpers/town'
import { clockAt } from '../helpers/clock'

const INSTANTS: Array<[string, string]> = [
  ['a working morning', '2026-11-18T10:00:00+08:00'],
  ['New Year’s Eve, half an hour before midnight', '2026-12-31T23:30:00+08:00'],
  ['the first of a month, half past midnight', '2026-06-01T00:30:00+08:00'],
  ['a day inside 春节', '2026-02-17T10:00:00+08:00'],
  ['three in the morning', '2026-12-03T03:00:00+08:00']
]
const IN_PROGRESS = seedActivityId('ds-env-ongoing')
const OPEN = ['submitted', 'accepted', 'dispatched', 'signed', 'rectifying', 'rectified']

afterEach(() => jest.useRealTimers())

describe.each(INSTANTS)('the demo town seeded on %s', (_when, instant) => {
  const now = new Date(instant)

  beforeEach(async () => {
    clockAt(now)
    await freshTown()
  })

  test('upcoming activities start and end in the daytime, and residents see them', async () => {
    const activities = localCloud.engine.all('volunteer_activities') as unknown as ActivityDoc[]
    const ahead = activities.filter((a) => a.status === 'published' && new Date(a.startAt) > now)
    expect(ahead.length).toBeGreaterThanOrEqual(5)
    const atNight = activities
      .filter((a) => a._id !== IN_PROGRESS)
      .filter((a) => {
        const start = chinaParts(new Date(a.startAt))
        const end = chinaParts(new Date(a.endAt))
        return start.hour < 7 || end.hour * 60 + end.minute > 21 * 60
      })
      .map((a) => a.title)
    expect(atNight).toEqual([])
    const listed = await ok('volunteer-2', 'volunteers.activities', { from: now.toISOString() })
    expect(listed.items.length).toBeGreaterThanOrEqual(3)

    const ongoing = activities.find((a) => a._id === IN_PROGRESS)
    expect(ongoing && new Date(ongoing.startAt) <= now && new Date(ongoing.endAt) > now).toBe(true)
  })

  test('some open problems are overdue and some fall due within the next two working days', () => {
    const reports = (localCloud.engine.all('reports') as unknown as ReportDoc[]).filter((r) => OPEN.includes(r.status) && r.due)
    const overdue = reports.filter((r) => new Date(r.due!.at) < now)
    const soon = new WorkCalendar().addWorkdays(now, 2).due
    const dueSoon = reports.filter((r) => new Date(r.due!.at) >= now && new Date(r.due!.at) <= soon)
    expect(overdue.length).toBeGreaterThanOrEqual(1)
    expect(dueSoon.length).toBeGreaterThanOrEqual(1)
  })
})
