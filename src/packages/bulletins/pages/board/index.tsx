import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { BulletinKind, OrgOverview, PublicBulletin } from '@/contract'
import { PageShell } from '@/components/page-shell'
import { PagedList } from '@/components/state-view'
import { Segmented } from '@/components/segmented'
import { Button } from '@/components/ui'
import { ProfileLoading } from '@/components/profile-loading'
import { useOrgOverview } from '@/hooks/use-org'
import { PAGE_SIZE, usePagedQuery, type Remote } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { formatDate } from '@/services/format'
import { useAppStore } from '@/store/app-store'
import { BulletinImage, IssuerPending, issuerOf } from '../../components/bulletin-image'
import { BoardLists, scoreLabel } from '../../components/figures'
import '../bulletins.scss'

type Filter = 'all' | BulletinKind

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'week', label: '周通报' },
  { value: 'month', label: '月通报' }
]

/** One published bulletin's public part: 流动红旗 and 红黑榜 per group, and its image on demand. */
function PublicCard({ b, org }: { b: PublicBulletin; org: Remote<OrgOverview> }) {
  const [image, setImage] = useState(false)
  const issuer = issuerOf(org.data)
  const groups = b.groups.filter((g) => g.red.length || g.black.length)
  return (
    <View className='bulletin-public' data-bulletin-id={b.id}>
      <View className='bulletin-card-head'>
        <Text className='bulletin-card-title'>{b.title}</Text>
        <Text className='wm-muted'>{formatDate(b.publishedAt)} 发布</Text>
      </View>
      <Text className='wm-muted'>
        {b.kindLabel} · {b.periodLabel}
      </Text>
      <View className='bulletin-public-flag'>
        <Text className='bulletin-public-flag-label'>流动红旗</Text>
        <Text className='bulletin-public-flag-name'>{b.flag ? `${b.flag.name} · ${scoreLabel(b.flag.score)}` : '本期空缺'}</Text>
      </View>
      {groups.length ? (
        groups.map((g) => (
          <View key={g.peer} className='bulletin-public-group'>
            <Text className='bulletin-public-group-label'>{g.label}</Text>
            <BoardLists red={g.red} black={g.black} />
          </View>
        ))
      ) : (
        <Text className='wm-muted'>本期各单位数据不足，不排名次</Text>
      )}
      <Text className='wm-muted bulletin-formula'>{b.schemeNote}</Text>
      {image && issuer !== null ? (
        <BulletinImage bulletin={b} issuer={issuer} />
      ) : image ? (
        <IssuerPending org={org} rows={4} />
      ) : (
        <Button fill='outline' size='small' className='bulletin-public-image' onClick={() => setImage(true)}>
          生成图片（保存、分享）
        </Button>
      )}
    </View>
  )
}

/** 红黑榜 · 流动红旗 for residents: the published bulletins' public part (no persons, no problems). */
export default function BulletinBoardPage() {
  const { profile } = useAppStore()
  const ready = profile !== null
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePagedQuery('supervision.publicBulletins', { ...(filter === 'all' ? {} : { kind: filter }), pageSize: PAGE_SIZE }, { enabled: ready })
  const org = useOrgOverview(ready)
  useReloadOnShow(list, ready)
  let body: JSX.Element
  if (!profile) body = <ProfileLoading />
  else
    body = (
      <PagedList list={list} empty='还没有发布的通报。镇创建办每周、每月通报各村（居）和责任单位的工作情况，发布后在这里公布红黑榜和流动红旗。' className='bulletin-public-list'>
        {(b) => <PublicCard key={b.id} b={b} org={org} />}
      </PagedList>
    )
  return (
    <PageShell name='bulletin-board'>
      <View className='bulletin-intro'>
        <Text className='bulletin-intro-title'>红黑榜 · 流动红旗</Text>
        <Text className='wm-muted'>周通报、月通报中各村（居）和责任单位的问题处置得分：红榜前三名，黑榜后三名；得分第一且达到分数线的村（居）获流动红旗。问题太少的不排名次。</Text>
      </View>
      <Segmented options={FILTERS} value={filter} onChange={setFilter} />
      {body}
    </PageShell>
  )
}
