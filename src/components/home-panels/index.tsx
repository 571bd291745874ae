import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HomeView } from '@/contract'
import { SectionCard } from '@/components/section-card'
import { Skeleton } from '@/components/state-view'
import { OverdueBadge, StatusTag } from '@/components/status-tag'
import type { Remote } from '@/hooks/use-query'
import { ROUTES, withId } from '@/services/routes'
import { DEED_ROUTES } from '@/services/deed-routes'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import { TODO_ROUTES, badgeText } from '@/services/home-links'
import { chinaParts } from '@/domain/china-time'
import './index.scss'

const WEEKDAYS = '日一二三四五六'
const pad = (n: number) => String(n).padStart(2, '0')
/** 11月20日 周五 09:00 (China time). */
function formatChinaDateTime(iso: string): string {
  const p = chinaParts(new Date(iso))
  return `${p.month}月${p.day}日 周${WEEKDAYS[p.weekday]} ${pad(p.hour)}:${pad(p.minute)}`
}

const open = (url: string) => void Taro.navigateTo({ url })

/** The home's data failed: says so in a line with the way to try again (the profile above still shows). */
function HomeError({ home }: { home: Remote<HomeView> }) {
  return (
    <Text className='wm-error-text home-error' onClick={() => void home.reload()}>
      {home.error ?? '加载失败'}（点此重试）
    </Text>
  )
}

/** 待我处理: the counts of what waits for the caller by role, each opening the filtered list. */
export function TodoPanel({ home }: { home: Remote<HomeView> }) {
  const todo = home.data?.todo ?? []
  if (todo.length === 0) return null
  const waiting = todo.reduce((s, t) => s + t.count, 0)
  return (
    <SectionCard title='待我处理' className='home-todo' extra={<Text className='wm-muted home-todo-total'>{waiting ? `共 ${waiting} 件` : '都处理完了'}</Text>}>
      <View className='home-todo-grid'>
        {todo.map((t) => (
          <View key={t.key} className={`home-todo-item home-todo-item--${t.key}${t.count ? ' home-todo-item--waiting' : ''}`} onClick={() => open(TODO_ROUTES[t.key])}>
            <Text className='home-todo-count'>{badgeText(t.count)}</Text>
            <Text className='home-todo-label'>{t.label}</Text>
          </View>
        ))}
      </View>
    </SectionCard>
  )
}

/** The caller's own state: open problems, 本月积分, the next activity, the village's newest board. */
export function MyState({ home }: { home: Remote<HomeView> }) {
  if (home.loading && !home.data) return <Skeleton rows={3} />
  if (home.error && !home.data) return <HomeError home={home} />
  const data = home.data
  if (!data) return null
  return (
    <>
      <SectionCard
        title='我的随手拍'
        className='home-reports'
        extra={
          <Text className='wm-link home-reports-all' onClick={() => void Taro.switchTab({ url: '/pages/report/index' })}>
            {data.openReportCount ? `办理中 ${data.openReportCount} 件` : '去随手拍'}
          </Text>
        }
      >
        {data.openReports.length === 0 ? <Text className='wm-muted home-reports-empty'>没有办理中的问题。看到不文明现象或坏了的设施，点「随手拍」拍下来，处理进度会显示在这里。</Text> : null}
        {data.openReports.map((r) => (
          <View key={r.id} className='home-report' onClick={() => open(withId(ROUTES.detail, r.id))}>
            <View className='home-report-main'>
              <Text className='home-report-category'>{r.categoryName}</Text>
              <Text className='wm-muted home-report-no'>{r.no}</Text>
            </View>
            <View className='home-report-state'>
              <StatusTag status={r.status} label={r.statusLabel} />
              <OverdueBadge overdue={r.overdue} />
            </View>
          </View>
        ))}
      </SectionCard>
      <View className='home-tiles'>
        <View className='home-tile home-tile--points' onClick={() => open(DEED_ROUTES.record)}>
          <Text className='home-tile-label'>本月积分</Text>
          <Text className='home-tile-value'>{data.pointsThisMonth > 0 ? `+${data.pointsThisMonth}` : data.pointsThisMonth} 分</Text>
          <Text className='home-tile-note'>查看积分明细</Text>
        </View>
        <View
          className='home-tile home-tile--activity'
          onClick={() => (data.nextActivity ? open(withId(VOLUNTEER_ROUTES.detail, data.nextActivity.id)) : void Taro.switchTab({ url: '/pages/activities/index' }))}
        >
          <Text className='home-tile-label'>下一场活动</Text>
          {data.nextActivity ? (
            <>
              <Text className='home-tile-value home-tile-value--text'>{data.nextActivity.title}</Text>
              <Text className='home-tile-note'>{formatChinaDateTime(data.nextActivity.startAt)}</Text>
            </>
          ) : (
            <Text className='home-tile-note'>还没有报名的活动，去「志愿活动」看看</Text>
          )}
        </View>
        <View className='home-tile home-tile--board' onClick={() => (data.board ? open(withId(HONOUR_ROUTES.board, data.board.id)) : void Taro.switchTab({ url: '/pages/honour/index' }))}>
          <Text className='home-tile-label'>本村光荣榜</Text>
          {data.board ? (
            <>
              <Text className='home-tile-value home-tile-value--text'>{data.board.title}</Text>
              <Text className='home-tile-note'>{data.board.scopeName}</Text>
            </>
          ) : (
            <Text className='home-tile-note'>本村还没有发布光荣榜，看看全镇的</Text>
          )}
        </View>
      </View>
    </>
  )
}
