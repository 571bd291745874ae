import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { DEFAULT_PATROL_EVERY_DAYS, type PatrolSummary, type PatrolTemplate } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { SectionCard } from '@/components/section-card'
import { ADMINS, Guard } from '@/components/guard'
import { EmptyState, ErrorState, ListFooter, Skeleton } from '@/components/state-view'
import { ToggleChips } from '@/components/toggle-chips'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview, useStaff } from '@/hooks/use-org'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQuery, useQuery, type Paged } from '@/hooks/use-query'
import { chinaParts } from '@/domain/china-time'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import { PatrolCard } from '../../components/patrol-card'
import '../supervision.scss'

/** 巡查排班: a village's month — the roster, its counts, and filling the month at a cadence. */
export default function RosterPage() {
  return (
    <Guard name='patrol-roster' title='巡查排班' rule={ADMINS} denied='巡查排班由村（居）管理员和镇创建办安排'>
      <Roster />
    </Guard>
  )
}

const CADENCES = [1, 2, 3, 4, 5, 7].map((n) => ({ value: String(n), label: n === 1 ? '每天' : `每 ${n} 天` }))

function Roster() {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((v) => scope.isTownAdmin || scope.villageIds.includes(v.id))
  const [picked, setPicked] = useState<string | null>(null)
  const villageId = picked ?? villages[0]?.id ?? null
  const now = chinaParts(new Date())
  const [month, setMonth] = useState({ year: now.year, month: now.month })
  const monthOptions = useMemo(() => {
    const next = now.month === 12 ? { year: now.year + 1, month: 1 } : { year: now.year, month: now.month + 1 }
    return [{ year: now.year, month: now.month }, next].map((m) => ({ value: `${m.year}-${m.month}`, label: `${m.year}年${m.month}月` }))
  }, [now.year, now.month])
  const list = usePagedQuery('supervision.roster', villageId === null ? null : { villageId, ...month, pageSize: PAGE_SIZE })
  const counts = useQuery('supervision.counts', villageId === null ? null : { villageId, ...month })
  useDidShow(() => {
    if (villageId && !list.loading) void list.reload()
  })

  // without the villages there is nothing to show: say why instead of waiting forever
  if (org.error && !org.data) return <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
  if (org.data && !villages.length) return <EmptyState text='没有您负责的村（居）' />
  const t = counts.data?.totals
  return (
    <>
      {villages.length > 1 ? <ChoiceChips options={villages.map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={setPicked} label='选择村（居）' /> : null}
      <ChoiceChips options={monthOptions} value={`${month.year}-${month.month}`} onChange={(v) => setMonth({ year: Number(v.split('-')[0]), month: Number(v.split('-')[1]) })} label='月份' />
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
        <ChoiceChips options={list.map((t) => ({ value: t.id, label: t.name }))} value={chosen} onChange={setTemplateId} label='巡查表' />
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
  if (!villageId || (list.loading && !list.items.length)) return <Skeleton rows={4} />
  if (list.error) return <ErrorState message={list.error} onRetry={() => void list.reload()} retrying={list.loading} />
  if (!list.items.length) return <EmptyState text='这个月还没有排班' />
  return (
    <View className='patrol-list'>
      {list.items.map((p) => (
        <PatrolCard key={p.id} patrol={p} onOpen={() => void Taro.navigateTo({ url: withId(SUPERVISION_ROUTES.patrol, p.id) })} />
      ))}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} />
    </View>
  )
}
