import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { LedgerRow } from '@/contract'
import { FileLink, OPENS_ON_EXPORT } from '@/components/file-link/file-link'
import { LedgerCards, LedgerTable } from '@/components/ledger-table'
import { Segmented } from '@/components/segmented'
import { ReportFilters, cleanFilters, filtersKey, type ReportFilterValue } from '@/components/report-filters'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useUnits } from '@/hooks/use-org'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery, useQuery, type Paged } from '@/hooks/use-query'
import { useWideScreen } from '@/hooks/use-wide-screen'
import { useCategories } from '@/hooks/use-reports'
import { openSpreadsheet } from '@/services/documents'
import { ROUTES, withId } from '@/services/routes'
import { ledgerFiltersOf } from '@/services/ledger-link'
import './index.scss'

export default guardedPage('ledger', Ledger)

const LAYOUTS = [
  { value: 'cards', label: '卡片' },
  { value: 'table', label: '表格' }
] as const

/** The rows as cards (a phone) or the full table, with their loading, empty and error states. */
function LedgerList({ list, narrowed, asTable }: { list: Paged<LedgerRow>; narrowed: boolean; asTable: boolean }) {
  const open = (row: LedgerRow) => void Taro.navigateTo({ url: withId(ROUTES.handle, row.id) })
  if (list.loading && !list.items.length) return <Skeleton rows={6} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!list.items.length) return <EmptyState text={narrowed ? '没有符合条件的问题' : '台账里还没有问题'} />
  return (
    <>
      {asTable ? <LedgerTable rows={list.items} onOpen={open} /> : <LedgerCards rows={list.items} onOpen={open} />}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </>
  )
}

interface Exported {
  url: string
  rows: number
  key: string
}

function Ledger() {
  const scope = useAdminScope()
  // opened from the dashboard (数据看板) with the filters of the number tapped
  const { params } = useRouter()
  const [filters, setFilters] = useState<ReportFilterValue>(() => ledgerFiltersOf(params))
  const org = useOrgOverview()
  const categories = useCategories()
  const units = useUnits()
  const clean = cleanFilters(filters)
  const key = filtersKey(clean)
  const list = usePagedQuery('reports.ledger', { ...clean, pageSize: PAGE_SIZE })
  const total = useQuery('reports.ledgerTotal', clean)
  // a phone shows cards (the full table on request); a wide screen the table
  const wide = useWideScreen()
  const [layout, setLayout] = useState<'cards' | 'table'>('cards')
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
      <View className='ledger-head'>
        {total.data ? <Text className='ledger-total'>{`共 ${total.data.total} 条问题`}</Text> : <View />}
        {wide ? null : <Segmented className='ledger-layout' options={LAYOUTS} value={layout} onChange={setLayout} />}
      </View>
      <LedgerList list={list} narrowed={Object.keys(clean).length > 0} asTable={wide || layout === 'table'} />
    </View>
  )
}
