import type { PropsWithChildren } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import './index.scss'

/** The string a Taro form control's own event carries in detail.value; null for anything else (e.g. a bubbled native event). */
export function detailValue(event: { detail?: unknown }): string | null {
  const next = (event.detail as { value?: unknown } | undefined)?.value
  return typeof next === 'string' ? next : null
}

/** An event handler that passes the control's string value on, and ignores events without one. */
export function onDetailValue(onChange: (value: string) => void) {
  return (event: { detail?: unknown }) => {
    const next = detailValue(event)
    if (next !== null) onChange(next)
  }
}

interface FieldProps {
  label: string
  error?: string
  hint?: string
  className?: string
}

/** Label, control and the field's Chinese error under it. */
export function FormField({ label, error, hint, className, children }: PropsWithChildren<FieldProps>) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <Text className='form-field-label'>{label}</Text>
      {children}
      {error ? <Text className='form-field-error'>{error}</Text> : hint ? <Text className='form-field-hint'>{hint}</Text> : null}
    </View>
  )
}

interface TextInputProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  /** digit = numbers with a decimal point (WeChat's keyboard). */
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  disabled?: boolean
  className?: string
  onConfirm?: () => void
}

export function TextInput({ value, onChange, placeholder, type = 'text', maxlength, disabled, className, onConfirm }: TextInputProps) {
  return (
    <Input
      className={`text-input${className ? ` ${className}` : ''}`}
      value={value}
      type={type}
      placeholder={placeholder}
      maxlength={maxlength}
      disabled={disabled}
      onInput={onDetailValue(onChange)}
      onConfirm={onConfirm ? () => onConfirm() : undefined}
    />
  )
}

interface TextAreaProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxlength?: number
  disabled?: boolean
  className?: string
}

/** Several lines of text (descriptions, reasons), with a character count. */
export function TextArea({ value, onChange, placeholder, maxlength, disabled, className }: TextAreaProps) {
  return (
    <View className={`text-area-box${className ? ` ${className}` : ''}`}>
      <Textarea className='text-area' value={value} placeholder={placeholder} maxlength={maxlength} disabled={disabled} autoHeight onInput={onDetailValue(onChange)} />
      {maxlength ? (
        <Text className='text-area-count'>
          {value.length}/{maxlength}
        </Text>
      ) : null}
    </View>
  )
}
