import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityDetail, PersonalScanResult } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { guardedPage } from '@/components/guard'
import { QrCode } from '@/components/qr-code/qr-code'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useCheckinCode } from '@/hooks/use-checkin-code'
import { usePersonalScan } from '@/hooks/use-personal-scan'
import { CAMERA_SCAN, CameraScan } from '@/packages/volunteers/components/camera-scan/camera-scan'
import { useActivityDetail } from '@/hooks/use-volunteers'
import { activityTimeText, clock } from '@/services/activity-time'
import { hoursText } from '@/services/volunteer-text'
import { withActivityId } from '../../components/activity-param/activity-param'
import './index.scss'

/**
 * 签到 for the organiser: the activity's rotating code for the volunteers to scan, or — when the
 * activity checks in 一人一码 — the scanner for each volunteer's personal code.
 */
export default guardedPage('checkin-code', withActivityId(CodeView))

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
  useEffect(() => {
    keepScreenOn(true)
    return () => keepScreenOn(false)
  }, [])

  const activity = detail.data
  if (!activity) {
    if (detail.error) return <ErrorState message={detail.error} onRetry={() => void detail.reload()} retrying={detail.loading} />
    return <Skeleton rows={6} />
  }
  return (
    <View className='checkin-code'>
      <View className='checkin-code-head'>
        <Text className='checkin-code-title'>{activity.title}</Text>
        <Text className='wm-muted'>{activityTimeText(activity.startAt, activity.endAt)}</Text>
      </View>
      {activity.checkInMode === 'personal_code' ? <PersonalScanView activity={activity} /> : <ActivityCodeView activityId={activityId} />}
    </View>
  )
}

function ActivityCodeView({ activityId }: { activityId: string }) {
  const { code, error, secondsLeft, refresh } = useCheckinCode(activityId)
  return (
    <>
      <Text className='checkin-code-hint'>请志愿者打开“志愿”里的活动，扫码签到或签退</Text>
      {code ? <QrCode text={code.code} className='checkin-qr' /> : error ? null : <Skeleton rows={6} />}
      {error ? <ErrorState message={error} onRetry={() => void refresh()} /> : null}
      {code ? (
        <View className='qr-code-foot checkin-code-foot'>
          {code.shortCode ? (
            <View className='checkin-short'>
              <Text className='checkin-short-label'>不能扫码时，在活动页面输入数字签到码</Text>
              <Text className='checkin-short-code'>{`${code.shortCode.slice(0, 3)} ${code.shortCode.slice(3)}`}</Text>
            </View>
          ) : null}
          <Text className='qr-code-text checkin-code-text'>{code.code}</Text>
          <Text className='wm-muted checkin-code-timer'>
            二维码每 {code.rotateSeconds} 秒自动更换{secondsLeft !== null ? `，${secondsLeft} 秒后更换` : ''}
          </Text>
        </View>
      ) : null}
    </>
  )
}

function personalResultText(r: PersonalScanResult): string {
  if (r.kind === 'checkin') return `${r.name} 签到成功（${clock(new Date(r.at))}）`
  const hours = r.hours !== null ? `本次 ${hoursText(r.hours)}` : ''
  if (r.pendingReview) return `${r.name} 签退已记录${hours ? `（${hours}）` : ''}。${r.reviewReason ?? '服务时长需审核后计入'}`
  return `${r.name} 签退成功${hours ? `，${hours}` : ''}`
}

const SCAN_PHASE_LABELS = { idle: '', scanning: '正在扫码…', locating: '正在确认位置…', sending: '正在提交…' } as const

/**
 * 一人一码: the organiser scans each volunteer's personal code (first scan in, next one out); the
 * results list the names, to compare with the person in front.
 */
function PersonalScanView({ activity }: { activity: ActivityDetail }) {
  const scanner = usePersonalScan(activity.id)
  const [typed, setTyped] = useState('')
  const [camera, setCamera] = useState(false)
  useEffect(() => {
    void Promise.resolve(Taro.setNavigationBarTitle?.({ title: '扫码签到' })).catch(() => undefined)
  }, [])
  const busy = scanner.phase !== 'idle'
  const run = async (code?: string) => {
    const result = await scanner.run(code)
    if (!result) return
    setTyped('')
    void Taro.showToast({ title: personalResultText(result), icon: 'none', duration: 2500 })
  }
  const onCamera = (read: string) => {
    setCamera(false)
    void run(read)
  }
  return (
    <View className='personal-scan'>
      <Text className='checkin-code-hint'>本活动一人一码签到：请志愿者在本活动页面出示“我的签到码”，由您扫码。第一次扫码为签到，再扫一次为签退。</Text>
      {scanner.canScan ? (
        <Button className='scan-personal' type='primary' block loading={busy} disabled={busy} onClick={() => void run()}>
          {busy ? SCAN_PHASE_LABELS[scanner.phase] : '扫志愿者签到码'}
        </Button>
      ) : (
        <>
          {CAMERA_SCAN && !camera ? (
            <Button className='scan-personal-camera' type='primary' block loading={busy} disabled={busy} onClick={() => setCamera(true)}>
              扫志愿者签到码（打开摄像头）
            </Button>
          ) : null}
          {camera ? <CameraScan onCode={onCamera} onClose={() => setCamera(false)} hint='请对准志愿者手机上的签到码' fallback='请在下面输入志愿者签到码下方的字符' /> : null}
          <FormField label='输入志愿者签到码' hint='志愿者手机上二维码下方的一串字符'>
            <TextInput className='input-personal-code' value={typed} maxlength={200} placeholder='志愿者签到码' onChange={setTyped} onConfirm={() => void run(typed)} />
          </FormField>
          <Button className='scan-personal-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void run(typed)}>
            签到 / 签退
          </Button>
        </>
      )}
      {scanner.error ? <Text className='wm-error-text personal-scan-error'>{scanner.error}</Text> : null}
      {scanner.results.length ? (
        <View className='personal-scan-results'>
          <Text className='wm-muted'>本次扫码记录（请核对是否本人）</Text>
          {scanner.results.map((r) => (
            <Text key={`${r.userId}-${r.kind}-${r.at}`} className={`personal-scan-result personal-scan-result--${r.pendingReview ? 'pending' : r.kind}`}>
              {personalResultText(r)}
            </Text>
          ))}
        </View>
      ) : (
        <EmptyState text='还没有扫码记录' />
      )}
    </View>
  )
}
