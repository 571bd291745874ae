import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { BulletinDetail, PublicBulletin } from '@/contract'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview } from '@/hooks/use-org'
import { useQuery } from '@/hooks/use-query'
import { CAN_PRINT, printPage } from '@/services/documents'
import { formatChineseDate } from '@/services/format'
import { IssuerPending, issuerOf } from '../../components/bulletin-image'
import { ratioText, scoreLabel } from '../../components/figures'
import '../bulletins.scss'

/** 打印版: the bulletin set as a document (the town office's copy has the text, every figure and the overdue list). */
export default guardedPage('bulletin-print', Print)

function Print() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const scope = useAdminScope()
  const full = useQuery('supervision.bulletin', id && scope.isTownAdmin ? { bulletinId: id } : null)
  const pub = useQuery('supervision.publicBulletin', id && !scope.isTownAdmin ? { bulletinId: id } : null)
  const org = useOrgOverview()
  const remote = scope.isTownAdmin ? full : pub
  if (!id) return <ErrorState message='没有指定要打印的通报' />
  if (remote.error && !remote.data) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} retrying={remote.loading} />
  if (!remote.data) return <Skeleton rows={6} />
  const issuer = issuerOf(org.data)
  if (issuer === null) return <IssuerPending org={org} />
  if (full.data) return <FullDocument b={full.data} issuer={issuer} />
  if (pub.data) return <PublicDocument b={pub.data} issuer={issuer} />
  return <Skeleton rows={6} />
}

function PrintButton() {
  if (!CAN_PRINT) return <Text className='wm-muted bulletin-print-hint'>请在电脑浏览器中打开本页打印，或在通报页保存图片。</Text>
  return (
    <Button type='primary' block className='bulletin-print-button' onClick={printPage}>
      打印
    </Button>
  )
}

function Sign({ issuer, date }: { issuer: string; date: string | null }) {
  return (
    <View className='bulletin-doc-sign'>
      <Text className='bulletin-doc-issuer'>{issuer}</Text>
      <Text className='bulletin-doc-date'>{formatChineseDate(date)}</Text>
    </View>
  )
}

function FullDocument({ b, issuer }: { b: BulletinDetail; issuer: string }) {
  return (
    <>
      <PrintButton />
      <View className='bulletin-doc'>
        <Text className='bulletin-doc-title'>{b.title}</Text>
        <Text className='bulletin-doc-period'>
          （{b.periodLabel}）{b.status === 'published' ? '' : ` · ${b.statusLabel}`}
        </Text>
        <Text className='bulletin-doc-text'>{b.text}</Text>
        <Text className='bulletin-doc-heading'>一、流动红旗</Text>
        <Text className='bulletin-doc-para'>{b.flag ? `${b.flag.name}（${scoreLabel(b.flag.score)}）` : (b.flagNote ?? '本期流动红旗空缺')}</Text>
        <Text className='bulletin-doc-heading'>
          二、排名（{b.scheme.name}，第 {b.scheme.version} 版）
        </Text>
        {b.groups.map((g) => (
          <View key={g.peer} className='bulletin-doc-group'>
            <Text className='bulletin-doc-subheading'>{g.label}</Text>
            <DocTable
              head={['名次', '名称', '得分', '问题数', '超期', '按期办结率']}
              rows={g.rows.map((r) => ({ key: r.placeId, cells: [r.rankLabel, r.name, scoreLabel(r.score), r.created, r.overdue, ratioText(r.onTimeRate)] }))}
            />
            <Text className='bulletin-doc-para'>
              红榜：{g.red.map((e) => e.name).join('、') || '无'}；黑榜：{g.black.map((e) => e.name).join('、') || '无'}
            </Text>
          </View>
        ))}
        <Text className='bulletin-doc-heading'>三、超期问题</Text>
        {b.overdueByUnit.length ? (
          b.overdueByUnit.map((u) => (
            <Text key={u.unitId} className='bulletin-doc-para'>
              {u.name}：超期 {u.overdue} 件，在办 {u.open} 件
            </Text>
          ))
        ) : (
          <Text className='bulletin-doc-para'>无</Text>
        )}
        <Sign issuer={issuer} date={b.publishedAt ?? b.generatedAt} />
      </View>
    </>
  )
}

function PublicDocument({ b, issuer }: { b: PublicBulletin; issuer: string }) {
  return (
    <>
      <PrintButton />
      <View className='bulletin-doc'>
        <Text className='bulletin-doc-title'>{b.title}</Text>
        <Text className='bulletin-doc-period'>（{b.periodLabel}）</Text>
        <Text className='bulletin-doc-heading'>一、流动红旗</Text>
        <Text className='bulletin-doc-para'>{b.flag ? `${b.flag.name}（${scoreLabel(b.flag.score)}）` : '本期流动红旗空缺'}</Text>
        <Text className='bulletin-doc-heading'>二、排名</Text>
        {b.groups.map((g) => (
          <View key={g.peer} className='bulletin-doc-group'>
            <Text className='bulletin-doc-subheading'>{g.label}</Text>
            <DocTable head={['名次', '名称', '得分']} rows={g.rows.map((r) => ({ key: r.placeId, cells: [r.rankLabel, r.name, scoreLabel(r.score)] }))} />
          </View>
        ))}
        <Text className='bulletin-doc-para'>{b.schemeNote}</Text>
        <Sign issuer={issuer} date={b.publishedAt} />
      </View>
    </>
  )
}

/** A ranking table of the document: the head row, then one row a place (cells in the head's order). */
function DocTable({ head, rows }: { head: readonly string[]; rows: ReadonlyArray<{ key: string; cells: ReadonlyArray<string | number> }> }) {
  return (
    <View className='bulletin-doc-table'>
      <View className='bulletin-doc-tr bulletin-doc-th'>
        {head.map((title) => (
          <Text key={title}>{title}</Text>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} className='bulletin-doc-tr'>
          {row.cells.map((cell, column) => (
            <Text key={head[column]}>{cell}</Text>
          ))}
        </View>
      ))}
    </View>
  )
}
