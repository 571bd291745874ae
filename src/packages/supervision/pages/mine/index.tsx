import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyPatrolSpan } from '@/contract'
import { PatrolCard } from '../../components/patrol-card'
import { Segmented } from '@/components/segmented'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'

const SPANS: Array<{ value: MyPatrolSpan; label: string }> = [
  { value: 'today', label: '今日巡查' },
  { value: 'upcoming', label: '待巡查' },
  { value: 'recent', label: '已过去' }
]
const EMPTY: Record<MyPatrolSpan, string> = { today: '今天没有安排巡查', upcoming: '近期没有安排巡查', recent: '还没有巡查记录' }

/** 我的巡查: today's patrols first, then the coming ones and the past ones. */
export default guardedPage('patrol-mine', MyPatrols)

function MyPatrols() {
  const [span, setSpan] = useState<MyPatrolSpan>('today')
  const list = usePagedQuery('supervision.mine', { when: span, pageSize: PAGE_SIZE })
  useReloadOnShow(list)
  let body: JSX.Element
  if (list.loading && !list.items.length) body = <Skeleton rows={3} />
  else if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  else if (!list.items.length) body = <EmptyState text={EMPTY[span]} />
  else
    body = (
      <View className='patrol-list'>
        {list.items.map((p) => (
          <PatrolCard key={p.id} patrol={p} onOpen={() => void Taro.navigateTo({ url: withId(SUPERVISION_ROUTES.patrol, p.id) })} />
        ))}
        <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </View>
    )
  return (
    <>
      <Segmented options={SPANS} value={span} onChange={setSpan} />
      {body}
    </>
  )
}
