/**
 * The weeks of a calendar month, Monday first, as the town's 节假日 page draws them. Calendar-date
 * arithmetic only (UTC days, no time zone, no clock): the month is the one named.
 */

export interface GridDay {
  /** YYYY-MM-DD */
  date: string
  day: number
  /** 0 = Monday … 6 = Sunday */
  column: number
  weekend: boolean
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** Rows of 7 cells (null before the 1st and after the last day). `month` is 1–12. */
export function monthGrid(year: number, month: number): Array<Array<GridDay | null>> {
  const first = new Date(Date.UTC(year, month - 1, 1))
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const lead = (first.getUTCDay() + 6) % 7
  const cells: Array<GridDay | null> = Array.from({ length: lead }, () => null)
  for (let day = 1; day <= days; day++) {
    const column = (lead + day - 1) % 7
    cells.push({ date: `${year}-${pad(month)}-${pad(day)}`, day, column, weekend: column >= 5 })
  }
  while (cells.length % 7) cells.push(null)
  const rows: Array<Array<GridDay | null>> = []
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7))
  return rows
}

/** The month `delta` months from year/month (delta may be negative). */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}
