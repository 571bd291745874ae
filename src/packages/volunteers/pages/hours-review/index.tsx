import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HoursPendingItem } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { confirmed } from '@/hooks/use-volunteers'
import { shortDateTime } from '@/services/activity-time'
import { PENDING_KIND_LABELS, hoursText } from '@/services/volunteer-text'
import './index.scss'

/** 时长审核: hours from manual check-ins and corrections wait for a second person (not the one who asked). */
export default guardedPage('hours-review', PendingList)

/**
 * Oldest first, a page at a time. A decided request leaves the list in place (the server's cursor is
 * the last row loaded, so 加载更多 still brings the next ones); once every loaded one is decided
 * and more are waiting, the next page comes by itself.
 */
function PendingList() {
  const list = usePagedQuery('volunteers.pendingHours', { pageSize: PAGE_SIZE })
  const [done, setDone] = useState<string[]>([])
  const items = list.items.filter((item) => !done.includes(item.id))
  const drained = !list.loading && !items.length && list.hasMore && !list.loadingMore && !list.moreError
  const { loadMore } = list
  useEffect(() => {
    if (drained) void loadMore()
  }, [drained, loadMore])
  if (list.loading && !list.items.length) return <Skeleton rows={4} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!items.length && !list.hasMore) return <EmptyState text='没有待审核的时长' />
  return (
    <View className='pending-list'>
      <Text className='wm-muted pending-note'>手工签到签退和更正的时长，要由提交人以外的另一位组织者审核后才计入。</Text>
      {items.map((item) => (
        <PendingCard key={item.id} item={item} onDone={(id) => setDone((current) => [...current, id])} />
      ))}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </View>
  )
}

function PendingCard({ item, onDone }: { item: HoursPendingItem; onDone: (id: string) => void }) {
  const { profile } = useAppStore()
  const mine = item.requestedBy === profile?.id
  const [rejecting, setRejecting] = useState(false)
  const [note, setNote] = useState('')
  const approveHours = useAction('volunteers.approveHours')
  const { busy, message: error } = approveHours

  const decide = async (approve: boolean) => {
    const question = approve ? `通过 ${item.name} 的 ${hoursText(item.hours)}？通过后计入其服务时长。` : `不通过 ${item.name} 的这条时长？`
    if (!(await confirmed(approve ? '通过' : '不通过', question, approve ? '通过' : '不通过'))) return
    const res = await approveHours.run({ pendingId: item.id, approve, ...(!approve && note.trim() ? { note: note.trim() } : {}) })
    if (!res) return
    if (!res.ok) {
      // e.g. 不能审核自己提交的时长
      void Taro.showToast({ title: res.message, icon: 'none', duration: 2500 })
      return
    }
    void Taro.showToast({ title: approve ? '已通过' : '已退回', icon: 'success' })
    onDone(item.id)
  }

  return (
    <View className='pending-card' data-pending-id={item.id}>
      <View className='wm-row'>
        <Text className='pending-name'>{item.name}</Text>
        <Text className='pending-hours'>{item.hours > 0 || item.kind === 'correction' ? hoursText(item.hours) : '签退后计时'}</Text>
      </View>
      <Text className='pending-activity'>{item.activityTitle}</Text>
      <Text className='wm-muted pending-kind'>
        {PENDING_KIND_LABELS[item.kind]} · {mine ? '您' : '组织者'}提交于 {shortDateTime(item.requestedAt)}
      </Text>
      {mine ? <Text className='wm-muted pending-mine'>这是您提交的，需要另一位组织者审核。</Text> : null}
      <Text className='pending-reason'>原因：{item.reason}</Text>
      {rejecting ? (
        <FormField label='不通过的说明（可不填）'>
          <TextArea className='input-reject-note' value={note} maxlength={200} placeholder='如：当天签到表上没有此人' onChange={setNote} />
        </FormField>
      ) : null}
      {error ? <Text className='wm-error-text pending-error'>{error}</Text> : null}
      <View className='wm-actions'>
        <Button className='pending-approve' type='primary' size='small' loading={busy} disabled={busy} onClick={() => void decide(true)}>
          通过
        </Button>
        <Button className='pending-reject' size='small' fill='outline' disabled={busy} onClick={() => (rejecting ? void decide(false) : setRejecting(true))}>
          {rejecting ? '确认不通过' : '不通过'}
        </Button>
      </View>
    </View>
  )
}
