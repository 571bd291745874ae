import { View } from '@tarojs/components'
import type { ReportSummary } from '@/contract'
import { ReportCard } from '@/components/report-card'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import type { Paged } from '@/hooks/use-query'

interface Props {
  list: Paged<ReportSummary>
  onOpen: (report: ReportSummary) => void
  emptyText: string
  showUnit?: boolean
  className?: string
}

/** A paginated list of problems with its loading, empty and error states. */
export function ReportList({ list, onOpen, emptyText, showUnit, className }: Props) {
  if (list.loading && !list.items.length) return <Skeleton rows={4} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!list.items.length) return <EmptyState text={emptyText} />
  return (
    <View className={`report-list${className ? ` ${className}` : ''}`}>
      {list.items.map((report) => (
        <ReportCard key={report.id} report={report} onOpen={onOpen} showUnit={showUnit} />
      ))}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </View>
  )
}
