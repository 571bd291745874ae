import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { HonourBoardDetail } from '@/contract'
import { BoardPoster } from '@/components/board-poster/board-poster'
import { PageShell } from '@/components/page-shell'
import { Segmented } from '@/components/segmented'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { groupByVirtue } from '@/services/board-poster'
import { formatChineseDate } from '@/services/format'
import { BoardWithdraw } from '../../components/board-withdraw'
import '../honour.scss'
import './index.scss'

type BoardView = 'list' | 'poster'

const VIEWS: Array<{ value: BoardView; label: string }> = [
  { value: 'list', label: '上榜名单' },
  { value: 'poster', label: '海报' }
]

function Entries({ board }: { board: HonourBoardDetail }) {
  const groups = groupByVirtue(board.entries)
  if (!groups.length) return <EmptyState text='这期光荣榜还没有上榜人' />
  return (
    <View className='board-groups'>
      {groups.map((group) => (
        <View key={group.virtue} className={`board-group board-group--${group.virtue}`}>
          <Text className='board-group-title'>{group.label}榜</Text>
          {group.entries.map((entry, index) => (
            <View key={`${entry.name}-${index}`} className='board-entry'>
              {entry.photoUrl ? <Image className='board-entry-photo' src={entry.photoUrl} mode='aspectFill' lazyLoad /> : null}
              <View className='board-entry-main'>
                <View className='board-entry-head'>
                  <Text className='board-entry-name'>
                    {entry.name}
                    {entry.subject === 'household' ? ' 家庭' : ''}
                  </Text>
                  <Text className='board-entry-category'>{entry.categoryLabel}</Text>
                </View>
                <Text className='board-entry-story'>{entry.story}</Text>
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

/** One 光荣榜: the entries by 四德, and the poster to save or share. */
export default function BoardPage() {
  const { params } = useRouter()
  const boardId = params.id ?? ''
  const board = useQuery('honour.board', { boardId }, { enabled: boardId !== '' })
  const [view, setView] = useState<BoardView>('list')

  let body: JSX.Element
  if (!boardId) body = <ErrorState message='要找的内容不存在或已删除' />
  else if (board.loading && !board.data) body = <Skeleton rows={6} />
  else if (board.error && !board.data) body = <ErrorState message={board.error} onRetry={() => void board.reload()} retrying={board.loading} />
  else if (!board.data) body = <ErrorState message='要找的内容不存在或已删除' />
  else {
    const data = board.data
    body = (
      <>
        <View className='board-head'>
          <Text className='board-head-title'>{data.title}</Text>
          <Text className='board-head-period'>
            {data.periodLabel} · {data.villageId ? `${data.townName} ${data.scopeName}` : data.scopeName}
          </Text>
          <Text className='wm-muted board-head-issuer'>
            {data.issuer}
            {data.issuedOn ? ` · ${formatChineseDate(data.issuedOn)}` : data.status === 'draft' ? ' · 草稿' : ''}
          </Text>
        </View>
        <Segmented value={view} options={VIEWS} onChange={setView} />
        {view === 'list' ? <Entries board={data} /> : <BoardPoster board={data} />}
        <BoardWithdraw board={data} />
      </>
    )
  }
  return <PageShell name='board'>{body}</PageShell>
}
