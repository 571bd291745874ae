import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Activity } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { ActivityCard } from '@/components/activity-card'
import { ActivityFilters, activityQuery, type ActivityFilterValue } from '@/components/activity-filters'
import { ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { RegisterIntro, VolunteerCard } from '@/components/volunteer-home'
import { ProfileLoading } from '@/components/profile-loading'
import { useAppStore } from '@/store/app-store'
import { useOrgOverview } from '@/hooks/use-org'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useVolunteerMe } from '@/hooks/use-volunteers'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

function openDetail(activity: Activity) {
  void Taro.navigateTo({ url: withId(VOLUNTEER_ROUTES.detail, activity.id) })
}

/** 志愿 tab: my volunteer card (or 实名注册), then the activities with filters. */
export default function ActivitiesPage() {
  const { profile, needsConsent } = useAppStore()
  const ready = profile !== null
  // Before the privacy notice is accepted there is nothing of mine to load (and asking would be refused).
  const me = useVolunteerMe(ready && !needsConsent)
  // Back from registering, joining or an activity: hours and teams may have moved.
  useReloadOnShow(me, ready && !needsConsent)

  if (!profile) {
    return (
      <PageShell name='activities'>
        <ProfileLoading />
      </PageShell>
    )
  }

  let head: JSX.Element | null = null
  // No answer yet (or the first one failed): volunteers.me decides between 实名注册 and my card.
  if (needsConsent) head = <RegisterIntro />
  else if (!me.data) head = me.error ? <ErrorState message={me.error} onRetry={() => void me.reload()} retrying={me.loading} /> : <Skeleton rows={2} />
  else if (!me.data.volunteer) head = <RegisterIntro />
  else head = <VolunteerCard me={me} />

  return (
    <PageShell name='activities'>
      {head}
      <ActivityBrowser villageId={profile.villageId} />
    </PageShell>
  )
}

function ActivityBrowser({ villageId }: { villageId: string | null }) {
  const org = useOrgOverview()
  const [filters, setFilters] = useState<ActivityFilterValue>({ villageId: villageId ?? 'all', category: 'all', range: 'upcoming' })
  // The range is whole China days, so the input changes only with the filters (or at midnight).
  const list = usePagedQuery('volunteers.activities', { ...activityQuery(filters), pageSize: PAGE_SIZE })
  useReloadOnShow(list)

  const body = (
    <PagedList list={list} empty='这段时间没有符合条件的志愿活动' className='activity-list'>
      {(activity) => <ActivityCard key={activity.id} activity={activity} onOpen={openDetail} />}
    </PagedList>
  )

  return (
    <View className='activity-browser'>
      <Text className='activity-browser-title'>志愿活动</Text>
      <ActivityFilters value={filters} onChange={setFilters} org={org.data} />
      {body}
    </View>
  )
}
