import type { VisitCoverage, VisitSummary } from '@/contract'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useMonthChoice } from '@/hooks/use-month-choice'
import { useVillagePick } from '@/hooks/use-village-pick'
import { PAGE_SIZE, usePagedQuery, useQuery, type Paged, type Remote } from '@/hooks/use-query'
import { useVisitHouseholds, type Month } from '@/hooks/use-visits'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'

/** 走访记录: a village's month of visits (民情日记), its coverage (户户到) and the households still to visit. */
export default guardedPage('visits', Visits)

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`

/** The month's coverage, visits and households not visited yet, for one village (nothing until it is known). */
function useVisitLists(villageId: string | null, month: Month) {
  const where = villageId === null ? null : { villageId, ...month }
  const coverage = useQuery('supervision.visitCoverage', where)
  const visits = usePagedQuery('supervision.visits', where && { ...where, pageSize: PAGE_SIZE })
  const todo = useVisitHouseholds(villageId, month, 'unvisited')
  return { coverage, visits, todo }
}

function Visits() {
  const { org, villages, villageId, setPicked } = useVillagePick('staffVillageIds')
  const { month, options: monthOptions, value: monthValue, pick: pickMonth } = useMonthChoice('last')
  const { coverage, visits, todo } = useVisitLists(villageId, month)
  useDidShow(() => {
    if (villageId && !visits.loading) void Promise.all([visits.reload(), todo.reload(), coverage.reload()])
  })
  // without the villages there is nothing to show: say why instead of waiting forever
  if (org.error && !org.data) return <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
  if (org.data && !villages.length) return <EmptyState text='没有您负责的村（居）' />
  const open = (url: string) => void Taro.navigateTo({ url })

  return (
    <>
      {villages.length > 1 ? <ChoiceChips options={namedOptions(villages)} value={villageId} onChange={setPicked} label='选择村（居）' /> : null}
      <ChoiceChips options={monthOptions} value={monthValue} onChange={pickMonth} label='月份' />
      <CoverageCard coverage={coverage} />
      {villageId ? (
        <Button type='primary' block className='visit-new' onClick={() => open(`${SUPERVISION_ROUTES.visitForm}?villageId=${villageId}`)}>
          记走访
        </Button>
      ) : null}
      <SectionCard title='本月未走访'>
        <PagedList list={todo} rows={2} empty='本月各户都已走访' className='visit-todo'>
          {(h) => (
            <View key={h.id} className='wm-row visit-todo-row' onClick={() => open(`${SUPERVISION_ROUTES.visitForm}?villageId=${villageId}&householdId=${h.householdId}`)}>
              <Text>{h.name}</Text>
              <Text className='wm-muted'>
                {h.gridName ?? ''} 户主 {h.headName}
              </Text>
            </View>
          )}
        </PagedList>
      </SectionCard>
      <SectionCard title='走访记录'>
        <VisitList villageId={villageId} visits={visits} onOpen={(id) => open(withId(SUPERVISION_ROUTES.visit, id))} />
      </SectionCard>
    </>
  )
}

function CoverageCard({ coverage }: { coverage: Remote<VisitCoverage> }) {
  const c = coverage.data
  return (
    <SectionCard title='户户到覆盖率'>
      {coverage.error ? (
        <ErrorState message={coverage.error} onRetry={() => void coverage.reload()} />
      ) : c ? (
        <View className='visit-coverage'>
          <Text className='visit-coverage-figure'>
            已走访 {c.visited}/{c.households} 户（{percent(c.rate)}）
          </Text>
          <Text className='wm-muted'>
            走访 {c.visits} 次，反映问题 {c.problemsRaised} 个：当场解决 {c.solvedOnSite}，转问题 {c.filed}
          </Text>
          <Text className='wm-muted visit-definition'>{c.definition}</Text>
        </View>
      ) : (
        <Skeleton rows={1} />
      )}
    </SectionCard>
  )
}

function VisitList({ villageId, visits, onOpen }: { villageId: string | null; visits: Paged<VisitSummary>; onOpen: (id: string) => void }) {
  if (!villageId) return <Skeleton rows={3} />
  return (
    <PagedList list={visits} rows={3} empty='这个月还没有走访记录' className='visit-list'>
      {(v) => (
        <View key={v.id} className='visit-card' onClick={() => onOpen(v.id)}>
          <View className='wm-row'>
            <Text className='visit-card-title'>{v.householdName}</Text>
            <Text className='wm-muted'>{v.date}</Text>
          </View>
          <Text className='wm-muted'>走访人：{v.visitors.map((p) => p.name).join('、')}</Text>
          <Text className='wm-muted'>{v.problems ? `反映问题 ${v.problems} 个：当场解决 ${v.solved}，转问题 ${v.filed}` : '未反映问题'}</Text>
        </View>
      )}
    </PagedList>
  )
}
