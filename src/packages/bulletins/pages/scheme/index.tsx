import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InputOf, ScoringSchemeView } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { guardedPage } from '@/components/guard'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useQuery } from '@/hooks/use-query'
import { formatDateTime } from '@/services/format'
import { validateInput } from '@/services/validate'
import '../bulletins.scss'

type SchemeInput = InputOf<'supervision.saveScoringScheme'>
type WeightKey = keyof SchemeInput['weights']
type NumberKey = 'worstDays' | 'overduePoints' | 'overdueMax' | 'minVolume' | 'flagThreshold'

const WEIGHTS: Array<{ key: WeightKey; label: string }> = [
  { key: 'onTimeRate', label: '按期办结率' },
  { key: 'closureRate', label: '结案率' },
  { key: 'satisfactionRate', label: '满意率' },
  { key: 'reworkRate', label: '返工率（越低越好）' },
  { key: 'reopenRate', label: '重新处理率（越低越好）' },
  { key: 'avgHandlingDays', label: '平均处置时长（越短越好）' }
]

const NUMBERS: Array<{ key: NumberKey; label: string; hint: string }> = [
  { key: 'worstDays', label: '平均处置时长 0 分天数', hint: '平均处置时长达到这么多个工作日得 0 分' },
  { key: 'overduePoints', label: '超期每件扣分', hint: '期末仍超期的问题每件扣分' },
  { key: 'overdueMax', label: '超期最多扣分', hint: '超期扣分的上限' },
  { key: 'minVolume', label: '最少问题数', hint: '期内问题少于这个数的显示“数据不足”，不排名次' },
  { key: 'flagThreshold', label: '流动红旗分数线', hint: '得分第一的村（居）达到这个分数才授予流动红旗' }
]

type Form = { name: string } & Record<WeightKey | NumberKey, string>

function formOf(s: ScoringSchemeView): Form {
  const weight = (key: WeightKey) => String(s.items.find((i) => i.indicator === key)?.weight ?? 0)
  const worst = s.items.find((i) => i.indicator === 'avgHandlingDays')?.worst ?? 10
  return {
    name: s.name,
    onTimeRate: weight('onTimeRate'),
    closureRate: weight('closureRate'),
    satisfactionRate: weight('satisfactionRate'),
    reworkRate: weight('reworkRate'),
    reopenRate: weight('reopenRate'),
    avgHandlingDays: weight('avgHandlingDays'),
    worstDays: String(worst),
    overduePoints: String(s.overduePoints),
    overdueMax: String(s.overdueMax),
    minVolume: String(s.minVolume),
    flagThreshold: String(s.flagThreshold)
  }
}

const num = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value))

export function inputOf(base: number, form: Form): SchemeInput {
  return {
    baseVersion: base,
    name: form.name.trim(),
    weights: {
      onTimeRate: num(form.onTimeRate),
      closureRate: num(form.closureRate),
      satisfactionRate: num(form.satisfactionRate),
      reworkRate: num(form.reworkRate),
      reopenRate: num(form.reopenRate),
      avgHandlingDays: num(form.avgHandlingDays)
    },
    worstDays: num(form.worstDays),
    overduePoints: num(form.overduePoints),
    overdueMax: num(form.overdueMax),
    minVolume: num(form.minVolume),
    flagThreshold: num(form.flagThreshold)
  }
}

/** 评分办法: the town office edits weights, deductions, the minimum volume and the 流动红旗 threshold; every save is a new version. */
export default guardedPage('bulletin-scheme', Scheme)

function Scheme() {
  const scope = useAdminScope()
  const [version, setVersion] = useState<number | null>(null)
  const scheme = useQuery('supervision.scoringScheme', version === null ? {} : { version })
  const s = scheme.data
  if (scheme.error && !s) return <ErrorState message={scheme.error} onRetry={() => void scheme.reload()} retrying={scheme.loading} />
  if (!s) return <Skeleton rows={6} />
  const current = version === null
  return (
    <>
      <SectionCard title={`${s.name}（第 ${s.version} 版）`} className='bulletin-scheme-current'>
        <Text className='wm-muted'>
          自 {s.effectiveFrom} 起适用{s.savedByName ? ` · ${s.savedByName} 保存于 ${formatDateTime(s.savedAt)}` : ' · 默认办法'}
        </Text>
        <Text className='bulletin-scheme-description'>{s.description}</Text>
        {s.items.map((i) => (
          <Text key={i.indicator} className='bulletin-scheme-item'>
            {i.label}：权重 {i.weight}
            {i.worst !== null ? `（${i.worst} 个工作日 0 分）` : ''}
          </Text>
        ))}
        <Text className='bulletin-scheme-item'>
          超期：每件扣 {s.overduePoints} 分，最多扣 {s.overdueMax} 分
        </Text>
        <Text className='bulletin-scheme-item'>
          问题少于 {s.minVolume} 件：数据不足 · 流动红旗分数线 {s.flagThreshold} 分
        </Text>
        {!current ? (
          <Button fill='outline' size='small' className='bulletin-scheme-back' onClick={() => setVersion(null)}>
            回到现行版本
          </Button>
        ) : null}
      </SectionCard>
      {current && scope.isTownAdmin ? <SchemeForm scheme={s} onSaved={(next) => scheme.setData(() => next)} /> : null}
      <SectionCard title='历史版本' className='bulletin-scheme-versions'>
        {s.versions.length ? (
          s.versions.map((v) => (
            <View key={v.version} className='bulletin-scheme-version' onClick={() => setVersion(v.version)}>
              <Text>
                第 {v.version} 版 · {v.name}
              </Text>
              <Text className='wm-muted'>{v.savedByName ? `${v.savedByName} ${formatDateTime(v.savedAt)}` : '默认办法'}</Text>
            </View>
          ))
        ) : (
          <Text className='wm-muted'>没有更早的版本</Text>
        )}
      </SectionCard>
    </>
  )
}

function SchemeForm({ scheme, onSaved }: { scheme: ScoringSchemeView; onSaved: (next: ScoringSchemeView) => void }) {
  const save = useAction('supervision.saveScoringScheme')
  const [form, setForm] = useState<Form>(() => formOf(scheme))
  useEffect(() => setForm(formOf(scheme)), [scheme])
  const set = (key: keyof Form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    save.clearField(WEIGHTS.some((w) => w.key === key) ? `weights.${key}` : key)
  }
  const submit = async () => {
    const input = inputOf(scheme.version, form)
    const invalid = validateInput('supervision.saveScoringScheme', input)
    if (invalid) return save.fail(invalid.message, invalid.fields)
    const res = await save.run(input)
    if (!res?.ok) return
    void Taro.showToast({ title: `已保存为第 ${res.data.version} 版`, icon: 'success' })
    onSaved(res.data)
  }
  return (
    <SectionCard title='修改评分办法' className='bulletin-scheme-form'>
      <Text className='wm-muted'>保存后生成新版本，之后生成的通报按新版本计分；已生成的通报仍按原版本。</Text>
      <FormField label='名称' error={save.fieldErrors.name}>
        <TextInput value={form.name} onChange={set('name')} maxlength={30} className='bulletin-scheme-name' />
      </FormField>
      {WEIGHTS.map((w) => (
        <FormField key={w.key} label={`${w.label}权重`} error={save.fieldErrors[`weights.${w.key}`]}>
          <TextInput type='number' value={form[w.key]} onChange={set(w.key)} className={`bulletin-scheme-${w.key}`} />
        </FormField>
      ))}
      {NUMBERS.map((n) => (
        <FormField key={n.key} label={n.label} hint={n.hint} error={save.fieldErrors[n.key]}>
          <TextInput type='number' value={form[n.key]} onChange={set(n.key)} className={`bulletin-scheme-${n.key}`} />
        </FormField>
      ))}
      {save.message ? <Text className='wm-error-text bulletin-scheme-error'>{save.message}</Text> : null}
      <Button type='primary' block className='bulletin-scheme-save' loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
        保存为新版本
      </Button>
    </SectionCard>
  )
}
