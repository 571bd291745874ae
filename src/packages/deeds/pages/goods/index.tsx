import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import type { Redemption } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { Segmented } from '@/components/segmented'
import { EmptyState, ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { VillageChoice } from '@/components/village-choice'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery, useQuery } from '@/hooks/use-query'
import { draftOf, GoodsEditor, NEW_GOODS, type GoodsDraft } from '../../components/goods-editor'
import { RedemptionAdminRow } from '../../components/redemption-admin-row'
import '../deeds.scss'

type Tab = 'handover' | 'goods' | 'redemptions'
const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'handover', label: '凭码发放' },
  { value: 'goods', label: '商品' },
  { value: 'redemptions', label: '兑换记录' }
]

function HandOver({ villageId }: { villageId: string }) {
  const [code, setCode] = useState('')
  const handOver = useAction('deeds.handOver')
  const { busy } = handOver
  const message = handOver.fieldErrors.code ?? handOver.message
  const [done, setDone] = useState<Redemption | null>(null)
  const go = async () => {
    const res = await handOver.run({ villageId, code })
    if (!res?.ok) return
    setDone(res.data)
    setCode('')
  }
  return (
    <View className='handover'>
      <FormField label='兑换码（8 位数字）' error={message ?? undefined}>
        <TextInput className='handover-code' type='number' value={code} onChange={setCode} placeholder='请居民出示兑换码' maxlength={8} />
      </FormField>
      <Button className='handover-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void go()}>
        确认发放
      </Button>
      {done ? (
        <View className='handover-done'>
          <Text className='deed-card-title'>已发放：{done.goodsName}</Text>
          <Text className='wm-muted'>
            {done.userName} · {done.price} 积分 · 兑换码 {done.code}
          </Text>
        </View>
      ) : null}
    </View>
  )
}

function GoodsAdmin({ villageId }: { villageId: string }) {
  const goods = useQuery('deeds.goods', { villageId, all: true })
  const [editing, setEditing] = useState<GoodsDraft | null>(null)
  if (editing) {
    return (
      <GoodsEditor
        villageId={villageId}
        draft={editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          void goods.reload()
        }}
      />
    )
  }
  if (goods.loading && !goods.data) return <Skeleton rows={4} />
  if (goods.error && !goods.data) return <ErrorState message={goods.error} onRetry={() => void goods.reload()} retrying={goods.loading} />
  return (
    <View className='goods-list'>
      <Button className='goods-new' type='primary' onClick={() => setEditing(NEW_GOODS)}>
        上架新商品
      </Button>
      {!goods.data?.length ? <EmptyState text='还没有商品' /> : null}
      {(goods.data ?? []).map((item) => (
        <View key={item.id} className='goods-card' data-goods-id={item.id} onClick={() => setEditing(draftOf(item))}>
          {item.photoUrl ? <Image className='goods-card-photo' src={item.photoUrl} mode='aspectFill' lazyLoad /> : <View className='goods-card-photo goods-card-photo--none' />}
          <View className='goods-card-main'>
            <Text className='goods-card-name'>{item.name}</Text>
            <Text className='goods-card-price'>{item.price} 积分</Text>
            <Text className='wm-muted'>
              库存 {item.stock} · {item.enabled ? '已上架' : '已下架'}
            </Text>
          </View>
          <Text className='wm-link'>修改</Text>
        </View>
      ))}
    </View>
  )
}

function Redemptions({ villageId }: { villageId: string }) {
  const list = usePagedQuery('deeds.redemptions', { villageId, pageSize: PAGE_SIZE })
  return (
    <PagedList list={list} empty='还没有兑换记录' className='redemption-list'>
      {(item) => <RedemptionAdminRow key={item.id} item={item} villageId={villageId} onChange={list.replace} />}
    </PagedList>
  )
}

/** 积分超市管理: hand goods over by pickup code, put goods (with a photo) on the shelf, see and cancel redemptions. */
export default function GoodsAdminPage() {
  const [villageId, setVillageId] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('handover')
  return (
    <PageShell name='goods-admin'>
      <VillageChoice value={villageId} onChange={setVillageId} />
      <Segmented value={tab} options={TABS} onChange={setTab} />
      {!villageId ? <Skeleton rows={3} /> : tab === 'handover' ? <HandOver villageId={villageId} /> : tab === 'goods' ? <GoodsAdmin villageId={villageId} /> : <Redemptions villageId={villageId} />}
    </PageShell>
  )
}
