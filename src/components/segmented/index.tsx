import { View, Text } from '@tarojs/components'
import './index.scss'

interface Props<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>
  value: T
  onChange: (value: T) => void
  className?: string
}

/** Tabs inside a page (随手拍 / 我的随手拍 / 曝光台). */
export function Segmented<T extends string>({ options, value, onChange, className }: Props<T>) {
  return (
    <View className={`segmented${className ? ` ${className}` : ''}`} role='tablist'>
      {options.map((option) => (
        <View
          key={option.value}
          role='tab'
          aria-selected={option.value === value}
          className={`segmented-item segmented-item--${option.value}${option.value === value ? ' segmented-item--on' : ''}`}
          onClick={() => onChange(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  )
}
