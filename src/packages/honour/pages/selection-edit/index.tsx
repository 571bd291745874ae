import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { HONOUR_CATEGORIES, HONOUR_CATEGORY_LABELS, type HonourCategory, type InputOf, type SelectionDetail } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { DateTimeField } from '@/components/datetime-field'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview } from '@/hooks/use-org'
import { decide } from '@/domain/selection-flow'
import { useAction } from '@/hooks/use-action'
import { useFormDraft } from '@/hooks/use-form-draft'
import { useQuery } from '@/hooks/use-query'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import { validateInput } from '@/services/validate'
import '../honour.scss'

const TOWN = 'town'
const DAY = 24 * 3600 * 1000
const CATEGORIES = HONOUR_CATEGORIES.map((value) => ({ value, label: HONOUR_CATEGORY_LABELS[value] }))

function at(days: number): string {
  const d = new Date(Date.now() + days * DAY)
  d.setMinutes(0, 0, 0)
  return d.toISOString()
}

interface SelectionDraft {
  /** Set when editing a saved selection. */
  id?: string
  /** A village id or TOWN; null = not chosen yet (the first allowed scope is used). */
  where: string | null
  title: string
  rules: string
  category: HonourCategory | null
  nominateFrom: string
  nominateTo: string
  voteFrom: string
  voteTo: string
  votesPerDay: string
  votesTotal: string
  noticeDays: string
  winners: string
}

type NumberKey = 'votesPerDay' | 'votesTotal' | 'noticeDays' | 'winners'
const NUMBERS: Array<{ key: NumberKey; label: string }> = [
  { key: 'votesPerDay', label: '每人每天票数' },
  { key: 'votesTotal', label: '每人总票数' },
  { key: 'noticeDays', label: '公示天数' },
  { key: 'winners', label: '评选名额' }
]

function newDraft(): SelectionDraft {
  return {
    where: null,
    title: '',
    rules: '',
    category: null,
    nominateFrom: at(0),
    nominateTo: at(7),
    voteFrom: at(7),
    voteTo: at(14),
    votesPerDay: '3',
    votesTotal: '10',
    noticeDays: '5',
    winners: '5'
  }
}

function fromDetail(s: SelectionDetail): SelectionDraft {
  return {
    id: s.id,
    where: s.villageId ?? TOWN,
    title: s.title,
    rules: s.rules,
    category: s.category,
    nominateFrom: s.nominateFrom,
    nominateTo: s.nominateTo,
    voteFrom: s.voteFrom,
    voteTo: s.voteTo,
    votesPerDay: String(s.votesPerDay),
    votesTotal: String(s.votesTotal),
    noticeDays: String(s.noticeDays),
    winners: String(s.winners)
  }
}

function selectionInput(draft: SelectionDraft, where: string): InputOf<'honour.saveSelection'> {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    villageId: where === TOWN ? null : where,
    title: draft.title.trim(),
    rules: draft.rules.trim(),
    category: draft.category as HonourCategory,
    nominateFrom: draft.nominateFrom,
    nominateTo: draft.nominateTo,
    voteFrom: draft.voteFrom,
    voteTo: draft.voteTo,
    votesPerDay: Number(draft.votesPerDay),
    votesTotal: Number(draft.votesTotal),
    noticeDays: Number(draft.noticeDays),
    winners: Number(draft.winners)
  }
}

/** Back to the selection: the page below when 修改 was opened from it, otherwise in place of this one. */
function showSelection(id: string) {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2] as { route?: string } | undefined
  if (below?.route?.includes('honour/pages/selection/index')) void Taro.navigateBack({ delta: 1 })
  else void Taro.redirectTo({ url: withId(HONOUR_ROUTES.selection, id) })
}

interface FormProps {
  initial: SelectionDraft
  /** Where a new selection may be held (empty when editing: the scope stays). */
  scopes: Array<{ value: string; label: string }>
}

/** The selection's settings: scope (new only), name, category, rules, windows, votes, notice, places. */
function SelectionForm({ initial, scopes }: FormProps) {
  const [draft, setDraft] = useState(initial)
  const saveSelection = useAction('honour.saveSelection')
  const { fieldErrors: fields, message, busy } = saveSelection
  const update = (patch: Partial<SelectionDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const kept = useFormDraft(initial.id ? `selection-edit:${initial.id}` : 'selection-new', draft, setDraft)
  const where = draft.where ?? scopes[0]?.value ?? null
  const editing = draft.id !== undefined

  const save = async () => {
    if (!where) return
    const input = selectionInput(draft, where)
    const invalid = validateInput('honour.saveSelection', input)
    if (invalid) return saveSelection.fail(invalid.message, { ...(invalid.fields ?? {}), ...(draft.category ? {} : { category: '请选择类别' }) })
    const res = await saveSelection.run(input)
    if (!res?.ok) return
    kept.done()
    void Taro.showToast({ title: editing ? '已保存' : '已创建', icon: 'success' })
    if (editing) showSelection(res.data.id)
    else void Taro.redirectTo({ url: withId(HONOUR_ROUTES.selection, res.data.id) })
  }

  return (
    <View className='board-editor'>
      <DraftNotice draft={kept} />
      {scopes.length > 1 ? <ChoiceChips options={scopes} value={where} onChange={(value) => update({ where: value })} label='村（居）或镇级' /> : null}
      <FormField label='评选名称' error={fields.title}>
        <TextInput className='selection-title' value={draft.title} onChange={(title) => update({ title })} placeholder='如：2026 年度“好媳妇”评选' maxlength={40} />
      </FormField>
      <FormField label='类别' error={fields.category}>
        <ChoiceChips options={CATEGORIES} value={draft.category} onChange={(category) => update({ category })} label='类别' />
      </FormField>
      <FormField label='评选规则' error={fields.rules}>
        <TextArea className='selection-rules-input' value={draft.rules} onChange={(rules) => update({ rules })} maxlength={2000} />
      </FormField>
      <FormField label='提名开始' error={fields.nominateFrom}>
        <DateTimeField value={draft.nominateFrom} onChange={(nominateFrom) => update({ nominateFrom })} />
      </FormField>
      <FormField label='提名截止' error={fields.nominateTo}>
        <DateTimeField value={draft.nominateTo} onChange={(nominateTo) => update({ nominateTo })} />
      </FormField>
      <FormField label='投票开始' error={fields.voteFrom}>
        <DateTimeField value={draft.voteFrom} onChange={(voteFrom) => update({ voteFrom })} />
      </FormField>
      <FormField label='投票截止' error={fields.voteTo}>
        <DateTimeField value={draft.voteTo} onChange={(voteTo) => update({ voteTo })} />
      </FormField>
      {NUMBERS.map(({ key, label }) => (
        <FormField key={key} label={label} error={fields[key]}>
          <TextInput className={`selection-${key}`} type='number' value={draft[key]} onChange={(value) => setDraft((current) => ({ ...current, [key]: value }))} maxlength={4} />
        </FormField>
      ))}
      {editing ? <Text className='wm-muted selection-edit-note'>投票开始后评选不能再修改。</Text> : null}
      {message ? <Text className='wm-error-text selection-edit-message'>{message}</Text> : null}
      <Button className='selection-save' type='primary' block loading={busy} disabled={busy || !where} onClick={() => void save()}>
        {editing ? '保存修改' : '创建评选'}
      </Button>
    </View>
  )
}

/** A saved selection that can no longer be changed (voting has started, or the caller does not manage it). */
function Locked({ selection }: { selection: SelectionDetail }) {
  return (
    <View className='section-box selection-locked'>
      <Text className='section-box-title'>{selection.title}</Text>
      <Text className='selection-locked-reason'>{selection.canManage ? `投票已经开始（${selection.phaseLabel}），评选不能再修改。` : '只有负责这项评选的村（居）管理员和镇创建办可以修改。'}</Text>
      <Button className='selection-locked-back' fill='outline' block onClick={() => showSelection(selection.id)}>
        返回评选
      </Button>
    </View>
  )
}

/** Whether the caller may still change the selection (src/domain/selection-flow.ts: its managers, before voting starts). */
function editable(s: SelectionDetail): boolean {
  return decide(s, 'edit', { manages: s.canManage }, new Date()).ok
}

/** Editing (?id=): loads the selection; it can be changed only by its managers, before voting starts. */
function EditExisting({ selectionId }: { selectionId: string }) {
  const detail = useQuery('honour.selection', { selectionId })
  // The form keeps its own state from the first render on: a later render does not overwrite typing.
  if (detail.data) return editable(detail.data) ? <SelectionForm initial={fromDetail(detail.data)} scopes={[]} /> : <Locked selection={detail.data} />
  if (detail.error) return <ErrorState message={detail.error} onRetry={() => void detail.reload()} retrying={detail.loading} />
  return <Skeleton rows={6} />
}

function CreateNew() {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((village) => scope.isTownAdmin || scope.villageIds.includes(village.id))
  const scopes = [...(scope.isTownAdmin ? [{ value: TOWN, label: '镇级' }] : []), ...namedOptions(villages)]
  const [initial] = useState(newDraft)
  return <SelectionForm initial={initial} scopes={scopes} />
}

/** 新建评选, or 修改 one (?id=) before its voting starts. */
export default function SelectionEditPage() {
  const { params } = useRouter()
  const selectionId = params.id ?? ''
  return <PageShell name='selection-edit'>{selectionId ? <EditExisting selectionId={selectionId} /> : <CreateNew />}</PageShell>
}
