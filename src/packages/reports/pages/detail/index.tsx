import { useRouter } from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { ReportDetailView } from '@/components/report-detail-view'
import { ResidentActions } from '@/components/resident-actions'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useFlowActions, useReportDetail } from '@/hooks/use-reports'
import { ProgressReminder } from '../../components/progress-reminder'

/** 我的随手拍 → one problem: photos, every step, the answer, after-photos, letters; rate or reopen. */
export default function ReportDetailPage() {
  const { params } = useRouter()
  const reportId = params.id
  const detail = useReportDetail(reportId)
  const flow = useFlowActions(detail)

  let body: JSX.Element
  if (!reportId) body = <ErrorState message='没有指定要查看的问题' />
  else if (detail.loading && !detail.data) body = <Skeleton rows={6} />
  else if (detail.error && !detail.data) body = <ErrorState message={detail.error} onRetry={() => void detail.reload()} retrying={detail.loading} />
  else if (!detail.data) body = <ErrorState message='要找的内容不存在或已删除' />
  else
    body = (
      <>
        <ReportDetailView report={detail.data} />
        <ProgressReminder report={detail.data} />
        <ResidentActions report={detail.data} flow={flow} />
      </>
    )

  return <PageShell name='report-detail'>{body}</PageShell>
}
