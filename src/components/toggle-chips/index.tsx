import { View, Text } from '@tarojs/components'
import '@/components/choice-chips/index.scss'

interface Props {
  options: readonly string[]
  value: readonly string[]
  onChange: (value: string[]) => void
  /** Most that may be chosen; further taps are ignored. */
  max?: number
  disabled?: boolean
  className?: string
  label?: string
}

/** Several choices at once (特长): the chip look of ChoiceChips, each one a checkbox. */
export function ToggleChips({ options, value, onChange, max, disabled, className, label }: Props) {
  const toggle = (option: string) => {
    if (disabled) return
    if (value.includes(option)) onChange(value.filter((item) => item !== option))
    else if (max === undefined || value.length < max) onChange([...value, option])
  }
  return (
    <View className={`choice-chips${className ? ` ${className}` : ''}`} role='group' aria-label={label}>
      {options.map((option) => {
        const on = value.includes(option)
        return (
          <View key={option} role='checkbox' aria-checked={on} className={`choice-chip${on ? ' choice-chip--on' : ''}${disabled ? ' choice-chip--disabled' : ''}`} onClick={() => toggle(option)}>
            <Text>{option}</Text>
          </View>
        )
      })}
    </View>
  )
}
