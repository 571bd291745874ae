import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Activity, ActivityDetail } from '@/contract'
import { FormField, TextArea } from '@/components/form-field'
import { Button } from '@/components/ui'
import { confirmed } from '@/hooks/use-volunteers'
import { call } from '@/services/call'
import { withId } from '@/services/routes'
import { validateInput } from '@/services/validate'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

interface Props {
  activity: Activity
  onChanged: (activity: ActivityDetail) => void
}

function go(page: string, id: string) {
  void Taro.navigateTo({ url: withId(page, id) })
}

/** Organiser's buttons on one activity: 编辑, 发布, 显示签到码, 名单, 取消活动 (with a reason). */
export function ActivityAdminActions({ activity, onChanged }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const live = activity.status !== 'cancelled'

  const publish = async () => {
    if (!(await confirmed('发布活动？', '发布后本村（居）志愿者就能看到并报名。', '发布'))) return
    setBusy(true)
    setError(null)
    const res = await call('volunteers.publishActivity', { activityId: activity.id })
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      return
    }
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
            显示签到码
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
      {error ? <Text className='wm-error-text admin-error'>{error}</Text> : null}
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

function CancelForm({ activity, onDone }: { activity: Activity; onDone: (activity: ActivityDetail) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const people = activity.signedCount + activity.waitlistCount

  const submit = async () => {
    const input = { activityId: activity.id, reason }
    const invalid = validateInput('volunteers.cancelActivity', input)
    if (invalid) {
      setError(invalid.fields?.reason ?? invalid.message)
      return
    }
    const notice = people ? `已报名和候补的 ${people} 人会收到取消通知。` : '目前还没有人报名。'
    if (!(await confirmed('取消这个活动？', `${notice}取消后不能恢复。`, '取消活动'))) return
    setSaving(true)
    setError(null)
    const res = await call('volunteers.cancelActivity', input)
    setSaving(false)
    if (!res.ok) {
      setError(res.message)
      return
    }
    void Taro.showToast({ title: '活动已取消', icon: 'success' })
    onDone(res.data)
  }

  return (
    <View className='activity-cancel-form'>
      <FormField label='取消原因' error={error ?? undefined} hint={people ? `已报名和候补的 ${people} 人会收到通知，通知里有这个原因` : '会写进活动记录'}>
        <TextArea className='input-cancel-reason' value={reason} maxlength={200} placeholder='如：天气原因，活动改期另行通知' onChange={setReason} />
      </FormField>
      <Button className='admin-cancel-confirm' type='primary' block loading={saving} disabled={saving} onClick={() => void submit()}>
        确认取消活动
      </Button>
    </View>
  )
}
