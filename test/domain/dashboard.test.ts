/** 数据看板 aggregation: hand-built counts and gauges in, hand-computed figures out. */
import { buildDashboard, daysNeeded, supervisionBy, trendWeeks, type CountCell, type DashboardSource, type GaugeCell } from '../../src/domain/dashboard'
import { monthOf, rangeOf, weekOf } from '../../src/domain/indicators'

const NOW = new Date('2026-11-18T02:00:00Z') // Wednesday 10:00 China time

const cell = (day: string, villageId: string, unitId: string | null, category: string, figures: Partial<CountCell>, gridId: string | null = null): CountCell => ({
  day,
  villageId,
  unitId,
  gridId,
  category,
  source: 'resident',
  ...figures
})
const gauge = (villageId: string, unitId: string | null, category: string, n: number, overdue = false, gridId: string | null = null): GaugeCell => ({ villageId, unitId, gridId, category, overdue, n })

function source(over: Partial<DashboardSource> = {}): DashboardSource {
  return {
    now: NOW,
    period: monthOf(NOW),
    scope: { kind: 'town' },
    cells: [],
    gauges: [],
    villages: [
      { id: 'v1', name: '东山村' },
      { id: 'v2', name: '西岗社区' },
      { id: 'v3', name: '南湖村' }
    ],
    grids: [],
    units: [
      { id: 'u1', name: '城管办' },
      { id: 'u2', name: '环卫所' }
    ],
    categories: [
      { code: 'litter', name: '垃圾乱扔' },
      { code: 'parking', name: '乱停乱放' }
    ],
    patrols: [],
    info: [],
    visits: [],
    ...over
  }
}

describe('periods and the trend', () => {
  test('twelve Monday-to-Sunday weeks ending with this week (China time)', () => {
    const weeks = trendWeeks(NOW)
    expect(weeks).toHaveLength(12)
    expect(weeks[11]).toMatchObject({ first: '2026-11-16', last: '2026-11-22', label: '11/16' })
    expect(weeks[0]).toMatchObject({ first: '2026-08-31', last: '2026-09-06' })
    // Sunday 23:30 China time is still the week of Monday 11-16 (UTC says Sunday 15:30)
    expect(trendWeeks(new Date('2026-11-22T15:30:00Z'), 1)[0].first).toBe('2026-11-16')
    // Monday 00:10 China time is already the next week (UTC still says Sunday)
    expect(trendWeeks(new Date('2026-11-22T16:10:00Z'), 1)[0].first).toBe('2026-11-23')
  })

  test('the days to read cover the period, this week and the trend', () => {
    expect(daysNeeded(NOW, monthOf(NOW))).toEqual({ first: '2026-08-31', last: '2026-11-30' })
    expect(daysNeeded(NOW, rangeOf('2026-01-01', '2026-01-31'))).toEqual({ first: '2026-01-01', last: '2026-11-18' })
  })
})

describe('buildDashboard', () => {
  const cells = [
    // today: 3 new in 东山 (2 litter, 1 parking), one closed
    cell('2026-11-18', 'v1', null, 'litter', { createdResident: 2 }),
    cell('2026-11-18', 'v1', 'u1', 'parking', { createdResident: 1, closed: 1, handlingWorkdays: 3, passed: 1 }),
    // Monday: 1 new in 西岗 (督导)
    cell('2026-11-16', 'v2', 'u2', 'litter', { createdInspection: 1 }),
    // earlier this month: 10 in 南湖, 8 due of which 6 closed on time, 1 suspended
    cell('2026-11-03', 'v3', 'u1', 'litter', { createdResident: 10, resolved: 7, closed: 7, due: 8, suspended: 1, closedOnTime: 6, handlingWorkdays: 14, rectified: 8, sentBack: 1, passed: 7 }),
    // last month: outside the period, inside the trend
    cell('2026-10-20', 'v1', 'u1', 'litter', { createdResident: 4, due: 3, closedOnTime: 1 })
  ]
  const gauges = [gauge('v1', null, 'litter', 2), gauge('v1', 'u1', 'parking', 1, true), gauge('v3', 'u1', 'litter', 3, true), gauge('v2', 'u2', 'litter', 1)]

  test('cards: today and this week from the counts, 超期 and 在办 now', () => {
    const d = buildDashboard(source({ cells, gauges }))
    expect(Object.fromEntries(d.cards.map((c) => [c.key, c.value]))).toEqual({ createdToday: 3, closedToday: 1, createdWeek: 4, closedWeek: 1, overdue: 4, open: 7 })
    expect(d.cards.find((c) => c.key === 'createdWeek')).toMatchObject({ from: '2026-11-16', to: '2026-11-18' })
  })

  test('the month’s totals and indicators', () => {
    const d = buildDashboard(source({ cells, gauges }))
    expect(d.totals.created).toBe(14)
    expect(d.totals.closed).toBe(8)
    // 按期办结率 = 6 ÷ (8 − 1)
    expect(d.totals.onTimeRate).toEqual({ num: 6, den: 7, value: 6 / 7 })
    // 平均处置时长 = (3 + 14) ÷ 8
    expect(d.totals.avgHandlingDays.value).toBeCloseTo(17 / 8)
  })

  test('trend: created, closed and 到期未按期办结 per week', () => {
    const d = buildDashboard(source({ cells, gauges }))
    const week = (first: string) => d.trend.find((w) => w.first === first)
    expect(week('2026-11-16')).toMatchObject({ created: 4, closed: 1, lapsed: 0 })
    expect(week('2026-11-02')).toMatchObject({ created: 10, closed: 7, lapsed: 1 }) // 8 due − 1 suspended − 6 on time
    expect(week('2026-10-19')).toMatchObject({ created: 4, closed: 0, lapsed: 2 })
  })

  test('categories by problems of the period, with their open and overdue now', () => {
    const d = buildDashboard(source({ cells, gauges }))
    expect(d.categories).toEqual([
      { code: 'litter', name: '垃圾乱扔', created: 13, closed: 7, open: 6, overdue: 3 },
      { code: 'parking', name: '乱停乱放', created: 1, closed: 1, open: 1, overdue: 1 }
    ])
  })

  test('village table: every village listed, peer groups apart, 数据不足 below the minimum volume', () => {
    const d = buildDashboard(source({ cells, gauges }))
    expect(d.placesTitle).toBe('村（居）')
    expect(d.places.map((p) => [p.name, p.peerLabel, p.indicators.created, p.indicators.overdue, p.rankLabel])).toEqual([
      ['东山村', '村', 3, 1, '数据不足'],
      ['西岗社区', '社区', 1, 0, '数据不足'],
      ['南湖村', '村', 10, 3, '第 1 名']
    ])
    expect(d.places[2].score).not.toBeNull()
    expect(d.places[2].formula).toContain('威尔逊下限')
    expect(d.units.map((u) => [u.name, u.indicators.created, u.indicators.open])).toEqual([
      ['城管办', 11, 4],
      ['环卫所', 1, 1]
    ])
  })

  test('a tiny village with a perfect record never outranks a large one with a good record', () => {
    const big = cell('2026-11-05', 'v1', 'u1', 'litter', {
      createdResident: 40,
      resolved: 38,
      closed: 38,
      due: 40,
      closedOnTime: 36,
      rated: 30,
      ratedSatisfied: 27,
      rectified: 40,
      sentBack: 2,
      passed: 38,
      handlingWorkdays: 76
    })
    const tiny = cell('2026-11-05', 'v3', 'u2', 'litter', {
      createdResident: 5,
      resolved: 5,
      closed: 5,
      due: 5,
      closedOnTime: 5,
      rated: 5,
      ratedSatisfied: 5,
      rectified: 5,
      passed: 5,
      handlingWorkdays: 5
    })
    const d = buildDashboard(source({ cells: [big, tiny] }))
    const rank = Object.fromEntries(d.places.map((p) => [p.id, p.rank]))
    expect(rank).toEqual({ v1: 1, v2: null, v3: 2 })
  })

  test('a village admin’s scope: its own figures, its grids instead of villages, the units that worked there', () => {
    const scoped = [...cells, cell('2026-11-18', 'v1', null, 'litter', { createdResident: 1 }, 'g1')]
    const d = buildDashboard(
      source({
        cells: scoped,
        gauges,
        scope: { kind: 'village', villageId: 'v1' },
        grids: [
          { id: 'g1', name: '一组' },
          { id: 'g2', name: '二组' }
        ]
      })
    )
    expect(d.scopeName).toBe('东山村')
    expect(d.totals.created).toBe(4)
    expect(d.cards.find((c) => c.key === 'overdue')?.value).toBe(1)
    expect(d.placesTitle).toBe('网格')
    expect(d.places.map((p) => [p.name, p.indicators.created])).toEqual([
      ['一组', 1],
      ['二组', 0]
    ])
    // problems without a grid are in the totals, not in a grid's row
    expect(d.units.map((u) => u.id)).toEqual(['u1'])
  })

  test('a unit’s scope: only the problems sent to it, by village', () => {
    const d = buildDashboard(source({ cells, gauges, scope: { kind: 'unit', unitId: 'u2' }, period: weekOf(NOW) }))
    expect(d.scopeName).toBe('环卫所')
    expect(d.totals.created).toBe(1)
    expect(d.places.map((p) => p.id)).toEqual(['v2'])
    expect(d.units.map((u) => u.id)).toEqual(['u2'])
    expect(d.supervision).toBeNull()
  })

  test('empty: no counts at all gives zeros, not errors', () => {
    const d = buildDashboard(source())
    expect(d.cards.every((c) => c.value === 0)).toBe(true)
    expect(d.categories).toEqual([])
    expect(d.places.every((p) => p.rankLabel === '数据不足')).toBe(true)
    expect(d.totals.onTimeRate.value).toBeNull()
  })
})

describe('supervision counts by village', () => {
  test('patrols within the period, 信息 and 走访 of the half months and months overlapping it', () => {
    const out = supervisionBy({
      period: rangeOf('2026-11-10', '2026-11-20'),
      patrols: [
        { villageId: 'v1', date: '2026-11-09', scheduled: 5, done: 5, findings: 1, deductions: 2 },
        { villageId: 'v1', date: '2026-11-10', scheduled: 2, done: 1, findings: 3, deductions: 4 },
        { villageId: 'v1', date: '2026-11-20', scheduled: 1, done: 1, findings: 0, deductions: 0 }
      ],
      info: [
        { villageId: 'v1', half: '2026-11-1', submitted: 2, adopted: 1 },
        { villageId: 'v1', half: '2026-11-2', submitted: 3, adopted: 0 },
        { villageId: 'v1', half: '2026-10-2', submitted: 9, adopted: 9 }
      ],
      visits: [
        { villageId: 'v1', month: '2026-11', visits: 7, visited: 6 },
        { villageId: 'v1', month: '2026-10', visits: 9, visited: 9 }
      ]
    })
    expect(out.get('v1')).toEqual({ patrolsScheduled: 3, patrolsDone: 2, findings: 3, deductions: 4, infoSubmitted: 5, infoAdopted: 1, visits: 7, householdsVisited: 6 })
  })
})
