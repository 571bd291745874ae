import type { ComponentType } from 'react'
import { useRouter } from '@tarojs/taro'
import { ErrorState } from '@/components/state-view'

/** An organiser page's body for the activity of the route (`?id=…`), or a plain error when none is named. */
export function withActivityId(Body: ComponentType<{ activityId: string }>): () => JSX.Element {
  return function ActivityPage() {
    const { params } = useRouter()
    return params.id ? <Body activityId={params.id} /> : <ErrorState message='没有指定活动' />
  }
}
