import Taro, { useRouter } from '@tarojs/taro'
import type { Letter } from '@/contract'
import { FlowActions } from '@/components/flow-actions'
import { ReportDetailView } from '@/components/report-detail-view'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useUnits } from '@/hooks/use-org'
import { useCategories, useFlowActions, useReportDetail } from '@/hooks/use-reports'
import { ROUTES, withId } from '@/services/routes'

export default guardedPage('report-staff-detail', StaffReport)

function openLetter(letter: Letter) {
  void Taro.navigateTo({ url: withId(ROUTES.letter, letter.id) })
}

function StaffReport() {
  const { params } = useRouter()
  const reportId = params.id
  const scope = useAdminScope()
  const detail = useReportDetail(reportId)
  const flow = useFlowActions(detail)
  const allowed = detail.data?.allowed ?? []
  const units = useUnits(allowed.includes('dispatch'))
  const categories = useCategories(allowed.includes('changeCategory') || allowed.includes('markDuplicate'))

  if (!reportId) return <ErrorState message='没有指定要处置的问题' />
  if (detail.loading && !detail.data) return <Skeleton rows={6} />
  if (detail.error && !detail.data) return <ErrorState message={detail.error} onRetry={() => void detail.reload()} retrying={detail.loading} />
  if (!detail.data) return <ErrorState message='要找的内容不存在或已删除' />

  return (
    <>
      <SectionCard title='处置' className='staff-actions'>
        <FlowActions report={detail.data} flow={flow} units={units.data} categories={categories.data} />
        {units.error && allowed.includes('dispatch') ? <ErrorState message={`责任单位加载失败：${units.error}`} onRetry={() => void units.reload()} /> : null}
      </SectionCard>
      <ReportDetailView report={detail.data} onOpenLetter={scope.canHandleReports ? openLetter : undefined} />
    </>
  )
}
