/** Database requests per call of the main actions (the caller's profile counts as one). */
import { seedReportId } from '../../local-server/seed-reports'
import { costMeter } from '../helpers/cost'
import { freshTown } from '../helpers/town'
import { chinaDay, draft, photo } from '../helpers/reports'

const { cost, print } = costMeter()

describe('database requests per call', () => {
  beforeAll(() => freshTown())
  afterAll(print)

  test('reads: one request for the caller, one for the data (and for a first page, its figures)', async () => {
    expect(await cost('resident-1', 'reports.mine', {})).toBe(2)
    expect(await cost('resident-1', 'reports.get', { reportId: seedReportId('ds-answered') })).toBe(2)
    expect(await cost('resident-1', 'reports.publicList', {})).toBe(2)
    expect(await cost('resident-1', 'reports.nearby', { category: 'litter', location: { lng: 120.31, lat: 30.41 } })).toBe(2)
    // the queue's first page: the caller, the page, the chips' counts (one aggregate by status)
    expect(await cost('unit-zhifa', 'reports.queue', {})).toBe(3)
    expect(await cost('village-admin-dongshan', 'reports.queue', { status: 'submitted', category: 'litter' })).toBe(3)
    expect(await cost('town-admin', 'reports.queue', { mine: true })).toBe(3)
    expect(await cost('town-admin', 'reports.ledger', { overdue: true })).toBe(3)
    expect(await cost('town-admin', 'reports.ledgerTotal', { overdue: true })).toBe(2)
    expect(await cost('town-admin', 'reports.letter', { letterId: `${seedReportId('ds-answered')}-notice-3` })).toBe(3)
    expect(await cost('town-admin', 'reports.calendar', { year: 2026 })).toBe(2)
  })

  // A step: ONE read — the caller's profile with the report, its timeline and letters, the working-day corrections and what
  // the step also needs (dispatch: the unit), as one aggregate (withStepPrefetch, cloudfunctions/_shared/prefetch.ts) — then
  // ONE transaction: start, the event, the report, commit = 1 + 4 = 5. The report is not read again in the transaction: the
  // event's id is (report, seq), so a step decided on a revision that is no longer the stored one finds its event taken
  // (duplicate key → CONFLICT; reports/repo.ts commitStep).
  // + the daily problem counts (counts.ts), in the same transaction: none for accept/sign/answer/return; one increment of the
  //   village's month document when the step changes figures, whether it only adds (rectify, 销号, rate, reopen) or also takes
  //   some away (a first dispatch moves the submission day's cell to the unit: -1 there, +1 on the unit's); one more per other
  //   month its days fall in. The document is never read: a figure taken back to zero stays stored as 0.
  // + a letter step (dispatch: 问题通知函, answer: 答复函): the year's counter (read, write) and the letter = +3.
  // + accept of a resident's 随手拍: the pending reward = +1; whether one was ever recorded and the reporter's profile (their
  //   household: nobody earns from accepting their own household's report) come with the caller's.
  // What is left above the 8 of issue 11: dispatch 9 — a numbered letter (the year's counter must be read in the transaction
  // that uses its number: +3) and the move of the counts (+1); each write is its own request (a transaction allows
  // single-record operations only).
  test('steps: one read, one transaction', async () => {
    const input = await draft()
    // a new report: the profile with the retry's report, the village and its grids, the categories, the safeguards, the
    // person's count of the day and the calendar (1); the daily cap: one conditional write (the increment; the first of the
    // person's day: the reset or the creation); the transaction: start, counter, counter, report, event, counts increment,
    // commit (7). Above the 8 of issue 11 by the report's number: the year's counter is read and written in the transaction.
    expect(await cost('resident-1', 'reports.create', input)).toBe(9)
    expect(await cost('resident-1', 'reports.create', input)).toBe(1) // the retried submission: found with the profile
    expect(await cost('resident-1', 'reports.create', await draft())).toBe(9)
    expect(await cost('grid-dongshan-1', 'reports.accept', { reportId: seedReportId('ds-submitted') })).toBe(6)
    expect(await cost('village-admin-dongshan', 'reports.dispatch', { reportId: seedReportId('ds-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(7) })).toBe(9)
    expect(await cost('unit-zhifa', 'reports.sign', { reportId: seedReportId('ds-dispatched') })).toBe(5)
    expect(await cost('unit-zhifa', 'reports.answer', { reportId: seedReportId('ds-signed'), measures: '安排队员劝离摊贩', plannedDate: chinaDay(1) })).toBe(8)
    expect(await cost('unit-zhifa', 'reports.rectify', { reportId: seedReportId('ds-answered'), photos: [await photo()], note: '已拆除' })).toBe(6)
    expect(await cost('grid-dongshan-1', 'reports.verify', { reportId: seedReportId('ds-rectified'), pass: true })).toBe(6)
    expect(await cost('resident-1', 'reports.rate', { reportId: seedReportId('ds-closed'), value: 'satisfied' })).toBe(6)
    // 挂起 adds the 挂起 figure on the 整改期限's day; 恢复办理 moves the due to the new 整改期限 (an increment each)
    expect(await cost('town-admin', 'reports.suspend', { reportId: seedReportId('ds-dispatched'), reason: '需跨部门协调' })).toBe(6)
    expect(await cost('town-admin', 'reports.resume', { reportId: seedReportId('ds-dispatched'), workdays: 5 })).toBe(6)
    // 我也遇到了: the profile with the report and the person's support (1); the transaction: start, the report (is it still
    // open?), the support (its id is (report, person): a repeat is a duplicate), the count, commit (5). Once supported: 1.
    expect(await cost('resident-1', 'reports.support', { reportId: seedReportId('xg-accepted') })).toBe(6)
    expect(await cost('resident-1', 'reports.support', { reportId: seedReportId('xg-accepted') })).toBe(1)
    expect(await cost('town-admin', 'reports.exportLedger', {})).toBeLessThanOrEqual(4)
  })
})
