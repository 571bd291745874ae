import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { CategoryItem, FlowAction, ReportDetail, Unit } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { DateField } from '@/components/date-field'
import { DraftNotice } from '@/components/draft-notice'
import { FormField, TextArea } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useFormDraft } from '@/hooks/use-form-draft'
import { dayFromToday } from '@/services/format'
import { DuplicatePicker } from './duplicate-picker'
import { ConfirmButton, StepBox, StepError, type FlowRunner, type StepProps } from './parts'
import { RectifyForm } from './rectify-form'
import { ResumeStep, SuspendStep } from './suspend-steps'
import './index.scss'

interface Props {
  report: ReportDetail
  flow: FlowRunner
  units: Unit[] | null
  categories: CategoryItem[] | null
}

/** Staff steps in the order they happen; only what the server lists in `allowed`. */
const STAFF_ACTIONS: readonly FlowAction[] = ['accept', 'reject', 'markDuplicate', 'changeCategory', 'dispatch', 'sign', 'answer', 'return', 'rectify', 'verifyPass', 'verifyFail', 'suspend', 'resume']

export function staffActionsOf(report: ReportDetail): FlowAction[] {
  return STAFF_ACTIONS.filter((action) => report.allowed.includes(action))
}

/** The steps this person may take on this problem now, each with its own small form. */
export function FlowActions({ report, flow, units, categories }: Props) {
  const allowed = staffActionsOf(report)
  const [open, setOpen] = useState<FlowAction | null>(null)
  if (!allowed.length) return <Text className='wm-muted flow-none'>目前没有需要您处理的步骤</Text>
  const props = { report, flow, close: () => setOpen(null) }
  const toggle = (action: FlowAction) => {
    flow.clearFailure()
    setOpen(open === action ? null : action)
  }
  // 受理 can be put right afterwards (标记重复, 改类别, 不予受理 is no longer needed): one tap, no form, no dialog
  const tap = (action: FlowAction) => {
    if (action !== 'accept') return toggle(action)
    setOpen(null)
    void flow.run('reports.accept', { reportId: report.id }, { done: SIMPLE.accept.done })
  }
  return (
    <View className='flow-actions'>
      <View className='flow-buttons'>
        {allowed.map((action) => (
          <Button
            key={action}
            className={`flow-button action-${action}`}
            type={action === 'reject' || action === 'return' || action === 'verifyFail' || action === 'suspend' ? 'default' : 'primary'}
            fill={open === action ? 'solid' : 'outline'}
            disabled={flow.busy !== null}
            loading={flow.busy !== null && (open === action || (action === 'accept' && flow.busy === 'reports.accept'))}
            onClick={() => tap(action)}
          >
            {BUTTON_LABELS[action]}
          </Button>
        ))}
      </View>
      {open === null ? <StepError flow={flow} actions={['reports.accept']} /> : null}
      {open === 'sign' ? <SimpleStep {...props} action='sign' /> : null}
      {open === 'verifyPass' ? <SimpleStep {...props} action='verifyPass' /> : null}
      {open === 'reject' ? <ReasonStep {...props} action='reject' /> : null}
      {open === 'return' ? <ReasonStep {...props} action='return' /> : null}
      {open === 'verifyFail' ? <ReasonStep {...props} action='verifyFail' /> : null}
      {open === 'markDuplicate' ? <DuplicatePicker {...props} /> : null}
      {open === 'changeCategory' ? <CategoryStep {...props} categories={categories} /> : null}
      {open === 'dispatch' ? <DispatchStep {...props} units={units} /> : null}
      {open === 'answer' ? <AnswerStep {...props} /> : null}
      {open === 'rectify' ? <RectifyForm {...props} /> : null}
      {open === 'suspend' ? <SuspendStep {...props} /> : null}
      {open === 'resume' ? <ResumeStep {...props} /> : null}
    </View>
  )
}

export const BUTTON_LABELS: Partial<Record<FlowAction, string>> = {
  accept: '受理',
  reject: '不予受理',
  markDuplicate: '标记重复',
  changeCategory: '改类别',
  dispatch: '派单',
  sign: '签收',
  answer: '答复',
  return: '退单',
  rectify: '提交整改',
  verifyPass: '验收通过',
  verifyFail: '验收不通过',
  suspend: '挂起',
  resume: '恢复办理'
}

const SIMPLE = {
  accept: { title: '受理', done: '已受理' },
  sign: { title: '签收', content: '确认签收？签收后开始计算答复期限（2 个工作日）。', done: '已签收', hint: '签收后请在 2 个工作日内答复整改措施和计划完成日期。' },
  verifyPass: { title: '验收通过', content: '确认整改到位？验收通过后问题销号。', done: '已销号', hint: '请先看整改后照片，确认问题已解决。' }
} as const

function SimpleStep({ report, flow, close, action }: StepProps & { action: 'sign' | 'verifyPass' }) {
  const text = SIMPLE[action]
  const go = async () => {
    const ok =
      action === 'sign'
        ? await flow.run('reports.sign', { reportId: report.id }, { confirm: text, done: text.done })
        : await flow.run('reports.verify', { reportId: report.id, pass: true }, { confirm: text, done: text.done })
    if (ok) close()
  }
  return (
    <StepBox title={text.title} className={`flow-step--${action}`}>
      <Text className='wm-muted'>{text.hint}</Text>
      <StepError flow={flow} actions={['reports.sign', 'reports.verify']} />
      <ConfirmButton action={action} flow={flow} label={`确认${text.title}`} onClick={() => void go()} />
    </StepBox>
  )
}

const REASONS = {
  reject: { title: '不予受理', label: '不予受理的理由', placeholder: '如：不属于文明创建范围，已告知反映人向有关部门反映', done: '已不予受理', field: 'reason' },
  return: { title: '退单', label: '退单理由', placeholder: '如：该路段不属于本单位管辖，建议派给镇环卫所', done: '已退单', field: 'reason' },
  verifyFail: { title: '验收不通过', label: '不通过的理由', placeholder: '如：垃圾清走了，但垃圾桶仍未补齐', done: '已退回整改', field: 'reason' }
} as const

function ReasonStep({ report, flow, close, action }: StepProps & { action: keyof typeof REASONS }) {
  const text = REASONS[action]
  const [reason, setReason] = useState('')
  const fields = flow.failure?.fields ?? {}
  const go = async () => {
    const confirm = { title: text.title, content: `理由：${reason.trim()}` }
    const ok =
      action === 'reject'
        ? await flow.run('reports.reject', { reportId: report.id, reason }, { confirm, done: text.done })
        : action === 'return'
          ? await flow.run('reports.return', { reportId: report.id, reason }, { confirm, done: text.done })
          : await flow.run('reports.verify', { reportId: report.id, pass: false, reason }, { confirm, done: text.done })
    if (ok) close()
  }
  return (
    <StepBox title={text.title} className={`flow-step--${action}`}>
      <FormField label={text.label} error={fields.reason}>
        <TextArea className={`input-${action}-reason`} value={reason} maxlength={200} placeholder={text.placeholder} onChange={setReason} />
      </FormField>
      <StepError flow={flow} actions={action === 'verifyFail' ? ['reports.verify'] : [action === 'reject' ? 'reports.reject' : 'reports.return']} />
      <ConfirmButton action={action} flow={flow} label={`确认${text.title}`} onClick={() => void go()} />
    </StepBox>
  )
}

function CategoryStep({ report, flow, close, categories }: StepProps & { categories: CategoryItem[] | null }) {
  const [category, setCategory] = useState<string | null>(null)
  const options = (categories ?? []).filter((item) => item.enabled && item.code !== report.category).map((item) => ({ value: item.code, label: item.name }))
  const go = async () => {
    if (!category) return
    const name = options.find((item) => item.value === category)?.label ?? category
    const ok = await flow.run('reports.changeCategory', { reportId: report.id, category }, { confirm: { title: '改类别', content: `从“${report.categoryName}”改为“${name}”？` }, done: '已改类别' })
    if (ok) close()
  }
  return (
    <StepBox title={`改类别（现在：${report.categoryName}）`} className='flow-step--changeCategory'>
      {categories ? <ChoiceChips className='pick-new-category' label='选择新类别' options={options} value={category} onChange={setCategory} /> : <Text className='wm-muted'>正在加载类别…</Text>}
      <StepError flow={flow} actions={['reports.changeCategory']} />
      {category ? <ConfirmButton action='changeCategory' flow={flow} label='确认改类别' onClick={() => void go()} /> : null}
    </StepBox>
  )
}

function DispatchStep({ report, flow, close, units }: StepProps & { units: Unit[] | null }) {
  const [unitId, setUnitId] = useState<string | null>(null)
  const [deadline, setDeadline] = useState(() => dayFromToday(7))
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const fields = flow.failure?.action === 'reports.dispatch' ? flow.failure.fields : {}
  const go = async () => {
    if (!unitId) {
      setMissing(true)
      return
    }
    const unitName = units?.find((unit) => unit.id === unitId)?.name ?? ''
    const ok = await flow.run(
      'reports.dispatch',
      { reportId: report.id, unitId, rectifyDeadline: deadline, ...(note.trim() ? { note } : {}) },
      { confirm: { title: '派单', content: `派给“${unitName || '未选择'}”，${deadline} 前整改完成？将生成问题通知函。` }, done: '已派单' }
    )
    if (ok) close()
  }
  return (
    <StepBox title='派单（生成问题通知函）' className='flow-step--dispatch'>
      <FormField label='责任单位' error={fields.unitId ?? (missing && !unitId ? '请选择责任单位' : undefined)}>
        {units ? (
          units.length ? (
            <ChoiceChips className='pick-unit' label='选择责任单位' options={namedOptions(units)} value={unitId} onChange={setUnitId} />
          ) : (
            <Text className='wm-muted'>还没有责任单位，请镇创建办先在组织架构中添加</Text>
          )
        ) : (
          <Text className='wm-muted'>正在加载责任单位…</Text>
        )}
      </FormField>
      <FormField label='整改期限' error={fields.rectifyDeadline}>
        <DateField className='input-deadline' value={deadline} start={dayFromToday(0)} onChange={setDeadline} />
      </FormField>
      <FormField label='要求（可不填）' error={fields.note}>
        <TextArea className='input-dispatch-note' value={note} maxlength={300} placeholder='如：请于 3 日内清理，并设置提示牌' onChange={setNote} />
      </FormField>
      <StepError flow={flow} actions={['reports.dispatch']} />
      <ConfirmButton action='dispatch' flow={flow} label='确认派单' onClick={() => void go()} />
    </StepBox>
  )
}

function AnswerStep({ report, flow, close }: StepProps) {
  const [measures, setMeasures] = useState('')
  const [planned, setPlanned] = useState(() => report.rectifyDeadline?.slice(0, 10) || dayFromToday(5))
  const kept = useFormDraft(`answer:${report.id}`, { measures, planned }, (saved) => {
    setMeasures(saved.measures)
    setPlanned(saved.planned)
  })
  const fields = flow.failure?.action === 'reports.answer' ? flow.failure.fields : {}
  const go = async () => {
    const ok = await flow.run(
      'reports.answer',
      { reportId: report.id, measures, plannedDate: planned },
      { confirm: { title: '答复', content: `计划 ${planned} 前完成整改？将生成答复函。` }, done: '已答复' }
    )
    if (ok) kept.done()
    if (ok) close()
  }
  return (
    <StepBox title='答复（生成答复函）' className='flow-step--answer'>
      <DraftNotice draft={kept} />
      <FormField label='整改措施' error={fields.measures}>
        <TextArea className='input-measures' value={measures} maxlength={500} placeholder='如：安排环卫工人当天清运，增设垃圾桶 2 个' onChange={setMeasures} />
      </FormField>
      <FormField label='计划完成日期' error={fields.plannedDate}>
        <DateField className='input-planned' value={planned} start={dayFromToday(0)} onChange={setPlanned} />
      </FormField>
      <StepError flow={flow} actions={['reports.answer']} />
      <ConfirmButton action='answer' flow={flow} label='确认答复' onClick={() => void go()} />
    </StepBox>
  )
}

export type { FlowRunner } from './parts'
