import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { REPORT_STATUS_LABELS, type QueueCounts, type QueuePage, type ReportStatus, type ReportSummary } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { ReportFilters, cleanFilters, type ReportFilterValue } from '@/components/report-filters'
import { ReportList } from '@/components/report-list'
import { guardedPage } from '@/components/guard'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useUnits } from '@/hooks/use-org'
import { PAGE_SIZE, usePagedQueryOf } from '@/hooks/use-query'
import { useCategories } from '@/hooks/use-reports'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { ROUTES, withId } from '@/services/routes'
import { queueFiltersOf } from '@/services/home-links'
import './index.scss'

export default guardedPage('report-queue', Queue)

/** The statuses of an open problem, as chips with their counts; the closed ones are under 更多筛选. */
const OPEN_CHIPS: readonly ReportStatus[] = ['submitted', 'accepted', 'returned', 'dispatched', 'signed', 'answered', 'rectified']
const DONE_STATUSES: readonly ReportStatus[] = ['rejected', 'duplicate', 'closed']

type QueueView = 'mine' | 'all' | ReportStatus

/** Where the chips put the queue: 待我处理, 全部, or one status. */
function viewOf(mine: boolean, status: ReportStatus | undefined): QueueView {
  if (mine) return 'mine'
  return status ?? 'all'
}

function chipOptions(counts: QueueCounts | null): Array<{ value: QueueView; label: string }> {
  const n = (k: number | undefined) => (counts ? ` ${k ?? 0}` : '')
  return [
    { value: 'mine', label: `待我处理${n(counts?.mine)}` },
    { value: 'all', label: '全部' },
    ...OPEN_CHIPS.filter((s) => !counts || (counts.byStatus[s] ?? 0) > 0).map((s) => ({ value: s, label: `${REPORT_STATUS_LABELS[s]}${n(counts?.byStatus[s])}` }))
  ]
}

function Queue() {
  const scope = useAdminScope()
  // opens on 待我处理, the most urgent first — or on what a count of 首页 links to (?status=…, ?overdue=1)
  const { params } = useRouter()
  const [linked] = useState(() => queueFiltersOf(params))
  const [mine, setMine] = useState(Object.keys(linked).length === 0)
  const [filters, setFilters] = useState<ReportFilterValue>(linked)
  const [counts, setCounts] = useState<QueueCounts | null>(null)
  const org = useOrgOverview()
  const categories = useCategories()
  const unitFilter = scope.isTownAdmin || scope.isVillageAdmin
  const units = useUnits(unitFilter)
  // The queue has no date range (the ledger has).
  const { from: _from, to: _to, ...queueFilters } = cleanFilters(filters)
  const list = usePagedQueryOf('reports.queue', { ...queueFilters, ...(mine ? { mine: true } : {}), pageSize: PAGE_SIZE }, (data: QueuePage, first) => {
    if (first) setCounts(data.counts)
    return data
  })
  // Back from a problem just handled: show where things stand now.
  useReloadOnShow(list)
  const view = viewOf(mine, queueFilters.status)
  const choose = (next: QueueView) => {
    setMine(next === 'mine')
    setFilters(cleanFilters({ ...filters, status: next === 'mine' || next === 'all' ? undefined : next }))
  }
  // a closed status chosen under 更多筛选 leaves 待我处理 (nothing closed waits for anyone)
  const onFilters = (next: ReportFilterValue) => {
    if (next.status && next.status !== filters.status) setMine(false)
    setFilters(next)
  }
  const narrowed = Object.keys(queueFilters).length > 0

  return (
    <View className='report-queue'>
      {scope.canInspect || scope.canSeeLedger ? (
        <View className='wm-actions queue-links'>
          {scope.canInspect ? (
            <Button className='queue-inspect' size='small' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.inspect })}>
              督导上报
            </Button>
          ) : null}
          {scope.canSeeLedger ? (
            <Button className='queue-ledger' size='small' fill='outline' onClick={() => void Taro.navigateTo({ url: ROUTES.ledger })}>
              问题台账
            </Button>
          ) : null}
        </View>
      ) : null}
      <ChoiceChips className='queue-views' label='问题处置' options={chipOptions(counts)} value={view} onChange={choose} />
      {mine ? <Text className='wm-muted queue-order'>等您处理的问题，超期的在前，其余按期限先后</Text> : null}
      <ReportFilters
        value={filters}
        onChange={onFilters}
        org={org.data}
        villageIds={scope.isTownAdmin ? null : scope.staffVillageIds}
        categories={categories.data}
        units={unitFilter ? units.data : null}
        statuses={DONE_STATUSES}
        folded
      />
      <ReportList
        className='queue-list'
        list={list}
        showUnit
        emptyText={emptyText(mine, narrowed)}
        onOpen={(report: ReportSummary) => void Taro.navigateTo({ url: withId(ROUTES.handle, report.id) })}
      />
    </View>
  )
}

function emptyText(mine: boolean, narrowed: boolean): string {
  if (narrowed) return '没有符合条件的问题'
  return mine ? '现在没有等您处理的问题。新问题提交、派到您或待验收时会出现在这里' : '暂时没有需要处置的问题'
}
