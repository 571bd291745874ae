import { View, Text, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { ROUTES, withId } from '@/services/routes'
import '../supervision.scss'

/** One visit's 民情日记: 三个记录, the problems and what became of them, the photo. Internal to staff. */
export default function VisitPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const visit = useQuery('supervision.visit', { visitId: id }, { enabled: id.length > 0 })
  const v = visit.data
  let body: JSX.Element
  if (visit.error) body = <ErrorState message={visit.error} onRetry={() => void visit.reload()} retrying={visit.loading} />
  else if (!v) body = <Skeleton rows={5} />
  else
    body = (
      <>
        <SectionCard title={v.householdName}>
          <Text className='wm-muted'>
            {v.date} · {v.villageName}
            {v.gridName ? ` · ${v.gridName}` : ''}
          </Text>
          <Text className='wm-muted'>走访人：{v.visitors.map((p) => p.name).join('、')}</Text>
        </SectionCard>
        <SectionCard title='三个记录'>
          <Text className='visit-label'>具体情况</Text>
          <Text className='visit-text'>{v.situation}</Text>
          <Text className='visit-label'>意见建议</Text>
          <Text className='visit-text'>{v.suggestions ?? '无'}</Text>
          <Text className='visit-label'>反映的主要问题</Text>
          <Text className='visit-text'>{v.issues ?? '无'}</Text>
        </SectionCard>
        <SectionCard title='问题处理'>
          {v.problemList.length === 0 ? <Text className='wm-muted'>未反映需要处理的问题</Text> : null}
          {v.problemList.map((p, i) => (
            <View key={i} className='visit-problem'>
              <Text>
                {i + 1}. {p.text}
              </Text>
              <Text className={`visit-outcome visit-outcome--${p.outcome}`}>{p.outcomeLabel}</Text>
              {p.done ? <Text className='wm-muted'>解决情况：{p.done}</Text> : null}
              {p.report ? (
                <Text className='wm-link' onClick={() => void Taro.navigateTo({ url: withId(ROUTES.handle, p.report?.reportId ?? '') })}>
                  已转问题 {p.report.reportNo}（{p.report.categoryName}），查看处理进度
                </Text>
              ) : null}
            </View>
          ))}
        </SectionCard>
        {v.photoUrls.length ? (
          <SectionCard title='照片'>
            {v.photoUrls.map((url, i) => (
              <Image key={url} className='visit-photo' src={url} mode='aspectFill' aria-label={`走访照片 ${i + 1}`} />
            ))}
          </SectionCard>
        ) : null}
        <Text className='wm-muted visit-internal'>民情日记仅走访人、本村（居）管理员和镇创建办可见，居民看不到。</Text>
      </>
    )
  return <PageShell name='visit'>{body}</PageShell>
}
