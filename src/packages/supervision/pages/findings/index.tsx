import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import type { CleaningFinding, FindingStatus } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextArea } from '@/components/form-field'
import { PhotoPicker } from '@/components/photo-picker'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { usePhotoSet } from '@/hooks/use-cleaning'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import '../supervision.scss'

const FILTERS: Array<{ value: FindingStatus | 'all'; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'standing', label: '已扣款' },
  { value: 'appealed', label: '申诉中' },
  { value: 'upheld', label: '申诉维持' },
  { value: 'withdrawn', label: '已撤销' }
]

/** 扣款与申诉: a village admin appeals a finding (2 working days, reason and photo); the town office upholds or withdraws. */
export default guardedPage('findings', Findings)

function Findings() {
  const [status, setStatus] = useState<FindingStatus | 'all'>('all')
  const list = usePagedQuery('supervision.findings', { ...(status === 'all' ? {} : { status }), pageSize: PAGE_SIZE })
  useReloadOnShow(list)
  let body: JSX.Element
  if (list.loading && !list.items.length) body = <Skeleton rows={3} />
  else if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  else if (!list.items.length) body = <EmptyState text='没有扣款记录' />
  else
    body = (
      <View className='visit-list'>
        {list.items.map((f) => (
          <FindingCard key={f.id} f={f} onChanged={() => void list.reload()} />
        ))}
        <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
      </View>
    )
  return (
    <>
      <ChoiceChips options={FILTERS} value={status} onChange={setStatus} label='状态' />
      {body}
    </>
  )
}

function FindingCard({ f, onChanged }: { f: CleaningFinding; onChanged: () => void }) {
  return (
    <SectionCard title={`${f.zoneName} · ${f.date}`}>
      <View className='wm-row'>
        <Text className='patrol-item-text'>
          {f.itemText}：{f.note}
        </Text>
        <Text className={`patrol-status patrol-status--${f.deducts ? 'missed' : 'done'}`}>{f.statusLabel}</Text>
      </View>
      <Text className='wm-muted'>
        {f.villageName} · 保洁员 {f.cleaners.map((c) => c.name).join('、') || '无'} · 每人扣 {f.amountYuan} 元 · 检查人 {f.inspectedByName}
      </Text>
      {f.notice ? (
        <Text className='wm-muted'>
          {f.notice.escalationLabel}：{f.notice.no}
        </Text>
      ) : null}
      {f.photoUrls.map((url) => (
        <Image key={url} className='photo-picker-image' src={url} mode='aspectFill' />
      ))}
      {f.appeal ? (
        <Text className='wm-muted'>
          申诉（{f.appeal.byName}）：{f.appeal.reason}
        </Text>
      ) : null}
      {f.decision ? (
        <Text className='wm-muted'>
          处理（{f.decision.outcomeLabel}）：{f.decision.reason}
        </Text>
      ) : null}
      {f.canAppeal ? <AppealForm f={f} onDone={onChanged} /> : null}
      {f.canDecide ? <DecideForm f={f} onDone={onChanged} /> : null}
    </SectionCard>
  )
}

function AppealForm({ f, onDone }: { f: CleaningFinding; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const photos = usePhotoSet(3)
  const appeal = useAction('supervision.appealFinding')
  const submit = async () => {
    const ids = await photos.upload(`appeal-${f.id}`)
    if (!ids) return
    if (!ids.length) return appeal.fail('请至少拍一张照片', { photos: '请至少拍一张照片' })
    const res = await appeal.run({ findingId: f.id, reason, photos: ids })
    if (res?.ok) onDone()
  }
  return (
    <View className='cleaning-appeal'>
      <Text className='wm-muted'>可在 {f.appealDueAt.slice(0, 10)} 前申诉（发现后 2 个工作日内）</Text>
      <FormField label='申诉理由' error={appeal.fieldErrors.reason}>
        <TextArea value={reason} onChange={setReason} maxlength={300} placeholder='写明理由，如：检查前已清扫，照片为新产生的垃圾' />
      </FormField>
      <FormField label='照片' error={appeal.fieldErrors.photos ?? photos.notice ?? undefined}>
        <PhotoPicker photos={photos.photos} max={3} disabled={appeal.busy} onAdd={() => void photos.add()} onRemove={photos.remove} />
      </FormField>
      {appeal.message ? <Text className='wm-error-text'>{appeal.message}</Text> : null}
      <Button type='primary' size='small' loading={appeal.busy} disabled={appeal.busy} onClick={() => void submit()}>
        提交申诉
      </Button>
    </View>
  )
}

function DecideForm({ f, onDone }: { f: CleaningFinding; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const decide = useAction('supervision.decideAppeal')
  const run = async (outcome: 'uphold' | 'withdraw') => {
    const res = await decide.run({ findingId: f.id, outcome, reason })
    if (res?.ok) onDone()
  }
  return (
    <View className='cleaning-appeal'>
      <FormField label='处理理由' error={decide.fieldErrors.reason}>
        <TextArea value={reason} onChange={setReason} maxlength={300} placeholder='写明维持或撤销的理由' />
      </FormField>
      {decide.message ? <Text className='wm-error-text'>{decide.message}</Text> : null}
      <View className='wm-row'>
        <Button size='small' fill='outline' loading={decide.busy} disabled={decide.busy} onClick={() => void run('uphold')}>
          维持
        </Button>
        <Button size='small' type='primary' loading={decide.busy} disabled={decide.busy} onClick={() => void run('withdraw')}>
          撤销扣款
        </Button>
      </View>
    </View>
  )
}
