import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HonourBoardDetail } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import { validateInput } from '@/services/validate'

/**
 * For the board's managers: a published board taken back to a draft (residents stop seeing it)
 * to correct a mistake, with the reason kept in the audit log; then the editor opens.
 */
export function BoardWithdraw({ board }: { board: HonourBoardDetail }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const withdraw = useAction('honour.withdrawBoard')
  const busy = withdraw.busy
  const error = withdraw.fieldErrors.reason ?? withdraw.message

  if (!board.canManage || board.status !== 'published') return null
  if (!open)
    return (
      <View className='board-manage'>
        <Button className='board-withdraw-open' fill='outline' block onClick={() => setOpen(true)}>
          撤回修改
        </Button>
      </View>
    )

  const go = async () => {
    withdraw.reset()
    const input = { boardId: board.id, reason: reason.trim() }
    const invalid = validateInput('honour.withdrawBoard', input)
    if (invalid) return withdraw.fail(invalid.message, invalid.fields)
    const sure = await Taro.showModal({ title: '撤回光荣榜', content: `撤回后居民暂时看不到「${board.title}」，改好后重新发布，仍按原来的发布日期排列。`, confirmText: '确认撤回' })
    if (!sure.confirm) return
    const res = await withdraw.run(input)
    if (!res?.ok) return
    void Taro.redirectTo({ url: withId(HONOUR_ROUTES.edit, board.id) })
  }

  return (
    <View className='board-manage'>
      <FormField label='撤回原因（记入操作记录）' error={error ?? undefined}>
        <TextArea className='board-withdraw-reason' value={reason} onChange={setReason} placeholder='如：上榜人姓名写错了' maxlength={200} disabled={busy} />
      </FormField>
      <Text className='wm-muted'>撤回后榜单回到草稿，改好后在编辑页重新发布。</Text>
      <View className='wm-actions'>
        <Button className='board-withdraw-confirm' type='primary' loading={busy} disabled={busy} onClick={() => void go()}>
          撤回并修改
        </Button>
        <Button fill='outline' disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  )
}
