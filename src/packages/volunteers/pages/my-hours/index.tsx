import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { PagedList } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useMyHours, type HoursRow } from '@/hooks/use-my-hours'
import { hoursNumber } from '@/services/activity-time'
import { formatDate } from '@/services/format'
import { withId } from '@/services/routes'
import { HOURS_STATUS_LABELS } from '@/services/volunteer-text'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

/** 我的时长: total, every activity with its hours, and 开具志愿服务证明. */
export default function MyHoursPage() {
  const scope = useAdminScope()
  return <PageShell name='my-hours'>{scope.isVolunteer ? <HoursBody /> : <NotVolunteer />}</PageShell>
}

function NotVolunteer() {
  return (
    <SectionCard className='my-hours-none'>
      <Text className='wm-muted'>实名注册为志愿者、参加活动签到签退后，这里会记录您的服务时长。</Text>
      <Button className='my-hours-register' type='primary' block onClick={() => void Taro.navigateTo({ url: VOLUNTEER_ROUTES.register })}>
        实名注册
      </Button>
    </SectionCard>
  )
}

function HoursBody() {
  const { total, list } = useMyHours()
  const rows = (
    <PagedList list={list} empty='还没有服务记录。参加活动并签到签退后，时长会记在这里。' className='hours-ledger'>
      {(row) => <HoursLine key={row.id} row={row} />}
    </PagedList>
  )
  return (
    <>
      <SectionCard className='hours-total-card'>
        <Text className='wm-muted'>累计志愿服务时长</Text>
        <View className='hours-total'>
          <Text className='hours-total-number'>{total === null ? '—' : hoursNumber(total)}</Text>
          <Text className='hours-total-unit'>小时</Text>
        </View>
        <Text className='wm-muted hours-total-note'>只计已计入的时长；手工签到或更正的时长经审核后计入。</Text>
        <Button className='certificate-open' type='primary' block disabled={!total} onClick={() => void Taro.navigateTo({ url: VOLUNTEER_ROUTES.certificate })}>
          开具志愿服务证明
        </Button>
      </SectionCard>
      <Text className='hours-ledger-title'>服务记录</Text>
      {rows}
    </>
  )
}

function HoursLine({ row }: { row: HoursRow }) {
  return (
    <View className={`hours-row hours-row--${row.status}`} onClick={() => void Taro.navigateTo({ url: withId(VOLUNTEER_ROUTES.detail, row.activityId) })}>
      <View className='hours-row-main'>
        <Text className='hours-row-title'>{row.title}</Text>
        <Text className='wm-muted'>{formatDate(row.date)}</Text>
      </View>
      <View className='hours-row-side'>
        <Text className='hours-row-hours'>{hoursNumber(row.hours)} 小时</Text>
        <Text className={`hours-row-status hours-status--${row.status}`}>{HOURS_STATUS_LABELS[row.status]}</Text>
      </View>
    </View>
  )
}
