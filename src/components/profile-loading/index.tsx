import { ErrorState, Skeleton } from '@/components/state-view'
import { useAppStore } from '@/store/app-store'

/** What a page shows until the signed-in profile is there: its load error with a retry, or a skeleton. */
export function ProfileLoading({ rows = 4 }: { rows?: number }) {
  const { status, error, reload } = useAppStore()
  return status === 'error' ? <ErrorState message={error?.message ?? '加载失败'} onRetry={() => void reload()} /> : <Skeleton rows={rows} />
}
