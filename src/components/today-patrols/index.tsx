import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { SectionCard } from '@/components/section-card'
import { useQuery } from '@/hooks/use-query'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'

/** 今日巡查 on 我的, for those who patrol (grid workers, village admins, the town office): today's patrols, one tap away. */
export function TodayPatrols({ enabled }: { enabled: boolean }) {
  const today = useQuery('supervision.mine', { when: 'today', pageSize: 5 }, { enabled })
  if (!enabled) return null
  const items = today.data?.items ?? []
  const open = (url: string) => void Taro.navigateTo({ url })
  return (
    <SectionCard
      title='今日巡查'
      className='me-patrols'
      extra={
        <Text className='wm-link' onClick={() => open(SUPERVISION_ROUTES.mine)}>
          全部巡查
        </Text>
      }
    >
      {today.loading && !today.data ? <Text className='wm-muted'>加载中…</Text> : null}
      {today.error ? (
        <Text className='wm-error-text' onClick={() => void today.reload()}>
          {today.error}（点此重试）
        </Text>
      ) : null}
      {today.data && items.length === 0 ? <Text className='wm-muted'>今天没有安排巡查</Text> : null}
      {items.map((p) => (
        <View key={p.id} className='me-patrol' onClick={() => open(withId(SUPERVISION_ROUTES.patrol, p.id))}>
          <Text className='wm-link'>
            {p.templateName} · {p.gridName ?? p.villageName} · {p.statusLabel}
          </Text>
        </View>
      ))}
    </SectionCard>
  )
}
