import { useCallback, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MyPatrolSpan } from '@/contract'
import { PatrolCard } from '../../components/patrol-card'
import { Segmented } from '@/components/segmented'
import { StaffGuard } from '@/components/staff-guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { PAGE_SIZE, usePaged } from '@/hooks/use-paged'
import { call } from '@/services/call'
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
export default function MyPatrolsPage() {
  return (
    <StaffGuard name='patrol-mine' title='我的巡查' allow={(s) => s.isGridWorker || s.isVillageAdmin || s.isTownAdmin} denied='督导巡查只对网格员、村（居）管理员和镇创建办开放'>
      <MyPatrols />
    </StaffGuard>
  )
}

function MyPatrols() {
  const [span, setSpan] = useState<MyPatrolSpan>('today')
  const load = useCallback((cursor?: string) => call('supervision.mine', { when: span, ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE }), [span])
  const list = usePaged(load, `patrols:${span}`)
  useDidShow(() => {
    if (!list.loading) void list.reload()
  })
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
