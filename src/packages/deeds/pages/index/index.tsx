import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { Balance, Deed, Page, PointEntry, Result } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { Segmented } from '@/components/segmented'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { PAGE_SIZE, usePaged } from '@/hooks/use-paged'
import { call } from '@/services/call'
import { DEED_ROUTES } from '@/services/deed-routes'
import { DeedCard } from '../../components/deed-card'
import { HouseholdRecordView } from '../../components/household-record'
import { LedgerRow } from '../../components/ledger-row'
import '../deeds.scss'

type Tab = 'record' | 'ledger' | 'mine' | 'household'

const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'record', label: '善行档案' },
  { value: 'ledger', label: '积分明细' },
  { value: 'mine', label: '我的申报' },
  { value: 'household', label: '我家' }
]

const more = (cursor?: string) => ({ ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE })

function PagedList<T extends { id: string }>({ load, keyName, empty, render }: { load: (cursor?: string) => Promise<Result<Page<T>>>; keyName: string; empty: string; render: (item: T) => JSX.Element }) {
  const list = usePaged(load, keyName)
  useDidShow(() => {
    if (!list.loading) void list.reload()
  })
  if (list.loading && !list.items.length) return <Skeleton rows={4} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!list.items.length) return <EmptyState text={empty} />
  return (
    <View className='deeds-list'>
      {list.items.map(render)}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </View>
  )
}

/** 我的善行: balance, the record of approved deeds, the points ledger, my declarations, my household. */
export default function DeedsPage() {
  const [tab, setTab] = useState<Tab>('record')
  const [balance, setBalance] = useState<Balance | null>(null)
  const loadRecord = useCallback(async (cursor?: string) => {
    const res = await call('deeds.record', more(cursor))
    if (!res.ok) return res
    setBalance(res.data.balance)
    return { ok: true as const, data: res.data.deeds }
  }, [])
  const loadLedger = useCallback(async (cursor?: string) => {
    const res = await call('deeds.ledger', more(cursor))
    if (!res.ok) return res
    setBalance(res.data.balance)
    return { ok: true as const, data: res.data.page }
  }, [])
  const loadMine = useCallback((cursor?: string) => call('deeds.mine', more(cursor)), [])

  return (
    <PageShell name='deeds'>
      <View className='deeds-balance'>
        <Text className='deeds-balance-label'>我的积分</Text>
        <Text className='deeds-balance-value'>{balance ? balance.balance : '—'}</Text>
        {balance ? <Text className='deeds-balance-month'>本月获得 {balance.earnedThisMonth} 分</Text> : null}
        <View className='deeds-balance-actions'>
          <Button className='deeds-declare' type='primary' onClick={() => void Taro.navigateTo({ url: DEED_ROUTES.declare })}>
            申报善行
          </Button>
          <Button className='deeds-shop' fill='outline' onClick={() => void Taro.navigateTo({ url: DEED_ROUTES.shop })}>
            积分超市
          </Button>
        </View>
      </View>
      <Segmented value={tab} options={TABS} onChange={setTab} />
      {tab === 'record' ? <PagedList<Deed> load={loadRecord} keyName='record' empty='还没有记入档案的善行，做了好事可以申报' render={(deed) => <DeedCard key={deed.id} deed={deed} />} /> : null}
      {tab === 'ledger' ? <PagedList<PointEntry> load={loadLedger} keyName='ledger' empty='还没有积分记录' render={(entry) => <LedgerRow key={entry.id} entry={entry} />} /> : null}
      {tab === 'mine' ? <PagedList<Deed> load={loadMine} keyName='mine' empty='还没有申报过善行' render={(deed) => <DeedCard key={deed.id} deed={deed} />} /> : null}
      {tab === 'household' ? <HouseholdRecordView /> : null}
    </PageShell>
  )
}
