import { View, Text, Textarea, Input, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { VISIT_OUTCOME_LABELS, VISIT_OUTCOMES, type VisitOutcome } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { PhotoPicker } from '@/components/photo-picker'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { chinaDay, chinaParts } from '@/domain/china-time'
import { useFormDraft } from '@/hooks/use-form-draft'
import { useCategories } from '@/hooks/use-reports'
import { newProblem, useVisitForm, useVisitHouseholds, type VisitDraft } from '@/hooks/use-visits'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'

/** 记走访: the household, the day, 三个记录, each problem 当场解决 or 转问题, an optional photo. */
export default guardedPage('visit-form', VisitForm)

const OUTCOMES = VISIT_OUTCOMES.map((o) => ({ value: o, label: VISIT_OUTCOME_LABELS[o] }))

/** The draft on the phone: a photo not uploaded yet stays out (its file does not outlive the page in the browser). */
const keptOf = (draft: VisitDraft): VisitDraft => ({ ...draft, photo: draft.photo?.fileID ? draft.photo : null })
const visitDraftKey = (villageId: string, householdId: string | undefined) => `visit-new:${villageId}:${householdId ?? ''}`

function VisitForm() {
  const { params } = useRouter()
  const villageId = params.villageId ?? ''
  const form = useVisitForm(villageId, params.householdId ?? null)
  const { draft, update, updateProblem, errors } = form
  const now = chinaParts(new Date())
  const households = useVisitHouseholds(villageId, { year: now.year, month: now.month }, 'all', 50)
  const categories = useCategories()

  const kept = useFormDraft(visitDraftKey(villageId, params.householdId), keptOf(draft), update)

  const send = async () => {
    const saved = await form.submit()
    if (!saved) return
    kept.done()
    void Taro.showToast({ title: '已记录', icon: 'success' })
    void Taro.redirectTo({ url: withId(SUPERVISION_ROUTES.visit, saved.id) })
  }

  if (!villageId) return <EmptyState text='请从走访记录页进入' />
  let picker: JSX.Element
  if (households.error) picker = <ErrorState message={households.error} onRetry={() => void households.reload()} retrying={households.loading} />
  else if (households.loading && !households.items.length) picker = <Skeleton rows={2} />
  else if (!households.items.length) picker = <EmptyState text='还没有可以走访的家庭，请先在家庭管理中登记' />
  else
    picker = (
      <>
        <ChoiceChips
          options={households.items.map((h) => ({ value: h.householdId, label: h.visits ? `${h.name}（本月已走访）` : h.name }))}
          value={draft.householdId}
          onChange={(householdId) => update({ householdId })}
          label='走访的家庭'
        />
        <ListFooter hasMore={households.hasMore} loading={households.loadingMore} error={households.moreError} onMore={() => void households.loadMore()} />
      </>
    )
  const categoryOptions = (categories.data ?? []).filter((c) => c.enabled).map((c) => ({ value: c.code, label: c.name }))

  return (
    <>
      <DraftNotice draft={kept} />
      <SectionCard title='走访对象'>
        {picker}
        {errors.householdId ? <Text className='wm-error-text'>{errors.householdId}</Text> : null}
        <Picker mode='date' value={draft.date} end={chinaDay(new Date())} onChange={(e) => update({ date: String(e.detail.value) })}>
          <Text className='visit-date'>走访日期：{draft.date}</Text>
        </Picker>
        {errors.date ? <Text className='wm-error-text'>{errors.date}</Text> : null}
      </SectionCard>
      <SectionCard title='三个记录'>
        <Text className='visit-label'>走访对象的具体情况</Text>
        <Textarea className='visit-situation' value={draft.situation} maxlength={500} placeholder='家庭成员、生活、身体等情况' onInput={(e) => update({ situation: e.detail.value })} />
        {errors.situation ? <Text className='wm-error-text'>{errors.situation}</Text> : null}
        <Text className='visit-label'>提出的意见建议</Text>
        <Textarea className='visit-suggestions' value={draft.suggestions} maxlength={500} placeholder='没有可不填' onInput={(e) => update({ suggestions: e.detail.value })} />
        <Text className='visit-label'>反映的主要问题</Text>
        <Textarea className='visit-issues' value={draft.issues} maxlength={500} placeholder='没有可不填；需要处理的问题请在下面逐条添加' onInput={(e) => update({ issues: e.detail.value })} />
      </SectionCard>
      <SectionCard title='需要处理的问题'>
        {draft.problems.map((p, i) => (
          <View key={p.key} className='visit-problem-form'>
            <Input className='visit-problem-text' value={p.text} maxlength={200} placeholder={`第 ${i + 1} 个问题`} onInput={(e) => updateProblem(i, { text: e.detail.value })} />
            <ChoiceChips options={OUTCOMES} value={p.outcome} onChange={(outcome: VisitOutcome) => updateProblem(i, { outcome })} label='处理方式' />
            {p.outcome === 'solved' ? (
              <Input className='visit-problem-done' value={p.done} maxlength={200} placeholder='怎么解决的' onInput={(e) => updateProblem(i, { done: e.detail.value })} />
            ) : (
              <>
                <ChoiceChips options={categoryOptions} value={p.category} onChange={(category) => updateProblem(i, { category })} label='问题类别' />
                <Text className='wm-muted'>将以该户名义代录为问题，进入问题处置流程；居民只看到问题本身，看不到走访记录。</Text>
              </>
            )}
            {errors[`problems.${i}`] ? <Text className='wm-error-text'>{errors[`problems.${i}`]}</Text> : null}
            <Text className='wm-link' onClick={() => update({ problems: draft.problems.filter((_, k) => k !== i) })}>
              删除这个问题
            </Text>
          </View>
        ))}
        <Button fill='outline' className='visit-add-problem' onClick={() => update({ problems: [...draft.problems, newProblem()] })}>
          添加问题
        </Button>
      </SectionCard>
      <SectionCard title='照片（可选）'>
        <PhotoPicker photos={draft.photo ? [draft.photo] : []} max={1} disabled={form.busy} onAdd={() => void form.addPhoto()} onRemove={() => form.removePhoto()} addLabel='拍照/选照片' />
      </SectionCard>
      {form.notice ? <Text className='wm-error-text visit-notice'>{form.notice}</Text> : null}
      <Button type='primary' block className='visit-submit' loading={form.busy} disabled={form.busy} onClick={() => void send()}>
        {form.busy ? '正在提交…' : '提交走访记录'}
      </Button>
    </>
  )
}
