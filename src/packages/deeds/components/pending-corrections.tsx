import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CorrectionRequest } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { PagedList } from '@/components/state-view'
import { DecideButtons } from './decide-buttons'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { formatDateTime } from '@/services/format'

const points = (delta: number) => (delta > 0 ? `+${delta}` : String(delta))

/** Approve or reject one request: the same call, with a reason when rejecting. */
function useDecision(request: CorrectionRequest, onDone: (id: string, approved: boolean) => void) {
  const approveCorrection = useAction('deeds.approveCorrection')
  const decide = async (approve: boolean, note?: string) => {
    const res = await approveCorrection.run({ requestId: request.id, approve, ...(note ? { note } : {}) })
    if (!res?.ok) return
    void Taro.showToast({ title: approve ? '已批准，积分已记入' : '已不批准', icon: 'none' })
    onDone(request.id, approve)
  }
  return { busy: approveCorrection.busy, message: approveCorrection.fieldErrors.note ?? approveCorrection.message, decide }
}

function PendingItem({ request, onDone }: { request: CorrectionRequest; onDone: (id: string, approved: boolean) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [note, setNote] = useState('')
  const { busy, message, decide } = useDecision(request, onDone)

  const approve = async () => {
    const sure = await Taro.showModal({
      title: '批准积分更正',
      content: `给${request.personName}${request.delta > 0 ? '加' : '扣'} ${Math.abs(request.delta)} 分，原因：${request.reason}。批准后记为一条新明细。`,
      confirmText: '确认批准'
    })
    if (sure.confirm) await decide(true)
  }

  return (
    <View className='pending-correction' data-request-id={request.id}>
      <View className='ledger-row'>
        <View className='ledger-row-main'>
          <Text>{request.personName}</Text>
          <Text className='wm-muted'>
            {request.reason} · {request.requestedByName} 提出 · {formatDateTime(request.requestedAt)}
          </Text>
        </View>
        <Text className={`ledger-row-delta${request.delta < 0 ? ' ledger-row-delta--minus' : ''}`}>{points(request.delta)}</Text>
      </View>
      {!request.canDecide ? <Text className='wm-muted pending-correction-wait'>待其他管理员审批（不能审批自己提出的或自己、本家庭的更正）</Text> : null}
      {request.canDecide && rejecting ? (
        <FormField label='不批准的理由' error={message ?? undefined}>
          <TextArea className='pending-correction-note' value={note} onChange={setNote} placeholder='说明原因，提出人能看到' maxlength={200} disabled={busy} />
        </FormField>
      ) : message ? (
        <Text className='wm-error-text pending-correction-message'>{message}</Text>
      ) : null}
      {request.canDecide ? (
        <View className='wm-actions'>
          <DecideButtons
            busy={busy}
            rejecting={rejecting}
            setRejecting={setRejecting}
            approve={{ label: '批准', className: 'pending-correction-approve', onClick: () => void approve() }}
            reject={{ label: '不批准', className: 'pending-correction-reject' }}
            confirmReject={{ label: '确认不批准', className: 'pending-correction-reject-confirm', onClick: () => void decide(false, note.trim()) }}
          />
        </View>
      ) : null}
    </View>
  )
}

interface Props {
  villageId: string
  /** After a request is approved: the resident's ledger shown below changed. */
  onApproved: () => void
}

/** 待审批的积分更正 of a village: corrections above the threshold wait here for a second person. */
export function PendingCorrections({ villageId, onApproved }: Props) {
  const list = usePagedQuery('deeds.pendingCorrections', { villageId, pageSize: PAGE_SIZE })
  const [done, setDone] = useState<string[]>([])
  const items = list.items.filter((request) => !done.includes(request.id))
  const onDone = (id: string, approved: boolean) => {
    setDone((current) => [...current, id])
    if (approved) onApproved()
  }

  return (
    <View className='pending-corrections'>
      <Text className='deeds-household-name'>待审批的积分更正</Text>
      <Text className='wm-muted'>超过审批线的更正，由提出人以外的管理员或镇创建办批准后才记入积分。</Text>
      <PagedList list={list} empty='没有待审批的积分更正' items={items} rows={2}>
        {(request) => <PendingItem key={request.id} request={request} onDone={onDone} />}
      </PagedList>
    </View>
  )
}
