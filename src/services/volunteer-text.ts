import type { Activity, HoursPendingItem, HoursStatus, MySignup, SignupStatus } from '@/contract'
import { hoursNumber } from './activity-time'

/** The badge of my place in an activity: 已报名 / 候补第 N 位 / 已签到 / 已签退 …; null when none. */
export function myStatusText(mine: MySignup | null): { text: string; tone: 'signed' | 'waitlisted' | 'checked' | 'done' } | null {
  if (!mine || mine.status === 'cancelled') return null
  if (mine.status === 'waitlisted') return { text: mine.position ? `候补第 ${mine.position} 位` : '候补中', tone: 'waitlisted' }
  if (mine.checkOutAt) return { text: mine.hours > 0 ? `已签退 · ${hoursNumber(mine.hours)} 小时` : '已签退', tone: 'done' }
  if (mine.checkInAt) return { text: '已签到', tone: 'checked' }
  return { text: '已报名', tone: 'signed' }
}

/** 剩余 N 个名额 / 已满员，可候补 */
export function placesText(activity: Pick<Activity, 'capacity' | 'remaining' | 'signedCount' | 'waitlistCount'>): string {
  if (activity.remaining > 0) return `剩余 ${activity.remaining} 个名额（共 ${activity.capacity} 个）`
  return activity.waitlistCount > 0 ? `已满员，可候补（已有 ${activity.waitlistCount} 人候补）` : '已满员，可候补'
}

export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = { signed: '已报名', waitlisted: '候补', cancelled: '已取消' }

export const HOURS_STATUS_LABELS: Record<HoursStatus, string> = { none: '未计时', counted: '已计入', pending: '待审核', rejected: '未通过' }

export const PENDING_KIND_LABELS: Record<HoursPendingItem['kind'], string> = {
  manual_checkin: '手工签到',
  manual_checkout: '手工签退',
  correction: '更正时长'
}

export function hoursText(hours: number): string {
  return `${hoursNumber(hours)} 小时`
}
