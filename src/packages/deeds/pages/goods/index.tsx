import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Goods, Redemption } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { Segmented } from '@/components/segmented'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button, Switch } from '@/components/ui'
import { VillageChoice } from '@/components/village-choice'
import { PAGE_SIZE, usePaged } from '@/hooks/use-paged'
import { useRemote } from '@/hooks/use-remote'
import { call } from '@/services/call'
import { formatDateTime } from '@/services/format'
import '../deeds.scss'

type Tab = 'handover' | 'goods' | 'redemptions'
const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'handover', label: '凭码发放' },
  { value: 'goods', label: '商品' },
  { value: 'redemptions', label: '兑换记录' }
]
const STATUS_LABELS: Record<Redemption['status'], string> = { awaiting: '待领取', handed_over: '已领取', cancelled: '已取消' }

function HandOver({ villageId }: { villageId: string }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [done, setDone] = useState<Redemption | null>(null)
  const go = async () => {
    setBusy(true)
    setMessage(null)
    const res = await call('deeds.handOver', { villageId, code })
    setBusy(false)
    if (!res.ok) return setMessage(res.fields?.code ?? res.message)
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

interface Draft {
  id?: string
  name: string
  price: string
  stock: string
  enabled: boolean
  photo: string | null
}

function GoodsEditor({ villageId, draft, onSaved, onCancel }: { villageId: string; draft: Draft; onSaved: () => void; onCancel: () => void }) {
  const [value, setValue] = useState(draft)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    setBusy(true)
    setMessage(null)
    const res = await call('deeds.saveGoods', {
      ...(value.id ? { id: value.id } : {}),
      villageId,
      name: value.name.trim(),
      price: Number(value.price),
      stock: Number(value.stock),
      photo: value.photo,
      enabled: value.enabled
    })
    setBusy(false)
    if (!res.ok) {
      setFields(res.fields ?? {})
      setMessage(res.message)
      return
    }
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved()
  }
  return (
    <View className='goods-editor'>
      <FormField label='商品名称' error={fields.name}>
        <TextInput className='goods-name' value={value.name} onChange={(name) => setValue({ ...value, name })} maxlength={30} />
      </FormField>
      <FormField label='所需积分' error={fields.price}>
        <TextInput className='goods-price' type='number' value={value.price} onChange={(price) => setValue({ ...value, price })} />
      </FormField>
      <FormField label='库存' error={fields.stock}>
        <TextInput className='goods-stock' type='number' value={value.stock} onChange={(stock) => setValue({ ...value, stock })} />
      </FormField>
      <View className='wm-row'>
        <Text>上架</Text>
        <Switch checked={value.enabled} onChange={(enabled: boolean) => setValue({ ...value, enabled })} />
      </View>
      {message ? <Text className='wm-error-text'>{message}</Text> : null}
      <View className='wm-actions'>
        <Button className='goods-save' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
          保存
        </Button>
        <Button fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}

function GoodsAdmin({ villageId }: { villageId: string }) {
  const goods = useRemote(() => call('deeds.goods', { villageId, all: true }), `admin-goods:${villageId}`)
  const [editing, setEditing] = useState<Draft | null>(null)
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
  const edit = (item: Goods) => setEditing({ id: item.id, name: item.name, price: String(item.price), stock: String(item.stock), enabled: item.enabled, photo: item.photo })
  return (
    <View className='goods-list'>
      <Button className='goods-new' type='primary' onClick={() => setEditing({ name: '', price: '', stock: '', enabled: true, photo: null })}>
        上架新商品
      </Button>
      {!goods.data?.length ? <EmptyState text='还没有商品' /> : null}
      {(goods.data ?? []).map((item) => (
        <View key={item.id} className='goods-card' onClick={() => edit(item)}>
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
  const load = useCallback((cursor?: string) => call('deeds.redemptions', { villageId, ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE }), [villageId])
  const list = usePaged(load, `redemptions:${villageId}`)
  if (list.loading && !list.items.length) return <Skeleton rows={4} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!list.items.length) return <EmptyState text='还没有兑换记录' />
  return (
    <View className='redemption-list'>
      {list.items.map((item) => (
        <View key={item.id} className='redemption-row'>
          <View className='redemption-row-main'>
            <Text>
              {item.goodsName} · {item.userName}
            </Text>
            <Text className='wm-muted'>
              {item.price} 积分 · {formatDateTime(item.createdAt)}
            </Text>
          </View>
          <Text className='wm-muted'>{STATUS_LABELS[item.status]}</Text>
        </View>
      ))}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </View>
  )
}

/** 积分超市管理: hand goods over by pickup code, put goods on the shelf, see redemptions. */
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
