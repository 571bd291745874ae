import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@/components/ui'
import type { Paged } from '@/hooks/use-query'
import { isNotFoundMessage, notFoundTitle } from '@/services/failures'
import { canGoBack, goBack, goHome } from '@/services/not-found'
import './index.scss'

/** Grey placeholder rows while the first answer is on its way. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className='wm-skeleton' aria-busy='true'>
      {Array.from({ length: rows }, (_, index) => (
        <View key={index} className={`wm-skeleton-row${index === 0 ? ' wm-skeleton-row--title' : ''}`} />
      ))}
      <Text className='wm-skeleton-label'>加载中…</Text>
    </View>
  )
}

interface ErrorProps {
  message: string
  onRetry?: () => void
  retrying?: boolean
}

/**
 * Shows the server's Chinese message as it is, with 重试 — or, when the thing is not there
 * (NOT_FOUND, a link without or with a malformed id), the not-found state instead.
 */
export function ErrorState({ message, onRetry, retrying }: ErrorProps) {
  if (isNotFoundMessage(message)) return <NotFoundState message={message} />
  return (
    <View className='wm-state wm-state--error'>
      <Text className='wm-state-text'>{message}</Text>
      {onRetry ? (
        <Button className='wm-retry' type='primary' fill='outline' size='normal' loading={retrying} disabled={retrying} onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}

/** 未找到…（可能已删除或链接有误）: retrying will not help, so 返回 (when there is a page to go back to) and 返回首页. */
export function NotFoundState({ message }: { message: string }) {
  const back = canGoBack()
  return (
    <View className='wm-state wm-state--not-found'>
      <Text className='wm-state-title'>{notFoundTitle(message)}（可能已删除或链接有误）</Text>
      <View className='wm-state-actions'>
        {back ? (
          <Button className='wm-state-back' fill='outline' size='normal' onClick={goBack}>
            返回
          </Button>
        ) : null}
        <Button className='wm-state-home' type='primary' size='normal' onClick={goHome}>
          返回首页
        </Button>
      </View>
    </View>
  )
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className='wm-state wm-state--empty'>
      <Text className='wm-state-text'>{text}</Text>
    </View>
  )
}

interface MoreProps {
  hasMore: boolean
  loading: boolean
  error: string | null
  onMore: () => void
}

/** Footer of a paginated list: 加载更多, the error of the last page, or the end. */
export function ListFooter({ hasMore, loading, error, onMore }: MoreProps) {
  if (error) return <ErrorState message={error} onRetry={onMore} retrying={loading} />
  if (!hasMore) return <View className='wm-list-end wm-muted'>没有更多了</View>
  return (
    <View className='wm-list-more'>
      <Button className='wm-more' fill='outline' block loading={loading} disabled={loading} onClick={onMore}>
        {loading ? '正在加载' : '加载更多'}
      </Button>
    </View>
  )
}

interface PagedListProps<T> {
  list: Pick<Paged<T>, 'items' | 'hasMore' | 'loading' | 'loadingMore' | 'error' | 'moreError' | 'reload' | 'loadMore'>
  /** Said when there is nothing to show. */
  empty: string
  /** Draws one item (with its key). */
  children: (item: T) => ReactNode
  /** What to show of the loaded items (default all of them), e.g. without those just handled. */
  items?: T[]
  /** Wraps what comes before, the items and the footer; without it they follow each other. */
  className?: string
  /** Before the items, inside the wrapper. */
  head?: ReactNode
  /** Placeholder rows while the first page loads. */
  rows?: number
}

/** A paginated list in its states: loading the first page, its error, empty, or the items with ListFooter. */
export function PagedList<T>({ list, empty, children, items = list.items, className, head, rows = 4 }: PagedListProps<T>) {
  if (list.loading && !list.items.length) return <Skeleton rows={rows} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!items.length) return <EmptyState text={empty} />
  const content = (
    <>
      {head}
      {items.map(children)}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </>
  )
  return className ? <View className={className}>{content}</View> : content
}
