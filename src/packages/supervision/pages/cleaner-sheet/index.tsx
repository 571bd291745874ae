import { useMemo, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CleaningFinding } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { FileLink, OPENS_ON_EXPORT } from '@/components/file-link/file-link'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { chinaParts } from '@/domain/china-time'
import { useAction } from '@/hooks/use-action'
import { monthKey } from '@/hooks/use-cleaning'
import { monthBeside } from '@/hooks/use-month-choice'
import { useQuery } from '@/hooks/use-query'
import { openSpreadsheet } from '@/services/documents'
import '../supervision.scss'

/** 月度考核表: a cleaner's findings of a month with photos and status, the month's deduction, and the payroll export. */
export default function CleanerSheetPage() {
  const { params } = useRouter()
  const cleanerId = params.id ?? ''
  const now = chinaParts(new Date())
  const months = useMemo(() => {
    const last = monthBeside({ year: now.year, month: now.month }, 'last')
    return [monthKey(now.year, now.month), monthKey(last.year, last.month)]
  }, [now.year, now.month])
  const [month, setMonth] = useState(months[0])
  const sheet = useQuery('supervision.cleanerSheet', cleanerId ? { cleanerId, month } : null)
  const exporter = useAction('supervision.exportCleanerSheets')
  const [exported, setExported] = useState<{ url: string; month: string } | null>(null)
  const exportExcel = async () => {
    const res = await exporter.run({ month, cleanerId })
    if (!res?.ok) return
    setExported({ url: res.data.url, month })
    void Taro.showToast({ title: '已导出', icon: 'success' })
    if (OPENS_ON_EXPORT) await openSpreadsheet(res.data.url)
  }
  const s = sheet.data
  return (
    <PageShell name='cleaner-sheet'>
      <ChoiceChips options={months.map((m) => ({ value: m, label: `${m.slice(0, 4)}年${Number(m.slice(5))}月` }))} value={month} onChange={setMonth} label='月份' />
      {sheet.error && !s ? (
        <ErrorState message={sheet.error} onRetry={() => void sheet.reload()} retrying={sheet.loading} />
      ) : !s ? (
        <Skeleton rows={4} />
      ) : (
        <>
          <SectionCard title={`${s.cleaner.name}（${s.cleaner.villageName}）`}>
            <Text className='patrol-score'>{s.totalYuan} 元</Text>
            <Text className='patrol-formula'>{s.formula}</Text>
            <Text className='wm-muted'>
              扣款 {s.counted} 条 · 已撤销 {s.withdrawn} 条 · 申诉中 {s.pending} 条
            </Text>
            <Text className='wm-muted visit-definition'>{s.definition}</Text>
            <Button type='primary' size='small' loading={exporter.busy} disabled={exporter.busy} onClick={() => void exportExcel()}>
              导出Excel
            </Button>
            {exporter.message ? <Text className='wm-error-text'>{exporter.message}</Text> : null}
            {exported && exported.month === month ? <FileLink url={exported.url} fileName={`保洁考核-${s.cleaner.name}-${month}.xlsx`} label='下载 Excel' /> : null}
          </SectionCard>
          <SectionCard title='扣款记录'>{s.findings.length ? s.findings.map((f) => <FindingRow key={f.id} f={f} />) : <EmptyState text='这个月没有扣款记录' />}</SectionCard>
        </>
      )}
    </PageShell>
  )
}

function FindingRow({ f }: { f: CleaningFinding }) {
  return (
    <View className='patrol-item'>
      <View className='wm-row'>
        <Text className='patrol-item-text'>
          {f.date} {f.zoneName}
        </Text>
        <Text className={`patrol-status patrol-status--${f.deducts ? 'missed' : 'done'}`}>{f.statusLabel}</Text>
      </View>
      <Text className='patrol-item-meta'>
        {f.itemText}：{f.note} · {f.deducts ? `扣 ${f.amountYuan} 元` : '不扣款'}
      </Text>
      {f.photoUrls.map((url) => (
        <Image key={url} className='photo-picker-image' src={url} mode='aspectFill' />
      ))}
      {f.decision ? (
        <Text className='wm-muted'>
          处理：{f.decision.outcomeLabel}，{f.decision.reason}
        </Text>
      ) : null}
    </View>
  )
}
