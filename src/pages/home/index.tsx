import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { REFUSAL_MESSAGE } from '@/components/privacy-gate'
import { MyState, TodoPanel } from '@/components/home-panels'
import { useHome } from '@/hooks/use-home'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { useAppStore } from '@/store/app-store'
import { DEED_ROUTES } from '@/services/deed-routes'
import { greetingFor } from './greeting'
import './index.scss'

interface Entry {
  key: string
  title: string
  note: string
  url: string
  /** A tab page (switchTab) or a subpackage page (navigateTo). */
  tab: boolean
}

const ENTRIES: Entry[] = [
  { key: 'report', title: '随手拍', note: '拍下身边的不文明现象和坏了的设施，跟踪处理进度', url: '/pages/report/index', tab: true },
  { key: 'activities', title: '志愿活动', note: '报名参加志愿服务，扫码签到记时长，开具服务证明', url: '/pages/activities/index', tab: true },
  { key: 'honour', title: '光荣榜', note: '看本村和全镇的善行义举四德榜，保存海报分享身边好人', url: '/pages/honour/index', tab: true },
  { key: 'deeds', title: '我的善行', note: '申报好人好事，查看善行档案和积分，到积分超市兑换', url: DEED_ROUTES.record, tab: false }
]

export default function HomePage() {
  const { profile, status, error, reload, privacy, needsConsent } = useAppStore()
  // the caller's own state and what waits for them (one call); none before the privacy notice is accepted
  const signedIn = Boolean(profile?.id) && !needsConsent
  const home = useHome(signedIn)
  // back from handling something: the counts as they are now
  useReloadOnShow(home, signedIn && home.data !== null)

  return (
    <PageShell name='home'>
      {status === 'loading' && !profile ? (
        <Skeleton rows={4} />
      ) : status === 'error' && !profile ? (
        <ErrorState message={error?.message ?? '加载失败'} onRetry={() => void reload()} />
      ) : profile ? (
        <View className='home-hero'>
          <Text className='home-greeting'>
            {greetingFor(new Date())}，{profile.name || '乡亲'}
          </Text>
          <Text className='home-place'>{profile.villageName ? `${profile.villageName}${profile.gridName ? ` · ${profile.gridName}` : ''}` : '还没有选择所在的村（居），到“我的”里选一下吧'}</Text>
        </View>
      ) : null}

      {privacy.refused ? <Text className='home-notice wm-error-text'>{REFUSAL_MESSAGE}</Text> : null}

      {signedIn ? (
        <>
          <TodoPanel home={home} />
          <MyState home={home} />
        </>
      ) : null}

      <View className='home-entries'>
        {ENTRIES.map((entry) => (
          <View key={entry.key} className={`home-entry home-entry--${entry.key}`} onClick={() => void (entry.tab ? Taro.switchTab({ url: entry.url }) : Taro.navigateTo({ url: entry.url }))}>
            <Text className='home-entry-title'>{entry.title}</Text>
            <Text className='home-entry-note'>{entry.note}</Text>
          </View>
        ))}
      </View>

      <SectionCard title='一起创建文明城市' className='home-intro'>
        <Text className='home-intro-text'>我们镇正在参与全国文明城市创建。文明不在口号里，在每家门前的干净路面、在车停进线里、在邻里互相搭把手。</Text>
        <Text className='home-intro-text'>看到乱扔垃圾、占道经营、井盖路灯坏了，用“随手拍”告诉我们，网格员和责任单位会限时处理，处理结果您能看到、能评价。</Text>
        <Text className='home-intro-text'>参加志愿服务、做了好事，会记进您的善行档案；各村（居）的善行义举四德榜，会把身边的好人好事讲给大家听。</Text>
      </SectionCard>
    </PageShell>
  )
}
