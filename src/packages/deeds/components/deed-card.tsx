import { View, Text } from '@tarojs/components'
import type { Deed } from '@/contract'
import { PhotoGrid } from '@/components/photo-grid'
import { formatDate } from '@/services/format'

/** One deed: title, status, category, who, when, where, its photos (tap to enlarge), points or the reason it was sent back. */
export function DeedCard({ deed }: { deed: Deed }) {
  return (
    <View className={`deed-card deed-card--${deed.status}`} data-deed-id={deed.id}>
      <View className='deed-card-head'>
        <Text className='deed-card-title'>{deed.title}</Text>
        <Text className={`deed-status deed-status--${deed.status}`}>{deed.statusLabel}</Text>
      </View>
      <Text className='wm-muted'>
        {deed.groupLabel} · {deed.categoryLabel} · {deed.subjectName} · {formatDate(deed.occurredOn)} · {deed.place}
      </Text>
      <Text className='deed-card-desc'>{deed.description}</Text>
      <PhotoGrid photos={deed.photos} className='deed-card-photos' />
      {deed.status === 'approved' && deed.points !== null ? (
        <Text className='deed-card-points'>
          +{deed.points} 分{deed.capped ? '（已达积分上限）' : ''}
        </Text>
      ) : null}
      {deed.status === 'rejected' && deed.reason ? <Text className='wm-error-text'>未通过原因：{deed.reason}</Text> : null}
    </View>
  )
}
