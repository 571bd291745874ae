import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { PageShell } from '@/components/page-shell'
import { PagedList, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview } from '@/hooks/use-org'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { formatDateTime } from '@/services/format'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import '../honour.scss'

const TOWN = 'town'

/** 光荣榜管理: drafts and published boards of a village (or the town), 新建. */
export default function ManageBoardsPage() {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((village) => scope.isTownAdmin || scope.villageIds.includes(village.id))
  const options = [...(scope.isTownAdmin ? [{ value: TOWN, label: '镇级' }] : []), ...namedOptions(villages)]
  const [picked, setPicked] = useState<string | null>(null)
  const current = picked ?? options[0]?.value ?? null
  const list = usePagedQuery('honour.manageBoards', current === null ? null : { ...(current !== TOWN ? { villageId: current } : {}), pageSize: PAGE_SIZE })
  useReloadOnShow(list, Boolean(current))

  const body = !current ? (
    <Skeleton rows={4} />
  ) : (
    <PagedList list={list} empty='还没有光荣榜' className='board-list'>
      {(board) => (
        <View key={board.id} className='board-card' onClick={() => void Taro.navigateTo({ url: withId(board.status === 'draft' ? HONOUR_ROUTES.edit : HONOUR_ROUTES.board, board.id) })}>
          <View className='board-card-head'>
            <Text className='board-card-scope'>{board.status === 'draft' ? '草稿' : '已发布'}</Text>
            <Text className='board-card-period'>{board.periodLabel}</Text>
          </View>
          <Text className='board-card-title'>{board.title}</Text>
          <Text className='wm-muted'>
            {board.entryCount} 位上榜 · {formatDateTime(board.updatedAt)} 更新
          </Text>
        </View>
      )}
    </PagedList>
  )

  return (
    <PageShell name='board-manage'>
      {options.length > 1 ? <ChoiceChips options={options} value={current} onChange={setPicked} label='选择村（居）或镇级' /> : null}
      <Button className='board-new' type='primary' block disabled={!current} onClick={() => void Taro.navigateTo({ url: `${HONOUR_ROUTES.edit}?village=${encodeURIComponent(current ?? TOWN)}` })}>
        新建光荣榜
      </Button>
      {body}
    </PageShell>
  )
}
