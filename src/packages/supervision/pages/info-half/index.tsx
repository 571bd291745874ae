import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { InfoHalfRow } from '@/contract'
import { guardedPage } from '@/components/guard'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { halfMonthOf, previousHalf, type HalfMonth } from '@/domain/half-month'
import { useQuery } from '@/hooks/use-query'
import '../supervision.scss'
import '../info.scss'

/** 半月信息报送统计 (镇创建办): every village and unit, sent and adopted by level; villages with nothing sent flagged 未报送. */
export default guardedPage('info-half', InfoHalf)

/** The half month after `h` (the inverse of previousHalf). */
function nextHalf(h: HalfMonth): HalfMonth {
  return halfMonthOf(new Date(h.end.getTime() + 1))
}

function Row({ row }: { row: InfoHalfRow }) {
  return (
    <View className={`info-half-row${row.missing ? ' info-half-row--missing' : ''}`}>
      <Text className='info-half-name'>{row.name}</Text>
      <Text>
        报送 {row.submitted} · 采用 {row.adopted}（镇 {row.adoptedByLevel.town} / 县 {row.adoptedByLevel.county} / 市及以上 {row.adoptedByLevel.city}）{row.pending ? ` · 待审 ${row.pending}` : ''}
        {row.returned ? ` · 退回 ${row.returned}` : ''}
      </Text>
      {row.missing ? <Text className='info-missing'>未报送</Text> : null}
    </View>
  )
}

function InfoHalf() {
  // the last closed half month first: that is where 未报送 is decided
  const [half, setHalf] = useState<HalfMonth>(() => previousHalf(halfMonthOf(new Date())))
  const table = useQuery('supervision.infoHalf', { year: half.year, month: half.month, half: half.half })
  const t = table.data
  const atNow = half.key === halfMonthOf(new Date()).key
  let body: JSX.Element
  if (table.error) body = <ErrorState message={table.error} onRetry={() => void table.reload()} retrying={table.loading} />
  else if (!t) body = <Skeleton rows={5} />
  else
    body = (
      <>
        <Text className='wm-muted'>{t.closed ? `已结束：${t.missing} 个村（居）未报送` : '本半月尚未结束，结束后判定未报送'}</Text>
        <SectionCard title='村（居）'>
          {t.villages.map((r) => (
            <Row key={r.id} row={r} />
          ))}
        </SectionCard>
        <SectionCard title='责任单位'>
          {t.units.map((r) => (
            <Row key={r.id} row={r} />
          ))}
        </SectionCard>
        <Text className='wm-muted info-definition'>{t.definition}</Text>
      </>
    )
  return (
    <>
      <View className='info-half-nav'>
        <Button fill='outline' size='small' onClick={() => setHalf(previousHalf(half))}>
          上一个半月
        </Button>
        <Text className='info-half-label'>{t?.label ?? half.key}</Text>
        <Button fill='outline' size='small' disabled={atNow} onClick={() => setHalf(nextHalf(half))}>
          下一个半月
        </Button>
      </View>
      {body}
    </>
  )
}
