import { useEffect, useRef, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { CandidateReview, HonourSubject, InputOf, SelectionCandidate, SelectionDetail } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DraftNotice } from '@/components/draft-notice'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import type { PickerPhoto } from '@/components/photo-picker'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { allowedSteps, mayVote, showsResult, type SelectionStep } from '@/domain/selection-flow'
import { useAction } from '@/hooks/use-action'
import { useFormDraft } from '@/hooks/use-form-draft'
import { PAGE_SIZE, usePagedQuery, useQuery } from '@/hooks/use-query'
import { formatDateTime } from '@/services/format'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import { releasePhoto } from '@/services/storage'
import { randomToken } from '@/services/storage-types'
import { validateInput } from '@/services/validate'
import { OnePhotoField, uploadOnce } from '../../components/photo-field'
import '../honour.scss'

/** Live counts: the detail is read again this often while voting is open. */
export const LIVE_REFRESH_MS = 15_000

const SUBJECTS = [
  { value: 'person' as const, label: '个人' },
  { value: 'household' as const, label: '家庭' }
]

/** 提名: who, their story and an optional photo; the photo is uploaded once, and a refused nomination keeps the form. */
function NominateForm({ selection, onDone }: { selection: SelectionDetail; onDone: () => void }) {
  const [subject, setSubject] = useState<HonourSubject>('person')
  const [name, setName] = useState('')
  const [story, setStory] = useState('')
  const [photo, setPhoto] = useState<PickerPhoto | null>(null)
  const [uploadKey] = useState(() => randomToken(12))
  // one key per nomination: a retry after a lost answer is the same nomination, a new one gets a new key
  const [clientKey, setClientKey] = useState(() => randomToken(16))
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const nominate = useAction('honour.nominate')
  // an empty form after a nomination is sent = nothing kept
  const kept = useFormDraft(`nominate:${selection.id}`, { subject, name, story }, (saved) => {
    setSubject(saved.subject)
    setName(saved.name)
    setStory(saved.story)
  })
  const build = (fileID: string | null): InputOf<'honour.nominate'> => ({ selectionId: selection.id, subject, name: name.trim(), story: story.trim(), ...(fileID ? { photo: fileID } : {}), clientKey })
  const fail = (res: { message: string; fields?: Record<string, string> }) => {
    setBusy(null)
    setFields(res.fields ?? {})
    setMessage(res.message)
  }
  const send = async () => {
    setMessage(null)
    const invalid = validateInput('honour.nominate', build(null))
    if (invalid) return fail(invalid)
    setFields({})
    let sent = photo
    if (photo && !photo.fileID) {
      setBusy('正在上传照片')
      const up = await uploadOnce(photo, `nominee-${uploadKey}-${photo.key}`)
      if (!up.ok) return fail(up)
      sent = up.data
      setPhoto(up.data)
    }
    setBusy('正在提交')
    const res = await nominate.run(build(sent?.fileID ?? null))
    if (!res) return
    if (!res.ok) return fail(res)
    setBusy(null)
    if (sent) releasePhoto(sent.path)
    setSubject('person')
    setName('')
    setStory('')
    setPhoto(null)
    setClientKey(randomToken(16))
    kept.dismiss()
    void Taro.showToast({ title: res.data.status === 'approved' ? '提名成功' : '已提名，等待审核', icon: 'none' })
    onDone()
  }
  return (
    <View className='section-box nominate-form'>
      <Text className='section-box-title'>我要提名</Text>
      <DraftNotice draft={kept} />
      <ChoiceChips options={SUBJECTS} value={subject} onChange={setSubject} label='个人或家庭' />
      <FormField label='被提名人姓名或户名' error={fields.name}>
        <TextInput className='nominate-name' value={name} onChange={setName} maxlength={30} />
      </FormField>
      <FormField label='事迹' error={fields.story}>
        <TextArea className='nominate-story' value={story} onChange={setStory} placeholder='至少 10 个字，说说他（她）的好人好事' maxlength={1000} />
      </FormField>
      <FormField label='照片（可选）' error={fields.photo}>
        <OnePhotoField className='nominate-photo' photo={photo} disabled={busy !== null} onChange={setPhoto} onMessage={setMessage} />
      </FormField>
      {message && !Object.keys(fields).length ? <Text className='wm-error-text nominate-message'>{message}</Text> : null}
      <Button className='nominate-submit' type='primary' block loading={busy !== null} disabled={busy !== null} onClick={() => void send()}>
        {busy ?? '提交提名'}
      </Button>
    </View>
  )
}

function CandidateRow({
  candidate,
  canVote,
  voting,
  onVote,
  showResult
}: {
  candidate: SelectionCandidate
  canVote: boolean
  voting: boolean
  onVote: (c: SelectionCandidate) => void
  showResult: boolean
}) {
  return (
    <View className={`candidate${candidate.winner && showResult ? ' candidate--winner' : ''}`} data-candidate-id={candidate.id}>
      {candidate.photoUrl ? <Image className='candidate-photo' src={candidate.photoUrl} mode='aspectFill' lazyLoad /> : null}
      <View className='candidate-main'>
        <View className='board-card-head'>
          <Text className='candidate-name'>
            {candidate.rank}. {candidate.name}
            {candidate.subject === 'household' ? ' 家庭' : ''}
            {candidate.winner && showResult ? ' · 获评' : ''}
          </Text>
          <Text className='candidate-votes'>{candidate.votes} 票</Text>
        </View>
        <Text className='candidate-story'>{candidate.story}</Text>
        {canVote ? (
          <Button className='candidate-vote' type='primary' size='small' loading={voting} disabled={voting} onClick={() => onVote(candidate)}>
            投票
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function ReviewCandidates({ selectionId, onChanged }: { selectionId: string; onChanged: () => void }) {
  const list = usePagedQuery('honour.candidates', { selectionId, status: 'pending', pageSize: PAGE_SIZE })
  const [done, setDone] = useState<string[]>([])
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const reviewCandidate = useAction('honour.reviewCandidate')
  const message = reviewCandidate.message
  const review = async (item: CandidateReview, approve: boolean) => {
    const reason = reasons[item.id]?.trim()
    const res = await reviewCandidate.run({ candidateId: item.id, approve, ...(approve ? {} : { reason: reason ?? '' }) })
    if (!res?.ok) return
    setDone((current) => [...current, item.id])
    onChanged()
  }
  const items = list.items.filter((item) => !done.includes(item.id))
  if (list.loading && !list.items.length) return <Skeleton rows={2} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} />
  return (
    <View className='section-box candidate-review'>
      <Text className='section-box-title'>待审核的提名（{items.length}）</Text>
      {message ? <Text className='wm-error-text'>{message}</Text> : null}
      {!items.length ? <Text className='wm-muted'>没有待审核的提名</Text> : null}
      {items.map((item) => (
        <View key={item.id} className='candidate'>
          <View className='candidate-main'>
            <Text className='candidate-name'>
              {item.name}
              {item.contentCheck === 'review' ? '（未能通过自动安全检查，须由镇创建办复核通过）' : ''}
            </Text>
            <Text className='candidate-story'>{item.story}</Text>
            {item.photoUrl ? <Image className='candidate-photo' src={item.photoUrl} mode='aspectFill' lazyLoad /> : null}
            <TextInput className='candidate-reason' value={reasons[item.id] ?? ''} onChange={(value) => setReasons({ ...reasons, [item.id]: value })} placeholder='不通过时填写理由' maxlength={200} />
            <View className='wm-actions'>
              <Button className='candidate-approve' type='primary' size='small' onClick={() => void review(item, true)}>
                通过
              </Button>
              <Button className='candidate-reject' fill='outline' size='small' onClick={() => void review(item, false)}>
                不通过
              </Button>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}

/** `steps`: what the lifecycle (src/domain/selection-flow.ts) allows now. */
function ManageActions({ selection, steps, onChanged }: { selection: SelectionDetail; steps: SelectionStep[]; onChanged: (next: SelectionDetail) => void }) {
  const closeSelection = useAction('honour.closeSelection')
  const publishWinners = useAction('honour.publishWinners')
  const busy = closeSelection.busy || publishWinners.busy
  const message = closeSelection.message ?? publishWinners.message
  const close = async () => {
    const sure = await Taro.showModal({ title: '结束投票', content: `结束后开始公示 ${selection.noticeDays} 天，不能再投票。确定结束？` })
    if (!sure.confirm) return
    publishWinners.reset()
    const res = await closeSelection.run({ selectionId: selection.id })
    if (!res?.ok) return
    onChanged(res.data)
  }
  const publish = async () => {
    const sure = await Taro.showModal({ title: '发布到光荣榜', content: `把前 ${selection.winners} 名获评者发布到光荣榜？` })
    if (!sure.confirm) return
    closeSelection.reset()
    const res = await publishWinners.run({ selectionId: selection.id, publish: true })
    if (!res?.ok) return
    void Taro.redirectTo({ url: withId(HONOUR_ROUTES.board, res.data.id) })
  }
  return (
    <View className='section-box selection-manage'>
      <Text className='section-box-title'>管理</Text>
      {message ? <Text className='wm-error-text'>{message}</Text> : null}
      <View className='wm-actions'>
        {steps.includes('edit') ? (
          <Button className='selection-edit' fill='outline' onClick={() => void Taro.navigateTo({ url: withId(HONOUR_ROUTES.selectionEdit, selection.id) })}>
            修改
          </Button>
        ) : null}
        {steps.includes('close') ? (
          <Button className='selection-close' fill='outline' loading={busy} disabled={busy} onClick={() => void close()}>
            结束投票
          </Button>
        ) : null}
        {steps.includes('publish') ? (
          <Button className='selection-publish' type='primary' loading={busy} disabled={busy} onClick={() => void publish()}>
            发布获评者到光荣榜
          </Button>
        ) : null}
        {selection.phase === 'notice' && selection.noticeEndsAt ? <Text className='wm-muted'>公示至 {formatDateTime(selection.noticeEndsAt)}，期满后可发布到光荣榜</Text> : null}
      </View>
    </View>
  )
}

/** The loaded selection: head, rules, staff tools, nominate form, candidates with 投票. */
function SelectionView({
  s,
  voting,
  message,
  onVote,
  onChanged,
  reload
}: {
  s: SelectionDetail
  voting: string | null
  message: string | null
  onVote: (c: SelectionCandidate) => void
  onChanged: (next: SelectionDetail) => void
  reload: () => void
}) {
  const ballot = s.myBallot
  // The phase was the server's at loading; the clock decides for a page left open (voting ends, say).
  const now = new Date()
  const steps = allowedSteps(s, { manages: s.canManage }, now)
  const canVote = mayVote(s, ballot, now)
  const showResult = showsResult(s.phase)
  return (
    <>
      <View className='board-head selection-head'>
        <Text className='board-head-title'>{s.title}</Text>
        <Text>
          {s.scopeName} · {s.categoryLabel} · 评选 {s.winners} 名 · {s.phaseLabel}
        </Text>
        <Text className='selection-dates'>
          提名 {formatDateTime(s.nominateFrom)} 至 {formatDateTime(s.nominateTo)}；投票 {formatDateTime(s.voteFrom)} 至 {formatDateTime(s.voteTo)}
        </Text>
      </View>
      <View className='section-box'>
        <Text className='section-box-title'>评选规则</Text>
        <Text className='selection-rules'>{s.rules}</Text>
        <Text className='wm-muted'>
          每人每天 {s.votesPerDay} 票，共 {s.votesTotal} 票
        </Text>
      </View>
      {s.boardId ? (
        <Button className='selection-board' fill='outline' block onClick={() => void Taro.navigateTo({ url: withId(HONOUR_ROUTES.board, s.boardId as string) })}>
          查看光荣榜
        </Button>
      ) : null}
      {s.canManage ? <ManageActions selection={s} steps={steps} onChanged={onChanged} /> : null}
      {steps.includes('review') ? <ReviewCandidates selectionId={s.id} onChanged={reload} /> : null}
      {steps.includes('nominate') ? <NominateForm selection={s} onDone={reload} /> : null}
      <View className='section-box'>
        <Text className='section-box-title'>候选人（{s.candidates.length}）</Text>
        {steps.includes('vote') ? (
          <Text className='selection-ballot'>
            今天还可投 {ballot.remainingToday} 票，共还可投 {ballot.remainingTotal} 票
          </Text>
        ) : null}
        {message ? <Text className='wm-error-text selection-message'>{message}</Text> : null}
        {s.candidates.length ? (
          s.candidates.map((candidate) => <CandidateRow key={candidate.id} candidate={candidate} canVote={canVote} voting={voting === candidate.id} onVote={onVote} showResult={showResult} />)
        ) : (
          <EmptyState text='还没有候选人' />
        )}
      </View>
    </>
  )
}

/** One 评选: rules, phase, candidates with live counts, 投票, 提名; staff review nominations, close and publish. */
export default function SelectionPage() {
  const { params } = useRouter()
  const selectionId = params.id ?? ''
  const detail = useQuery('honour.selection', { selectionId }, { enabled: selectionId !== '' })
  const castVote = useAction('honour.vote')
  const voting = castVote.pending?.candidateId ?? null
  const message = castVote.message
  const phase = detail.data?.phase
  const { reload } = detail
  // Coming back (from 修改, say) shows the selection as it is now; the first show is the load above.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && selectionId) void reload()
    shown.current = true
  })

  useEffect(() => {
    if (phase !== 'voting') return undefined
    const timer = setInterval(() => void reload(), LIVE_REFRESH_MS)
    return () => clearInterval(timer)
  }, [phase, reload])

  const vote = async (candidate: SelectionCandidate) => {
    const res = await castVote.run({ candidateId: candidate.id })
    if (!res?.ok) return
    detail.setData((data) =>
      data
        ? {
            ...data,
            myBallot: res.data.myBallot,
            candidates: data.candidates.map((item) => (item.id === res.data.candidateId ? { ...item, votes: res.data.votes } : item)).sort((a, b) => b.votes - a.votes)
          }
        : data
    )
    void Taro.showToast({ title: '投票成功', icon: 'success' })
  }

  let body: JSX.Element
  if (!selectionId) body = <ErrorState message='要找的内容不存在或已删除' />
  else if (detail.loading && !detail.data) body = <Skeleton rows={6} />
  else if (detail.error && !detail.data) body = <ErrorState message={detail.error} onRetry={() => void detail.reload()} retrying={detail.loading} />
  else if (!detail.data) body = <ErrorState message='要找的内容不存在或已删除' />
  else body = <SelectionView s={detail.data} voting={voting} message={message} onVote={(c) => void vote(c)} onChanged={(next) => detail.setData(() => next)} reload={() => void detail.reload()} />
  return <PageShell name='selection'>{body}</PageShell>
}
