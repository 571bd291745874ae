import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActivityAdminActions } from '@/components/activity-admin-actions'
import { ActivityCard } from '@/components/activity-card'
import { guardedPage } from '@/components/guard'
import { PagedList } from '@/components/state-view'
import { Button } from '@/components/ui'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

/** 活动管理: the activities I organise (drafts and cancelled ones too), 新建活动, and each one's buttons. */
export default guardedPage('activity-manage', ManagedActivities)

function ManagedActivities() {
  const list = usePagedQuery('volunteers.activities', { managed: true, pageSize: PAGE_SIZE })
  // Back from the form: the new or edited activity is in the list.
  useReloadOnShow(list)
  const go = (url: string) => void Taro.navigateTo({ url })

  const body = (
    <PagedList list={list} empty='还没有活动，点“新建活动”发布第一个' className='managed-list'>
      {(activity) => (
        <View key={activity.id} className='managed-item'>
          <ActivityCard activity={activity} organiser onOpen={(item) => go(withId(VOLUNTEER_ROUTES.detail, item.id))} />
          <ActivityAdminActions activity={activity} onChanged={(next) => list.replace(next)} />
        </View>
      )}
    </PagedList>
  )

  return (
    <View className='activity-manage'>
      <View className='manage-links'>
        <Button className='activity-new' type='primary' onClick={() => go(VOLUNTEER_ROUTES.edit)}>
          新建活动
        </Button>
        <Button className='manage-hours-review' fill='outline' onClick={() => go(VOLUNTEER_ROUTES.hoursReview)}>
          时长审核
        </Button>
        <Button className='manage-teams' fill='outline' onClick={() => go(VOLUNTEER_ROUTES.teams)}>
          志愿队伍
        </Button>
      </View>
      {body}
    </View>
  )
}
