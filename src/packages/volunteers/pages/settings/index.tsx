import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { VolunteerSettings } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { NUMBER_FIELDS, ROUNDING_EXPLAIN, ROUNDING_OPTIONS, checkSettings, draftOf, inputOf, roundingLabel, type NumberField, type SettingsDraft, type SettingsField } from '../../settings-form'
import './index.scss'

const TAKES_EFFECT = '保存后立即生效：之后的扫码签到按新的签到距离和开放时间检查，之后签退算出的时长按新的取整方式，大屏二维码在下一次更换时改用新的间隔。已经计入的时长不会重新计算。'

/** 志愿服务规则: everyone signed in may read them; only the town office edits them. */
export default guardedPage('volunteer-settings', Settings)

function Settings() {
  const scope = useAdminScope()
  const settings = useQuery('volunteers.settings', {})
  if (settings.loading && !settings.data) return <Skeleton rows={5} />
  if (settings.error && !settings.data) return <ErrorState message={settings.error} onRetry={() => void settings.reload()} retrying={settings.loading} />
  if (!settings.data) return null
  return (
    <View className='volunteer-settings'>
      <Text className='wm-muted settings-intro'>全镇的志愿活动都按这些规则签到、计时长。</Text>
      {scope.isTownAdmin ? <SettingsEditor settings={settings.data} onSaved={(saved) => settings.setData(() => saved)} /> : <SettingsView settings={settings.data} />}
    </View>
  )
}

function SettingsView({ settings }: { settings: VolunteerSettings }) {
  return (
    <View className='settings-view'>
      <SectionCard title='时长取整' className='settings-rule settings-rule--roundingHours'>
        <Text className='settings-value'>{roundingLabel(settings.roundingHours)}向下取整</Text>
        <Text className='wm-muted settings-explain'>{ROUNDING_EXPLAIN}</Text>
      </SectionCard>
      {NUMBER_FIELDS.map((text) => (
        <SectionCard key={text.field} title={text.title} className={`settings-rule settings-rule--${text.field}`}>
          <Text className='settings-value'>
            {settings[text.field]} {text.unit}
          </Text>
          <Text className='wm-muted settings-explain'>{text.explain}</Text>
        </SectionCard>
      ))}
      <Text className='wm-muted settings-note'>这些规则由镇创建办设置。</Text>
    </View>
  )
}

function SettingsEditor({ settings, onSaved }: { settings: VolunteerSettings; onSaved: (settings: VolunteerSettings) => void }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(settings))
  const saveSettings = useAction('volunteers.saveSettings')
  const { message, busy } = saveSettings
  const errors = saveSettings.fieldErrors as Partial<Record<SettingsField, string>>
  const [saved, setSaved] = useState(false)

  const change = (patch: Partial<SettingsDraft>) => {
    setSaved(false)
    setDraft((current) => ({ ...current, ...patch }))
  }

  const save = async () => {
    setSaved(false)
    const found = checkSettings(draft)
    if (Object.keys(found).length) return saveSettings.fail('请按提示修改后再保存', found)
    const res = await saveSettings.run(inputOf(draft))
    if (!res?.ok) return
    setDraft(draftOf(res.data))
    setSaved(true)
    onSaved(res.data)
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  return (
    <View className='settings-editor'>
      <SectionCard title='时长取整' className='settings-rule settings-rule--roundingHours'>
        <Text className='wm-muted settings-explain'>{ROUNDING_EXPLAIN}</Text>
        <FormField label='取整方式' error={errors.roundingHours}>
          <ChoiceChips
            className='settings-rounding'
            label='时长取整方式'
            options={ROUNDING_OPTIONS}
            value={draft.roundingHours}
            disabled={busy}
            onChange={(roundingHours) => change({ roundingHours })}
          />
        </FormField>
      </SectionCard>
      {NUMBER_FIELDS.map((text) => (
        <NumberRule key={text.field} field={text.field} value={draft[text.field]} error={errors[text.field]} disabled={busy} onChange={(value) => change({ [text.field]: value })} />
      ))}
      <Text className='wm-muted settings-effect'>{TAKES_EFFECT}</Text>
      {message ? <Text className='wm-error-text settings-message'>{message}</Text> : null}
      {saved ? <Text className='settings-saved'>已保存，新规则已生效。已经计入的时长不会重新计算。</Text> : null}
      <Button className='settings-save' type='primary' block loading={busy} disabled={busy} onClick={() => void save()}>
        保存规则
      </Button>
    </View>
  )
}

function NumberRule({ field, value, error, disabled, onChange }: { field: NumberField; value: string; error?: string; disabled: boolean; onChange: (value: string) => void }) {
  const text = NUMBER_FIELDS.find((item) => item.field === field)
  if (!text) return null
  return (
    <SectionCard title={text.title} className={`settings-rule settings-rule--${field}`}>
      <Text className='wm-muted settings-explain'>{text.explain}</Text>
      <FormField label={`${text.title}（${text.unit}）`} error={error} hint={`可填 ${text.range.min}–${text.range.max} ${text.unit}`}>
        <TextInput className={`settings-input settings-${field}`} type='number' value={value} maxlength={5} disabled={disabled} onChange={onChange} />
      </FormField>
    </SectionCard>
  )
}
