import type { ComponentType, ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { Role } from '@/contract'
import { GUARDED_PAGES, type GuardedPageName, type PageGuard } from './pages'
import type { GuardRule } from './rules'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { ProfileLoading } from '@/components/profile-loading'
import { useAdminScope, type AdminScope } from '@/hooks/use-admin-scope'
import { useOrganiserScope, type OrganiserScope } from '@/hooks/use-volunteers'
import { useAppStore } from '@/store/app-store'
import './index.scss'

export * from './rules'
export { GUARDED_PAGES, type GuardedPageName, type PageGuard } from './pages'

interface Props extends PageGuard {
  /** Page marker: the root gets `page-<name>`. */
  name: string
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
  const { profile } = useAppStore()
  const admin = useAdminScope()
  const scope = useOrganiserScope(rule.includes('team_leader'))
  let body: ReactNode
  if (!profile) body = <ProfileLoading />
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

/** A page that is only its body behind the Guard of GUARDED_PAGES[name]; the body gets the scope like a function child. */
export function guardedPage(name: GuardedPageName, Body: ComponentType<{ scope: OrganiserScope }>): () => JSX.Element {
  return function GuardedPage() {
    return (
      <Guard name={name} {...GUARDED_PAGES[name]}>
        {(scope) => <Body scope={scope} />}
      </Guard>
    )
  }
}
