import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Redemption } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { formatDateTime } from '@/services/format'
import { validateInput } from '@/services/validate'

export const REDEMPTION_STATUS_LABELS: Record<Redemption['status'], string> = { awaiting: '待领取', handed_over: '已领取', cancelled: '已取消' }

function CancelForm({ item, villageId, onCancelled, onClose }: { item: Redemption; villageId: string; onCancelled: (item: Redemption) => void; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const cancelRedemption = useAction('deeds.cancelRedemption')
  const { busy } = cancelRedemption
  const error = cancelRedemption.fieldErrors.reason ?? cancelRedemption.message

  const go = async () => {
    cancelRedemption.reset()
    const input = { villageId, redemptionId: item.id, reason: reason.trim() }
    const invalid = validateInput('deeds.cancelRedemption', input)
    if (invalid) return cancelRedemption.fail(invalid.message, invalid.fields)
    const sure = await Taro.showModal({
      title: '取消兑换',
      content: `取消 ${item.userName} 兑换的「${item.goodsName}」？将退回 ${item.price} 积分，库存加回 1 件。`,
      confirmText: '确认取消',
      cancelText: '再想想'
    })
    if (!sure.confirm) return
    const res = await cancelRedemption.run(input)
    if (!res?.ok) return
    void Taro.showToast({ title: '已取消，积分已退回', icon: 'none' })
    onCancelled(res.data)
  }

  return (
    <View className='redemption-cancel'>
      <FormField label='取消原因' error={error ?? undefined}>
        <TextArea className='redemption-cancel-reason' value={reason} onChange={setReason} placeholder='如：居民不要了、商品损坏' maxlength={200} disabled={busy} />
      </FormField>
      <View className='wm-actions'>
        <Button className='redemption-cancel-confirm' type='primary' loading={busy} disabled={busy} onClick={() => void go()}>
          确认取消兑换
        </Button>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          不取消
        </Button>
      </View>
    </View>
  )
}

/** One redemption in the village's list; an awaiting one can be cancelled with a reason (points and stock go back). */
export function RedemptionAdminRow({ item, villageId, onChange }: { item: Redemption; villageId: string; onChange: (item: Redemption) => void }) {
  const [cancelling, setCancelling] = useState(false)
  return (
    <View className={`redemption-admin redemption-admin--${item.status}`} data-redemption-id={item.id}>
      <View className='redemption-row'>
        <View className='redemption-row-main'>
          <Text>
            {item.goodsName} · {item.userName}
          </Text>
          <Text className='wm-muted'>
            {item.price} 积分 · {formatDateTime(item.createdAt)}
          </Text>
        </View>
        <View className='redemption-row-side'>
          <Text className='wm-muted'>{REDEMPTION_STATUS_LABELS[item.status]}</Text>
          {item.status === 'awaiting' && !cancelling ? (
            <Text className='wm-link redemption-cancel-open' onClick={() => setCancelling(true)}>
              取消兑换
            </Text>
          ) : null}
        </View>
      </View>
      {item.status === 'awaiting' && cancelling ? (
        <CancelForm
          item={item}
          villageId={villageId}
          onClose={() => setCancelling(false)}
          onCancelled={(next) => {
            setCancelling(false)
            onChange(next)
          }}
        />
      ) : null}
    </View>
  )
}
