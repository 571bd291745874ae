import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TEAM_RULES, type Team, type Village } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { FormField, TextInput } from '@/components/form-field'
import { guardedPage } from '@/components/guard'
import { SectionCard } from '@/components/section-card'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { TeamCard } from '@/components/team-panel'
import { Button } from '@/components/ui'
import { useOrgOverview } from '@/hooks/use-org'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import type { OrganiserScope } from '@/hooks/use-volunteers'
import { validateInput } from '@/services/validate'
import './index.scss'

const ALL = 'all'

/** 队伍: the overview with flagged teams (admins), members and applications, new teams and leaders. */
export default guardedPage('teams', Teams)

/** Admins see the overview (figures and flags); a team leader the teams they lead (`shown`). */
function useTeams(scope: OrganiserScope, villageId: string | undefined) {
  const admin = scope.canAdministerTeams
  const teams = useQuery(admin ? 'volunteers.teamOverview' : 'volunteers.teams', villageId ? { villageId } : {})
  const led = new Set(scope.leaderTeams.map((team) => team.teamId))
  const shown = admin ? teams.data : (teams.data?.filter((team) => led.has(team.id)) ?? null)
  return { teams, shown }
}

function Teams({ scope }: { scope: OrganiserScope }) {
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((village) => scope.isTownAdmin || scope.villageIds.includes(village.id))
  const [villageId, setVillageId] = useState<string>(scope.isTownAdmin ? ALL : (scope.villageIds[0] ?? ALL))
  const admin = scope.canAdministerTeams
  const chosen = villageId === ALL ? undefined : villageId
  const { teams, shown } = useTeams(scope, chosen)
  const replace = (team: Team) => teams.setData((list) => list?.map((item) => (item.id === team.id ? { ...item, ...team } : item)) ?? null)

  let body: JSX.Element
  if (teams.loading && !teams.data) body = <Skeleton rows={4} />
  else if (teams.error && !teams.data) body = <ErrorState message={teams.error} onRetry={() => void teams.reload()} retrying={teams.loading} />
  else if (!shown?.length) body = <EmptyState text='还没有志愿队伍' />
  else
    body = (
      <View className='team-list'>
        {shown.map((team) => (
          <TeamCard key={team.id} team={team} canSetLeader={admin} onTeamChanged={replace} />
        ))}
      </View>
    )

  return (
    <View className='teams'>
      {admin ? <TeamsFilter scope={scope} villages={villages} villageId={villageId} onChange={setVillageId} teams={shown} /> : null}
      {body}
      {admin ? <NewTeam villageId={chosen ?? (villages.length === 1 ? villages[0].id : null)} villages={villages} onCreated={() => void teams.reload()} /> : null}
    </View>
  )
}

interface FilterProps {
  scope: OrganiserScope
  villages: Village[]
  villageId: string
  onChange: (villageId: string) => void
  teams: Team[] | null
}

/** The village to look at (town office, or an admin of several) and how many teams fall below the rules. */
function TeamsFilter({ scope, villages, villageId, onChange, teams }: FilterProps) {
  const flagged = (teams ?? []).filter((team) => team.flags.length)
  const options = [...(scope.isTownAdmin ? [{ value: ALL, label: '全镇' }] : []), ...namedOptions(villages)]
  return (
    <View className='teams-filter'>
      {options.length > 1 ? <ChoiceChips className='teams-village' label='按村（居）查看' options={options} value={villageId} onChange={onChange} /> : null}
      {teams ? (
        <Text className={`teams-summary${flagged.length ? ' teams-summary--flagged' : ''}`}>
          共 {teams.length} 支队伍{flagged.length ? `，${flagged.length} 支未达标` : '，全部达标'}（每队至少 {TEAM_RULES.minMembers} 人、每月至少 {TEAM_RULES.minActivitiesPerMonth} 次活动）
        </Text>
      ) : null}
    </View>
  )
}

function NewTeam({ villageId, villages, onCreated }: { villageId: string | null; villages: Village[]; onCreated: () => void }) {
  const [name, setName] = useState('')
  const saveTeam = useAction('volunteers.saveTeam')
  const { busy: saving, message: error } = saveTeam
  if (!villageId) return <Text className='wm-muted team-new-hint'>选择一个村（居）后，可以为它新建队伍。</Text>
  const villageName = villages.find((village) => village.id === villageId)?.name ?? ''
  const save = async () => {
    const input = { villageId, name, leaderId: null }
    const invalid = validateInput('volunteers.saveTeam', input)
    if (invalid) return saveTeam.fail(invalid.fields?.name ?? invalid.message)
    const res = await saveTeam.run(input)
    if (!res?.ok) return
    setName('')
    void Taro.showToast({ title: '已新建队伍', icon: 'success' })
    onCreated()
  }
  return (
    <SectionCard title={`新建队伍 · ${villageName}`} className='team-new'>
      <FormField label='队伍名称' error={error ?? undefined} hint='队员加入后，在队伍里设置队长'>
        <TextInput className='input-team-name' value={name} maxlength={30} placeholder='如：东山村巾帼志愿服务队' onChange={setName} />
      </FormField>
      <Button className='team-create' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        新建队伍
      </Button>
    </SectionCard>
  )
}
