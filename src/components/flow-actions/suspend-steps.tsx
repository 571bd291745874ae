import { useState } from 'react'
import { Text } from '@tarojs/components'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextArea } from '@/components/form-field'
import { ConfirmButton, StepBox, StepError, type StepProps } from './parts'

type Audience = 'staff' | 'public'

const AUDIENCES = [
  { value: 'staff', label: '只给工作人员看' },
  { value: 'public', label: '也告知反映人' }
] as const

/** 挂起 (镇创建办): a reason; the reporter sees 暂缓办理, and the reason only when the office says so. */
export function SuspendStep({ report, flow, close }: StepProps) {
  const [reason, setReason] = useState('')
  const [audience, setAudience] = useState<Audience>('staff')
  const fields = flow.failure?.action === 'reports.suspend' ? flow.failure.fields : {}
  const go = async () => {
    const ok = await flow.run(
      'reports.suspend',
      { reportId: report.id, reason, reasonPublic: audience === 'public' },
      { confirm: { title: '挂起', content: `原因：${reason.trim()}。挂起期间不计时限，恢复办理时重新设定整改期限。` }, done: '已挂起' }
    )
    if (ok) close()
  }
  return (
    <StepBox title='挂起（暂缓办理）' className='flow-step--suspend'>
      <Text className='wm-muted'>挂起后各项时限暂停，不计超期，也不计入按期办结率的应办结数；反映人看到“暂缓办理”。</Text>
      <FormField label='挂起原因' error={fields.reason}>
        <TextArea className='input-suspend-reason' value={reason} maxlength={200} placeholder='如：需跨部门协调、待上级批复' onChange={setReason} />
      </FormField>
      <ChoiceChips className='pick-suspend-audience' label='原因给谁看' options={AUDIENCES} value={audience} onChange={setAudience} />
      <StepError flow={flow} actions={['reports.suspend']} />
      <ConfirmButton action='suspend' flow={flow} label='确认挂起' onClick={() => void go()} />
    </StepBox>
  )
}

const WORKDAYS = ['3', '5', '10', '15', '20'] as const
type Workdays = (typeof WORKDAYS)[number]

/** 恢复办理 (镇创建办): continues where it was, with a new 整改期限 in working days from today. */
export function ResumeStep({ report, flow, close }: StepProps) {
  const [workdays, setWorkdays] = useState<Workdays>('5')
  const [note, setNote] = useState('')
  const fields = flow.failure?.action === 'reports.resume' ? flow.failure.fields : {}
  const go = async () => {
    const ok = await flow.run(
      'reports.resume',
      { reportId: report.id, workdays: Number(workdays), ...(note.trim() ? { note } : {}) },
      { confirm: { title: '恢复办理', content: `恢复办理，整改期限为今天起 ${workdays} 个工作日？` }, done: '已恢复办理' }
    )
    if (ok) close()
  }
  return (
    <StepBox title='恢复办理' className='flow-step--resume'>
      <FormField label='新的整改期限（工作日，按节假日安排计算）' error={fields.workdays}>
        <ChoiceChips className='pick-resume-workdays' label='整改期限' options={WORKDAYS.map((n) => ({ value: n, label: `${n} 个工作日` }))} value={workdays} onChange={setWorkdays} />
      </FormField>
      <FormField label='说明（可不填）' error={fields.note}>
        <TextArea className='input-resume-note' value={note} maxlength={200} placeholder='如：已协调县住建局，请继续整改' onChange={setNote} />
      </FormField>
      <StepError flow={flow} actions={['reports.resume']} />
      <ConfirmButton action='resume' flow={flow} label='确认恢复办理' onClick={() => void go()} />
    </StepBox>
  )
}
