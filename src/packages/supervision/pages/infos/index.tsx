import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { InfoStatus, InfoSummary } from '@/contract'
import { Segmented } from '@/components/segmented'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'
import '../info.scss'

type Filter = 'all' | InfoStatus

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'pending', label: '待审' },
  { value: 'adopted', label: '已采用' },
  { value: 'returned', label: '已退回' },
  { value: 'withdrawn', label: '已撤回' }
]

/** 信息报送: a village's or unit's items (the town office: every item; `?review=1` opens its queue of 待审, oldest first). */
export default guardedPage('infos', Infos)

export function InfoCard({ item, onOpen }: { item: InfoSummary; onOpen: () => void }) {
  return (
    <View className={`info-card info-card--${item.status}`} onClick={onOpen}>
      <View className='info-card-head'>
        <Text className='info-card-title'>{item.title}</Text>
        <Text className={`info-status info-status--${item.status}`}>{item.levelLabel ?? item.statusLabel}</Text>
      </View>
      <Text className='wm-muted'>
        {item.kindLabel} · {item.submitter.name} · {item.submittedAt.slice(0, 10)}
        {item.resubmissions ? ` · 重报 ${item.resubmissions} 次` : ''}
      </Text>
      <Text className='wm-muted'>计入 {item.halfLabel}</Text>
    </View>
  )
}

function Infos() {
  const { params } = useRouter()
  const scope = useAdminScope()
  const [filter, setFilter] = useState<Filter>(params.review ? 'pending' : 'all')
  const list = usePagedQuery('supervision.infos', { ...(filter === 'all' ? {} : { status: filter }), pageSize: PAGE_SIZE })
  useReloadOnShow(list)
  const sends = scope.villageIds.length > 0 || scope.unitIds.length > 0
  const open = (url: string) => void Taro.navigateTo({ url })
  let body: JSX.Element
  if (list.loading && !list.items.length) body = <Skeleton rows={3} />
  else if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  else if (!list.items.length) body = <EmptyState text={filter === 'pending' && scope.isTownAdmin ? '没有待审核的信息' : '还没有信息'} />
  else
    body = (
      <View className='info-list'>
        {list.items.map((i) => (
          <InfoCard key={i.id} item={i} onOpen={() => open(withId(SUPERVISION_ROUTES.info, i.id))} />
        ))}
        <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </View>
    )
  return (
    <>
      <View className='info-actions'>
        {sends ? (
          <Button type='primary' className='info-new' onClick={() => open(SUPERVISION_ROUTES.infoForm)}>
            报送信息
          </Button>
        ) : null}
        {scope.isTownAdmin ? (
          <Button fill='outline' className='info-half-link' onClick={() => open(SUPERVISION_ROUTES.infoHalf)}>
            半月统计（未报送）
          </Button>
        ) : null}
      </View>
      <Text className='wm-muted info-rule'>每个村（居）每半月至少报送一条信息（经验做法、工作动态、典型事例）。</Text>
      <Segmented options={FILTERS} value={filter} onChange={setFilter} />
      {body}
    </>
  )
}
