import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { Fail } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { Button } from '@/components/ui'
import './index.scss'

export interface NameEditorValue {
  name: string
  phone?: string
}

interface Props {
  label: string
  initial?: NameEditorValue
  /** Also ask for a phone number (责任单位). */
  withPhone?: boolean
  /** Returns null on success, or the failure to show; the typed text stays. */
  onSave: (value: NameEditorValue) => Promise<Fail | null>
  onCancel: () => void
  className?: string
}

/** Inline add / rename form for a village, grid or unit. */
export function NameEditor({ label, initial, withPhone, onSave, onCancel, className }: Props) {
  const [value, setValue] = useState<NameEditorValue>(initial ?? { name: '', phone: '' })
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<Fail | null>(null)

  const save = async () => {
    setSaving(true)
    setFailure(null)
    const res = await onSave(value)
    setSaving(false)
    if (res) setFailure(res)
  }

  return (
    <View className={`name-editor${className ? ` ${className}` : ''}`}>
      <FormField label={label} error={failure?.fields?.name}>
        <TextInput className='name-editor-input' value={value.name} maxlength={30} placeholder={`请填写${label}`} onChange={(name) => setValue({ ...value, name })} />
      </FormField>
      {withPhone ? (
        <FormField label='联系电话' error={failure?.fields?.phone}>
          <TextInput className='name-editor-phone' type='number' value={value.phone ?? ''} maxlength={11} placeholder='11 位手机号，可不填' onChange={(phone) => setValue({ ...value, phone })} />
        </FormField>
      ) : null}
      {failure && !failure.fields?.name && !failure.fields?.phone ? <Text className='wm-error-text name-editor-error'>{failure.message}</Text> : null}
      <View className='wm-actions'>
        <Button className='name-editor-save' type='primary' size='small' loading={saving} disabled={saving} onClick={() => void save()}>
          保存
        </Button>
        <Button className='name-editor-cancel' size='small' fill='outline' disabled={saving} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
