import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Deed } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { PhotoGrid } from '@/components/photo-grid'
import { PagedList, Skeleton } from '@/components/state-view'
import { VillageChoice } from '@/components/village-choice'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { DecideButtons } from '../../components/decide-buttons'
import { DeedCard } from '../../components/deed-card'
import '../deeds.scss'

function ReviewItem({ deed, onDone }: { deed: Deed; onDone: (id: string) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const approveDeed = useAction('deeds.approve')
  const rejectDeed = useAction('deeds.reject')
  const busy = approveDeed.busy || rejectDeed.busy
  const message = approveDeed.message ?? rejectDeed.fieldErrors.reason ?? rejectDeed.message

  const approve = async () => {
    rejectDeed.reset()
    const res = await approveDeed.run({ deedId: deed.id })
    if (!res?.ok) return
    void Taro.showToast({ title: `已通过，记 ${res.data.points ?? 0} 分`, icon: 'none' })
    onDone(deed.id)
  }

  const reject = async () => {
    approveDeed.reset()
    const res = await rejectDeed.run({ deedId: deed.id, reason: reason.trim() })
    if (!res?.ok) return
    void Taro.showToast({ title: '已退回', icon: 'none' })
    onDone(deed.id)
  }

  return (
    <View className='deed-review'>
      <DeedCard deed={deed} />
      <Text className='wm-muted'>
        申报人：{deed.declarerName}
        {deed.onBehalf ? '（代录）' : ''}
        {deed.householdName ? ` · ${deed.householdName}` : ''}
      </Text>
      {deed.photos.length ? <PhotoGrid photos={deed.photos} /> : null}
      {rejecting ? (
        <FormField label='不通过的理由' error={message ?? undefined}>
          <TextArea className='deed-reject-reason' value={reason} onChange={setReason} placeholder='说明原因，申报人能看到' maxlength={200} />
        </FormField>
      ) : message ? (
        <Text className='wm-error-text'>{message}</Text>
      ) : null}
      <View className='wm-actions deed-review-actions'>
        <DecideButtons
          busy={busy}
          rejecting={rejecting}
          setRejecting={setRejecting}
          approve={{ label: '通过', className: 'deed-approve', onClick: () => void approve() }}
          reject={{ label: '不通过', className: 'deed-reject' }}
          confirmReject={{ label: '确认不通过', className: 'deed-reject-confirm', onClick: () => void reject() }}
        />
      </View>
    </View>
  )
}

function Queue({ villageId }: { villageId: string }) {
  const list = usePagedQuery('deeds.queue', { villageId, pageSize: PAGE_SIZE })
  const [done, setDone] = useState<string[]>([])
  const items = list.items.filter((deed) => !done.includes(deed.id))
  return (
    <PagedList list={list} empty='没有待审核的善行' items={items} className='deeds-list'>
      {(deed) => <ReviewItem key={deed.id} deed={deed} onDone={(id) => setDone((current) => [...current, id])} />}
    </PagedList>
  )
}

/** 善行审核: the village's pending declarations, 通过 (points by the rules) or 不通过 with a reason. */
export default function ReviewPage() {
  const [villageId, setVillageId] = useState<string | null>(null)
  return (
    <PageShell name='deed-review'>
      <VillageChoice value={villageId} onChange={setVillageId} />
      {villageId ? <Queue villageId={villageId} /> : <Skeleton rows={3} />}
    </PageShell>
  )
}
