/** Database requests per call of the main actions (the caller's profile counts as one). */
import { seedReportId } from '../../local-server/seed-reports'
import type { ActionName } from '../../src/contract'
import { callAs, freshTown } from '../helpers/town'
import { chinaDay, draft, photo } from '../helpers/reports'

const costs: Record<string, number> = {}

async function cost(who: string, action: ActionName, input: unknown): Promise<number> {
  const { res, dbRequests } = await callAs(who, action, input)
  if (!res.ok) throw new Error(`${action}: ${res.code} ${res.message}`)
  costs[action] = Math.max(costs[action] ?? 0, dbRequests)
  return dbRequests
}

describe('database requests per call', () => {
  beforeAll(() => freshTown())
  afterAll(() => {
    if (process.env.PRINT_DB_REQUESTS) console.log(JSON.stringify(costs, null, 1))
  })

  test('reads: one request for the caller, one for the data', async () => {
    expect(await cost('resident-1', 'reports.mine', {})).toBe(2)
    expect(await cost('resident-1', 'reports.get', { reportId: seedReportId('ds-answered') })).toBe(2)
    expect(await cost('resident-1', 'reports.publicList', {})).toBe(2)
    expect(await cost('resident-1', 'reports.nearby', { category: 'litter', location: { lng: 120.31, lat: 30.41 } })).toBe(2)
    expect(await cost('unit-zhifa', 'reports.queue', {})).toBe(2)
    expect(await cost('village-admin-dongshan', 'reports.queue', { status: 'submitted', category: 'litter' })).toBe(2)
    expect(await cost('town-admin', 'reports.ledger', { overdue: true })).toBe(3)
    expect(await cost('town-admin', 'reports.letter', { letterId: `${seedReportId('ds-answered')}-notice-3` })).toBe(3)
    expect(await cost('town-admin', 'reports.calendar', { year: 2026 })).toBe(2)
  })

  // user + report (with timeline and letters) + calendar + transaction (start, get, update, event, commit); +unit, +counter and letter for a letter step;
  // + the daily problem counts (problem_counts, counts.ts): a read and a write of the village's month document when the step
  // changes a figure — none for accept/sign/answer, +2 for create/rectify/rate and for a first dispatch (the submission day's
  // cell moves to the unit, the 整改期限 day gains a due) and 销号 (the 销号 day, the submission day, the 整改期限 day) while
  // those days are in one month; +2 more per other month a step's days fall in
  test('steps: load, decide, one transaction', async () => {
    const input = await draft()
    // a new report also reads the town's safeguards and counts itself against the daily cap: +2, and
    // the first of the person's day +2 more (the count is read, then started again for the new day)
    expect(await cost('resident-1', 'reports.create', input)).toBeLessThanOrEqual(18)
    expect(await cost('resident-1', 'reports.create', input)).toBe(2) // the retried submission
    expect(await cost('resident-1', 'reports.create', await draft())).toBeLessThanOrEqual(16)
    // accepting a resident's report also awards its points in the same transaction (reporter, entry, rule table, balances): +8
    expect(await cost('grid-dongshan-1', 'reports.accept', { reportId: seedReportId('ds-submitted') })).toBeLessThanOrEqual(16)
    expect(await cost('village-admin-dongshan', 'reports.dispatch', { reportId: seedReportId('ds-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(7) })).toBeLessThanOrEqual(14)
    expect(await cost('unit-zhifa', 'reports.sign', { reportId: seedReportId('ds-dispatched') })).toBeLessThanOrEqual(8)
    expect(await cost('unit-zhifa', 'reports.answer', { reportId: seedReportId('ds-signed'), measures: '安排队员劝离摊贩', plannedDate: chinaDay(1) })).toBeLessThanOrEqual(11)
    expect(await cost('unit-zhifa', 'reports.rectify', { reportId: seedReportId('ds-answered'), photos: [await photo()], note: '已拆除' })).toBeLessThanOrEqual(10)
    expect(await cost('grid-dongshan-1', 'reports.verify', { reportId: seedReportId('ds-rectified'), pass: true })).toBeLessThanOrEqual(10)
    expect(await cost('resident-1', 'reports.rate', { reportId: seedReportId('ds-closed'), value: 'satisfied' })).toBeLessThanOrEqual(10)
    expect(await cost('resident-1', 'reports.support', { reportId: seedReportId('xg-accepted') })).toBeLessThanOrEqual(8)
    expect(await cost('town-admin', 'reports.exportLedger', {})).toBeLessThanOrEqual(4)
  })
})
