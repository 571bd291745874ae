import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DEED_CATEGORIES, DEED_CATEGORY_LABELS, type DeedCategory, type InputOf } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DateField } from '@/components/date-field'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { DraftNotice } from '@/components/draft-notice'
import { PageShell } from '@/components/page-shell'
import { PhotoPicker } from '@/components/photo-picker'
import { Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useFormDraft } from '@/hooks/use-form-draft'
import { usePhotoList } from '@/hooks/use-photo-list'
import { DEED_ROUTES } from '@/services/deed-routes'
import { dayFromToday } from '@/services/format'
import { MAX_PHOTOS } from '@/services/photos'
import { randomToken } from '@/services/storage-types'
import { validateInput } from '@/services/validate'
import { useAppStore } from '@/store/app-store'
import { SubjectField, subjectUserId, type Subject } from '../../components/subject-field'
import '../deeds.scss'

const CATEGORIES = DEED_CATEGORIES.map((value) => ({ value, label: DEED_CATEGORY_LABELS[value] }))

function subjectError(subject: Subject): string | null {
  if (subject.kind === 'family' && !subject.memberId) return '请选择是哪位家人的善行'
  if ((subject.kind === 'resident' || subject.kind === 'behalf') && !subject.resident) return '请先按姓名查找，并选择是哪位居民'
  return null
}

/** After sending: who it was for, and that 代录 was entered on the resident's behalf. */
function Sent({ subject }: { subject: Subject }) {
  const name = subject.resident?.name
  const behalf = subject.kind === 'behalf'
  return (
    <View className='deed-sent'>
      <Text className='deed-sent-title'>{behalf ? '已代录，等待村（居）审核' : '已提交，等待村（居）审核'}</Text>
      {behalf ? <Text className='deed-sent-behalf'>已为 {name} 代录这件善行，申报人记为您（代录）。</Text> : null}
      <Text className='wm-muted'>审核通过后记入{name ? ` ${name} 的` : ''}善行档案并按规则加积分，可在“我的申报”查看进度。</Text>
      <Button className='deed-sent-back' type='primary' onClick={() => void Taro.redirectTo({ url: DEED_ROUTES.record })}>
        查看我的善行
      </Button>
      <Button className='deed-sent-again' fill='outline' onClick={() => void Taro.redirectTo({ url: DEED_ROUTES.declare })}>
        {behalf ? '再代录一件' : '再申报一件'}
      </Button>
    </View>
  )
}

/** 申报善行: whose deed, category, what, when, where, photos. Checked against the contract before anything is uploaded. */
export default function DeclarePage() {
  const { profile } = useAppStore()
  const [clientKey] = useState(() => randomToken(16))
  const [subject, setSubject] = useState<Subject>({ kind: 'self', memberId: null, resident: null, villageId: null })
  const [category, setCategory] = useState<DeedCategory | null>(null)
  const [title, setTitle] = useState('')
  const [occurredOn, setOccurredOn] = useState(dayFromToday(0))
  const [place, setPlace] = useState('')
  const [description, setDescription] = useState('')
  const { photos, add, remove, upload, releaseAll, message, setMessage } = usePhotoList('未同意隐私保护指引，暂不能选照片')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const [sent, setSent] = useState(false)
  const declare = useAction('deeds.declare')
  const draft = useFormDraft('deed-declare', { subject, category, title, occurredOn, place, description }, (saved) => {
    setSubject(saved.subject)
    setCategory(saved.category)
    setTitle(saved.title)
    setOccurredOn(saved.occurredOn)
    setPlace(saved.place)
    setDescription(saved.description)
  })

  const build = (fileIDs: string[]): InputOf<'deeds.declare'> => {
    const who = profile ? subjectUserId(subject, profile) : null
    return {
      ...(who ? { subjectUserId: who } : {}),
      ...(subject.kind === 'behalf' ? { onBehalf: true } : {}),
      category: category as DeedCategory,
      title: title.trim(),
      occurredOn,
      place: place.trim(),
      description: description.trim(),
      photos: fileIDs,
      clientKey
    }
  }

  const submit = async () => {
    setMessage(null)
    const errors: Record<string, string> = {}
    const who = subjectError(subject)
    if (who) errors.subjectUserId = who
    if (!category) errors.category = '请选择善行类别'
    if (occurredOn > dayFromToday(0)) errors.occurredOn = '日期不能晚于今天'
    const invalid = validateInput('deeds.declare', build([]))
    for (const [key, value] of Object.entries(invalid?.fields ?? {})) if (!(key in errors)) errors[key] = value
    setFields(errors)
    if (Object.keys(errors).length) {
      setMessage('请按提示修改后再提交')
      return
    }
    const fileIDs = await upload(`deed-${clientKey}`, setBusy)
    if (!fileIDs) return
    setBusy('正在提交')
    const res = await declare.run(build(fileIDs))
    setBusy(null)
    if (!res) return
    if (!res.ok) {
      setFields(res.fields ?? {})
      setMessage(res.message)
      return
    }
    releaseAll()
    draft.done()
    setSent(true)
  }

  if (!profile) return <PageShell name='deed-declare'>{<Skeleton rows={6} />}</PageShell>
  if (sent)
    return (
      <PageShell name='deed-declare'>
        <Sent subject={subject} />
      </PageShell>
    )
  return (
    <PageShell name='deed-declare'>
      <View className='deed-form'>
        <DraftNotice draft={draft} />
        <FormField label='谁做的好事' error={fields.subjectUserId}>
          <SubjectField profile={profile} value={subject} onChange={setSubject} disabled={busy !== null} />
        </FormField>
        <FormField label='善行类别' error={fields.category}>
          <ChoiceChips options={CATEGORIES} value={category} onChange={setCategory} label='善行类别' />
        </FormField>
        <FormField label='善行事迹' error={fields.title}>
          <TextInput className='deed-title' value={title} onChange={setTitle} placeholder='一句话说说做了什么好事' maxlength={40} />
        </FormField>
        <FormField label='日期' error={fields.occurredOn}>
          <DateField value={occurredOn} onChange={setOccurredOn} end={dayFromToday(0)} />
        </FormField>
        <FormField label='地点' error={fields.place}>
          <TextInput className='deed-place' value={place} onChange={setPlace} placeholder='在哪里' maxlength={60} />
        </FormField>
        <FormField label='详细经过' error={fields.description}>
          <TextArea className='deed-description' value={description} onChange={setDescription} placeholder='经过、帮助了谁、有谁看见' maxlength={1000} />
        </FormField>
        <FormField label='照片（可选）' error={fields.photos}>
          <PhotoPicker photos={photos} max={MAX_PHOTOS} disabled={busy !== null} onAdd={() => void add()} onRemove={remove} />
        </FormField>
        {message ? <Text className='wm-error-text deed-form-message'>{message}</Text> : null}
        <Button className='deed-submit' type='primary' block loading={busy !== null} disabled={busy !== null} onClick={() => void submit()}>
          {busy ?? '提交申报'}
        </Button>
      </View>
    </PageShell>
  )
}
