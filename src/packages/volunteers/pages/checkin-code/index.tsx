import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { OrganiserGuard } from '@/components/organiser-guard'
import { QrCode } from '@/components/qr-code/qr-code'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useCheckinCode } from '@/hooks/use-checkin-code'
import { useActivityDetail } from '@/hooks/use-volunteers'
import { activityTimeText } from '@/services/activity-time'
import './index.scss'

/** Full screen for the volunteers to scan: the rotating code of one activity. */
export default function CheckinCodePage() {
  const { params } = useRouter()
  return (
    <OrganiserGuard name='checkin-code' title='签到码'>
      {() => (params.id ? <CodeView activityId={params.id} /> : <ErrorState message='没有指定活动' />)}
    </OrganiserGuard>
  )
}

function keepScreenOn(on: boolean) {
  const api = (Taro as unknown as { setKeepScreenOn?: (option: { keepScreenOn: boolean }) => Promise<unknown> }).setKeepScreenOn
  if (typeof api !== 'function') return
  try {
    void Promise.resolve(api({ keepScreenOn: on })).catch(() => undefined)
  } catch {
    // not available on this platform
  }
}

function CodeView({ activityId }: { activityId: string }) {
  const detail = useActivityDetail(activityId)
  const { code, error, secondsLeft, refresh } = useCheckinCode(activityId)
  useEffect(() => {
    keepScreenOn(true)
    return () => keepScreenOn(false)
  }, [])

  const activity = detail.data
  return (
    <View className='checkin-code'>
      {activity ? (
        <View className='checkin-code-head'>
          <Text className='checkin-code-title'>{activity.title}</Text>
          <Text className='wm-muted'>{activityTimeText(activity.startAt, activity.endAt)}</Text>
        </View>
      ) : null}
      <Text className='checkin-code-hint'>请志愿者打开“志愿”里的活动，扫码签到或签退</Text>
      {code ? <QrCode text={code.code} className='checkin-qr' /> : error ? null : <Skeleton rows={6} />}
      {error ? <ErrorState message={error} onRetry={() => void refresh()} /> : null}
      {code ? (
        <View className='checkin-code-foot'>
          <Text className='checkin-code-text'>{code.code}</Text>
          <Text className='wm-muted checkin-code-timer'>
            二维码每 {code.rotateSeconds} 秒自动更换{secondsLeft !== null ? `，${secondsLeft} 秒后更换` : ''}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
