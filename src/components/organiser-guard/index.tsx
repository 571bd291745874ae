import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAppStore } from '@/store/app-store'
import { useOrganiserScope, type OrganiserScope } from '@/hooks/use-volunteers'
import '@/components/admin-guard/index.scss'

interface Props {
  /** Page marker: the root gets `page-<name>`. */
  name: string
  title: string
  allow?: (scope: OrganiserScope) => boolean
  denied?: string
  children: (scope: OrganiserScope) => ReactNode
}

export function organiserLabel(scope: OrganiserScope): string {
  if (scope.isTownAdmin) return '镇创建办 · 全镇'
  if (scope.isVillageAdmin) return '村（居）管理员 · 本村（居）'
  if (scope.leaderTeams.length) return `队长 · ${scope.leaderTeams.map((team) => team.teamName).join('、')}`
  return ''
}

/** Organiser pages: village admins, the town office and team leaders; a plain refusal for others. */
export function OrganiserGuard({ name, title, allow = (scope) => scope.canOrganise, denied = '志愿活动管理只对村（居）管理员、镇创建办和志愿队队长开放', children }: Props) {
  const { profile, status, error, reload } = useAppStore()
  const scope = useOrganiserScope()
  let body: ReactNode
  if (!profile) body = status === 'error' ? <ErrorState message={error?.message ?? '加载失败'} onRetry={() => void reload()} /> : <Skeleton rows={4} />
  else if (scope.loading) body = <Skeleton rows={4} />
  else if (!allow(scope)) body = <ErrorState message={denied} />
  else
    body = (
      <>
        <View className='admin-head'>
          <Text className='admin-title'>{title}</Text>
          <Text className='wm-muted admin-scope'>{organiserLabel(scope)}</Text>
        </View>
        {children(scope)}
      </>
    )
  return <PageShell name={name}>{body}</PageShell>
}
