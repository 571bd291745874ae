import { View, Text } from '@tarojs/components'
import type { Activity } from '@/contract'
import { activityTimeText } from '@/services/activity-time'
import { myStatusText, placesText } from '@/services/volunteer-text'
import './index.scss'

/** 已报名 / 候补第 N 位 / 已签到 … */
export function MyStatusBadge({ activity }: { activity: Pick<Activity, 'mine'> }) {
  const status = myStatusText(activity.mine)
  if (!status) return null
  return <Text className={`volunteer-badge my-status my-status--${status.tone}`}>{status.text}</Text>
}

/** 草稿 / 已取消 (a published activity needs no badge in a volunteer's list). */
export function ActivityStatusBadge({ activity, always }: { activity: Pick<Activity, 'status' | 'statusLabel'>; always?: boolean }) {
  if (activity.status === 'published' && !always) return null
  return <Text className={`volunteer-badge activity-status activity-status--${activity.status}`}>{activity.statusLabel}</Text>
}

interface Props {
  activity: Activity
  onOpen: (activity: Activity) => void
  /** Organisers' list: signed-up and waitlist counts instead of the places left. */
  organiser?: boolean
}

/** One activity in a list: category, title, time, venue, places and my status. */
export function ActivityCard({ activity, onOpen, organiser }: Props) {
  const full = activity.remaining <= 0
  return (
    <View className={`activity-card activity-card--${activity.status}`} data-activity-id={activity.id} onClick={() => onOpen(activity)}>
      <View className='activity-card-tags'>
        <Text className='volunteer-badge activity-category'>{activity.categoryLabel}</Text>
        <ActivityStatusBadge activity={activity} always={organiser} />
        <MyStatusBadge activity={activity} />
      </View>
      <Text className='activity-card-title'>{activity.title}</Text>
      <Text className='activity-card-time'>{activityTimeText(activity.startAt, activity.endAt)}</Text>
      <Text className='wm-muted activity-card-venue'>
        {activity.villageName} · {activity.venue.name}
      </Text>
      {organiser ? (
        <Text className='activity-card-places'>
          已报名 {activity.signedCount}/{activity.capacity}
          {activity.waitlistCount ? `，候补 ${activity.waitlistCount}` : ''}
        </Text>
      ) : activity.status === 'published' ? (
        <Text className={`activity-card-places${full ? ' activity-card-places--full' : ''}`}>{placesText(activity)}</Text>
      ) : null}
    </View>
  )
}
