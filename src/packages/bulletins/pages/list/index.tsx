import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BulletinKind, BulletinStatus, BulletinSummary } from '@/contract'
import { guardedPage } from '@/components/guard'
import { PagedList } from '@/components/state-view'
import { Segmented } from '@/components/segmented'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { BULLETIN_ROUTES } from '@/services/bulletin-routes'
import { formatDate } from '@/services/format'
import { withId } from '@/services/routes'
import { StatusTag } from '../../components/figures'
import '../bulletins.scss'

type Filter = 'all' | BulletinStatus

const TOWN_FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'review', label: '申诉期' },
  { value: 'published', label: '已发布' }
]

/** 周通报、月通报: the town office's drafts, those under review and the published; villages and units the ones they may see. */
export default guardedPage('bulletins', Bulletins)

export function BulletinCard({ item }: { item: BulletinSummary }) {
  return (
    <View className={`bulletin-card bulletin-card--${item.status}`} data-bulletin-id={item.id} onClick={() => void Taro.navigateTo({ url: withId(BULLETIN_ROUTES.detail, item.id) })}>
      <View className='bulletin-card-head'>
        <Text className='bulletin-card-title'>{item.title}</Text>
        <StatusTag status={item.status} label={item.statusLabel} />
      </View>
      <Text className='wm-muted'>
        {item.kindLabel} · {item.periodLabel}
      </Text>
      <Text className='wm-muted'>
        {item.flagName ? `流动红旗：${item.flagName}` : '流动红旗：空缺'}
        {item.openContests ? ` · 待答复申诉 ${item.openContests} 条` : ''}
        {item.publishedAt ? ` · ${formatDate(item.publishedAt)} 发布` : ''}
      </Text>
    </View>
  )
}

function Generate({ onMade }: { onMade: (id: string) => void }) {
  const generate = useAction('supervision.generateBulletin')
  const run = async (kind: BulletinKind) => {
    const res = await generate.run({ kind })
    if (!res?.ok) return
    void Taro.showToast({ title: '已生成草稿', icon: 'success' })
    onMade(res.data.id)
  }
  return (
    <View className='bulletin-actions'>
      <Button type='primary' className='bulletin-generate-week' loading={generate.pending?.kind === 'week'} disabled={generate.busy} onClick={() => void run('week')}>
        生成上周周通报
      </Button>
      <Button fill='outline' className='bulletin-generate-month' loading={generate.pending?.kind === 'month'} disabled={generate.busy} onClick={() => void run('month')}>
        生成上月月通报
      </Button>
      {generate.message ? <Text className='wm-error-text bulletin-generate-error'>{generate.message}</Text> : null}
    </View>
  )
}

function Bulletins() {
  const scope = useAdminScope()
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePagedQuery('supervision.bulletins', { ...(filter === 'all' ? {} : { status: filter }), pageSize: PAGE_SIZE })
  useReloadOnShow(list)
  const open = (url: string) => void Taro.navigateTo({ url })
  const empty = scope.isTownAdmin ? '还没有通报。每周一 8 时自动生成上周的周通报草稿，每月 1 日生成上月的月通报草稿，也可以现在生成。' : '还没有需要核对或已发布的通报'
  return (
    <>
      <View className='bulletin-links'>
        <Text className='wm-link bulletin-link-scheme' onClick={() => open(BULLETIN_ROUTES.scheme)}>
          评分办法 ›
        </Text>
        <Text className='wm-link bulletin-link-letters' onClick={() => open(BULLETIN_ROUTES.letters)}>
          工作提示函 ›
        </Text>
        <Text className='wm-link bulletin-link-board' onClick={() => open(BULLETIN_ROUTES.board)}>
          公开的红黑榜 ›
        </Text>
      </View>
      {scope.isTownAdmin ? (
        <Generate onMade={(id) => open(withId(BULLETIN_ROUTES.detail, id))} />
      ) : (
        <Text className='wm-muted bulletin-rule'>通报发布前有 1 个工作日的申诉期：请核对本单位的数据，有误可提出申诉。</Text>
      )}
      {scope.isTownAdmin ? <Segmented options={TOWN_FILTERS} value={filter} onChange={setFilter} /> : null}
      <PagedList list={list} empty={empty} className='bulletin-list'>
        {(item) => <BulletinCard key={item.id} item={item} />}
      </PagedList>
    </>
  )
}
