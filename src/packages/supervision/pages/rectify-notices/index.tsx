import { View, Text } from '@tarojs/components'
import type { RectifyNotice } from '@/contract'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { chinaDay } from '@/domain/china-time'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import './index.scss'

/** 整改通知: the numbered notices (and 通报) the town office sent about a unit's office area — a unit sees its own. */
export default guardedPage('rectify-notices', Notices)

function Notices() {
  const list = usePagedQuery('supervision.rectifyNotices', { pageSize: PAGE_SIZE })
  useReloadOnShow(list)
  if (list.loading && !list.items.length) return <Skeleton rows={3} />
  if (list.error && !list.items.length) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!list.items.length) return <EmptyState text='还没有收到整改通知' />
  return (
    <View className='rectify-list'>
      <Text className='wm-muted rectify-rule'>镇创建办检查办公区域发现问题时发出整改通知；30 天内再次查出问题的予以通报。请在整改期限前整改到位，并将整改情况报镇创建办。</Text>
      {list.items.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </View>
  )
}

function NoticeCard({ notice }: { notice: RectifyNotice }) {
  return (
    <View className={`rectify-card rectify-card--${notice.escalation}`} data-notice-id={notice.id}>
      <View className='rectify-card-head'>
        <Text className='rectify-no'>{notice.no}</Text>
        <Text className={`rectify-mark rectify-mark--${notice.escalation}`}>{notice.escalationLabel}</Text>
      </View>
      <Text className='wm-muted rectify-meta'>
        {chinaDay(new Date(notice.issuedAt))} · {notice.unitName} · {notice.zoneName}（{notice.villageName}）· 发现问题 {notice.findings} 条
      </Text>
      <Text className='rectify-deadline'>整改期限：{notice.deadline}</Text>
      <Text className='rectify-body'>{notice.body}</Text>
    </View>
  )
}
