import { View, Text, Image } from '@tarojs/components'
import type { NearbyReport } from '@/contract'
import { Button } from '@/components/ui'
import { formatDate } from '@/services/format'
import './index.scss'

interface Props {
  items: readonly NearbyReport[]
  supported: readonly string[]
  supporting: string | null
  busy: boolean
  onSupport: (reportId: string) => void
  onSubmitAnyway: () => void
  onDiscard: () => void
}

/** Before filing: the same kind of problem is already reported close by — add to it instead? */
export function NearbyPanel({ items, supported, supporting, busy, onSupport, onSubmitAnyway, onDiscard }: Props) {
  const anySupported = supported.length > 0
  return (
    <View className='nearby-panel' role='dialog' aria-label='附近的同类问题'>
      <Text className='nearby-title'>附近 100 米内已有同类问题</Text>
      <Text className='wm-muted nearby-hint'>如果是同一个问题，点“我也遇到了”就行，处理人员会知道又有人反映；不是同一个，再提交新问题。</Text>
      {items.map((item) => {
        const done = supported.includes(item.id)
        return (
          <View key={item.id} className='nearby-item' data-report-id={item.id}>
            {item.thumb?.url ? <Image className='nearby-thumb' src={item.thumb.url} mode='aspectFill' /> : <View className='nearby-thumb nearby-thumb--none' />}
            <View className='nearby-main'>
              <Text className='nearby-category'>
                {item.categoryName} · {item.statusLabel}
              </Text>
              <Text className='wm-muted nearby-address'>
                {item.address} · 约 {Math.round(item.distanceM)} 米
              </Text>
              <Text className='wm-muted nearby-meta'>
                {formatDate(item.createdAt)} 上报{item.supportCount > 0 ? ` · ${item.supportCount} 人也遇到了` : ''}
              </Text>
              <Button
                className='nearby-support'
                size='small'
                type='primary'
                fill={done ? 'outline' : 'solid'}
                disabled={done || busy || supporting !== null}
                loading={supporting === item.id}
                onClick={() => onSupport(item.id)}
              >
                {done ? '已告诉处理人员' : '我也遇到了'}
              </Button>
            </View>
          </View>
        )
      })}
      <View className='wm-actions nearby-actions'>
        <Button className='nearby-submit-anyway' type='primary' fill='outline' disabled={busy} onClick={onSubmitAnyway}>
          不是同一个，仍要提交新问题
        </Button>
        {anySupported ? (
          <Button className='nearby-discard' fill='outline' disabled={busy} onClick={onDiscard}>
            不用提交了，清空草稿
          </Button>
        ) : null}
      </View>
    </View>
  )
}
