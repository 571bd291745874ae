import { View, Text, Picker } from '@tarojs/components'
import { joinLocal, splitLocal } from '@/services/activity-time'
import { dayFromToday } from '@/services/format'
import '@/components/date-field/index.scss'
import './index.scss'

interface Props {
  /** ISO timestamp, '' when not chosen. */
  value: string
  onChange: (value: string) => void
  disabled?: boolean
  className?: string
}

function detailValue(event: { detail?: unknown }): string | null {
  const next = (event.detail as { value?: unknown } | undefined)?.value
  return typeof next === 'string' ? next : null
}

/** A local date and time with the platform's pickers (date, then time); the value is an ISO timestamp. */
export function DateTimeField({ value, onChange, disabled, className }: Props) {
  const { date, time } = splitLocal(value)
  const set = (nextDate: string, nextTime: string) => {
    const joined = joinLocal(nextDate, nextTime || '09:00')
    if (joined) onChange(joined)
  }
  return (
    <View className={`datetime-field${className ? ` ${className}` : ''}`}>
      <Picker
        mode='date'
        value={date}
        disabled={disabled}
        className='datetime-field-date'
        onChange={(event) => {
          const next = detailValue(event)
          if (next) set(next, time)
        }}
      >
        <View className='date-field-box'>
          <Text className={date ? 'date-field-value' : 'date-field-placeholder'}>{date || '选择日期'}</Text>
        </View>
      </Picker>
      <Picker
        mode='time'
        value={time}
        disabled={disabled}
        className='datetime-field-time'
        onChange={(event) => {
          const next = detailValue(event)
          if (next) set(date || dayFromToday(0), next)
        }}
      >
        <View className='date-field-box'>
          <Text className={time ? 'date-field-value' : 'date-field-placeholder'}>{time || '时间'}</Text>
        </View>
      </Picker>
    </View>
  )
}
