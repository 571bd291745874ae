import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CHECK_IN_MODE_LABELS, type Activity, type ActivityDetail, type CheckInMode } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { confirmed } from '@/hooks/use-volunteers'
import { withId } from '@/services/routes'
import { validateInput } from '@/services/validate'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

interface Props {
  /** A list item or the detail (which says how volunteers check in). */
  activity: Activity & { checkInMode?: CheckInMode }
  onChanged: (activity: ActivityDetail) => void
}

function go(page: string, id: string) {
  void Taro.navigateTo({ url: withId(page, id) })
}

/** Organiser's buttons on one activity: 编辑, 发布, 显示签到码 (or 扫志愿者签到码), 名单, 取消活动 (with a reason); the check-in mode. */
export function ActivityAdminActions({ activity, onChanged }: Props) {
  const publishActivity = useAction('volunteers.publishActivity')
  const busy = publishActivity.busy
  const [cancelling, setCancelling] = useState(false)
  const live = activity.status !== 'cancelled'

  const publish = async () => {
    if (!(await confirmed('发布活动？', '发布后本村（居）志愿者就能看到并报名。', '发布'))) return
    const res = await publishActivity.run({ activityId: activity.id })
    if (!res?.ok) return
    onChanged(res.data)
    void Taro.showToast({ title: '已发布', icon: 'success' })
  }

  return (
    <View className='activity-admin' data-activity-id={activity.id}>
      <View className='activity-admin-buttons'>
        {live ? (
          <Button className='admin-edit' size='small' fill='outline' disabled={busy} onClick={() => go(VOLUNTEER_ROUTES.edit, activity.id)}>
            编辑
          </Button>
        ) : null}
        {activity.status === 'draft' ? (
          <Button className='admin-publish' size='small' type='primary' loading={busy} disabled={busy} onClick={() => void publish()}>
            发布
          </Button>
        ) : null}
        {activity.status === 'published' ? (
          <Button className='admin-show-code' size='small' type='primary' onClick={() => go(VOLUNTEER_ROUTES.checkinCode, activity.id)}>
            {activity.checkInMode === 'personal_code' ? '扫志愿者签到码' : '显示签到码'}
          </Button>
        ) : null}
        <Button className='admin-roster' size='small' fill='outline' onClick={() => go(VOLUNTEER_ROUTES.roster, activity.id)}>
          名单
        </Button>
        {live ? (
          <Button className='admin-cancel' size='small' fill='outline' disabled={busy} onClick={() => setCancelling(!cancelling)}>
            取消活动
          </Button>
        ) : null}
      </View>
      {publishActivity.message ? <Text className='wm-error-text admin-error'>{publishActivity.message}</Text> : null}
      {activity.checkInMode && live ? <CheckInModeRow activity={activity} mode={activity.checkInMode} onChanged={onChanged} /> : null}
      {cancelling && live ? (
        <CancelForm
          activity={activity}
          onDone={(next) => {
            setCancelling(false)
            onChanged(next)
          }}
        />
      ) : null}
    </View>
  )
}

/**
 * How volunteers check in. The town office may require 一人一码 (the organiser scans each volunteer's
 * own code) where a relayed photo of the activity code is a worry, and lift it again; others see it.
 */
function CheckInModeRow({ activity, mode, onChanged }: { activity: Activity; mode: CheckInMode; onChanged: (activity: ActivityDetail) => void }) {
  const { isTownAdmin } = useAdminScope()
  const setCheckInMode = useAction('volunteers.setCheckInMode')
  const saving = setCheckInMode.busy
  const next: CheckInMode = mode === 'personal_code' ? 'activity_code' : 'personal_code'
  const change = async () => {
    const content = next === 'personal_code' ? '志愿者不再扫活动签到码，改为在活动页面出示个人签到码，由组织者逐一扫码签到签退。' : '志愿者改为自己扫组织者出示的活动签到码签到签退。'
    if (!(await confirmed(next === 'personal_code' ? '要求一人一码签到？' : '改回扫活动签到码？', content, '确定'))) return
    const res = await setCheckInMode.run({ activityId: activity.id, mode: next })
    if (!res?.ok) return
    onChanged(res.data)
    void Taro.showToast({ title: next === 'personal_code' ? '已要求一人一码签到' : '已改回扫活动签到码', icon: 'none' })
  }
  if (!isTownAdmin && mode === 'activity_code') return null
  return (
    <View className='activity-checkin-mode'>
      <View className='wm-row'>
        <Text className='activity-checkin-mode-text'>
          签到方式：{CHECK_IN_MODE_LABELS[mode]}
          {mode === 'personal_code' && !isTownAdmin ? '（镇创建办要求）' : ''}
        </Text>
        {isTownAdmin ? (
          <Button className='admin-checkin-mode' size='small' fill='outline' loading={saving} disabled={saving} onClick={() => void change()}>
            {next === 'personal_code' ? '要求一人一码' : '改回扫活动码'}
          </Button>
        ) : null}
      </View>
      {setCheckInMode.message ? <Text className='wm-error-text admin-checkin-mode-error'>{setCheckInMode.message}</Text> : null}
    </View>
  )
}

function CancelForm({ activity, onDone }: { activity: Activity; onDone: (activity: ActivityDetail) => void }) {
  const [reason, setReason] = useState('')
  const cancelActivity = useAction('volunteers.cancelActivity')
  const people = activity.signedCount + activity.waitlistCount

  const submit = async () => {
    const input = { activityId: activity.id, reason }
    const invalid = validateInput('volunteers.cancelActivity', input)
    if (invalid) return cancelActivity.fail(invalid.fields?.reason ?? invalid.message)
    const notice = people ? `已报名和候补的 ${people} 人会收到取消通知。` : '目前还没有人报名。'
    if (!(await confirmed('取消这个活动？', `${notice}取消后不能恢复。`, '取消活动'))) return
    const res = await cancelActivity.run(input)
    if (!res?.ok) return
    void Taro.showToast({ title: '活动已取消', icon: 'success' })
    onDone(res.data)
  }

  return (
    <View className='activity-cancel-form'>
      <FormField label='取消原因' error={cancelActivity.message ?? undefined} hint={people ? `已报名和候补的 ${people} 人会收到通知，通知里有这个原因` : '会写进活动记录'}>
        <TextArea className='input-cancel-reason' value={reason} maxlength={200} placeholder='如：天气原因，活动改期另行通知' onChange={setReason} />
      </FormField>
      <Button className='admin-cancel-confirm' type='primary' block loading={cancelActivity.busy} disabled={cancelActivity.busy} onClick={() => void submit()}>
        确认取消活动
      </Button>
    </View>
  )
}
