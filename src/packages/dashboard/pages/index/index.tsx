import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { DashboardPeriod, DashboardView, InputOf } from '@/contract'
import { DateField } from '@/components/date-field'
import { guardedPage } from '@/components/guard'
import { SectionCard } from '@/components/section-card'
import { Segmented } from '@/components/segmented'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { chinaDay, chinaDayAfter, fromChinaDay } from '@/domain/china-time'
import type { DashboardRow, DashboardScope } from '@/domain/dashboard'
import { useAdminScope, type AdminScope } from '@/hooks/use-admin-scope'
import { useQuery } from '@/hooks/use-query'
import { ROUTES, withId } from '@/services/routes'
import { DASHBOARD_ROUTES } from '@/services/dashboard-routes'
import { useAppStore } from '@/store/app-store'
import { CategoryChart, TrendChart, TREND_SERIES } from '../../components/charts'
import { CARD_MEASURE, cardUrl, measureUrl, placeFilter, queueUrl, type Measure } from '../../links'
import { columnsFor, nextSort, sortRows, type Column, type SortState } from '../../table'
import './index.scss'

/** 数据看板: the town office any scope, a village admin their village (with its grids), unit staff their unit. */
export default guardedPage('dashboard', Dashboard)

const PERIODS: Array<{ value: DashboardPeriod; label: string }> = [
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'range', label: '自选时段' }
]

/** The scope asked for in the address, else the caller's own (town office: the town). */
export function scopeFor(params: Record<string, string | undefined>, admin: AdminScope): DashboardScope | null {
  if (params.villageId) return { kind: 'village', villageId: params.villageId }
  if (params.unitId) return { kind: 'unit', unitId: params.unitId }
  if (admin.isTownAdmin) return { kind: 'town' }
  if (admin.villageIds[0]) return { kind: 'village', villageId: admin.villageIds[0] }
  if (admin.unitIds[0]) return { kind: 'unit', unitId: admin.unitIds[0] }
  return null
}

const scopeInput = (s: DashboardScope) => (s.kind === 'village' ? { villageId: s.villageId } : s.kind === 'unit' ? { unitId: s.unitId } : {})

function showInfo(view: DashboardView, key: string): void {
  const d = view.definitions[key]
  if (d) void Taro.showModal({ title: d.label, content: d.definition, showCancel: false, confirmText: '知道了' })
}

const open = (url: string) => void Taro.navigateTo({ url })

function Info({ view, k }: { view: DashboardView; k: string }) {
  return (
    <Text
      className='dashboard-info'
      onClick={(e) => {
        e.stopPropagation()
        showInfo(view, k)
      }}
    >
      ⓘ
    </Text>
  )
}

/** The ledger is for village admins and the town office; unit staff's numbers open their queue (filtered the same where it can). */
function useTap(): (url: string, measure: Measure) => void {
  const admin = useAdminScope()
  return (url, measure) => open(admin.canSeeLedger ? url : queueUrl(measure))
}

function Cards({ view }: { view: DashboardView }) {
  const tap = useTap()
  return (
    <View className='dashboard-cards'>
      {view.cards.map((c) => (
        <View key={c.key} className={`dashboard-card dashboard-card--${c.key}`} onClick={() => tap(cardUrl(view.scope, c), CARD_MEASURE[c.key])}>
          <Text className='dashboard-card-value'>{c.value}</Text>
          <Text className='dashboard-card-label'>
            {c.label}
            <Info view={view} k={c.key} />
          </Text>
        </View>
      ))}
    </View>
  )
}

function Trend({ view, elder }: { view: DashboardView; elder: boolean }) {
  const any = view.trend.some((w) => w.created + w.closed + w.lapsed > 0)
  return (
    <SectionCard title={`近 ${view.trend.length} 周趋势`} extra={<Info view={view} k='lapsed' />} className='dashboard-trend'>
      {any ? <TrendChart weeks={view.trend} elder={elder} /> : <EmptyState text='近几周还没有问题' />}
      <View className='dashboard-legend'>
        {TREND_SERIES.map((s) => (
          <Text key={s.key} className={`dashboard-legend-item dashboard-legend--${s.key}`}>
            {s.label} {view.trend[view.trend.length - 1]?.[s.key as 'created' | 'closed' | 'lapsed'] ?? 0}（本周）
          </Text>
        ))}
      </View>
    </SectionCard>
  )
}

function Categories({ view, elder }: { view: DashboardView; elder: boolean }) {
  const tap = useTap()
  const days = { from: view.period.first, to: view.period.last }
  return (
    <SectionCard title='问题类别' className='dashboard-categories'>
      {view.categories.length ? (
        <>
          <CategoryChart rows={view.categories} elder={elder} />
          {view.categories.map((c) => (
            <View key={c.code} className='dashboard-category-row'>
              <Text className='dashboard-category-name'>{c.name}</Text>
              <Text className='dashboard-link' onClick={() => tap(measureUrl({ ...placeFilter(view.scope), category: c.code }, 'created', days), 'created')}>
                新增 {c.created}
              </Text>
              <Text className='dashboard-link' onClick={() => tap(measureUrl({ ...placeFilter(view.scope), category: c.code }, 'overdue', null), 'overdue')}>
                超期 {c.overdue}
              </Text>
              <Text className='dashboard-link' onClick={() => tap(measureUrl({ ...placeFilter(view.scope), category: c.code }, 'open', null), 'open')}>
                在办 {c.open}
              </Text>
            </View>
          ))}
        </>
      ) : (
        <EmptyState text='本期没有问题' />
      )}
    </SectionCard>
  )
}

interface TableProps {
  view: DashboardView
  title: string
  rows: DashboardRow[]
  kind: 'village' | 'grid' | 'unit'
}

function Cell({ view, row, col, kind }: { view: DashboardView; row: DashboardRow; col: Column; kind: TableProps['kind'] }) {
  const tap = useTap()
  const measure = col.measure
  if (!measure) return <Text className={`dashboard-td dashboard-td--${col.key}`}>{col.text(row)}</Text>
  const url = measureUrl(placeFilter(view.scope, { kind, id: row.id }), measure, measure === 'created' ? { from: view.period.first, to: view.period.last } : null)
  return (
    <Text className={`dashboard-td dashboard-td--${col.key} dashboard-link`} onClick={() => tap(url, measure)}>
      {col.text(row)}
    </Text>
  )
}

/** Tapping a place's name opens its own dashboard (the town office: a village or a unit). */
function NameCell({ row, kind, drill }: { row: DashboardRow; kind: TableProps['kind']; drill: boolean }) {
  if (!drill || kind === 'grid') return <Text className='dashboard-td dashboard-td--name'>{row.name}</Text>
  const url = `${DASHBOARD_ROUTES.index}?${kind === 'village' ? 'villageId' : 'unitId'}=${row.id}`
  return (
    <Text className='dashboard-td dashboard-td--name dashboard-link' onClick={() => open(url)}>
      {row.name}
    </Text>
  )
}

function Table({ view, title, rows, kind }: TableProps) {
  const admin = useAdminScope()
  const [sort, setSort] = useState<SortState | null>(null)
  const cols = columnsFor(rows)
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort])
  if (!rows.length) return null
  return (
    <SectionCard title={title} extra={<Text className='wm-muted'>点列名排序</Text>} className={`dashboard-table dashboard-table--${kind}`}>
      <View className='dashboard-scroll'>
        <View className='dashboard-tr dashboard-tr--head'>
          <Text className='dashboard-th dashboard-td--name'>名称</Text>
          {cols.map((c) => (
            <Text key={c.key} className={`dashboard-th dashboard-th--${c.key}${sort?.key === c.key ? ' dashboard-th--sorted' : ''}`} onClick={() => setSort(nextSort(sort, c.key))}>
              {c.label}
              {sort?.key === c.key ? (sort.dir === 'desc' ? '↓' : '↑') : ''}
              <Info view={view} k={c.info} />
            </Text>
          ))}
        </View>
        {sorted.map((row) => (
          <View key={row.id} className='dashboard-tr'>
            <NameCell row={row} kind={kind} drill={admin.isTownAdmin && view.scope.kind === 'town'} />
            {cols.map((c) => (
              <Cell key={c.key} view={view} row={row} col={c} kind={kind} />
            ))}
          </View>
        ))}
      </View>
      <Text className='wm-muted dashboard-note'>
        问题数少于 {view.minVolume} 件显示「数据不足」，不排名；{kind === 'unit' ? '责任单位' : kind === 'grid' ? '网格' : '村、社区'}分开排名。
      </Text>
    </SectionCard>
  )
}

function Overdue({ view }: { view: DashboardView }) {
  const tap = useTap()
  const list = view.overdueList
  return (
    <SectionCard title={`超期问题（${list.total}）`} extra={<Info view={view} k='overdue' />} className='dashboard-overdue'>
      {list.items.length ? (
        list.items.map((i) => (
          <View key={i.id} className='dashboard-overdue-row' onClick={() => open(withId(ROUTES.handle, i.id))}>
            <Text className='dashboard-overdue-title'>
              {i.reportNo} · {i.categoryName}
            </Text>
            <Text className='wm-muted'>
              {i.villageName}
              {i.unitName ? ` · ${i.unitName}` : ''} · {i.statusLabel}
              {i.rectifyDeadline ? ` · 整改期限 ${i.rectifyDeadline}` : ''} · 提示函 {i.reminders} 次
            </Text>
          </View>
        ))
      ) : (
        <EmptyState text='没有超期问题' />
      )}
      {list.total > list.items.length ? (
        <Button fill='outline' className='dashboard-overdue-all' onClick={() => tap(measureUrl(placeFilter(view.scope), 'overdue', null), 'overdue')}>
          在问题台账中查看全部 {list.total} 件
        </Button>
      ) : null}
    </SectionCard>
  )
}

function Body({ view }: { view: DashboardView }) {
  const { largeFont } = useAppStore()
  const supervision = view.supervision
  return (
    <>
      <Cards view={view} />
      {supervision ? (
        <Text className='wm-muted dashboard-supervision'>
          巡查 {supervision.patrolsDone}/{supervision.patrolsScheduled} · 发现 {supervision.findings} · 信息采用 {supervision.infoAdopted}/{supervision.infoSubmitted} · 走访{' '}
          {supervision.householdsVisited} 户
        </Text>
      ) : null}
      <Trend view={view} elder={largeFont} />
      <Categories view={view} elder={largeFont} />
      <Table view={view} title={view.placesTitle} rows={view.places} kind={view.scope.kind === 'village' ? 'grid' : 'village'} />
      <Table view={view} title='责任单位' rows={view.units} kind='unit' />
      <Overdue view={view} />
    </>
  )
}

/** Moves a week or month anchor by `steps` periods. */
function shift(anchor: string, period: DashboardPeriod, steps: number): string {
  const at = fromChinaDay(anchor) ?? new Date()
  if (period === 'week') return chinaDayAfter(at, 7 * steps)
  const [y, m] = anchor.split('-').map(Number)
  const month = new Date(Date.UTC(y, m - 1 + steps, 1))
  return `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}-01`
}

function PeriodBar({
  period,
  anchor,
  range,
  onPeriod,
  onAnchor,
  onRange
}: {
  period: DashboardPeriod
  anchor: string
  range: { from: string; to: string }
  onPeriod: (p: DashboardPeriod) => void
  onAnchor: (a: string) => void
  onRange: (r: { from: string; to: string }) => void
}) {
  const today = chinaDay(new Date())
  return (
    <View className='dashboard-period'>
      <Segmented options={PERIODS} value={period} onChange={onPeriod} />
      {period === 'range' ? (
        <View className='dashboard-range'>
          <DateField value={range.from} end={range.to} onChange={(from) => onRange({ ...range, from })} />
          <Text>至</Text>
          <DateField value={range.to} start={range.from} end={today} onChange={(to) => onRange({ ...range, to })} />
        </View>
      ) : (
        <View className='dashboard-range'>
          <Button size='small' fill='outline' className='dashboard-prev' onClick={() => onAnchor(shift(anchor, period, -1))}>
            {period === 'week' ? '上一周' : '上一月'}
          </Button>
          <Button size='small' fill='outline' className='dashboard-next' disabled={shift(anchor, period, 1) > today} onClick={() => onAnchor(shift(anchor, period, 1))}>
            {period === 'week' ? '下一周' : '下一月'}
          </Button>
        </View>
      )}
    </View>
  )
}

function Dashboard() {
  const { params } = useRouter()
  const admin = useAdminScope()
  const scope = scopeFor(params, admin)
  const today = chinaDay(new Date())
  const [period, setPeriod] = useState<DashboardPeriod>('week')
  const [anchor, setAnchor] = useState(today)
  const [range, setRange] = useState({ from: `${today.slice(0, 8)}01`, to: today })
  const input: InputOf<'supervision.dashboard'> | null = scope ? { ...scopeInput(scope), period, ...(period === 'range' ? range : anchor === today ? {} : { from: anchor }) } : null
  const q = useQuery('supervision.dashboard', input)
  const view = q.data
  let body: JSX.Element
  if (!scope) body = <EmptyState text='您没有可以查看的村（居）或单位' />
  else if (q.error) body = <ErrorState message={q.error} onRetry={() => void q.reload()} retrying={q.loading} />
  else if (!view) body = <Skeleton rows={8} />
  else body = <Body view={view} />
  return (
    <View className='dashboard'>
      <View className='dashboard-head'>
        <Text className='dashboard-title'>{view ? view.scopeName : '数据看板'}</Text>
        {view ? (
          <Text className='wm-muted dashboard-asof'>
            {view.period.label} · 超期、在办为 {chinaDay(new Date(view.asOf)) === today ? '此刻' : chinaDay(new Date(view.asOf))} 的数
          </Text>
        ) : null}
      </View>
      <PeriodBar
        period={period}
        anchor={anchor}
        range={range}
        onPeriod={(p) => {
          setPeriod(p)
          setAnchor(today)
        }}
        onAnchor={setAnchor}
        onRange={setRange}
      />
      {body}
    </View>
  )
}
