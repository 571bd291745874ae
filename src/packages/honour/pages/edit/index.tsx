import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { HONOUR_CATEGORIES, HONOUR_CATEGORY_LABELS, type HonourBoardDetail, type HonourCategory, type HonourPeriodKind, type HonourSubject, type InputOf } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { chinaParts } from '@/domain/china-time'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import type { PickerPhoto } from '@/components/photo-picker'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useAction } from '@/hooks/use-action'
import { useFormDraft } from '@/hooks/use-form-draft'
import { useQuery } from '@/hooks/use-query'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import { releasePhoto } from '@/services/storage'
import { randomToken } from '@/services/storage-types'
import { validateInput } from '@/services/validate'
import { OnePhotoField, storedPhoto, uploadOnce } from '../../components/photo-field'
import '../honour.scss'

interface EntryDraft {
  key: string
  subject: HonourSubject
  name: string
  category: HonourCategory | null
  story: string
  /** A saved entry's photo keeps its fileID; a newly picked one gets it when the board is saved. */
  photo: PickerPhoto | null
  /** The saved photo's automatic check could not decide: the town office looks at it before publishing. */
  photoReview?: boolean
}

interface BoardDraft {
  id?: string
  villageId: string | null
  title: string
  kind: HonourPeriodKind
  year: string
  index: string
  entries: EntryDraft[]
}

const KINDS = [
  { value: 'month' as const, label: '月度' },
  { value: 'quarter' as const, label: '季度' },
  { value: 'year' as const, label: '年度' }
]
const SUBJECTS = [
  { value: 'person' as const, label: '个人' },
  { value: 'household' as const, label: '家庭' }
]
const CATEGORIES = HONOUR_CATEGORIES.map((value) => ({ value, label: HONOUR_CATEGORY_LABELS[value] }))

let seq = 0
const newEntry = (): EntryDraft => ({ key: `e${++seq}`, subject: 'person', name: '', category: null, story: '', photo: null })

function emptyDraft(villageId: string | null): BoardDraft {
  const now = new Date()
  return { villageId, title: '善行义举四德榜', kind: 'month', year: String(chinaParts(now).year), index: String(chinaParts(now).month), entries: [newEntry()] }
}

function fromDetail(board: HonourBoardDetail): BoardDraft {
  return {
    id: board.id,
    villageId: board.villageId,
    title: board.title,
    kind: board.period.kind,
    year: String(board.period.year),
    index: board.period.index ? String(board.period.index) : '',
    entries: board.entries.map((entry) => ({
      key: `e${++seq}`,
      subject: entry.subject,
      name: entry.name,
      category: entry.category,
      story: entry.story,
      photo: storedPhoto(entry.photo, entry.photoUrl),
      photoReview: entry.secStatus === 'review'
    }))
  }
}

/** The draft as saveBoard's input (the schema checks it before sending). */
function boardInput(draft: BoardDraft): InputOf<'honour.saveBoard'> {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    villageId: draft.villageId,
    title: draft.title.trim(),
    period: { kind: draft.kind, year: Number(draft.year), ...(draft.kind === 'year' ? {} : { index: Number(draft.index) }) },
    entries: draft.entries.map((entry) => ({
      subject: entry.subject,
      name: entry.name.trim(),
      category: entry.category as HonourCategory,
      story: entry.story.trim(),
      photo: entry.photo?.fileID ?? null
    }))
  }
}

interface EntryEditorProps {
  entry: EntryDraft
  index: number
  fields: Record<string, string>
  busy: boolean
  removable: boolean
  onChange: (patch: Partial<EntryDraft>) => void
  onRemove: () => void
  onMessage: (message: string | null) => void
}

function EntryEditor({ entry, index, fields, busy, removable, onChange, onRemove, onMessage }: EntryEditorProps) {
  return (
    <View className='board-entry-editor' data-entry-index={index}>
      <View className='wm-row'>
        <Text className='board-entry-no'>第 {index + 1} 位</Text>
        {removable ? (
          <Text className='wm-link board-entry-remove' onClick={onRemove}>
            删除
          </Text>
        ) : null}
      </View>
      <ChoiceChips options={SUBJECTS} value={entry.subject} onChange={(subject) => onChange({ subject })} label='个人或家庭' />
      <FormField label='姓名或户名' error={fields[`entries.${index}.name`]}>
        <TextInput className='board-entry-name-input' value={entry.name} onChange={(name) => onChange({ name })} maxlength={30} />
      </FormField>
      <FormField label='类别' error={fields[`entries.${index}.category`]}>
        <ChoiceChips options={CATEGORIES} value={entry.category} onChange={(category) => onChange({ category })} label='类别' />
      </FormField>
      <FormField label='事迹' error={fields[`entries.${index}.story`]}>
        <TextArea className='board-entry-story-input' value={entry.story} onChange={(story) => onChange({ story })} maxlength={500} />
      </FormField>
      <FormField label='照片（可选）' error={fields[`entries.${index}.photo`]}>
        <OnePhotoField className='board-entry-photo' photo={entry.photo} disabled={busy} onChange={(photo) => onChange({ photo, photoReview: false })} onMessage={onMessage} />
        {entry.photo && entry.photoReview ? <Text className='wm-muted board-entry-review'>照片未能通过自动安全检查，发布前由镇创建办人工复核</Text> : null}
      </FormField>
    </View>
  )
}

/** Field errors of the draft (the contract's, plus a category on every entry); null when it may be sent. */
function checkDraft(draft: BoardDraft): { fields: Record<string, string>; message: string } | null {
  const errors: Record<string, string> = {}
  draft.entries.forEach((entry, index) => {
    if (!entry.category) errors[`entries.${index}.category`] = '请选择类别'
  })
  const invalid = validateInput('honour.saveBoard', boardInput(draft))
  for (const [key, value] of Object.entries(invalid?.fields ?? {})) if (!(key in errors)) errors[key] = value
  return Object.keys(errors).length ? { fields: errors, message: invalid?.message ?? '请按提示修改后再保存' } : null
}

function Editor({ initial }: { initial: BoardDraft }) {
  const [draft, setDraft] = useState(initial)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null)
  const [progress, setProgress] = useState<string | null>(null)
  const [uploadKey] = useState(() => randomToken(12))
  const saveBoard = useAction('honour.saveBoard')
  const publishBoard = useAction('honour.publishBoard')
  const { isTownAdmin } = useAdminScope()
  const update = (patch: Partial<BoardDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const updateEntry = (key: string, patch: Partial<EntryDraft>) =>
    setDraft((current) => ({ ...current, entries: current.entries.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry)) }))
  // photos picked but not uploaded stay out of the draft: their files do not outlive the page in the browser
  const kept = useFormDraft(
    initial.id ? `honour-edit:${initial.id}` : `honour-new:${initial.villageId ?? 'town'}`,
    { ...draft, entries: draft.entries.map((entry) => (entry.photo && !entry.photo.fileID ? { ...entry, photo: null } : entry)) },
    setDraft
  )

  /** Uploads the photos picked since the last save, one by one; an uploaded one is not sent again after a failure. */
  const uploadPhotos = async (from: BoardDraft): Promise<BoardDraft | null> => {
    let current = from
    const waiting = from.entries.filter((entry) => entry.photo && !entry.photo.fileID)
    for (const [index, entry] of waiting.entries()) {
      setProgress(`正在上传照片 ${index + 1}/${waiting.length}`)
      const res = await uploadOnce(entry.photo as PickerPhoto, `honour-${uploadKey}-${entry.photo?.key}`)
      if (!res.ok) {
        setProgress(null)
        setMessage(res.message)
        return null
      }
      current = { ...current, entries: current.entries.map((item) => (item.key === entry.key ? { ...item, photo: res.data } : item)) }
      updateEntry(entry.key, { photo: res.data })
    }
    setProgress(null)
    return current
  }

  const save = async (): Promise<HonourBoardDetail | null> => {
    setMessage(null)
    const problems = checkDraft(draft)
    setFields(problems?.fields ?? {})
    if (problems) {
      setMessage(problems.message)
      return null
    }
    const ready = await uploadPhotos(draft)
    if (!ready) return null
    const res = await saveBoard.run(boardInput(ready))
    if (!res) return null
    if (!res.ok) {
      setFields(res.fields ?? {})
      setMessage(res.message)
      return null
    }
    // The board keeps checked copies of the photos: later saves send those, so they are not checked again.
    const saved = new Map(ready.entries.map((entry, i) => [entry.key, res.data.entries[i]]))
    setDraft((current) => ({
      ...current,
      id: res.data.id,
      entries: current.entries.map((entry) => {
        const kept = saved.get(entry.key)
        return entry.photo && kept?.photo ? { ...entry, photo: { ...entry.photo, fileID: kept.photo }, photoReview: kept.secStatus === 'review' } : entry
      })
    }))
    return res.data
  }

  const saveDraft = async () => {
    setBusy('save')
    const saved = await save()
    setBusy(null)
    if (saved) void Taro.showToast({ title: '草稿已保存', icon: 'success' })
  }

  const publish = async () => {
    const sure = await Taro.showModal({ title: '发布光荣榜', content: `发布后全村（镇）居民都能看到「${draft.title}」，确定发布？` })
    if (!sure.confirm) return
    setBusy('publish')
    const saved = await save()
    if (!saved) return setBusy(null)
    // Photos the automatic check could not decide: the town office publishes once it has looked at each.
    const review = saved.entries.filter((entry) => entry.secStatus === 'review').length
    if (review > 0 && isTownAdmin) {
      const looked = await Taro.showModal({ title: '照片需人工复核', content: `有 ${review} 张照片未能通过自动安全检查。请逐张查看，确认没有不当内容后再发布。`, confirmText: '已复核发布' })
      if (!looked.confirm) return setBusy(null)
    }
    const res = await publishBoard.run({ boardId: saved.id, ...(review > 0 && isTownAdmin ? { photosReviewed: true } : {}) })
    setBusy(null)
    if (!res) return
    if (!res.ok) return setMessage(res.message)
    for (const entry of draft.entries) if (entry.photo) releasePhoto(entry.photo.path)
    kept.done()
    void Taro.showToast({ title: '已发布', icon: 'success' })
    void Taro.redirectTo({ url: withId(HONOUR_ROUTES.board, res.data.id) })
  }

  return (
    <View className='board-editor'>
      <DraftNotice draft={kept} />
      <FormField label='榜单标题' error={fields.title}>
        <TextInput className='board-title-input' value={draft.title} onChange={(title) => update({ title })} maxlength={40} />
      </FormField>
      <FormField label='周期' error={fields.period ?? fields['period.index'] ?? fields['period.year']}>
        <ChoiceChips options={KINDS} value={draft.kind} onChange={(kind) => update({ kind })} label='周期' />
        <View className='wm-row board-period'>
          <TextInput className='board-year' type='number' value={draft.year} onChange={(year) => update({ year })} maxlength={4} />
          <Text>年</Text>
          {draft.kind === 'year' ? null : (
            <>
              <TextInput className='board-index' type='number' value={draft.index} onChange={(index) => update({ index })} maxlength={2} />
              <Text>{draft.kind === 'month' ? '月' : '季度'}</Text>
            </>
          )}
        </View>
      </FormField>
      {draft.entries.map((entry, index) => (
        <EntryEditor
          key={entry.key}
          entry={entry}
          index={index}
          fields={fields}
          busy={busy !== null}
          removable={draft.entries.length > 1}
          onChange={(patch) => updateEntry(entry.key, patch)}
          onRemove={() => {
            if (entry.photo) releasePhoto(entry.photo.path)
            update({ entries: draft.entries.filter((item) => item.key !== entry.key) })
          }}
          onMessage={setMessage}
        />
      ))}
      {fields.entries ? <Text className='wm-error-text'>{fields.entries}</Text> : null}
      <Button className='board-entry-add' fill='outline' block onClick={() => update({ entries: [...draft.entries, newEntry()] })}>
        添加上榜人
      </Button>
      {progress ? <Text className='wm-muted board-editor-progress'>{progress}</Text> : null}
      {message ? <Text className='wm-error-text board-editor-message'>{message}</Text> : null}
      <View className='wm-actions'>
        <Button className='board-save' fill='outline' loading={busy === 'save'} disabled={busy !== null} onClick={() => void saveDraft()}>
          保存草稿
        </Button>
        <Button className='board-publish' type='primary' loading={busy === 'publish'} disabled={busy !== null} onClick={() => void publish()}>
          发布
        </Button>
      </View>
    </View>
  )
}

/** 编辑光荣榜: a new draft (?village=) or an existing one (?id=); 保存草稿 and 发布. */
export default function EditBoardPage() {
  const { params } = useRouter()
  const boardId = params.id ?? ''
  const board = useQuery('honour.board', { boardId }, { enabled: boardId !== '' })
  const [initial, setInitial] = useState<BoardDraft | null>(boardId ? null : emptyDraft(params.village && params.village !== 'town' ? params.village : null))
  useEffect(() => {
    if (board.data && !initial) setInitial(fromDetail(board.data))
  }, [board.data, initial])

  let body: JSX.Element
  if (boardId && board.error && !board.data) body = <ErrorState message={board.error} onRetry={() => void board.reload()} retrying={board.loading} />
  else if (!initial) body = <Skeleton rows={6} />
  else body = <Editor initial={initial} />
  return <PageShell name='board-edit'>{body}</PageShell>
}
