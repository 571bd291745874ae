import { View, Text, Picker } from '@tarojs/components'
import { onDetailValue } from '@/components/form-field'
import './index.scss'

interface Props {
  value: string
  onChange: (value: string) => void
  /** YYYY-MM-DD bounds. */
  start?: string
  end?: string
  placeholder?: string
  disabled?: boolean
  className?: string
}

/** A calendar day (YYYY-MM-DD) with the platform's date picker. */
export function DateField({ value, onChange, start, end, placeholder = '请选择日期', disabled, className }: Props) {
  return (
    <Picker mode='date' value={value} start={start} end={end} disabled={disabled} className={`date-field${className ? ` ${className}` : ''}`} onChange={onDetailValue(onChange)}>
      <View className='date-field-box'>
        <Text className={value ? 'date-field-value' : 'date-field-placeholder'}>{value || placeholder}</Text>
        <Text className='date-field-change'>选择</Text>
      </View>
    </Picker>
  )
}
