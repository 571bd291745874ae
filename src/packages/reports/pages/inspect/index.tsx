import Taro, { useDidShow } from '@tarojs/taro'
import { ReportForm } from '@/components/report-form'
import { guardedPage } from '@/components/guard'
import { useOrgOverview } from '@/hooks/use-org'
import { useReportDraft } from '@/hooks/use-report-draft'
import { useCategories } from '@/hooks/use-reports'
import { ROUTES, withId } from '@/services/routes'

/** 督导: a problem found on patrol, filed with the same form and draft rules, marked inspection. */
export default guardedPage('report-inspect', InspectForm)

function InspectForm() {
  const form = useReportDraft('inspection')
  const categories = useCategories()
  const org = useOrgOverview()
  useDidShow(() => form.retryIfPending())
  return <ReportForm form={form} categories={categories} org={org} inspection onOpenCreated={(id) => void Taro.redirectTo({ url: withId(ROUTES.handle, id) })} />
}
