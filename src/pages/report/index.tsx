import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ReportSummary } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { PublicBoard } from '@/components/public-board'
import { ReportForm } from '@/components/report-form'
import { ReportList } from '@/components/report-list'
import { Segmented } from '@/components/segmented'
import { Button, Switch } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import { useOrgOverview } from '@/hooks/use-org'
import { PAGE_SIZE, usePagedQuery } from '@/hooks/use-query'
import { useReportDraft } from '@/hooks/use-report-draft'
import { useCategories } from '@/hooks/use-reports'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { ROUTES, withId } from '@/services/routes'
import './index.scss'

type Tab = 'new' | 'mine' | 'public'

const TABS: ReadonlyArray<{ value: Tab; label: string }> = [
  { value: 'new', label: '随手拍' },
  { value: 'mine', label: '我的随手拍' },
  { value: 'public', label: '曝光台' }
]

function openDetail(reportId: string) {
  void Taro.navigateTo({ url: withId(ROUTES.detail, reportId) })
}

export default function ReportPage() {
  const { status } = useAppStore()
  const [tab, setTab] = useState<Tab>('new')
  const ready = status === 'ready'

  return (
    <PageShell name='report'>
      <Segmented className='report-tabs' options={TABS} value={tab} onChange={setTab} />
      {tab === 'new' ? <NewReport ready={ready} /> : null}
      {tab === 'mine' ? <MyReports ready={ready} /> : null}
      {tab === 'public' ? <PublicReports ready={ready} /> : null}
    </PageShell>
  )
}

function NewReport({ ready }: { ready: boolean }) {
  const form = useReportDraft('resident')
  const categories = useCategories(ready)
  const org = useOrgOverview(ready)
  // Back on the page (signal may be back too), or signed in at launch: a draft waiting to be sent goes out by itself.
  const { retryIfPending } = form
  useDidShow(() => {
    if (ready) retryIfPending()
  })
  useEffect(() => {
    if (ready) retryIfPending()
  }, [ready, retryIfPending])
  return (
    <View className='report-new'>
      <Text className='report-intro wm-muted'>看到乱扔垃圾、占道经营、井盖路灯坏了，拍下来告诉我们。网格员和责任单位会限时处理，结果您能看到、能评价。</Text>
      <ReportForm form={form} categories={categories} org={org} onOpenCreated={openDetail} />
    </View>
  )
}

function MyReports({ ready: signedIn }: { ready: boolean }) {
  const { needsConsent, openPrivacy } = useAppStore()
  // Before the privacy notice is accepted there is nothing of mine to load (and asking would be refused).
  const ready = signedIn && !needsConsent
  const list = usePagedQuery('reports.mine', { pageSize: PAGE_SIZE }, { enabled: ready })
  // Statuses move while the person is away; refresh when coming back.
  useReloadOnShow(list, ready)
  if (signedIn && needsConsent) {
    return (
      <View className='my-reports my-reports-consent'>
        <Text className='wm-muted'>同意《用户隐私保护指引》后，可以在这里查看您反映过的问题和处理进度。</Text>
        <Button className='my-reports-open-privacy' type='primary' block onClick={openPrivacy}>
          查看隐私保护指引
        </Button>
      </View>
    )
  }
  return (
    <ReportList
      className='my-reports'
      list={list}
      emptyText='您还没有反映过问题。看到乱扔垃圾、占道经营、设施损坏等，点“随手拍”拍下来，处理的每一步都会显示在这里。'
      onOpen={(report: ReportSummary) => openDetail(report.id)}
    />
  )
}

function PublicReports({ ready }: { ready: boolean }) {
  const { profile } = useAppStore()
  const villageId = profile?.villageId ?? null
  const [wholeTown, setWholeTown] = useState(!villageId)
  const scope = wholeTown || !villageId ? undefined : villageId
  const list = usePagedQuery('reports.publicList', { ...(scope ? { villageId: scope } : {}), pageSize: PAGE_SIZE }, { enabled: ready })
  return (
    <View className='public-board'>
      <View className='wm-row public-scope'>
        <Text>{wholeTown || !villageId ? '全镇' : (profile?.villageName ?? '本村（居）')}的问题处理情况</Text>
        {villageId ? (
          <View className='public-scope-switch'>
            <Text className='wm-muted'>全镇</Text>
            <Switch className='public-town-switch' checked={wholeTown} ariaLabel='看全镇' onChange={setWholeTown} />
          </View>
        ) : null}
      </View>
      <Text className='wm-muted public-note'>曝光台不显示反映人，只显示受理后的问题。</Text>
      <PublicBoard list={list} emptyText={`${wholeTown ? '全镇' : '本村（居）'}还没有公开的问题。问题受理后会在这里公开（不显示反映人），整改前后的照片一目了然。`} />
    </View>
  )
}
