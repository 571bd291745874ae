import type { PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAppStore } from '@/store/app-store'
import { useAdminScope } from '@/hooks/use-admin-scope'
import './index.scss'

/** Admin pages render only for village_admin / town_admin; others get a plain refusal. */
interface Props {
  name: string
  title: string
}

export function AdminGuard({ name, title, children }: PropsWithChildren<Props>) {
  const { profile, status, error, reload } = useAppStore()
  const scope = useAdminScope()
  if (!profile) {
    return (
      <PageShell name={name}>
        {status === 'error' ? <ErrorState message={error?.message ?? '加载失败'} onRetry={() => void reload()} /> : <Skeleton rows={4} />}
      </PageShell>
    )
  }
  if (!scope.canAdminister) {
    return (
      <PageShell name={name}>
        <ErrorState message='您没有权限进行此操作，管理功能只对村（居）管理员和镇创建办开放' />
      </PageShell>
    )
  }
  return (
    <PageShell name={name}>
      <View className='admin-head'>
        <Text className='admin-title'>{title}</Text>
        <Text className='wm-muted admin-scope'>{scope.isTownAdmin ? '镇创建办 · 全镇' : '村（居）管理员 · 本村（居）'}</Text>
      </View>
      {children}
    </PageShell>
  )
}
