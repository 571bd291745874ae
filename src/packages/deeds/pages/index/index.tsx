import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Balance } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { Segmented } from '@/components/segmented'
import { PagedList } from '@/components/state-view'
import { Button } from '@/components/ui'
import { PAGE_SIZE, usePagedQuery, usePagedQueryOf, type Paged } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
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

const FIRST = { pageSize: PAGE_SIZE }

/** A tab's list, loaded again whenever the page shows. */
function DeedsList<T extends { id: string }>({ list, empty, render }: { list: Paged<T>; empty: string; render: (item: T) => JSX.Element }) {
  useReloadOnShow(list)
  return (
    <PagedList list={list} empty={empty} className='deeds-list'>
      {render}
    </PagedList>
  )
}

function RecordTab({ onBalance }: { onBalance: (balance: Balance) => void }) {
  const list = usePagedQueryOf('deeds.record', FIRST, (data) => {
    onBalance(data.balance)
    return data.deeds
  })
  return <DeedsList list={list} empty='还没有记入档案的善行。做了好事可以点“申报善行”登记，村（居）审核通过后记在这里。' render={(deed) => <DeedCard key={deed.id} deed={deed} />} />
}

function LedgerTab({ onBalance }: { onBalance: (balance: Balance) => void }) {
  const list = usePagedQueryOf('deeds.ledger', FIRST, (data) => {
    onBalance(data.balance)
    return data.page
  })
  return <DeedsList list={list} empty='还没有积分记录。善行审核通过、参加志愿服务等获得的积分会一笔一笔记在这里。' render={(entry) => <LedgerRow key={entry.id} entry={entry} />} />
}

function MineTab() {
  const list = usePagedQuery('deeds.mine', FIRST)
  return <DeedsList list={list} empty='还没有申报过善行。点“申报善行”登记做过的好事，审核进度会显示在这里。' render={(deed) => <DeedCard key={deed.id} deed={deed} />} />
}

/** 我的善行: balance, the record of approved deeds, the points ledger, my declarations, my household. */
export default function DeedsPage() {
  const [tab, setTab] = useState<Tab>('record')
  const [balance, setBalance] = useState<Balance | null>(null)

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
      {tab === 'record' ? <RecordTab onBalance={setBalance} /> : null}
      {tab === 'ledger' ? <LedgerTab onBalance={setBalance} /> : null}
      {tab === 'mine' ? <MineTab /> : null}
      {tab === 'household' ? <HouseholdRecordView /> : null}
    </PageShell>
  )
}
