import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TownSafeguards } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useSafeguards, useSafeguardsEditor } from '../../use-safeguards'
import { CAP_FIELDS, CORRECTION_FIELD, type SafeguardField, type SafeguardText } from '../../safeguards-form'
import './index.scss'

const TAKES_EFFECT = '保存后立即生效：之后提交的随手拍、善行申报和提名按新的上限计数（今天已提交的照常计入），之后记的积分更正按新的审批线判断。已经在等待审批的更正不受影响。'

/** 防刷与审批规则: the town office sets how large a correction one admin may record alone, and each person's daily caps. */
export default guardedPage('admin-safeguards', Safeguards)

function Safeguards() {
  const saved = useSafeguards()
  if (saved.loading && !saved.data) return <Skeleton rows={5} />
  if (saved.error && !saved.data) return <ErrorState message={saved.error} onRetry={() => void saved.reload()} retrying={saved.loading} />
  if (!saved.data) return null
  return (
    <View className='admin-safeguards'>
      <Text className='wm-muted safeguards-intro'>每次提交都要经过内容安全检查，每人每天的提交数有上限，防止刷屏和滥用；大额积分更正须两人经手。</Text>
      <Editor saved={saved.data} onSaved={(next) => saved.setData(() => next)} />
    </View>
  )
}

function Editor({ saved, onSaved }: { saved: TownSafeguards; onSaved: (s: TownSafeguards) => void }) {
  const form = useSafeguardsEditor(saved, onSaved)
  const save = async () => {
    if (await form.save()) void Taro.showToast({ title: '已保存', icon: 'success' })
  }
  const field = (text: SafeguardText) => (
    <NumberField key={text.field} text={text} value={form.draft[text.field]} error={form.errors[text.field]} disabled={form.busy} onChange={(value) => form.change(text.field, value)} />
  )
  return (
    <View className='safeguards-editor'>
      <SectionCard title='积分更正审批' className='safeguards-card safeguards-card--correction'>
        <Text className='wm-muted safeguards-explain'>{CORRECTION_FIELD.explain}</Text>
        {field(CORRECTION_FIELD)}
      </SectionCard>
      <SectionCard title='每人每天提交上限' className='safeguards-card safeguards-card--caps'>
        <Text className='wm-muted safeguards-explain'>按北京时间的自然日计，零点起重新计数。达到上限后当天再提交会提示“已达每日上限，请明天再来”。</Text>
        {CAP_FIELDS.map((text) => (
          <View key={text.field}>
            <Text className='wm-muted safeguards-explain'>{text.explain}</Text>
            {field(text)}
          </View>
        ))}
      </SectionCard>
      <Text className='wm-muted safeguards-effect'>{TAKES_EFFECT}</Text>
      {form.message ? <Text className='wm-error-text safeguards-message'>{form.message}</Text> : null}
      {form.done ? <Text className='safeguards-saved'>已保存，新规则已生效。</Text> : null}
      <Button className='safeguards-save' type='primary' block loading={form.busy} disabled={form.busy} onClick={() => void save()}>
        保存规则
      </Button>
    </View>
  )
}

function NumberField({ text, value, error, disabled, onChange }: { text: SafeguardText; value: string; error?: string; disabled: boolean; onChange: (value: string) => void }) {
  const field: SafeguardField = text.field
  return (
    <FormField label={`${text.title}（${text.unit}）`} error={error} hint={`可填 ${text.range.min}–${text.range.max} ${text.unit}`} className={`safeguards-field safeguards-field--${field}`}>
      <TextInput className={`safeguards-input safeguards-${field}`} type='number' value={value} maxlength={5} disabled={disabled} onChange={onChange} />
    </FormField>
  )
}
