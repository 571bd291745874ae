import type { PropsWithChildren, ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAppStore } from '@/store/app-store'
import { useAdminScope, type AdminScope } from '@/hooks/use-admin-scope'
import '@/components/admin-guard/index.scss'

interface Props {
  /** Page marker: the root gets `page-<name>`. */
  name: string
  title: string
  allow: (scope: AdminScope) => boolean
  /** Why someone else sees nothing here. */
  denied: string
  extra?: ReactNode
}

export function scopeLabel(scope: AdminScope): string {
  if (scope.isTownAdmin) return '镇创建办 · 全镇'
  if (scope.isVillageAdmin) return '村（居）管理员 · 本村（居）'
  if (scope.isGridWorker) return '网格员 · 本网格'
  if (scope.isUnitStaff) return '责任单位 · 派给本单位的问题'
  return ''
}

/** Staff pages of the problem loop: render for the roles `allow` accepts; a plain refusal otherwise. */
export function StaffGuard({ name, title, allow, denied, extra, children }: PropsWithChildren<Props>) {
  const { profile, status, error, reload } = useAppStore()
  const scope = useAdminScope()
  if (!profile) {
    return (
      <PageShell name={name}>
        {status === 'error' ? <ErrorState message={error?.message ?? '加载失败'} onRetry={() => void reload()} /> : <Skeleton rows={4} />}
      </PageShell>
    )
  }
  if (!allow(scope)) {
    return (
      <PageShell name={name}>
        <ErrorState message={denied} />
      </PageShell>
    )
  }
  return (
    <PageShell name={name}>
      <View className='admin-head'>
        <Text className='admin-title'>{title}</Text>
        <Text className='wm-muted admin-scope'>{scopeLabel(scope)}</Text>
      </View>
      {extra}
      {children}
    </PageShell>
  )
}
