import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PointRule, PointRuleKey } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { validateInput } from '@/services/validate'
import '../deeds.scss'

type Field = 'points' | 'dailyCap' | 'monthlyCap'
type Draft = Record<Field, string>
const FIELDS: Array<{ field: Field; label: string }> = [
  { field: 'points', label: '分值' },
  { field: 'dailyCap', label: '每日上限' },
  { field: 'monthlyCap', label: '每月上限' }
]

/** '' → NaN so the contract answers 请填写…; anything else as typed. */
const numberOf = (text: string) => (text.trim() ? Number(text.trim()) : NaN)

function draftsOf(rules: PointRule[]): Record<string, Draft> {
  return Object.fromEntries(rules.map((rule) => [rule.key, { points: String(rule.points), dailyCap: String(rule.dailyCap), monthlyCap: String(rule.monthlyCap) }]))
}

function inputOf(rules: PointRule[], drafts: Record<string, Draft>) {
  return {
    rules: rules.map((rule) => ({ key: rule.key, points: numberOf(drafts[rule.key].points), dailyCap: numberOf(drafts[rule.key].dailyCap), monthlyCap: numberOf(drafts[rule.key].monthlyCap) }))
  }
}

/** Field errors keyed `<rule key>.<field>`, from the contract (which also keeps 每日上限 ≤ 每月上限). */
function checkRules(rules: PointRule[], drafts: Record<string, Draft>): Record<string, string> {
  const input = inputOf(rules, drafts)
  const errors: Record<string, string> = {}
  for (const [path, message] of Object.entries(validateInput('deeds.saveRules', input)?.fields ?? {})) {
    const [, index, field] = path.split('.')
    const rule = rules[Number(index)]
    if (rule && field) errors[`${rule.key}.${field}`] = message
  }
  return errors
}

function RuleCard({ rule, draft, errors, disabled, onChange }: { rule: PointRule; draft: Draft; errors: Record<string, string>; disabled: boolean; onChange: (field: Field, value: string) => void }) {
  return (
    <View className='rule-card' data-rule-key={rule.key}>
      <Text className='rule-card-label'>{rule.label}</Text>
      <View className='rule-card-fields'>
        {FIELDS.map(({ field, label }) => (
          <FormField key={field} label={label} error={errors[`${rule.key}.${field}`]}>
            <TextInput className={`rule-${field}`} type='number' value={draft[field]} onChange={(value) => onChange(field, value)} maxlength={5} disabled={disabled} />
          </FormField>
        ))}
      </View>
    </View>
  )
}

function RulesEditor({ rules, onSaved }: { rules: PointRule[]; onSaved: (rules: PointRule[]) => void }) {
  const [drafts, setDrafts] = useState(() => draftsOf(rules))
  const saveRules = useAction('deeds.saveRules')
  const { fieldErrors: errors, message, busy } = saveRules
  const [saved, setSaved] = useState(false)

  const change = (key: PointRuleKey, field: Field, value: string) => {
    setSaved(false)
    setDrafts((current) => ({ ...current, [key]: { ...current[key], [field]: value } }))
  }

  const save = async () => {
    setSaved(false)
    const found = checkRules(rules, drafts)
    if (Object.keys(found).length) return saveRules.fail('请按提示修改后再保存', found)
    const res = await saveRules.run(inputOf(rules, drafts))
    if (!res?.ok) return
    setDrafts(draftsOf(res.data))
    setSaved(true)
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved(res.data)
  }

  return (
    <View className='rules-editor'>
      {rules.map((rule) => (
        <RuleCard key={rule.key} rule={rule} draft={drafts[rule.key]} errors={errors} disabled={busy} onChange={(field, value) => change(rule.key, field, value)} />
      ))}
      {message ? <Text className='wm-error-text rules-message'>{message}</Text> : null}
      {saved ? <Text className='rules-saved'>已保存。新规则从现在起用于审核通过的善行、志愿时长和被受理的随手拍，已记的积分不变。</Text> : null}
      <Button className='rules-save' type='primary' block loading={busy} disabled={busy} onClick={() => void save()}>
        保存积分规则
      </Button>
    </View>
  )
}

function RulesTable({ rules }: { rules: PointRule[] }) {
  return (
    <View className='rules-table'>
      {rules.map((rule) => (
        <View key={rule.key} className='rule-card' data-rule-key={rule.key}>
          <Text className='rule-card-label'>{rule.label}</Text>
          <Text className='wm-muted'>
            {rule.points} 分 · 每日最多 {rule.dailyCap} 分 · 每月最多 {rule.monthlyCap} 分
          </Text>
        </View>
      ))}
    </View>
  )
}

/** 积分规则: points and daily/monthly caps per rule; the town office edits them, everyone else reads them. */
export default function RulesPage() {
  const scope = useAdminScope()
  const rules = useQuery('deeds.rules', {})
  let body: JSX.Element
  if (rules.loading && !rules.data) body = <Skeleton rows={6} />
  else if (rules.error && !rules.data) body = <ErrorState message={rules.error} onRetry={() => void rules.reload()} retrying={rules.loading} />
  else if (!rules.data?.length) body = <EmptyState text='还没有积分规则' />
  else if (scope.isTownAdmin) body = <RulesEditor rules={rules.data} onSaved={(next) => rules.setData(() => next)} />
  else body = <RulesTable rules={rules.data} />
  return (
    <PageShell name='deed-rules'>
      <Text className='wm-muted rules-intro'>分值：每件善行、每小时志愿服务或每条被受理的随手拍记多少分；每人每天、每月按各项规则最多记的分数。达到上限后照常记入档案，但不再加分。</Text>
      {body}
    </PageShell>
  )
}
