import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HonourBoardSummary } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { PagedList } from '@/components/state-view'
import { ProfileLoading } from '@/components/profile-loading'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { formatDate } from '@/services/format'
import { BULLETIN_ROUTES } from '@/services/bulletin-routes'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import { useAppStore } from '@/store/app-store'
import './index.scss'

function openBoard(board: HonourBoardSummary) {
  void Taro.navigateTo({ url: withId(HONOUR_ROUTES.board, board.id) })
}

/** One published board: title, period, village or town, how many are on it. */
function BoardCard({ board }: { board: HonourBoardSummary }) {
  return (
    <View className={`board-card${board.villageId ? '' : ' board-card--town'}`} data-board-id={board.id} onClick={() => openBoard(board)}>
      <View className='board-card-head'>
        <Text className='board-card-scope'>{board.villageId ? board.scopeName : `${board.scopeName} · 全镇`}</Text>
        <Text className='board-card-period'>{board.periodLabel}</Text>
      </View>
      <Text className='board-card-title'>{board.title}</Text>
      <Text className='wm-muted board-card-meta'>
        {board.entryCount} 位上榜{board.publishedAt ? ` · ${formatDate(board.publishedAt)} 发布` : ''}
      </Text>
    </View>
  )
}

/** 光荣榜 tab: the published boards of my village and of the town, newest first. */
export default function HonourPage() {
  const { profile } = useAppStore()
  const ready = profile !== null
  const list = usePagedQuery('honour.boards', { pageSize: PAGE_SIZE }, { enabled: ready })
  useReloadOnShow(list, ready)

  let body: JSX.Element
  if (!profile) body = <ProfileLoading />
  else
    body = (
      <PagedList list={list} empty='还没有发布的光荣榜，好人好事上榜后会在这里公布' className='board-list'>
        {(board) => <BoardCard key={board.id} board={board} />}
      </PagedList>
    )

  return (
    <PageShell name='honour'>
      <View className='honour-intro'>
        <Text className='honour-intro-title'>善行义举四德榜</Text>
        <Text className='wm-muted honour-intro-text'>社会公德、职业道德、家庭美德、个人品德，身边的好人好事都在这里。</Text>
        <Text className='honour-selections-link' onClick={() => void Taro.navigateTo({ url: HONOUR_ROUTES.selections })}>
          评选活动：提名、投票 ›
        </Text>
        <Text className='honour-bulletins-link' onClick={() => void Taro.navigateTo({ url: BULLETIN_ROUTES.board })}>
          红黑榜 · 流动红旗：各村（居）、单位的通报排名 ›
        </Text>
      </View>
      {body}
    </PageShell>
  )
}
