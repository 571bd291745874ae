import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DEFAULT_CLEANING_DEDUCTION_YUAN, MAX_CLEANING_DEDUCTION_YUAN, MAX_CLEANING_ITEMS, type CleaningRules } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useQuery } from '@/hooks/use-query'
import { randomToken } from '@/services/storage-types'
import './index.scss'

/** A checklist row being edited: `key` is the saved item's (kept across saves), absent for a new one. */
interface Row {
  id: string
  key?: string
  text: string
}

const rowsOf = (rules: CleaningRules): Row[] => rules.items.map((i) => ({ id: i.key, key: i.key, text: i.text }))
const amountOf = (rules: CleaningRules) => (rules.deductionSet ? String(rules.deductionYuan) : '')

/** 保洁考核规则: the checklist an inspection picks findings from and the 元 each finding takes; the town office edits them. */
export default guardedPage('cleaning-rules', CleaningRulesLoader)

function CleaningRulesLoader() {
  const scope = useAdminScope()
  const rules = useQuery('supervision.cleaningRules', {})
  if (rules.error && !rules.data) return <ErrorState message={rules.error} onRetry={() => void rules.reload()} retrying={rules.loading} />
  if (!rules.data) return <Skeleton rows={5} />
  return scope.isTownAdmin ? <RulesEditor rules={rules.data} onLoaded={(next) => rules.setData(() => next)} /> : <RulesView rules={rules.data} />
}

function Amount({ rules }: { rules: CleaningRules }) {
  return (
    <SectionCard title='每次扣款' className='cleaning-rules-amount'>
      <Text className='cleaning-rules-yuan'>{rules.deductionYuan} 元</Text>
      <Text className='wm-muted'>{rules.deductionSet ? '镇创建办设定的金额' : `镇创建办还没有设定，按默认 ${DEFAULT_CLEANING_DEDUCTION_YUAN} 元`}</Text>
      <Text className='wm-muted'>每条发现从该区域每位责任保洁员的当月工资中各扣一次；申诉撤销的不扣。</Text>
    </SectionCard>
  )
}

function RulesView({ rules }: { rules: CleaningRules }) {
  return (
    <>
      <Amount rules={rules} />
      <SectionCard title='检查项' className='cleaning-rules-list'>
        {rules.items.length ? (
          rules.items.map((item, i) => (
            <View key={item.key} className='cleaning-rule-line' data-key={item.key}>
              <Text className='cleaning-rule-order'>{i + 1}</Text>
              <Text className='cleaning-rule-text'>{item.text}</Text>
            </View>
          ))
        ) : (
          <EmptyState text='还没有检查项' />
        )}
      </SectionCard>
    </>
  )
}

/** Field errors of the server (`items.2.text`, `deductionYuan`) by row id. */
function rowErrors(rows: Row[], fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const m = /^items\.(\d+)/.exec(path)
    const row = m ? rows[Number(m[1])] : undefined
    if (row) out[row.id] = message
  }
  return out
}

function moved(rows: Row[], index: number, delta: -1 | 1): Row[] {
  const to = index + delta
  if (to < 0 || to >= rows.length) return rows
  const next = [...rows]
  ;[next[index], next[to]] = [next[to], next[index]]
  return next
}

/** Checks the form before sending: the amount (blank = default) and each item's text; null when fine. */
function checkForm(rows: Row[], amount: string): { amount?: string; rows: Record<string, string> } | null {
  const found: { amount?: string; rows: Record<string, string> } = { rows: {} }
  const trimmed = amount.trim()
  if (trimmed && (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX_CLEANING_DEDUCTION_YUAN))
    found.amount = `请填写 0–${MAX_CLEANING_DEDUCTION_YUAN} 的整数，不填按默认 ${DEFAULT_CLEANING_DEDUCTION_YUAN} 元`
  for (const row of rows) {
    const t = row.text.trim()
    if (t.length < 2 || t.length > 40) found.rows[row.id] = '检查内容为 2–40 个字'
  }
  const texts = rows.map((r) => r.text.trim())
  rows.forEach((row, i) => {
    if (!found.rows[row.id] && texts.indexOf(texts[i]) !== i) found.rows[row.id] = '检查内容不能重复'
  })
  return found.amount || Object.keys(found.rows).length ? found : null
}

function RulesEditor({ rules, onLoaded }: { rules: CleaningRules; onLoaded: (rules: CleaningRules) => void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(rules))
  const [amount, setAmount] = useState(() => amountOf(rules))
  const [rev, setRev] = useState(rules.rev)
  const [errors, setErrors] = useState<{ amount?: string; rows: Record<string, string> }>({ rows: {} })
  const [conflict, setConflict] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const save = useAction('supervision.saveCleaningRules')
  const latest = useAction('supervision.cleaningRules')
  const busy = save.busy || latest.busy
  const full = rows.length >= MAX_CLEANING_ITEMS

  const loaded = (next: CleaningRules) => {
    setRows(rowsOf(next))
    setAmount(amountOf(next))
    setRev(next.rev)
    onLoaded(next)
  }
  const edit = (next: Row[]) => {
    setSaved(false)
    setRows(next)
  }
  const submit = async () => {
    setSaved(false)
    save.reset()
    const found = checkForm(rows, amount)
    setErrors(found ?? { rows: {} })
    if (found) return
    const res = await save.run({ items: rows.map((r) => ({ ...(r.key ? { key: r.key } : {}), text: r.text.trim() })), deductionYuan: amount.trim() ? Number(amount.trim()) : null, rev })
    if (!res) return
    if (!res.ok) {
      if (res.code === 'CONFLICT') setConflict(res.message)
      return setErrors({ amount: res.fields?.deductionYuan, rows: rowErrors(rows, res.fields ?? {}) })
    }
    loaded(res.data)
    setSaved(true)
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }
  const reload = async () => {
    const res = await latest.run({})
    if (!res?.ok) return
    loaded(res.data)
    setConflict(null)
    setErrors({ rows: {} })
    save.reset()
  }

  return (
    <View className='cleaning-rules-editor'>
      <SectionCard title='每次扣款（元）' className='cleaning-rules-amount'>
        <FormField label='每条发现扣每位责任保洁员' error={errors.amount} hint={`不填按默认 ${DEFAULT_CLEANING_DEDUCTION_YUAN} 元`}>
          <TextInput
            className='cleaning-rules-deduction'
            type='number'
            value={amount}
            maxlength={4}
            disabled={busy}
            placeholder={String(DEFAULT_CLEANING_DEDUCTION_YUAN)}
            onChange={(v) => {
              setSaved(false)
              setAmount(v)
            }}
          />
        </FormField>
        <Text className='wm-muted'>改动只用于以后的发现；已经记下的扣款仍按当时的金额，申诉撤销的不扣。</Text>
      </SectionCard>
      <SectionCard title={`检查项（${rows.length}/${MAX_CLEANING_ITEMS}）`} className='cleaning-rules-list'>
        {rows.map((row, i) => (
          <View key={row.id} className='cleaning-rule-card' data-key={row.key ?? 'new'}>
            <FormField label={`第 ${i + 1} 项${row.key ? '' : '（新增，未保存）'}`} error={errors.rows[row.id]}>
              <TextInput
                className='cleaning-rule-input'
                value={row.text}
                maxlength={40}
                disabled={busy}
                placeholder='如：垃圾桶满溢'
                onChange={(text) => edit(rows.map((r) => (r.id === row.id ? { ...r, text } : r)))}
              />
            </FormField>
            <View className='cleaning-rule-actions'>
              <Button className='cleaning-rule-up' size='small' fill='outline' disabled={busy || i === 0} onClick={() => edit(moved(rows, i, -1))}>
                上移
              </Button>
              <Button className='cleaning-rule-down' size='small' fill='outline' disabled={busy || i === rows.length - 1} onClick={() => edit(moved(rows, i, 1))}>
                下移
              </Button>
              <Button className='cleaning-rule-remove' size='small' fill='outline' disabled={busy || rows.length <= 1} onClick={() => edit(rows.filter((r) => r.id !== row.id))}>
                删除
              </Button>
            </View>
          </View>
        ))}
        <Button className='cleaning-rules-add' fill='outline' block disabled={busy || full} onClick={() => edit([...rows, { id: `new-${randomToken(8)}`, text: '' }])}>
          {full ? `最多 ${MAX_CLEANING_ITEMS} 个检查项` : '添加检查项'}
        </Button>
        <Text className='wm-muted'>删除的检查项以后不能再选；已记下的发现仍显示原来的检查内容。</Text>
      </SectionCard>
      {save.message ? <Text className='wm-error-text cleaning-rules-message'>{save.message}</Text> : null}
      {saved ? <Text className='cleaning-rules-saved'>已保存。之后的检查按新的检查项和金额记录。</Text> : null}
      {conflict ? (
        <View className='cleaning-rules-conflict'>
          <Text className='wm-error-text'>您这次的修改没有保存。载入最新规则后，需要再改一次。</Text>
          <Button className='cleaning-rules-reload' type='primary' block loading={latest.busy} disabled={busy} onClick={() => void reload()}>
            放弃我的修改，载入最新规则
          </Button>
        </View>
      ) : (
        <Button className='cleaning-rules-save' type='primary' block loading={save.busy} disabled={busy} onClick={() => void submit()}>
          保存规则
        </Button>
      )}
    </View>
  )
}
