import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { RATINGS, RATING_LABELS, type Rating, type ReportDetail } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextArea } from '@/components/form-field'
import { ConfirmButton, StepError, type FlowRunner } from '@/components/flow-actions/parts'
import { SectionCard } from '@/components/section-card'
import { Button } from '@/components/ui'
import './index.scss'

/** After closure: rate the outcome, or ask for it to be handled again — only when the server allows. */
export function ResidentActions({ report, flow }: { report: ReportDetail; flow: FlowRunner }) {
  const canRate = report.allowed.includes('rate')
  const canReopen = report.allowed.includes('reopen')
  if (!canRate && !canReopen) return null
  return (
    <SectionCard title='处理结果怎么样？' className='resident-actions'>
      {canRate ? <RatePanel report={report} flow={flow} /> : null}
      {canReopen ? <ReopenPanel report={report} flow={flow} /> : null}
    </SectionCard>
  )
}

function RatePanel({ report, flow }: { report: ReportDetail; flow: FlowRunner }) {
  const [value, setValue] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const fields = flow.failure?.action === 'reports.rate' ? flow.failure.fields : {}
  const go = async () => {
    if (!value) {
      setMissing(true)
      return
    }
    await flow.run(
      'reports.rate',
      { reportId: report.id, value, ...(comment.trim() ? { comment } : {}) },
      { confirm: { title: '提交评价', content: `评价为“${RATING_LABELS[value]}”？` }, done: '谢谢您的评价' }
    )
  }
  return (
    <View className='rate-panel'>
      <FormField label='评价' error={fields.value ?? (missing && !value ? '请选择评价' : undefined)}>
        <ChoiceChips className='pick-rating' label='选择评价' options={RATINGS.map((item) => ({ value: item, label: RATING_LABELS[item] }))} value={value} onChange={setValue} />
      </FormField>
      <FormField label='说几句（可不填）' error={fields.comment}>
        <TextArea className='input-rate-comment' value={comment} maxlength={200} placeholder='处理得快不快、好不好' onChange={setComment} />
      </FormField>
      <StepError flow={flow} actions={['reports.rate']} />
      <ConfirmButton action='rate' flow={flow} label='提交评价' onClick={() => void go()} />
    </View>
  )
}

function ReopenPanel({ report, flow }: { report: ReportDetail; flow: FlowRunner }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const fields = flow.failure?.action === 'reports.reopen' ? flow.failure.fields : {}
  if (!open) {
    return (
      <View className='reopen-entry'>
        <Text className='wm-muted'>问题没有解决，或者又出现了？</Text>
        <Button className='action-reopen' fill='outline' onClick={() => setOpen(true)}>
          申请重新处理
        </Button>
      </View>
    )
  }
  const go = async () => {
    const ok = await flow.run('reports.reopen', { reportId: report.id, reason }, { confirm: { title: '申请重新处理', content: `理由：${reason.trim()}` }, done: '已申请重新处理' })
    if (ok) setOpen(false)
  }
  return (
    <View className='reopen-panel'>
      <FormField label='重新处理的理由' error={fields.reason}>
        <TextArea className='input-reopen-reason' value={reason} maxlength={200} placeholder='如：垃圾清走两天后又堆起来了' onChange={setReason} />
      </FormField>
      <StepError flow={flow} actions={['reports.reopen']} />
      <ConfirmButton action='reopen' flow={flow} label='提交申请' onClick={() => void go()} />
    </View>
  )
}
