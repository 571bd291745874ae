import { View, Text } from '@tarojs/components'
import type { PatrolSummary } from '@/contract'

/** One patrol in a list: date, place, checklist, who, and its state (with the score once done). */
export function PatrolCard({ patrol, onOpen }: { patrol: PatrolSummary; onOpen: () => void }) {
  const place = patrol.gridName ? `${patrol.villageName} · ${patrol.gridName}` : patrol.villageName
  return (
    <View className='patrol-card' data-patrol-id={patrol.id} onClick={onOpen}>
      <View className='patrol-card-head'>
        <Text className='patrol-card-title'>{patrol.templateName}</Text>
        <Text className={`patrol-status patrol-status--${patrol.status}`}>{patrol.statusLabel}</Text>
      </View>
      <Text className='wm-muted'>
        {patrol.date} · {place}
      </Text>
      <Text className='wm-muted'>
        巡查人员：{patrol.patrollers.map((p) => p.name).join('、')} · {patrol.itemCount} 项{patrol.score !== null ? ` · 得分 ${patrol.score}` : ''}
      </Text>
    </View>
  )
}
