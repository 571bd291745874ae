import { View, Text } from '@tarojs/components'
import type { ActivityDetail } from '@/contract'
import { ActivityStatusBadge, MyStatusBadge } from '@/components/activity-card'
import { activityTimeText, hoursNumber, shortDateTime } from '@/services/activity-time'
import { placesText } from '@/services/volunteer-text'
import '@/components/activity-card/index.scss'
import './index.scss'

function Line({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`activity-line${className ? ` ${className}` : ''}`}>
      <Text className='activity-line-label'>{label}</Text>
      <Text className='activity-line-value'>{value}</Text>
    </View>
  )
}

function venueText({ venue }: Pick<ActivityDetail, 'venue'>): string {
  return venue.address && venue.address !== venue.name ? `${venue.name}（${venue.address}）` : venue.name
}

/** What, when, where, who organises, places and hours, then the description. */
export function ActivityInfo({ activity }: { activity: ActivityDetail }) {
  const places = activity.status === 'published' ? `${placesText(activity)}；已报名 ${activity.signedCount} 人` : `共 ${activity.capacity} 个名额`
  return (
    <View className='activity-info'>
      <View className='activity-card-tags'>
        <Text className='volunteer-badge activity-category'>{activity.categoryLabel}</Text>
        <ActivityStatusBadge activity={activity} />
        <MyStatusBadge activity={activity} />
      </View>
      <Text className='activity-info-title'>{activity.title}</Text>
      <Line label='时间' value={activityTimeText(activity.startAt, activity.endAt)} className='activity-time' />
      <Line label='地点' value={venueText(activity)} className='activity-venue' />
      <Line label='组织' value={`${activity.villageName} · ${activity.teamName ?? '面向全体志愿者'} · ${activity.organiserName}`} className='activity-organiser' />
      <Line label='名额' value={places} className='activity-places' />
      <Line label='时长' value={`按签到签退计时，最多计 ${hoursNumber(activity.hoursCredit)} 小时`} className='activity-hours-credit' />
      <Line label='报名截止' value={shortDateTime(activity.signupDeadline)} className='activity-deadline' />
      <Text className='activity-info-description'>{activity.description}</Text>
    </View>
  )
}
