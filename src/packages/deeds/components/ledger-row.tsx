import { View, Text } from '@tarojs/components'
import type { PointEntry } from '@/contract'
import { formatDateTime } from '@/services/format'

/** One line of a points ledger: where the points came from, the note, when, and +/−. */
export function LedgerRow({ entry }: { entry: PointEntry }) {
  return (
    <View className='ledger-row' data-entry-id={entry.id}>
      <View className='ledger-row-main'>
        <Text>{entry.sourceLabel}</Text>
        <Text className='wm-muted'>
          {entry.note ? `${entry.note} · ` : ''}
          {formatDateTime(entry.at)}
        </Text>
      </View>
      <Text className={`ledger-row-delta${entry.delta < 0 ? ' ledger-row-delta--minus' : ''}`}>{entry.delta > 0 ? `+${entry.delta}` : entry.delta}</Text>
    </View>
  )
}
