import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { RosterRow } from '@/contract'
import { FileLink, OPENS_ON_EXPORT } from '@/components/file-link/file-link'
import { OrganiserGuard } from '@/components/organiser-guard'
import { RosterRowView } from '@/components/roster-row'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useRemote } from '@/hooks/use-remote'
import { useActivityDetail } from '@/hooks/use-volunteers'
import { activityTimeText } from '@/services/activity-time'
import { call } from '@/services/call'
import { openSpreadsheet } from '@/services/documents'
import './index.scss'

/** 名单: who signed up, who is waiting, who checked in and out, with hours and flags; 导出 Excel. */
export default function RosterPage() {
  const { params } = useRouter()
  return (
    <OrganiserGuard name='roster' title='报名与签到名单'>
      {() => (params.id ? <Roster activityId={params.id} /> : <ErrorState message='没有指定活动' />)}
    </OrganiserGuard>
  )
}

function counts(rows: RosterRow[]) {
  const signed = rows.filter((row) => row.status === 'signed')
  return {
    signed: signed.length,
    waitlisted: rows.filter((row) => row.status === 'waitlisted').length,
    checkedIn: signed.filter((row) => row.checkInAt).length,
    flagged: rows.filter((row) => row.flags.length).length
  }
}

function Roster({ activityId }: { activityId: string }) {
  const detail = useActivityDetail(activityId)
  const roster = useRemote(() => call('volunteers.roster', { activityId }), `roster:${activityId}`)
  let body: JSX.Element
  if (roster.loading && !roster.data) body = <Skeleton rows={5} />
  else if (roster.error && !roster.data) body = <ErrorState message={roster.error} onRetry={() => void roster.reload()} retrying={roster.loading} />
  else if (!roster.data?.length) body = <EmptyState text='还没有人报名' />
  else {
    const summary = counts(roster.data)
    body = (
      <View className='roster-list'>
        <Text className='roster-summary'>
          已报名 {summary.signed} 人，已签到 {summary.checkedIn} 人{summary.waitlisted ? `，候补 ${summary.waitlisted} 人` : ''}
          {summary.flagged ? `，${summary.flagged} 人需要留意` : ''}
        </Text>
        {roster.data.map((row) => (
          <RosterRowView key={row.userId} activityId={activityId} row={row} onChanged={(rows) => roster.setData(() => rows)} />
        ))}
      </View>
    )
  }
  return (
    <View className='roster'>
      {detail.data ? (
        <View className='roster-head'>
          <Text className='roster-title'>{detail.data.title}</Text>
          <Text className='wm-muted'>{activityTimeText(detail.data.startAt, detail.data.endAt)}</Text>
        </View>
      ) : null}
      <RosterExport activityId={activityId} title={detail.data?.title ?? '活动'} />
      {body}
    </View>
  )
}

function RosterExport({ activityId, title }: { activityId: string; title: string }) {
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<{ url: string; rows: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const run = async () => {
    setExporting(true)
    setError(null)
    const res = await call('volunteers.exportRoster', { activityId })
    setExporting(false)
    if (!res.ok) {
      setError(res.message)
      return
    }
    setExported({ url: res.data.url, rows: res.data.rows })
    void Taro.showToast({ title: `已导出 ${res.data.rows} 人`, icon: 'success' })
    if (OPENS_ON_EXPORT) {
      const opened = await openSpreadsheet(res.data.url)
      if (!opened.ok) setError(opened.message)
    }
  }
  return (
    <View className='roster-export'>
      <View className='wm-row'>
        <Text className='wm-muted'>名单、签到签退时间和时长</Text>
        <Button className='roster-export-button' type='primary' size='small' loading={exporting} disabled={exporting} onClick={() => void run()}>
          {exporting ? '正在导出…' : '导出 Excel'}
        </Button>
      </View>
      {error ? <Text className='wm-error-text roster-export-error'>{error}</Text> : null}
      {exported ? <FileLink url={exported.url} fileName={`${title}-名单.xlsx`} label={`下载 Excel（${exported.rows} 人）`} /> : null}
    </View>
  )
}
