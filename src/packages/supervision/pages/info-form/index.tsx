import { useState } from 'react'
import { Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { INFO_KIND_LABELS, INFO_KINDS, MAX_INFO_PHOTOS, type InfoDetail, type InfoSubmitterKind } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { PhotoPicker } from '@/components/photo-picker'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useFormDraft } from '@/hooks/use-form-draft'
import { useInfoForm } from '@/hooks/use-info-form'
import { useQuery } from '@/hooks/use-query'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'
import '../info.scss'

const KINDS = INFO_KINDS.map((k) => ({ value: k, label: INFO_KIND_LABELS[k] }))

/** 报送信息 (new, for the person's village or unit) or, with `?id=`, 修改 (待审) / 修改后重新报送 (已退回). */
export default guardedPage('info-form', InfoFormLoader)

function InfoFormLoader() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const editing = useQuery('supervision.info', id ? { infoId: id } : null)
  if (!id) return <InfoForm editing={null} />
  if (editing.error) return <ErrorState message={editing.error} onRetry={() => void editing.reload()} retrying={editing.loading} />
  if (!editing.data) return <Skeleton rows={4} />
  if (!editing.data.canEdit) return <EmptyState text='这条信息已审核或已撤回，不能再修改' />
  return <InfoForm editing={editing.data} />
}

function InfoForm({ editing }: { editing: InfoDetail | null }) {
  const scope = useAdminScope()
  const senders: Array<{ value: string; label: string; kind: InfoSubmitterKind; id: string }> = [
    ...scope.villageIds.map((v) => ({ value: `village:${v}`, label: '本村（居）', kind: 'village' as const, id: v })),
    ...scope.unitIds.map((u) => ({ value: `unit:${u}`, label: '本单位', kind: 'unit' as const, id: u }))
  ]
  const [senderKey, setSenderKey] = useState(senders[0]?.value ?? '')
  const sender = senders.find((s) => s.value === senderKey) ?? null
  const form = useInfoForm(sender ? { kind: sender.kind, id: sender.id } : null, editing)
  const { draft, update, errors } = form
  // photos not uploaded yet stay out of the draft: their files do not outlive the page in the browser
  const kept = useFormDraft(editing ? `info-edit:${editing.id}` : 'info-new', { ...draft, photos: draft.photos.filter((p) => p.fileID) }, update)

  const send = async () => {
    const saved = await form.submit()
    if (!saved) return
    kept.done()
    void Taro.showToast({ title: editing ? '已保存' : '已报送', icon: 'success' })
    void Taro.redirectTo({ url: withId(SUPERVISION_ROUTES.info, saved.id) })
  }

  if (!editing && !sender) return <EmptyState text='只有村（居）管理员和责任单位可以报送信息' />
  return (
    <>
      {editing?.status === 'returned' ? (
        <SectionCard title='退回原因'>
          <Text>{editing.returnReason}</Text>
          <Text className='wm-muted'>修改后保存即重新报送，仍计入 {editing.halfLabel}。</Text>
        </SectionCard>
      ) : null}
      <SectionCard title={editing ? '修改信息' : '报送信息'}>
        <DraftNotice draft={kept} />
        {!editing && senders.length > 1 ? <ChoiceChips options={senders} value={senderKey} onChange={setSenderKey} label='报送单位' /> : null}
        <ChoiceChips options={KINDS} value={draft.kind} onChange={(kind) => update({ kind })} label='信息类型' />
        <FormField label='标题' error={errors.title}>
          <TextInput value={draft.title} onChange={(title) => update({ title })} placeholder='4–60 个字' maxlength={60} className='info-title-input' />
        </FormField>
        <FormField label='正文' error={errors.text}>
          <TextArea value={draft.text} onChange={(text) => update({ text })} placeholder='时间、地点、做法和成效，至少 10 个字' maxlength={3000} className='info-text-input' />
        </FormField>
      </SectionCard>
      <SectionCard title={`照片（可选，最多 ${MAX_INFO_PHOTOS} 张）`}>
        <PhotoPicker photos={draft.photos} max={MAX_INFO_PHOTOS} disabled={form.busy} onAdd={() => void form.addPhoto()} onRemove={form.removePhoto} />
      </SectionCard>
      {form.notice ? <Text className='wm-error-text info-notice'>{form.notice}</Text> : null}
      <Button type='primary' block className='info-submit' loading={form.busy} disabled={form.busy} onClick={() => void send()}>
        {form.busy ? '正在提交…' : editing?.status === 'returned' ? '重新报送' : editing ? '保存修改' : '报送'}
      </Button>
    </>
  )
}
