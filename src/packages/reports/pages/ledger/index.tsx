import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FileLink, OPENS_ON_EXPORT } from '@/components/file-link/file-link'
import { LedgerTable } from '@/components/ledger-table'
import { ReportFilters, cleanFilters, filtersKey, type ReportFilterValue } from '@/components/report-filters'
import { ADMINS, Guard } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useUnits } from '@/hooks/use-org'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useCategories } from '@/hooks/use-reports'
import { openSpreadsheet } from '@/services/documents'
import { ROUTES, withId } from '@/services/routes'
import './index.scss'

export default function LedgerPage() {
  return (
    <Guard name='ledger' title='问题台账' rule={ADMINS} denied='问题台账只对村（居）管理员和镇创建办开放'>
      <Ledger />
    </Guard>
  )
}

interface Exported {
  url: string
  rows: number
  key: string
}

function Ledger() {
  const scope = useAdminScope()
  const [filters, setFilters] = useState<ReportFilterValue>({})
  const org = useOrgOverview()
  const categories = useCategories()
  const units = useUnits()
  const clean = cleanFilters(filters)
  const key = filtersKey(clean)
  const list = usePagedQuery('reports.ledger', { ...clean, pageSize: PAGE_SIZE })
  const exportLedger = useAction('reports.exportLedger')
  const exporting = exportLedger.busy
  const [exported, setExported] = useState<Exported | null>(null)
  const [openError, setOpenError] = useState<string | null>(null)
  const exportError = exportLedger.message ?? openError

  const exportExcel = async () => {
    setOpenError(null)
    const res = await exportLedger.run(clean)
    if (!res?.ok) return
    setExported({ url: res.data.url, rows: res.data.rows, key })
    void Taro.showToast({ title: `已导出 ${res.data.rows} 条`, icon: 'success' })
    if (OPENS_ON_EXPORT) {
      const opened = await openSpreadsheet(res.data.url)
      if (!opened.ok) setOpenError(opened.message)
    }
  }

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <Skeleton rows={6} />
  else if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  else if (!list.items.length) body = <EmptyState text={Object.keys(clean).length ? '没有符合条件的问题' : '台账里还没有问题'} />
  else
    body = (
      <>
        <LedgerTable rows={list.items} onOpen={(row) => void Taro.navigateTo({ url: withId(ROUTES.handle, row.id) })} />
        <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </>
    )

  return (
    <View className='ledger'>
      <ReportFilters value={filters} onChange={setFilters} org={org.data} villageIds={scope.isTownAdmin ? null : scope.villageIds} categories={categories.data} units={units.data} withDates />
      <View className='ledger-export-box'>
        <View className='wm-row'>
          <Text className='wm-muted'>按当前筛选导出，照片为链接</Text>
          <Button className='ledger-export' type='primary' size='small' loading={exporting} disabled={exporting} onClick={() => void exportExcel()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Button>
        </View>
        {exportError ? <Text className='wm-error-text ledger-export-error'>{exportError}</Text> : null}
        {exported && exported.key === key ? <FileLink url={exported.url} fileName='问题台账.xlsx' label={`下载 Excel（${exported.rows} 条）`} /> : null}
      </View>
      {body}
    </View>
  )
}
