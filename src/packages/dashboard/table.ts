/** The columns of the dashboard's village/grid/unit tables and their sorting (pure: unit-tested). */
import type { Ratio } from '@/domain/indicators'
import type { DashboardRow } from '@/domain/dashboard'
import type { Measure } from './links'

export interface Column {
  key: string
  label: string
  /** The definition shown for ⓘ (a key of the dashboard's definitions). */
  info: string
  /** The number sorted by (null = no data: always last). */
  value: (row: DashboardRow) => number | null
  text: (row: DashboardRow) => string
  /** Taps through to the ledger with this measure. */
  measure?: Measure
  /** Villages only (patrols, 信息, 走访). */
  supervision?: true
}

const pct = (r: Ratio) => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`)
const days = (r: Ratio) => (r.value === null ? '—' : r.value.toFixed(1))
const rate = (key: 'onTimeRate' | 'closureRate' | 'satisfactionRate' | 'reworkRate' | 'reopenRate', label: string): Column => ({
  key,
  label,
  info: key,
  value: (r) => r.indicators[key].value,
  text: (r) => pct(r.indicators[key])
})
const count = (key: 'created' | 'closed' | 'overdue' | 'open', label: string, measure: Measure): Column => ({
  key,
  label,
  info: key,
  value: (r) => r.indicators[key],
  text: (r) => String(r.indicators[key]),
  measure
})

export const COLUMNS: Column[] = [
  { key: 'score', label: '得分', info: 'score', value: (r) => r.score, text: (r) => (r.score === null ? '—' : r.score.toFixed(1)) },
  { key: 'rank', label: '排名', info: 'score', value: (r) => (r.rank === null ? null : -r.rank), text: (r) => r.rankLabel },
  count('created', '问题数', 'created'),
  count('closed', '已销号', 'closed'),
  count('overdue', '超期', 'overdue'),
  count('open', '在办', 'open'),
  rate('onTimeRate', '按期办结率'),
  rate('closureRate', '结案率'),
  rate('satisfactionRate', '满意率'),
  rate('reworkRate', '返工率'),
  rate('reopenRate', '重新处理率'),
  { key: 'avgHandlingDays', label: '平均处置(工作日)', info: 'avgHandlingDays', value: (r) => r.indicators.avgHandlingDays.value, text: (r) => days(r.indicators.avgHandlingDays) },
  {
    key: 'patrols',
    label: '巡查 已巡/应巡',
    info: 'patrols',
    supervision: true,
    value: (r) => r.supervision?.patrolsDone ?? null,
    text: (r) => (r.supervision ? `${r.supervision.patrolsDone}/${r.supervision.patrolsScheduled}` : '—')
  },
  { key: 'findings', label: '巡查发现', info: 'patrols', supervision: true, value: (r) => r.supervision?.findings ?? null, text: (r) => String(r.supervision?.findings ?? '—') },
  {
    key: 'info',
    label: '信息 采用/报送',
    info: 'info',
    supervision: true,
    value: (r) => r.supervision?.infoAdopted ?? null,
    text: (r) => (r.supervision ? `${r.supervision.infoAdopted}/${r.supervision.infoSubmitted}` : '—')
  },
  { key: 'visits', label: '走访户数', info: 'visits', supervision: true, value: (r) => r.supervision?.householdsVisited ?? null, text: (r) => String(r.supervision?.householdsVisited ?? '—') }
]

export type SortDir = 'desc' | 'asc'
export interface SortState {
  key: string
  dir: SortDir
}

/** The columns a table shows: supervision columns only when its rows carry them. */
export const columnsFor = (rows: readonly DashboardRow[]) => COLUMNS.filter((c) => !c.supervision || rows.some((r) => r.supervision !== null))

/** Rows sorted by a column (no data last whatever the direction; ties by the given order). */
export function sortRows(rows: readonly DashboardRow[], sort: SortState | null): DashboardRow[] {
  if (!sort) return [...rows]
  const col = COLUMNS.find((c) => c.key === sort.key)
  if (!col) return [...rows]
  const sign = sort.dir === 'desc' ? -1 : 1
  return rows
    .map((row, i) => ({ row, i, v: col.value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1
      return sign * (a.v - b.v) || a.i - b.i
    })
    .map((x) => x.row)
}

/** Tapping a header: sort by it (largest first), tapping it again turns the order round. */
export function nextSort(cur: SortState | null, key: string): SortState {
  return cur?.key === key ? { key, dir: cur.dir === 'desc' ? 'asc' : 'desc' } : { key, dir: 'desc' }
}
