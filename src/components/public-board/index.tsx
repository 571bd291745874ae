import { View, Text } from '@tarojs/components'
import type { PublicReport, ReportStatus } from '@/contract'
import { PhotoGrid } from '@/components/photo-grid'
import { PagedList } from '@/components/state-view'
import { StatusTag } from '@/components/status-tag'
import type { Paged } from '@/hooks/use-query'
import { formatDate } from '@/services/format'
import './index.scss'

/** What the 整改后 column says while it has no photo: only an 整改中 problem is being rectified. */
export function afterPlaceholder(status: ReportStatus): string {
  if (status === 'answered') return '整改中'
  if (status === 'rectified') return '已整改，等待验收'
  if (status === 'closed') return '暂无照片'
  if (status === 'accepted' || status === 'returned') return '尚未派单'
  if (status === 'dispatched' || status === 'signed') return '已派单，尚未开始整改'
  return '暂无照片'
}

/** 曝光台: de-identified problems (no reporter), with photos before and after. */
export function PublicBoard({ list, emptyText }: { list: Paged<PublicReport>; emptyText: string }) {
  return (
    <PagedList list={list} empty={emptyText} className='public-list'>
      {(item) => (
        <View key={item.id} className='public-item' data-report-id={item.id}>
          <View className='wm-row'>
            <Text className='public-category'>{item.categoryName}</Text>
            <StatusTag status={item.status} label={item.statusLabel} />
          </View>
          <Text className='wm-muted public-place'>
            {item.villageName}
            {item.address ? ` · ${item.address}` : ''}
          </Text>
          <View className='public-photos'>
            <View className='public-photos-col'>
              <Text className='public-photos-label'>整改前</Text>
              <PhotoGrid photos={item.before.slice(0, 3)} emptyText='暂无照片' />
            </View>
            <View className='public-photos-col'>
              <Text className='public-photos-label'>整改后</Text>
              <PhotoGrid photos={item.after.slice(0, 3)} emptyText={afterPlaceholder(item.status)} />
            </View>
          </View>
          <Text className='wm-muted public-meta'>
            {item.no} · {formatDate(item.createdAt)} 反映{item.closedAt ? ` · ${formatDate(item.closedAt)} 销号` : ''}
          </Text>
        </View>
      )}
    </PagedList>
  )
}
