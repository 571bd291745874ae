import { View, Text } from '@tarojs/components'
import './index.scss'

export interface Choice<T extends string> {
  value: T
  label: string
}

/** Chips for named things (villages, grids, units, teams …): the id is the value, the name the label. */
export function namedOptions(items: ReadonlyArray<{ id: string; name: string }>): Array<Choice<string>> {
  return items.map((item) => ({ value: item.id, label: item.name }))
}

interface Props<T extends string> {
  options: ReadonlyArray<Choice<T>>
  value: T | null | undefined
  onChange: (value: T) => void
  disabled?: boolean
  className?: string
  /** Accessible name of the group, e.g. 选择村（居）. */
  label?: string
}

/** Tappable chips instead of a picker wheel: large targets, every option visible. */
export function ChoiceChips<T extends string>({ options, value, onChange, disabled, className, label }: Props<T>) {
  return (
    <View className={`choice-chips${className ? ` ${className}` : ''}`} role='radiogroup' aria-label={label}>
      {options.map((option) => {
        const selected = option.value === value
        return (
          <View
            key={option.value}
            role='radio'
            aria-checked={selected}
            className={`choice-chip${selected ? ' choice-chip--on' : ''}${disabled ? ' choice-chip--disabled' : ''}`}
            onClick={() => {
              if (!disabled && !selected) onChange(option.value)
            }}
          >
            <Text>{option.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
