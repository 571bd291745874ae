import { View, Text, Picker } from '@tarojs/components'
import { joinLocal, splitLocal } from '@/services/activity-time'
import { dayFromToday } from '@/services/format'
import { detailValue } from '@/components/form-field'
import '@/components/date-field/index.scss'
import './index.scss'

interface Props {
  /** ISO timestamp, '' when not chosen. */
  value: string
  onChange: (value: string) => void
  disabled?: boolean
  className?: string
}

interface PartProps {
  mode: 'date' | 'time'
  value: string
  placeholder: string
  disabled?: boolean
  /** Only with a chosen (non-empty) value. */
  onPick: (value: string) => void
}

/** The date or the time half, each with its own platform picker. */
function PartPicker({ mode, value, placeholder, disabled, onPick }: PartProps) {
  return (
    <Picker
      mode={mode}
      value={value}
      disabled={disabled}
      className={`datetime-field-${mode}`}
      onChange={(event) => {
        const next = detailValue(event)
        if (next) onPick(next)
      }}
    >
      <View className='date-field-box'>
        <Text className={value ? 'date-field-value' : 'date-field-placeholder'}>{value || placeholder}</Text>
      </View>
    </Picker>
  )
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
      <PartPicker mode='date' value={date} placeholder='选择日期' disabled={disabled} onPick={(next) => set(next, time)} />
      <PartPicker mode='time' value={time} placeholder='时间' disabled={disabled} onPick={(next) => set(date || dayFromToday(0), next)} />
    </View>
  )
}
