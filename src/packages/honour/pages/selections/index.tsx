import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { formatDate } from '@/services/format'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import '../honour.scss'

/** 评选活动 of my village and the town, newest first; staff also get 新建评选. */
export default function SelectionsPage() {
  const scope = useAdminScope()
  const list = usePagedQuery('honour.selections', { pageSize: PAGE_SIZE })
  useDidShow(() => {
    if (!list.loading) void list.reload()
  })

  let body: JSX.Element
  if (list.loading && !list.items.length) body = <Skeleton rows={4} />
  else if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  else if (!list.items.length) body = <EmptyState text='还没有评选活动' />
  else
    body = (
      <View className='board-list'>
        {list.items.map((item) => (
          <View key={item.id} className={`board-card selection-card selection-card--${item.phase}`} onClick={() => void Taro.navigateTo({ url: withId(HONOUR_ROUTES.selection, item.id) })}>
            <View className='board-card-head'>
              <Text className='board-card-scope'>{item.phaseLabel}</Text>
              <Text className='wm-muted'>{item.scopeName}</Text>
            </View>
            <Text className='board-card-title'>{item.title}</Text>
            <Text className='wm-muted'>
              {item.categoryLabel} · 评选 {item.winners} 名 · 投票 {formatDate(item.voteFrom)} 至 {formatDate(item.voteTo)}
            </Text>
          </View>
        ))}
        <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </View>
    )

  return (
    <PageShell name='selections'>
      {scope.canAdminister ? (
        <Button className='selection-new' type='primary' block onClick={() => void Taro.navigateTo({ url: HONOUR_ROUTES.selectionEdit })}>
          新建评选
        </Button>
      ) : null}
      {body}
    </PageShell>
  )
}
