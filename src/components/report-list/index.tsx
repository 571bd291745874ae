import type { ReportSummary } from '@/contract'
import { ReportCard } from '@/components/report-card'
import { PagedList } from '@/components/state-view'
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
  return (
    <PagedList list={list} empty={emptyText} className={`report-list${className ? ` ${className}` : ''}`}>
      {(report) => <ReportCard key={report.id} report={report} onOpen={onOpen} showUnit={showUnit} />}
    </PagedList>
  )
}
