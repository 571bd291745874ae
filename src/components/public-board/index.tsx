import { View, Text } from '@tarojs/components'
import type { PublicReport } from '@/contract'
import { PhotoGrid } from '@/components/photo-grid'
import { PagedList } from '@/components/state-view'
import { StatusTag } from '@/components/status-tag'
import type { Paged } from '@/hooks/use-query'
import { formatDate } from '@/services/format'
import './index.scss'

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
              <PhotoGrid photos={item.after.slice(0, 3)} emptyText={item.closedAt ? '暂无照片' : '整改中'} />
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
