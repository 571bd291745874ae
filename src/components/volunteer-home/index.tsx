import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Team, VolunteerProfile } from '@/contract'
import { SectionCard } from '@/components/section-card'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import type { Remote } from '@/hooks/use-query'
import type { VolunteerMe } from '@/hooks/use-volunteers'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { hoursNumber } from '@/services/activity-time'
import { askToSubscribe } from '@/services/subscribe'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import '@/components/activity-card/index.scss'
import './index.scss'

function go(url: string) {
  void Taro.navigateTo({ url })
}

/** Not a volunteer yet: what registering gives, and the way in. */
export function RegisterIntro() {
  return (
    <SectionCard title='成为志愿者' className='volunteer-intro'>
      <Text className='volunteer-intro-text'>实名注册后，可以加入本村（居）的志愿服务队，报名参加活动；到现场扫码签到、签退，服务时长自动记录，随时可以开具志愿服务证明。</Text>
      <Button className='volunteer-register-entry' type='primary' block onClick={() => go(VOLUNTEER_ROUTES.register)}>
        实名注册
      </Button>
    </SectionCard>
  )
}

const TEAM_STATUS: Record<'pending' | 'approved', string> = { pending: '审核中', approved: '已加入' }

/** My name, village, total hours, 我的时长 and my teams. */
export function VolunteerCard({ me }: { me: Remote<VolunteerMe> }) {
  const volunteer = me.data?.volunteer
  if (!volunteer) return null
  return (
    <SectionCard className='volunteer-card'>
      <View className='wm-row'>
        <View className='volunteer-card-who'>
          <Text className='volunteer-card-name'>{volunteer.realName}</Text>
          <Text className='wm-muted'>志愿者 · {volunteer.villageName}</Text>
        </View>
        <View className='volunteer-card-hours' onClick={() => go(VOLUNTEER_ROUTES.myHours)}>
          <Text className='volunteer-card-total'>{hoursNumber(volunteer.totalHours)}</Text>
          <Text className='wm-muted'>累计小时</Text>
        </View>
      </View>
      <View className='wm-actions'>
        <Button className='volunteer-my-hours' fill='outline' onClick={() => go(VOLUNTEER_ROUTES.myHours)}>
          我的时长与证明
        </Button>
      </View>
      <MyTeams volunteer={volunteer} onJoined={(next) => me.setData(() => ({ volunteer: next }))} />
    </SectionCard>
  )
}

function MyTeams({ volunteer, onJoined }: { volunteer: VolunteerProfile; onJoined: (volunteer: VolunteerProfile) => void }) {
  const [browsing, setBrowsing] = useState(false)
  return (
    <View className='my-teams'>
      <Text className='my-teams-title'>我的队伍</Text>
      {volunteer.teams.length ? (
        volunteer.teams.map((team) => (
          <View key={team.teamId} className={`my-team my-team--${team.status}`}>
            <Text className='my-team-name'>{team.teamName}</Text>
            <Text className={`volunteer-badge team-status team-status--${team.status}`}>{team.leader ? '队长' : TEAM_STATUS[team.status]}</Text>
          </View>
        ))
      ) : (
        <Text className='wm-muted my-teams-none'>还没有加入志愿队伍。加入后可以参加本队的活动。</Text>
      )}
      {browsing ? (
        <TeamJoin volunteer={volunteer} onJoined={onJoined} />
      ) : (
        <Button className='team-browse' fill='outline' onClick={() => setBrowsing(true)}>
          加入队伍
        </Button>
      )}
    </View>
  )
}

/** Teams of my village, each with 申请加入 (decided by the leader or the village admin; the applicant hears by 订阅消息). */
export function TeamJoin({ volunteer, onJoined }: { volunteer: VolunteerProfile; onJoined: (volunteer: VolunteerProfile) => void }) {
  const teams = useQuery('volunteers.teams', { villageId: volunteer.villageId })
  const joinTeam = useAction('volunteers.joinTeam')

  const join = async (team: Team) => {
    if (joinTeam.busy) return
    // The 订阅消息 dialog must open in the tap, before the request; applying goes on whatever the answer.
    await askToSubscribe(['teamDecision'])
    const res = await joinTeam.run({ teamId: team.id })
    if (!res?.ok) return
    onJoined(res.data)
    void Taro.showToast({ title: '已申请，等待队长或村（居）审核', icon: 'none' })
  }

  if (teams.loading && !teams.data) return <Skeleton rows={2} />
  if (teams.error && !teams.data) return <ErrorState message={teams.error} onRetry={() => void teams.reload()} />
  if (!teams.data?.length) return <EmptyState text={`${volunteer.villageName}还没有志愿队伍`} />
  return (
    <View className='team-join'>
      <Text className='wm-muted'>{volunteer.villageName}的志愿队伍</Text>
      {teams.data.map((team) => {
        const mine = volunteer.teams.find((item) => item.teamId === team.id)
        return (
          <View key={team.id} className='team-join-item' data-team-id={team.id}>
            <View className='team-join-main'>
              <Text className='team-join-name'>{team.name}</Text>
              <Text className='wm-muted'>
                队员 {team.memberCount} 人{team.leaderName ? ` · 队长 ${team.leaderName}` : ''}
              </Text>
            </View>
            <Button
              className='team-apply'
              type='primary'
              size='small'
              fill={mine ? 'outline' : 'solid'}
              disabled={Boolean(mine) || joinTeam.busy}
              loading={joinTeam.pending?.teamId === team.id}
              onClick={() => void join(team)}
            >
              {mine ? TEAM_STATUS[mine.status] : '申请加入'}
            </Button>
          </View>
        )
      })}
      {joinTeam.message ? <Text className='wm-error-text team-join-error'>{joinTeam.message}</Text> : null}
    </View>
  )
}
