/**
 * The indicators, on a hand-built month of problems with hand-computed expected values (holidays of
 * 国庆/中秋 2026 and the 调休 Saturday 10-10, a suspended problem, a reopening, a rejected one).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FlowAction, ReportStatus } from '../../src/contract'
import {
  FIGURES,
  INDICATOR_DEFINITIONS,
  figuresBy,
  gaugesBy,
  indicatorsBy,
  indicatorsOf,
  monthOf,
  rangeOf,
  stateAt,
  sumCounts,
  tallyProblem,
  weekOf,
  zeroFigures,
  type ProblemFacts
} from '../../src/domain/indicators'
import { WorkCalendar } from '../../src/domain/workdays'

/** 2026-MM-DD HH:mm China time. */
const at = (md: string) => new Date(`2026-${md.replace(' ', 'T')}:00+08:00`)
type Ev = [FlowAction, string, ReportStatus | null, ReportStatus | null]
const events = (list: Ev[]) => list.map(([action, when, from, to]) => ({ action, at: at(when), from, to }))

function problem(p: Partial<ProblemFacts> & Pick<ProblemFacts, 'status' | 'createdAt'>, evs: Ev[]): ProblemFacts {
  return {
    villageId: 'v_a',
    gridId: 'g_a1',
    unitId: 'u1',
    category: 'litter',
    source: 'resident',
    closedAt: null,
    rectifyDeadline: null,
    reminders: 0,
    rating: null,
    suspended: false,
    ...p,
    events: events(evs)
  }
}

const calendar = new WorkCalendar()

// P1: submitted the day before 国庆, closed on its deadline 10-09: working days after 09-30 up to 10-09 = 10-08, 10-09 = 2
const P1 = problem({ createdAt: at('09-30 10:00'), status: 'closed', closedAt: at('10-09 15:00'), rectifyDeadline: '2026-10-09', rating: { value: 'satisfied', at: at('10-10 09:00') } }, [
  ['submit', '09-30 10:00', null, 'submitted'],
  ['accept', '09-30 11:00', 'submitted', 'accepted'],
  ['dispatch', '09-30 14:00', 'accepted', 'dispatched'],
  ['sign', '09-30 15:00', 'dispatched', 'signed'],
  ['answer', '09-30 16:00', 'signed', 'answered'],
  ['rectify', '10-09 09:00', 'answered', 'rectified'],
  ['verifyPass', '10-09 15:00', 'rectified', 'closed'],
  ['rate', '10-10 09:00', 'closed', 'closed']
])
// P2 (督导): sent back once, closed on its deadline day 10-12: 10-10 (调休 Saturday) and 10-12 = 2 working days
const P2 = problem(
  { source: 'inspection', createdAt: at('10-09 09:00'), status: 'closed', closedAt: at('10-12 16:00'), rectifyDeadline: '2026-10-12', rating: { value: 'unsatisfied', at: at('10-13 09:00') } },
  [
    ['submit', '10-09 09:00', null, 'submitted'],
    ['accept', '10-09 09:30', 'submitted', 'accepted'],
    ['dispatch', '10-09 10:00', 'accepted', 'dispatched'],
    ['sign', '10-09 11:00', 'dispatched', 'signed'],
    ['answer', '10-09 12:00', 'signed', 'answered'],
    ['rectify', '10-10 10:00', 'answered', 'rectified'],
    ['verifyFail', '10-10 15:00', 'rectified', 'answered'],
    ['rectify', '10-12 10:00', 'answered', 'rectified'],
    ['verifyPass', '10-12 16:00', 'rectified', 'closed'],
    ['rate', '10-13 09:00', 'closed', 'closed']
  ]
)
// P3: late (a 工作提示函 on 10-11), closed 10-13, then reopened by the reporter on 10-20: no longer closed, its rating void
const P3 = problem({ createdAt: at('10-08 10:00'), status: 'accepted', closedAt: null, rectifyDeadline: '2026-10-10', reminders: 1 }, [
  ['submit', '10-08 10:00', null, 'submitted'],
  ['accept', '10-08 11:00', 'submitted', 'accepted'],
  ['dispatch', '10-08 14:00', 'accepted', 'dispatched'],
  ['sign', '10-08 15:00', 'dispatched', 'signed'],
  ['answer', '10-09 10:00', 'signed', 'answered'],
  ['remind', '10-11 00:30', 'answered', 'answered'],
  ['rectify', '10-12 10:00', 'answered', 'rectified'],
  ['verifyPass', '10-13 10:00', 'rectified', 'closed'],
  ['rate', '10-13 12:00', 'closed', 'closed'],
  ['reopen', '10-20 09:00', 'closed', 'accepted']
])
// P4: suspended (挂起) while dispatched, due 10-15
const P4 = problem({ createdAt: at('10-05 10:00'), status: 'dispatched', rectifyDeadline: '2026-10-15', suspended: true }, [
  ['submit', '10-05 10:00', null, 'submitted'],
  ['accept', '10-05 11:00', 'submitted', 'accepted'],
  ['dispatch', '10-05 12:00', 'accepted', 'dispatched']
])
// P5: rejected (不予受理), never dispatched
const P5 = problem({ createdAt: at('10-02 10:00'), status: 'rejected', unitId: null }, [
  ['submit', '10-02 10:00', null, 'submitted'],
  ['reject', '10-02 12:00', 'submitted', 'rejected']
])
// P6: signed, the answer is late: overdue from the reminder on 10-24
const P6 = problem({ createdAt: at('10-20 10:00'), status: 'signed', rectifyDeadline: '2026-10-25', reminders: 1 }, [
  ['submit', '10-20 10:00', null, 'submitted'],
  ['accept', '10-20 11:00', 'submitted', 'accepted'],
  ['dispatch', '10-20 12:00', 'accepted', 'dispatched'],
  ['sign', '10-21 09:00', 'dispatched', 'signed'],
  ['remind', '10-24 00:30', 'signed', 'signed']
])
// P7: another village, another unit: closed on time the same day
const P7 = problem({ villageId: 'v_b', gridId: null, unitId: 'u2', createdAt: at('10-03 10:00'), status: 'closed', closedAt: at('10-03 18:00'), rectifyDeadline: '2026-10-04' }, [
  ['submit', '10-03 10:00', null, 'submitted'],
  ['rectify', '10-03 17:00', 'answered', 'rectified'],
  ['verifyPass', '10-03 18:00', 'rectified', 'closed']
])
const ALL = [P1, P2, P3, P4, P5, P6, P7]

describe('periods (China calendar)', () => {
  test.each([
    ['a Wednesday', '2026-10-14T12:00:00+08:00', '2026-10-12', '2026-10-18'],
    ['Sunday night in China (still Sunday)', '2026-10-18T23:30:00+08:00', '2026-10-12', '2026-10-18'],
    ['Monday 00:10 in China = Sunday in UTC', '2026-10-19T00:10:00+08:00', '2026-10-19', '2026-10-25'],
    ['a week across the new year', '2026-12-31T12:00:00+08:00', '2026-12-28', '2027-01-03']
  ])('week of %s', (_name, instant, first, last) => {
    expect(weekOf(new Date(instant))).toMatchObject({ kind: 'week', first, last })
  })

  test('month, and a range', () => {
    expect(monthOf(new Date('2026-02-01T00:05:00+08:00'))).toEqual({ kind: 'month', first: '2026-02-01', last: '2026-02-28', label: '2026年2月' })
    expect(monthOf(new Date('2026-01-31T16:30:00Z'))).toMatchObject({ first: '2026-02-01' }) // 00:30 on 2-1 in China
    expect(rangeOf('2026-10-08', '2026-10-10')).toEqual({ kind: 'range', first: '2026-10-08', last: '2026-10-10', label: '10月8日至10月10日' })
    expect(() => rangeOf('2026-10-10', '2026-10-08')).toThrow('结束日期不能早于开始日期')
    expect(() => rangeOf('2026-02-30', '2026-03-01')).toThrow('日期格式不正确')
  })
})

describe('one problem’s tally', () => {
  test('P1: closed on time across 国庆 — 2 working days, counted on the 销号 and deadline days', () => {
    expect(tallyProblem(P1, calendar)).toEqual([
      { day: '2026-09-30', figures: { createdResident: 1, resolved: 1 } },
      { day: '2026-10-09', figures: { closed: 1, handlingWorkdays: 2, due: 1, closedOnTime: 1, rectified: 1, passed: 1 } },
      { day: '2026-10-10', figures: { rated: 1, ratedSatisfied: 1 } }
    ])
  })

  test('P3: reopened — its earlier 销号, rating and on-time status are gone; its steps remain', () => {
    expect(tallyProblem(P3, calendar)).toEqual([
      { day: '2026-10-08', figures: { createdResident: 1 } },
      { day: '2026-10-10', figures: { due: 1 } },
      { day: '2026-10-12', figures: { rectified: 1 } },
      { day: '2026-10-13', figures: { passed: 1 } },
      { day: '2026-10-20', figures: { reopened: 1 } }
    ])
  })

  test('handling days follow the calendar: the office making 10-09 a holiday takes one off; a stored figure wins', () => {
    const corrected = new WorkCalendar([{ date: '2026-10-09', kind: 'holiday' }])
    const day = (p: ProblemFacts, cal: WorkCalendar) => tallyProblem(p, cal).find((t) => t.day === '2026-10-09')?.figures.handlingWorkdays
    expect(day(P1, calendar)).toBe(2)
    expect(day(P1, corrected)).toBe(1)
    expect(day({ ...P1, handlingWorkdays: 5 }, corrected)).toBe(5)
    // 10-09 (Fri) → 10-12 (Mon): the 调休 Saturday 10-10 counts, Sunday does not
    expect(tallyProblem(P2, calendar).find((t) => t.day === '2026-10-12')?.figures.handlingWorkdays).toBe(2)
  })

  test('closed after a 工作提示函 is not on time even before the deadline; a suspended one is due but never on time', () => {
    const reminded = { ...P1, reminders: 1 }
    expect(tallyProblem(reminded, calendar).find((t) => t.day === '2026-10-09')?.figures.closedOnTime).toBeUndefined()
    const late = { ...P1, closedAt: at('10-10 09:00') }
    expect(tallyProblem(late, calendar).find((t) => t.day === '2026-10-09')?.figures).toEqual({ due: 1, rectified: 1, passed: 1 })
    expect(tallyProblem(P4, calendar).find((t) => t.day === '2026-10-15')?.figures).toEqual({ due: 1, suspended: 1 })
  })
})

describe('indicators of a village for October 2026', () => {
  const october = monthOf(at('10-15 12:00'))
  const endOfOctober = at('10-31 23:59')
  const byVillage = indicatorsBy(ALL, october, 'village', endOfOctober, calendar)

  test('东村 (v_a), every figure computed by hand', () => {
    const a = byVillage.get('v_a')
    expect(a).toEqual({
      // P3 P4 P5 P6 from residents (P1 was submitted in September), P2 from 督导
      created: 5,
      createdResident: 4,
      createdInspection: 1,
      // P1 (10-09) and P2 (10-12); P3 was reopened
      closed: 2,
      // P6 only: P3's reminder was followed by a change of status
      overdue: 1,
      // P3 (accepted again), P4 (dispatched), P6 (signed)
      open: 3,
      // due: P1 10-09, P2 10-12, P3 10-10, P4 10-15 (suspended), P6 10-25; on time: P1, P2
      onTimeRate: { num: 2, den: 4, value: 0.5 },
      // submitted in October and closed now: P2; valid = 5 − P5 (rejected)
      closureRate: { num: 1, den: 4, value: 0.25 },
      // rectified: P1, P2 twice, P3; sent back: P2 once
      reworkRate: { num: 1, den: 4, value: 0.25 },
      // passed: P1, P2, P3; reopened: P3
      reopenRate: { num: 1, den: 3, value: 1 / 3 },
      // P1 satisfied, P2 unsatisfied (P3's rating was voided by its reopening)
      satisfactionRate: { num: 1, den: 2, value: 0.5 },
      // (2 + 2) ÷ 2
      avgHandlingDays: { num: 4, den: 2, value: 2 }
    })
  })

  test('the other village: one problem closed the same day (0 working days)', () => {
    expect(byVillage.get('v_b')).toMatchObject({ created: 1, closed: 1, onTimeRate: { num: 1, den: 1, value: 1 }, avgHandlingDays: { num: 0, den: 1, value: 0 }, satisfactionRate: { value: null } })
  })

  test('a week: 10-12 to 10-18', () => {
    const w = indicatorsBy(ALL, weekOf(at('10-14 12:00')), 'town', at('10-18 23:59'), calendar).get('town')
    expect(w).toMatchObject({
      created: 0,
      closed: 1, // P2 on 10-12
      onTimeRate: { num: 1, den: 1 }, // due P2 (10-12) and P4 (10-15, suspended)
      reworkRate: { num: 0, den: 2 }, // rectified: P2 (its second time) and P3 on 10-12; P2 was sent back on 10-10
      reopenRate: { num: 0, den: 2 }, // passed: P2 10-12, P3 10-13
      satisfactionRate: { num: 0, den: 1 }, // P2 unsatisfied on 10-13
      open: 1, // P4 (dispatched); P3 was closed on 10-13 (reopened only on 10-20); P6 not yet submitted
      overdue: 0
    })
  })

  test('by unit and by source; a problem never dispatched is in the "" unit group', () => {
    const units = figuresBy(ALL, october, 'unit', calendar)
    expect(units.get('')).toMatchObject({ createdResident: 1, withdrawn: 1 })
    expect(units.get('u2')).toMatchObject({ createdResident: 1, closed: 1, closedOnTime: 1 })
    expect(figuresBy(ALL, october, 'source', calendar).get('inspection')).toMatchObject({ createdInspection: 1, rectified: 2, sentBack: 1 })
  })

  test('state at an instant, replayed from events', () => {
    expect(stateAt(P3, at('10-11 12:00'))).toEqual({ open: true, overdue: true })
    expect(stateAt(P3, at('10-12 12:00'))).toEqual({ open: true, overdue: false })
    expect(stateAt(P3, at('10-15 12:00'))).toEqual({ open: false, overdue: false })
    expect(stateAt(P6, at('10-19 12:00'))).toBeNull()
    expect(gaugesBy(ALL, at('10-11 12:00'), 'village').get('v_a')).toEqual({ open: 3, overdue: 1 })
  })

  test('summing daily counts gives the same figures as the problems themselves', () => {
    const rows = ALL.flatMap((p) =>
      tallyProblem(p, calendar).map((t) => ({ villageId: p.villageId, gridId: p.gridId, unitId: p.unitId, category: p.category, source: p.source, day: t.day, ...t.figures }))
    )
    for (const by of ['village', 'unit', 'grid', 'category', 'source', 'town'] as const) expect(sumCounts(rows, october, by)).toEqual(figuresBy(ALL, october, by, calendar))
  })

  test('no data: rates are null, not 0 % or 100 %', () => {
    expect(indicatorsOf(zeroFigures())).toMatchObject({ onTimeRate: { value: null }, satisfactionRate: { value: null }, avgHandlingDays: { value: null } })
    expect(FIGURES).toContain('closedOnTime')
  })
})

describe('definitions', () => {
  test('every indicator has a Chinese label and definition, and the README’s 指标口径 repeats each word for word', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## 指标口径'))
    expect(readme).toContain('## 指标口径')
    for (const d of Object.values(INDICATOR_DEFINITIONS)) {
      expect(d.label).toMatch(/[\u4e00-\u9fa5]/)
      expect(section).toContain(`**${d.label}**：${d.definition}`)
    }
  })
})
