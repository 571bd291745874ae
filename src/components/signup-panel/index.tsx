import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityDetail, MySignup, ScanResult } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { QrCode } from '@/components/qr-code/qr-code'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { checkinShown, spanOf } from '@/domain/volunteer-rules'
import { useCheckin } from '@/hooks/use-checkin'
import { CAMERA_SCAN, CameraScan } from '@/packages/volunteers/components/camera-scan/camera-scan'
import { usePersonalCode } from '@/hooks/use-checkin-code'
import { confirmed, type useActivityRunner } from '@/hooks/use-volunteers'
import { clock, shortDateTime } from '@/services/activity-time'
import { askToSubscribe } from '@/services/subscribe'
import { HOURS_STATUS_LABELS, hoursText } from '@/services/volunteer-text'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

type Runner = ReturnType<typeof useActivityRunner>

interface Props {
  activity: ActivityDetail
  runner: Runner
  isVolunteer: boolean
  /** After a check-in or check-out: load the activity again (my times and hours). */
  onChecked: () => void
  now?: Date
}

/** What a volunteer hears about after signing up: the activity changed or was cancelled, a waitlist place, the day before. */
const SIGNUP_TEMPLATES = ['activityChange', 'waitlistPromoted', 'activityReminder'] as const

function signupDone(activity: ActivityDetail): string {
  if (activity.mine?.status === 'waitlisted') return activity.mine.position ? `已候补，第 ${activity.mine.position} 位` : '已进入候补'
  return '报名成功'
}

/** 报名 / 候补 / 取消报名, and for those signed up the check-in and check-out. */
export function SignupPanel({ activity, runner, isVolunteer, onChecked, now = new Date() }: Props) {
  const mine = activity.mine && activity.mine.status !== 'cancelled' ? activity.mine : null
  if (activity.status === 'cancelled') return <Notice className='signup-cancelled' text='活动已取消' />
  if (activity.status === 'draft') return <Notice className='signup-draft' text='活动还没有发布，发布后志愿者才能报名' />
  if (mine) return <MySignupView activity={activity} mine={mine} runner={runner} onChecked={onChecked} now={now} />
  if (!isVolunteer) {
    return (
      <View className='signup-panel'>
        <Text className='signup-note'>报名参加志愿活动需要先实名注册为志愿者。</Text>
        <Button className='signup-register' type='primary' block onClick={() => void Taro.navigateTo({ url: VOLUNTEER_ROUTES.register })}>
          实名注册
        </Button>
      </View>
    )
  }
  if (now.getTime() > new Date(activity.endAt).getTime()) return <Notice className='signup-ended' text='活动已结束' />
  if (now.getTime() > new Date(activity.signupDeadline).getTime()) return <Notice className='signup-closed' text={`报名已于 ${shortDateTime(activity.signupDeadline)} 截止`} />
  const full = activity.remaining <= 0
  // The 订阅消息 dialog must open in the tap, before the request; signing up goes on whatever the answer.
  const signup = () => void runner.run('signup', activity.id, signupDone, () => askToSubscribe(SIGNUP_TEMPLATES))
  return (
    <View className='signup-panel'>
      {activity.teamName ? <Text className='wm-muted signup-note'>本活动面向{activity.teamName}队员</Text> : null}
      {full ? <Text className='signup-note signup-full'>名额已满，可以候补：有人取消时按顺序递补，并会通知您。</Text> : null}
      <Button className='signup-submit' type='primary' block loading={runner.busy === 'signup'} disabled={runner.busy !== null} onClick={signup}>
        {full ? '候补' : '报名'}
      </Button>
      {runner.error ? <Text className='wm-error-text signup-error'>{runner.error}</Text> : null}
    </View>
  )
}

interface MineProps {
  activity: ActivityDetail
  mine: MySignup
  runner: Runner
  onChecked: () => void
  now: Date
}

/** Signed up or waiting: my place, 取消报名 before the deadline, and check-in for those signed. */
function MySignupView({ activity, mine, runner, onChecked, now }: MineProps) {
  const open = now.getTime() <= new Date(activity.signupDeadline).getTime()
  const cancel = async () => {
    const content = mine.status === 'waitlisted' ? '取消后不再候补。' : '取消后名额会让给候补的人；报名截止前还可以再报名。'
    if (!(await confirmed('取消报名？', content, '取消报名'))) return
    await runner.run('cancel', activity.id, () => '已取消报名')
  }
  const canCancel = !mine.checkInAt && open
  return (
    <View className='signup-panel'>
      <MyPlace mine={mine} />
      {canCancel ? (
        <Button className='signup-cancel' type='default' block loading={runner.busy === 'cancel'} disabled={runner.busy !== null} onClick={() => void cancel()}>
          取消报名
        </Button>
      ) : null}
      {!canCancel && !mine.checkInAt && mine.status === 'signed' ? <Text className='wm-muted signup-note'>报名已截止，不能在小程序里取消；确实来不了请告诉组织者。</Text> : null}
      {runner.error ? <Text className='wm-error-text signup-error'>{runner.error}</Text> : null}
      {mine.status === 'signed' && activity.checkInMode === 'personal_code' ? <PersonalCodeBox activity={activity} mine={mine} onChecked={onChecked} now={now} /> : null}
      {mine.status === 'signed' && activity.checkInMode !== 'personal_code' ? <CheckinBox activity={activity} mine={mine} onChecked={onChecked} now={now} /> : null}
    </View>
  )
}

function Notice({ text, className }: { text: string; className: string }) {
  return (
    <View className={`signup-panel ${className}`}>
      <Text className='signup-notice'>{text}</Text>
    </View>
  )
}

function MyPlace({ mine }: { mine: MySignup }) {
  if (mine.status === 'waitlisted') {
    return <Text className='signup-mine signup-mine--waitlisted'>{`您在候补第 ${mine.position ?? '?'} 位，有人取消时按顺序递补，会通知您。`}</Text>
  }
  return (
    <View className='signup-mine signup-mine--signed'>
      <Text className='signup-mine-title'>您已报名</Text>
      {mine.checkInAt ? <Text className='signup-mine-line'>签到：{shortDateTime(mine.checkInAt)}</Text> : null}
      {mine.checkOutAt ? <Text className='signup-mine-line'>签退：{shortDateTime(mine.checkOutAt)}</Text> : null}
      {mine.checkOutAt || mine.hoursStatus !== 'none' ? (
        <Text className='signup-mine-line signup-hours'>
          服务时长：{hoursText(mine.hours)}（{HOURS_STATUS_LABELS[mine.hoursStatus]}）
        </Text>
      ) : null}
    </View>
  )
}

export function resultText(result: ScanResult): string {
  if (result.kind === 'checkin') return `签到成功（${clock(new Date(result.at))}），活动结束时请再扫码签退`
  if (result.pendingReview) {
    const hours = result.hours !== null ? `（本次 ${hoursText(result.hours)}）` : ''
    return `签退已记录${hours}。${result.reviewReason ?? '服务时长需另一位组织者或镇创建办审核后计入'}`
  }
  return result.hours !== null ? `签退成功，本次服务 ${hoursText(result.hours)}` : '签退成功'
}

/** Whether check-in is near enough to offer it (src/domain/volunteer-rules.ts: a day either side of the activity). */
function checkinOpen(activity: ActivityDetail, now: Date): boolean {
  return checkinShown(spanOf(activity), now)
}

/**
 * 一人一码: the volunteer shows their own rotating code and an organiser scans it. Each new code
 * also tells whether the organiser has scanned (then the activity is loaded again).
 */
function PersonalCodeBox({ activity, mine, onChecked, now }: { activity: ActivityDetail; mine: MySignup; onChecked: () => void; now: Date }) {
  const show = !mine.checkOutAt && checkinOpen(activity, now)
  const { code, error, secondsLeft, refresh } = usePersonalCode(activity.id, show)
  // once per change the organiser's scan made
  const told = useRef<string | null>(null)
  useEffect(() => {
    if (!code) return
    const state = `${code.checkInAt}|${code.checkOutAt}`
    if (state === `${mine.checkInAt}|${mine.checkOutAt}` || told.current === state) return
    told.current = state
    onChecked()
  }, [code, mine.checkInAt, mine.checkOutAt, onChecked])
  if (mine.checkOutAt) return null
  if (!show) return <Text className='wm-muted checkin-later'>本活动一人一码签到：活动当天到现场后，在这里出示您的签到码，由组织者扫码签到。</Text>
  const out = Boolean(mine.checkInAt)
  return (
    <View className='checkin-box personal-code-box'>
      <Text className='checkin-title'>{out ? '活动结束时请组织者扫码签退' : '到现场后请组织者扫码签到'}</Text>
      <Text className='wm-muted checkin-hint'>本活动一人一码：请本人到场，把下面的签到码出示给组织者扫描。签到码定时更换，组织者扫码时会核对本人。</Text>
      {code ? <QrCode text={code.code} className='personal-qr' /> : error ? null : <Skeleton rows={4} />}
      {error ? <ErrorState message={error} onRetry={() => void refresh()} /> : null}
      {code && !error ? (
        <View className='qr-code-foot personal-code-foot'>
          <Text className='qr-code-text personal-code-text'>{code.code}</Text>
          <Text className='wm-muted personal-code-timer'>
            每 {code.rotateSeconds} 秒自动更换{secondsLeft !== null ? `，${secondsLeft} 秒后更换` : ''}
          </Text>
        </View>
      ) : null}
      {code ? (
        <Button className='personal-code-refresh' size='small' fill='outline' onClick={() => void refresh()}>
          组织者已扫码？刷新
        </Button>
      ) : null}
    </View>
  )
}

/** WeChat's scanner, or in the browser the button that opens the camera (hidden while it is open). */
function ScanButton(p: { label: string; busy: boolean; canScan: boolean; camera: boolean; onScan: () => void; onCamera: () => void }) {
  if (p.canScan) {
    return (
      <Button className='checkin-scan' type='primary' block loading={p.busy} disabled={p.busy} onClick={p.onScan}>
        {p.label}
      </Button>
    )
  }
  if (!CAMERA_SCAN || p.camera) return null
  return (
    <Button className='checkin-camera' type='primary' block loading={p.busy} disabled={p.busy} onClick={p.onCamera}>
      {`${p.label}（打开摄像头）`}
    </Button>
  )
}

function CheckinBox({ activity, mine, onChecked, now }: { activity: ActivityDetail; mine: MySignup; onChecked: () => void; now: Date }) {
  const [code, setCode] = useState('')
  const [camera, setCamera] = useState(false)
  const checkin = useCheckin((result) => {
    setCode('')
    void Taro.showToast({ title: resultText(result), icon: 'none', duration: 3000 })
    onChecked()
  }, activity.id)
  // After 签退 the box has nothing left to do but say how it went.
  if (mine.checkOutAt) return checkin.result ? <Text className='checkin-result'>{resultText(checkin.result)}</Text> : null
  if (!checkinOpen(activity, now)) {
    return <Text className='wm-muted checkin-later'>活动当天到现场后，在这里扫组织者的签到码签到。</Text>
  }
  const out = Boolean(mine.checkInAt)
  const busy = checkin.phase !== 'idle'
  const onCamera = (read: string) => {
    setCamera(false)
    void checkin.run(read)
  }
  return (
    <View className='checkin-box'>
      <Text className='checkin-title'>{out ? '活动结束时签退' : '到现场后签到'}</Text>
      <Text className='wm-muted checkin-hint'>需要获取您的位置，确认您在活动现场附近。</Text>
      <ScanButton label={out ? '扫码签退' : '扫码签到'} busy={busy} canScan={checkin.canScan} camera={camera} onScan={() => void checkin.run()} onCamera={() => setCamera(true)} />
      {camera ? <CameraScan onCode={onCamera} onClose={() => setCamera(false)} hint='请对准组织者手机上的签到二维码' fallback='请在下面输入二维码下方的 6 位数字签到码' /> : null}
      <FormField label='输入数字签到码' hint={checkin.canScan ? '扫不了码时，输入组织者手机上二维码下方的 6 位数字' : '不能扫码时，输入组织者手机上二维码下方的 6 位数字（或整串字符）'}>
        <TextInput className='input-checkin-code' value={code} maxlength={200} placeholder='6 位数字' onChange={setCode} onConfirm={() => void checkin.run(code)} />
      </FormField>
      <Button className='checkin-submit' type={checkin.canScan || CAMERA_SCAN ? 'default' : 'primary'} block loading={busy} disabled={busy} onClick={() => void checkin.run(code)}>
        {out ? '签退' : '签到'}
      </Button>
      {checkin.error ? <Text className='wm-error-text checkin-error'>{checkin.error}</Text> : null}
      {checkin.result && !checkin.error ? <Text className='checkin-result'>{resultText(checkin.result)}</Text> : null}
    </View>
  )
}
