import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DEFAULT_PATROL_EVERY_DAYS, type PatrolSummary, type PatrolTemplate } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, PagedList, Skeleton } from '@/components/state-view'
import { ToggleChips } from '@/components/toggle-chips'
import { Button } from '@/components/ui'
import { useStaff } from '@/hooks/use-org'
import { useAction } from '@/hooks/use-action'
import { useMonthChoice } from '@/hooks/use-month-choice'
import { useVillagePick } from '@/hooks/use-village-pick'
import { PAGE_SIZE, usePagedQuery, useQuery, type Paged } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import { PatrolCard } from '../../components/patrol-card'
import '../supervision.scss'

/** 巡查排班: a village's month — the roster, its counts, and filling the month at a cadence. */
export default guardedPage('patrol-roster', Roster)

const CADENCES = [1, 2, 3, 4, 5, 7].map((n) => ({ value: String(n), label: n === 1 ? '每天' : `每 ${n} 天` }))

function Roster() {
  const { org, villages, villageId, setPicked } = useVillagePick('villageIds')
  const { month, options: monthOptions, value: monthValue, pick: pickMonth } = useMonthChoice('next')
  const list = usePagedQuery('supervision.roster', villageId === null ? null : { villageId, ...month, pageSize: PAGE_SIZE })
  const counts = useQuery('supervision.counts', villageId === null ? null : { villageId, ...month })
  useReloadOnShow(list, Boolean(villageId))

  // without the villages there is nothing to show: say why instead of waiting forever
  if (org.error && !org.data) return <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
  if (org.data && !villages.length) return <EmptyState text='没有您负责的村（居）' />
  const t = counts.data?.totals
  return (
    <>
      {villages.length > 1 ? <ChoiceChips options={namedOptions(villages)} value={villageId} onChange={setPicked} label='选择村（居）' /> : null}
      <ChoiceChips options={monthOptions} value={monthValue} onChange={pickMonth} label='月份' />
      <SectionCard title='本月统计'>
        {counts.error ? (
          <Text className='wm-error-text'>{counts.error}</Text>
        ) : t ? (
          <View className='roster-counts'>
            <Text>应巡 {t.scheduled}</Text>
            <Text>已巡 {t.done}</Text>
            <Text>缺巡 {t.missed}</Text>
            <Text>补交 {t.late}</Text>
            <Text>发现问题 {t.findings}</Text>
            <Text>扣分合计 {t.deductions}</Text>
          </View>
        ) : (
          <Skeleton rows={1} />
        )}
      </SectionCard>
      {villageId ? <Generate villageId={villageId} month={month} onDone={() => void Promise.all([list.reload(), counts.reload()])} /> : null}
      <RosterList villageId={villageId} list={list} />
    </>
  )
}

function Generate({ villageId, month, onDone }: { villageId: string; month: { year: number; month: number }; onDone: () => void }) {
  const templates = useQuery('supervision.templates', {})
  const staff = useStaff(villageId)
  const [templateId, setTemplateId] = useState<string | null>(null)
  const [people, setPeople] = useState<string[]>([])
  const [every, setEvery] = useState(String(DEFAULT_PATROL_EVERY_DAYS))
  const generateRoster = useAction('supervision.generateRoster')
  const { busy } = generateRoster
  const [notice, setNotice] = useState<string | null>(null)
  const message = generateRoster.message ?? notice
  const list: PatrolTemplate[] = templates.data ?? []
  const chosen = templateId ?? list[0]?.id ?? null
  const patrollers = (staff.data ?? []).filter((s) => s.grant.role === 'grid_worker' || s.grant.role === 'village_admin')
  const names = new Map(patrollers.map((s) => [s.name, s.userId]))

  const generate = async () => {
    generateRoster.reset()
    setNotice(null)
    if (!chosen || people.length === 0) return setNotice('请选择巡查表和巡查人员')
    const res = await generateRoster.run({ villageId, gridId: null, templateId: chosen, ...month, patrollerIds: people.map((n) => names.get(n) ?? n), everyDays: Number(every) })
    if (!res?.ok) return
    setNotice(`已安排 ${res.data.created} 次巡查${res.data.skipped ? `，跳过 ${res.data.skipped} 天（已过去或已安排）` : ''}`)
    onDone()
  }

  return (
    <SectionCard title='按间隔排满本月'>
      {templates.error ? <ErrorState message={templates.error} onRetry={() => void templates.reload()} /> : null}
      <View className='roster-form'>
        <ChoiceChips options={namedOptions(list)} value={chosen} onChange={setTemplateId} label='巡查表' />
        <ToggleChips options={[...names.keys()]} value={people} onChange={setPeople} label='巡查人员（按顺序轮流）' />
        <ChoiceChips options={CADENCES} value={every} onChange={setEvery} label='间隔' />
        {message ? <Text className='patrol-notice'>{message}</Text> : null}
        <Button type='primary' block loading={busy} disabled={busy} onClick={() => void generate()}>
          生成排班
        </Button>
      </View>
    </SectionCard>
  )
}

function RosterList({ villageId, list }: { villageId: string | null; list: Paged<PatrolSummary> }) {
  if (!villageId) return <Skeleton rows={4} />
  return (
    <PagedList list={list} rows={4} empty='这个月还没有排班' className='patrol-list'>
      {(p) => <PatrolCard key={p.id} patrol={p} onOpen={() => void Taro.navigateTo({ url: withId(SUPERVISION_ROUTES.patrol, p.id) })} />}
    </PagedList>
  )
}
