import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { PagedList } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { formatDate } from '@/services/format'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import '../honour.scss'

/** 评选活动 of my village and the town, newest first; staff also get 新建评选. */
export default function SelectionsPage() {
  const scope = useAdminScope()
  const list = usePagedQuery('honour.selections', { pageSize: PAGE_SIZE })
  useReloadOnShow(list)

  const body = (
    <PagedList list={list} empty='还没有评选活动' className='board-list'>
      {(item) => (
        <View key={item.id} className={`board-card selection-card selection-card--${item.phase}`} onClick={() => void Taro.navigateTo({ url: withId(HONOUR_ROUTES.selection, item.id) })}>
          <View className='board-card-head'>
            <Text className='board-card-scope'>{item.phaseLabel}</Text>
            <Text className='wm-muted'>{item.scopeName}</Text>
          </View>
          <Text className='board-card-title'>{item.title}</Text>
          <Text className='wm-muted'>
            {item.categoryLabel} · 评选 {item.winners} 名 · 投票 {formatDate(item.voteFrom)} 至 {formatDate(item.voteTo)}
          </Text>
        </View>
      )}
    </PagedList>
  )

  return (
    <PageShell name='selections'>
      {scope.canAdminister ? (
        <Button className='selection-new' type='primary' block onClick={() => void Taro.navigateTo({ url: HONOUR_ROUTES.selectionEdit })}>
          新建评选
        </Button>
      ) : null}
      {body}
    </PageShell>
  )
}
