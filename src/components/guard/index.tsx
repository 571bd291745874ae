import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { Role } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAdminScope, type AdminScope } from '@/hooks/use-admin-scope'
import { useOrganiserScope, type OrganiserScope } from '@/hooks/use-volunteers'
import { useAppStore } from '@/store/app-store'
import './index.scss'

/**
 * Who may open a page: roles of the contract (`resident` = anyone signed in), and `team_leader` — a
 * volunteer leading an approved team, known only from volunteers.me (asked for only when the rule
 * names it). The server checks every call again; this only spares people a page they cannot use.
 */
export type GuardRole = Role | 'team_leader'
export type GuardRule = readonly GuardRole[]

export const ADMINS = ['village_admin', 'town_admin'] as const satisfies GuardRule
/** The problem loop (问题处置): grid workers, unit staff, village admins, the town office. */
export const REPORT_STAFF = ['grid_worker', 'unit_staff', 'village_admin', 'town_admin'] as const satisfies GuardRule
/** Organiser pages of the volunteer service: village admins, the town office and team leaders. */
export const ORGANISERS = ['village_admin', 'town_admin', 'team_leader'] as const satisfies GuardRule
export const SIGNED_IN = ['resident'] as const satisfies GuardRule

/** The refusals of the admin and organiser pages, written once. */
export const ADMINS_ONLY = '您没有权限进行此操作，管理功能只对村（居）管理员和镇创建办开放'
export const ORGANISERS_ONLY = '志愿活动管理只对村（居）管理员、镇创建办和志愿队队长开放'

interface Props {
  /** Page marker: the root gets `page-<name>`. */
  name: string
  title: string
  rule: GuardRule
  /** Why someone else sees nothing here. */
  denied: string
  extra?: ReactNode
  /** The page; as a function it gets the scope (with team leadership when the rule names team_leader). */
  children?: ReactNode | ((scope: OrganiserScope) => ReactNode)
}

export function allowedBy(rule: GuardRule, roles: readonly Role[], scope: OrganiserScope): boolean {
  if (rule.includes('resident')) return true
  if (rule.includes('team_leader') && scope.leaderTeams.length > 0) return true
  return roles.some((role) => rule.includes(role))
}

export function scopeLabel(admin: AdminScope, scope: OrganiserScope): string {
  if (admin.isTownAdmin) return '镇创建办 · 全镇'
  if (admin.isVillageAdmin) return '村（居）管理员 · 本村（居）'
  if (scope.leaderTeams.length) return `队长 · ${scope.leaderTeams.map((team) => team.teamName).join('、')}`
  if (admin.isGridWorker) return '网格员 · 本网格'
  if (admin.isUnitStaff) return '责任单位 · 派给本单位的问题'
  return ''
}

/** A staff page: the page for those the rule allows, a plain refusal for others, a skeleton while the profile loads. */
export function Guard({ name, title, rule, denied, extra, children }: Props) {
  const { profile, status, error, reload } = useAppStore()
  const admin = useAdminScope()
  const scope = useOrganiserScope(rule.includes('team_leader'))
  let body: ReactNode
  if (!profile) body = status === 'error' ? <ErrorState message={error?.message ?? '加载失败'} onRetry={() => void reload()} /> : <Skeleton rows={4} />
  else if (scope.loading) body = <Skeleton rows={4} />
  else if (!allowedBy(rule, profile.roles, scope)) body = <ErrorState message={denied} />
  else
    body = (
      <>
        <View className='admin-head'>
          <Text className='admin-title'>{title}</Text>
          <Text className='wm-muted admin-scope'>{scopeLabel(admin, scope)}</Text>
        </View>
        {extra}
        {typeof children === 'function' ? children(scope) : children}
      </>
    )
  return <PageShell name={name}>{body}</PageShell>
}
