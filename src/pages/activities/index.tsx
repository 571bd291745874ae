import { ComingSoon } from '@/components/coming-soon'

export default function ActivitiesPage() {
  return (
    <ComingSoon
      name='activities'
      title='志愿服务'
      description='加入本村（居）的志愿服务队，报名参加活动，现场签到签退自动记录服务时长，可以领取志愿服务证明。'
    />
  )
}
