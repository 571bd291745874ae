import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FileLink, OPENS_ON_EXPORT } from '@/components/file-link/file-link'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useOrgOverview } from '@/hooks/use-org'
import { useQuery } from '@/hooks/use-query'
import { BULLETIN_ROUTES } from '@/services/bulletin-routes'
import { openSpreadsheet } from '@/services/documents'
import { withId } from '@/services/routes'
import { BulletinImage, IssuerPending, issuerOf } from './bulletin-image'

/** 导出Excel: every figure of the bulletin (town office). */
export function ExportExcel({ bulletinId, title }: { bulletinId: string; title: string }) {
  const exporter = useAction('supervision.exportBulletin')
  const [exported, setExported] = useState<{ url: string; rows: number } | null>(null)
  const run = async () => {
    const res = await exporter.run({ bulletinId })
    if (!res?.ok) return
    setExported({ url: res.data.url, rows: res.data.rows })
    void Taro.showToast({ title: '已导出', icon: 'success' })
    if (OPENS_ON_EXPORT) await openSpreadsheet(res.data.url)
  }
  return (
    <View className='bulletin-export'>
      <Button fill='outline' className='bulletin-export-button' loading={exporter.busy} disabled={exporter.busy} onClick={() => void run()}>
        导出Excel
      </Button>
      {exporter.message ? <Text className='wm-error-text'>{exporter.message}</Text> : null}
      {exported ? <FileLink url={exported.url} fileName={`${title}.xlsx`} label={`下载 Excel（${exported.rows} 行）`} /> : null}
    </View>
  )
}

/** A published bulletin: the shareable image (保存图片 / 分享), the printable page, and for the town office the Excel. */
export function Published({ bulletinId, flagThreshold, canExport }: { bulletinId: string; flagThreshold?: number | null; canExport: boolean }) {
  const pub = useQuery('supervision.publicBulletin', { bulletinId })
  const org = useOrgOverview()
  const b = pub.data
  const issuer = issuerOf(org.data)
  let body: JSX.Element
  if (pub.error && !b) body = <ErrorState message={pub.error} onRetry={() => void pub.reload()} retrying={pub.loading} />
  else if (!b) body = <Skeleton rows={6} />
  else if (issuer === null) body = <IssuerPending org={org} />
  else body = <BulletinImage bulletin={b} issuer={issuer} flagThreshold={flagThreshold} />
  return (
    <SectionCard title='通报图片' className='bulletin-published'>
      {body}
      <View className='bulletin-actions'>
        <Button fill='outline' className='bulletin-print-link' onClick={() => void Taro.navigateTo({ url: withId(BULLETIN_ROUTES.print, bulletinId) })}>
          打印版
        </Button>
        {canExport && b ? <ExportExcel bulletinId={bulletinId} title={b.title} /> : null}
      </View>
    </SectionCard>
  )
}
