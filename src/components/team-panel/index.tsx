import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Team, TeamMember } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { hoursNumber } from '@/services/activity-time'
import { maskPhone } from '@/services/org-names'
import './index.scss'

interface Props {
  team: Team
  /** Village admins and the town office: set the leader. */
  canSetLeader: boolean
  onTeamChanged: (team: Team) => void
}

/** One team: its figures this month, the rules it falls below, and (opened) members and applications. */
export function TeamCard({ team, canSetLeader, onTeamChanged }: Props) {
  const [open, setOpen] = useState(false)
  const flagged = team.flags.length > 0
  return (
    <View className={`team-card${flagged ? ' team-card--flagged' : ''}`} data-team-id={team.id}>
      <View className='wm-row'>
        <Text className='team-card-name'>{team.name}</Text>
        <Text className='wm-muted'>{team.villageName}</Text>
      </View>
      <Text className='team-card-leader'>队长：{team.leaderName ?? '未设置'}</Text>
      <View className='team-card-figures'>
        <Figure value={`${team.memberCount} 人`} label='队员' />
        <Figure value={`${team.activitiesThisMonth} 场`} label='本月活动' />
        <Figure value={`${hoursNumber(team.hoursThisMonth)} 小时`} label='本月时长' />
      </View>
      {flagged ? (
        <View className='team-flags'>
          {team.flags.map((flag) => (
            <Text key={flag} className='team-flag'>
              {flag}
            </Text>
          ))}
        </View>
      ) : null}
      <Button className='team-members-toggle' size='small' fill='outline' onClick={() => setOpen(!open)}>
        {open ? '收起' : '队员与入队申请'}
      </Button>
      {open ? <Members team={team} canSetLeader={canSetLeader} onTeamChanged={onTeamChanged} /> : null}
    </View>
  )
}

function Figure({ value, label }: { value: string; label: string }) {
  return (
    <View className='team-figure'>
      <Text className='team-figure-value'>{value}</Text>
      <Text className='wm-muted team-figure-label'>{label}</Text>
    </View>
  )
}

function Members({ team, canSetLeader, onTeamChanged }: Props) {
  const members = useQuery('volunteers.members', { teamId: team.id })
  const reviewMember = useAction('volunteers.reviewMember')

  const review = async (member: TeamMember, approve: boolean) => {
    const res = await reviewMember.run({ teamId: team.id, userId: member.userId, approve })
    if (!res?.ok) return
    members.setData(() => res.data)
    onTeamChanged({ ...team, memberCount: res.data.filter((item) => item.status === 'approved').length })
    void Taro.showToast({ title: approve ? '已同意入队' : '已拒绝', icon: 'success' })
  }

  if (members.loading && !members.data) return <Skeleton rows={3} />
  if (members.error && !members.data) return <ErrorState message={members.error} onRetry={() => void members.reload()} />
  const list = members.data ?? []
  const pending = list.filter((member) => member.status === 'pending')
  const approved = list.filter((member) => member.status === 'approved')
  return (
    <View className='team-members'>
      {pending.length ? <Text className='team-members-title'>入队申请（{pending.length}）</Text> : null}
      {pending.map((member) => (
        <View key={member.userId} className='team-member team-member--pending' data-user-id={member.userId}>
          <View className='team-member-main'>
            <Text>{member.name}</Text>
            <Text className='wm-muted'>{maskPhone(member.phone)}</Text>
          </View>
          <View className='team-member-actions'>
            <Button
              className='member-approve'
              size='small'
              type='primary'
              loading={reviewMember.pending?.userId === member.userId}
              disabled={reviewMember.busy}
              onClick={() => void review(member, true)}
            >
              同意
            </Button>
            <Button className='member-reject' size='small' fill='outline' disabled={reviewMember.busy} onClick={() => void review(member, false)}>
              拒绝
            </Button>
          </View>
        </View>
      ))}
      <Text className='team-members-title'>队员（{approved.length}）</Text>
      {approved.length ? (
        approved.map((member) => (
          <View key={member.userId} className='team-member' data-user-id={member.userId}>
            <View className='team-member-main'>
              <Text>
                {member.name}
                {member.userId === team.leaderId ? '（队长）' : ''}
              </Text>
              <Text className='wm-muted'>{maskPhone(member.phone)}</Text>
            </View>
            <Text className='wm-muted'>{hoursNumber(member.hours)} 小时</Text>
          </View>
        ))
      ) : (
        <EmptyState text='还没有队员' />
      )}
      {list.some((member) => member.status === 'rejected') ? <Text className='wm-muted'>另有 {list.filter((member) => member.status === 'rejected').length} 人的申请未通过</Text> : null}
      {reviewMember.message ? <Text className='wm-error-text team-members-error'>{reviewMember.message}</Text> : null}
      {canSetLeader && approved.length ? <LeaderPicker team={team} approved={approved} onTeamChanged={onTeamChanged} /> : null}
    </View>
  )
}

function LeaderPicker({ team, approved, onTeamChanged }: { team: Team; approved: TeamMember[]; onTeamChanged: (team: Team) => void }) {
  const [leaderId, setLeaderId] = useState<string | null>(team.leaderId)
  const saveTeam = useAction('volunteers.saveTeam')
  const saving = saveTeam.busy
  const save = async () => {
    const res = await saveTeam.run({ id: team.id, villageId: team.villageId, name: team.name, leaderId })
    if (!res?.ok) return
    onTeamChanged(res.data)
    void Taro.showToast({ title: '已设置队长', icon: 'success' })
  }
  return (
    <View className='team-leader-picker'>
      <Text className='team-members-title'>设置队长</Text>
      <ChoiceChips className='pick-leader' label='选择队长' options={approved.map((member) => ({ value: member.userId, label: member.name }))} value={leaderId} onChange={setLeaderId} />
      {saveTeam.message ? <Text className='wm-error-text'>{saveTeam.message}</Text> : null}
      <Button className='leader-save' size='small' type='primary' loading={saving} disabled={saving || !leaderId || leaderId === team.leaderId} onClick={() => void save()}>
        保存队长
      </Button>
    </View>
  )
}
