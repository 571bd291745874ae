import { monthGrid, shiftMonth } from '@/domain/month-grid'

describe('monthGrid: weeks Monday first', () => {
  test.each<[number, number, string, number]>([
    // year, month, first date, leading blanks
    [2026, 10, '2026-10-01', 3], // a Thursday
    [2026, 2, '2026-02-01', 6], // a Sunday
    [2027, 2, '2027-02-01', 0], // a Monday
    [2024, 2, '2024-02-01', 3] // a Thursday, leap year
  ])('%i-%i', (year, month, first, blanks) => {
    const rows = monthGrid(year, month)
    const cells = rows.flat()
    expect(cells.slice(0, blanks).every((cell) => cell === null)).toBe(true)
    expect(cells[blanks]?.date).toBe(first)
    expect(rows.every((row) => row.length === 7)).toBe(true)
  })

  test('row counts and the last day', () => {
    expect(monthGrid(2027, 2)).toHaveLength(4)
    expect(monthGrid(2026, 2)).toHaveLength(5)
    expect(monthGrid(2026, 8)).toHaveLength(6) // 1 Aug 2026 is a Saturday, 31 days
    const leap = monthGrid(2024, 2)
      .flat()
      .filter((cell) => cell !== null)
    expect(leap).toHaveLength(29)
    expect(leap[28]?.date).toBe('2024-02-29')
  })

  test('weekends are the last two columns', () => {
    const oct = monthGrid(2026, 10).flat()
    const saturday = oct.find((cell) => cell?.date === '2026-10-03')
    const monday = oct.find((cell) => cell?.date === '2026-10-05')
    expect(saturday).toMatchObject({ column: 5, weekend: true })
    expect(monday).toMatchObject({ column: 0, weekend: false })
  })
})

describe('shiftMonth', () => {
  test.each<[number, number, number, { year: number; month: number }]>([
    [2026, 12, 1, { year: 2027, month: 1 }],
    [2026, 1, -1, { year: 2025, month: 12 }],
    [2026, 5, 0, { year: 2026, month: 5 }],
    [2026, 3, -15, { year: 2024, month: 12 }]
  ])('%i-%i shifted by %i', (year, month, delta, expected) => {
    expect(shiftMonth(year, month, delta)).toEqual(expected)
  })
})
