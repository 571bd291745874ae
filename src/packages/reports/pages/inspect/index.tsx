import Taro, { useDidShow } from '@tarojs/taro'
import { ReportForm } from '@/components/report-form'
import { Guard } from '@/components/guard'
import { useOrgOverview } from '@/hooks/use-org'
import { useReportDraft } from '@/hooks/use-report-draft'
import { useCategories } from '@/hooks/use-reports'
import { ROUTES, withId } from '@/services/routes'

/** 督导: a problem found on patrol, filed with the same form and draft rules, marked inspection. */
export default function InspectPage() {
  return (
    <Guard name='report-inspect' title='督导上报' rule={['grid_worker', 'town_admin']} denied='督导上报只对网格员和镇创建办开放'>
      <InspectForm />
    </Guard>
  )
}

function InspectForm() {
  const form = useReportDraft('inspection')
  const categories = useCategories()
  const org = useOrgOverview()
  useDidShow(() => form.retryIfPending())
  return <ReportForm form={form} categories={categories} org={org} inspection onOpenCreated={(id) => void Taro.redirectTo({ url: withId(ROUTES.handle, id) })} />
}
