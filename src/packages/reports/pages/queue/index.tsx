import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ReportSummary } from '@/contract'
import { ReportFilters, cleanFilters, type ReportFilterValue } from '@/components/report-filters'
import { ReportList } from '@/components/report-list'
import { REPORT_STAFF, Guard } from '@/components/guard'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useUnits } from '@/hooks/use-org'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useCategories } from '@/hooks/use-reports'
import { ROUTES, withId } from '@/services/routes'
import './index.scss'

export default function QueuePage() {
  return (
    <Guard name='report-queue' title='问题处置' rule={REPORT_STAFF} denied='只有网格员、责任单位、村（居）管理员和镇创建办可以处置问题'>
      <Queue />
    </Guard>
  )
}

function Queue() {
  const scope = useAdminScope()
  const [filters, setFilters] = useState<ReportFilterValue>({})
  const org = useOrgOverview()
  const categories = useCategories()
  const unitFilter = scope.isTownAdmin || scope.isVillageAdmin
  const units = useUnits(unitFilter)
  // The queue has no date range (the ledger has).
  const { from: _from, to: _to, ...queueFilters } = cleanFilters(filters)
  const list = usePagedQuery('reports.queue', { ...queueFilters, pageSize: PAGE_SIZE })
  // Back from a problem just handled: show where things stand now.
  useDidShow(() => {
    if (!list.loading) void list.reload()
  })

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
      <ReportFilters
        value={filters}
        onChange={setFilters}
        org={org.data}
        villageIds={scope.isTownAdmin ? null : scope.staffVillageIds}
        categories={categories.data}
        units={unitFilter ? units.data : null}
      />
      <ReportList
        className='queue-list'
        list={list}
        showUnit
        emptyText={Object.keys(queueFilters).length ? '没有符合条件的问题' : '暂时没有需要处置的问题'}
        onOpen={(report: ReportSummary) => void Taro.navigateTo({ url: withId(ROUTES.handle, report.id) })}
      />
    </View>
  )
}
