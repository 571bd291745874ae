import { useRouter } from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { ActivityAdminActions } from '@/components/activity-admin-actions'
import { ActivityInfo } from '@/components/activity-info'
import { SignupPanel } from '@/components/signup-panel'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useActivityDetail, useActivityRunner } from '@/hooks/use-volunteers'

/** One activity: details, my sign-up and check-in; the organiser's buttons when I may manage it. */
export default function ActivityDetailPage() {
  const { params } = useRouter()
  return (
    <PageShell name='activity-detail'>
      <DetailBody activityId={params.id} />
    </PageShell>
  )
}

function DetailBody({ activityId }: { activityId: string | undefined }) {
  const scope = useAdminScope()
  const detail = useActivityDetail(activityId)
  const runner = useActivityRunner(detail)
  if (!activityId) return <ErrorState message='没有指定要查看的活动' />
  if (detail.loading && !detail.data) return <Skeleton rows={6} />
  if (detail.error && !detail.data) return <ErrorState message={detail.error} onRetry={() => void detail.reload()} retrying={detail.loading} />
  if (!detail.data) return <ErrorState message='要找的内容不存在或已删除' />
  const activity = detail.data
  return (
    <>
      <SectionCard className='activity-detail-card'>
        <ActivityInfo activity={activity} />
      </SectionCard>
      {/* An organiser who is not a volunteer has nothing to sign up for. */}
      {scope.isVolunteer || !activity.canManage ? (
        <SectionCard title='报名与签到' className='activity-signup-card'>
          <SignupPanel activity={activity} runner={runner} isVolunteer={scope.isVolunteer} onChecked={() => void detail.reload()} />
        </SectionCard>
      ) : null}
      {activity.canManage ? (
        <SectionCard title='组织者' className='activity-organiser-card'>
          <ActivityAdminActions activity={activity} onChanged={(next) => detail.setData(() => next)} />
        </SectionCard>
      ) : null}
    </>
  )
}
