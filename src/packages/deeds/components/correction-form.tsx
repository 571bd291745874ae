import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ChoiceChips } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useFormDraft } from '@/hooks/use-form-draft'
import { validateInput } from '@/services/validate'

type Sign = 'plus' | 'minus'
const SIGNS: Array<{ value: Sign; label: string }> = [
  { value: 'plus', label: '加分（+）' },
  { value: 'minus', label: '扣分（−）' }
]

/** The signed delta; NaN when the amount is empty so the contract says 请填写分值. */
function deltaOf(sign: Sign | null, amount: string): number {
  const text = amount.trim()
  const value = text ? Number(text) : NaN
  return sign === 'minus' ? -value : value
}

interface Props {
  userId: string
  name: string
  /** After the entry is recorded: refresh the ledger and balance. */
  onDone: () => void
  /** After a correction above the approval threshold is submitted for approval. */
  onRequested?: () => void
}

/** 积分更正: +/− an integer with a reason, confirmed, recorded as a new ledger entry. */
export function CorrectionForm({ userId, name, onDone, onRequested }: Props) {
  const [sign, setSign] = useState<Sign | null>(null)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const correct = useAction('deeds.correct')
  const { fieldErrors: fields, message, busy } = correct
  const [pending, setPending] = useState<string | null>(null)
  // back to empty after a correction is recorded = nothing kept
  const kept = useFormDraft(`correction:${userId}`, { sign, amount, reason }, (saved) => {
    setSign(saved.sign)
    setAmount(saved.amount)
    setReason(saved.reason)
  })

  const check = (): Record<string, string> => {
    const input = { userId, delta: deltaOf(sign, amount), reason: reason.trim() }
    const errors: Record<string, string> = { ...(validateInput('deeds.correct', input)?.fields ?? {}) }
    if (!sign) errors.sign = '请选择加分还是扣分'
    return errors
  }

  const submit = async () => {
    setPending(null)
    const errors = check()
    if (Object.keys(errors).length) return correct.fail(null, errors)
    correct.reset()
    const delta = deltaOf(sign, amount)
    const sure = await Taro.showModal({
      title: '确认更正积分',
      content: `给${name}${delta > 0 ? '加' : '扣'} ${Math.abs(delta)} 分，原因：${reason.trim()}。更正记为一条新明细，原记录不变。`,
      confirmText: '确认更正'
    })
    if (!sure.confirm) return
    const res = await correct.run({ userId, delta, reason: reason.trim() })
    if (!res?.ok) return
    setSign(null)
    setAmount('')
    setReason('')
    kept.dismiss()
    if (res.data.status === 'pending') {
      setPending(`${Math.abs(delta)} 分超过 ${res.data.threshold} 分的审批线，已提交审批：由另一位管理员（或镇创建办）批准后才记入积分。`)
      void Taro.showToast({ title: '已提交审批', icon: 'none' })
      onRequested?.()
      return
    }
    void Taro.showToast({ title: '已记入更正', icon: 'success' })
    onDone()
  }

  return (
    <View className='correction-form'>
      <Text className='deeds-household-name'>更正积分</Text>
      <Text className='wm-muted'>更正记为一条新明细，原记录不变。不能更正自己或本家庭成员的积分。分值超过镇创建办设定的审批线时，须另一位管理员批准后才记入。</Text>
      <DraftNotice draft={kept} />
      <FormField label='加分还是扣分' error={fields.sign}>
        <ChoiceChips className='correction-sign' options={SIGNS} value={sign} onChange={setSign} label='加分还是扣分' disabled={busy} />
      </FormField>
      <FormField label='分值（整数）' error={fields.delta}>
        <TextInput className='correction-amount' type='number' value={amount} onChange={setAmount} placeholder='如 5' maxlength={5} disabled={busy} />
      </FormField>
      <FormField label='更正原因' error={fields.reason}>
        <TextArea className='correction-reason' value={reason} onChange={setReason} placeholder='为什么更正，居民能在积分明细里看到' maxlength={200} disabled={busy} />
      </FormField>
      {message ? <Text className='wm-error-text correction-message'>{message}</Text> : null}
      {pending ? <Text className='correction-pending'>{pending}</Text> : null}
      <Button className='correction-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        记一条更正
      </Button>
    </View>
  )
}
