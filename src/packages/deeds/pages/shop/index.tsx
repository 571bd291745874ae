import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Goods, Redemption } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { Segmented } from '@/components/segmented'
import { EmptyState, ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { canSpend } from '@/domain/points'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery, useQuery } from '@/hooks/use-query'
import { formatDateTime } from '@/services/format'
import { useAppStore } from '@/store/app-store'
import '../deeds.scss'

type Tab = 'goods' | 'mine'
const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'goods', label: '兑换商品' },
  { value: 'mine', label: '我的兑换' }
]
const STATUS_LABELS: Record<Redemption['status'], string> = { awaiting: '待领取', handed_over: '已领取', cancelled: '已取消' }

/** The pickup code, large, to show at the village committee. */
export function PickupCode({ redemption, onClose }: { redemption: Redemption; onClose?: () => void }) {
  return (
    <View className='pickup-code'>
      <Text className='pickup-code-title'>兑换成功：{redemption.goodsName}</Text>
      <Text className='pickup-code-label'>兑换码</Text>
      <Text className='pickup-code-value'>{redemption.code}</Text>
      <Text className='wm-muted'>请到村（居）委会出示兑换码领取，已扣 {redemption.price} 积分</Text>
      {onClose ? (
        <Button className='pickup-code-close' fill='outline' onClick={onClose}>
          知道了
        </Button>
      ) : null}
    </View>
  )
}

/** Why 兑换 is off for this person, said beside it; null when it is on. */
export function redeemBlock(item: Pick<Goods, 'price' | 'stock'>, balance: { balance: number; spendableHere?: number } | null): string | null {
  if (item.stock < 1) return '已兑完'
  if (!balance || canSpend(balance, item.price)) return null
  const have = balance.spendableHere ?? balance.balance
  const short = item.price - Math.max(0, Math.min(have, balance.balance))
  return short > 0 ? `积分不足（还差${short}分）` : '积分不足'
}

function GoodsPhoto({ item }: { item: Goods }) {
  if (item.photoUrl) return <Image className='goods-card-photo' src={item.photoUrl} mode='aspectFill' lazyLoad />
  return (
    <View className='goods-card-photo goods-card-photo--none' aria-label='暂无图片'>
      <Text className='goods-card-photo-mark'>{item.name.slice(0, 1)}</Text>
      <Text className='goods-card-photo-hint'>暂无图片</Text>
    </View>
  )
}

function GoodsList({ villageId, onRedeemed }: { villageId: string; onRedeemed: (redemption: Redemption) => void }) {
  const goods = useQuery('deeds.goods', { villageId })
  const balance = useQuery('deeds.ledger', { pageSize: 1 })
  const redeemGoods = useAction('deeds.redeem')
  const busy = redeemGoods.pending?.goodsId ?? null
  const { message } = redeemGoods

  const redeem = async (item: Goods) => {
    redeemGoods.reset()
    const sure = await Taro.showModal({ title: '积分兑换', content: `用 ${item.price} 积分兑换「${item.name}」？` })
    if (!sure.confirm) return
    const res = await redeemGoods.run({ goodsId: item.id })
    if (!res?.ok) return
    onRedeemed(res.data)
    void goods.reload()
    void balance.reload()
  }

  if (goods.loading && !goods.data) return <Skeleton rows={4} />
  if (goods.error && !goods.data) return <ErrorState message={goods.error} onRetry={() => void goods.reload()} retrying={goods.loading} />
  const items = (goods.data ?? []).filter((item) => item.enabled)
  const points = balance.data?.balance.balance ?? null
  // After a move only what was earned in this village is spent here.
  const here = balance.data?.balance.spendableHere
  return (
    <View className='goods-list'>
      <Text className='shop-balance'>我的积分：{points ?? '—'}</Text>
      {here !== undefined ? <Text className='wm-muted shop-balance-here'>其中在本村（居）获得、可在这里兑换的：{here} 分（在原村（居）获得的积分留在原村（居））</Text> : null}
      {message ? <Text className='wm-error-text shop-message'>{message}</Text> : null}
      {!items.length ? <EmptyState text='本村（居）积分超市还没有上架商品。村（居）上架后会列在这里，可以用积分兑换。' /> : null}
      {items.map((item) => {
        const blocked = redeemBlock(item, balance.data?.balance ?? null)
        return (
          <View key={item.id} className='goods-card' data-goods-id={item.id}>
            <GoodsPhoto item={item} />
            <View className='goods-card-main'>
              <Text className='goods-card-name'>{item.name}</Text>
              <Text className='goods-card-price'>{item.price} 积分</Text>
              <Text className='wm-muted'>{item.stock > 0 ? `剩余 ${item.stock} 件` : '已兑完'}</Text>
            </View>
            <View className='goods-card-side'>
              <Button className='goods-card-redeem' type='primary' size='small' loading={busy === item.id} disabled={busy !== null || blocked !== null} onClick={() => void redeem(item)}>
                兑换
              </Button>
              {blocked && item.stock > 0 ? <Text className='goods-card-why'>{blocked}</Text> : null}
            </View>
          </View>
        )
      })}
    </View>
  )
}

function MyRedemptions() {
  const list = usePagedQuery('deeds.myRedemptions', { pageSize: PAGE_SIZE })
  return (
    <PagedList list={list} empty='还没有兑换过商品。在“兑换商品”里用积分兑换后，兑换码会显示在这里，凭码到村（居）委会领取。' className='redemption-list'>
      {(item) => (
        <View key={item.id} className={`redemption-row redemption-row--${item.status}`}>
          <View className='redemption-row-main'>
            <Text>{item.goodsName}</Text>
            <Text className='wm-muted'>
              {item.price} 积分 · {formatDateTime(item.createdAt)}
            </Text>
          </View>
          <View className='redemption-row-side'>
            {item.status === 'awaiting' ? <Text className='redemption-row-code'>{item.code}</Text> : null}
            <Text className='wm-muted'>{STATUS_LABELS[item.status]}</Text>
          </View>
        </View>
      )}
    </PagedList>
  )
}

/** 积分超市: my village's goods, 兑换 → the pickup code shown large; my redemptions with their codes. */
export default function ShopPage() {
  const { profile } = useAppStore()
  const [tab, setTab] = useState<Tab>('goods')
  const [done, setDone] = useState<Redemption | null>(null)
  let body: JSX.Element
  if (!profile) body = <Skeleton rows={4} />
  else if (!profile.villageId) body = <EmptyState text='请先在“我的”里选择所在的村（居）' />
  else if (done) body = <PickupCode redemption={done} onClose={() => setDone(null)} />
  else
    body = (
      <>
        <Segmented value={tab} options={TABS} onChange={setTab} />
        {tab === 'goods' ? <GoodsList villageId={profile.villageId} onRedeemed={setDone} /> : <MyRedemptions />}
      </>
    )
  return <PageShell name='shop'>{body}</PageShell>
}
