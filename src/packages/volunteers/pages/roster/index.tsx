import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RosterCounts, RosterRow } from '@/contract'
import { FileLink, OPENS_ON_EXPORT } from '@/components/file-link/file-link'
import { guardedPage } from '@/components/guard'
import { RosterRowView } from '@/components/roster-row'
import { PagedList } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { PAGE_SIZE, usePagedQueryOf } from '@/hooks/use-query'
import { useActivityDetail } from '@/hooks/use-volunteers'
import { activityTimeText } from '@/services/activity-time'
import { openSpreadsheet } from '@/services/documents'
import { withActivityId } from '../../components/activity-param/activity-param'
import './index.scss'

/** 名单: who signed up, who is waiting, who checked in and out, with hours and flags; 导出 Excel. */
export default guardedPage('roster', withActivityId(Roster))

const flagged = (row: RosterRow) => (row.flags.length || row.relaySuspect ? 1 : 0)

/**
 * The roster a page at a time, in sign-up order. The totals come with every page and count the
 * whole roster (not the rows loaded); a manual check on a row only adds or removes its flag.
 */
function useRoster(activityId: string) {
  const [counts, setCounts] = useState<RosterCounts | null>(null)
  const list = usePagedQueryOf('volunteers.roster', { activityId, pageSize: PAGE_SIZE }, (data) => {
    setCounts(data.counts)
    return data
  })
  const changed = (before: RosterRow, rows: RosterRow[]) => {
    const after = rows.find((row) => row.id === before.id)
    if (!after) return
    list.replace(after)
    setCounts((current) => current && { ...current, flagged: current.flagged + flagged(after) - flagged(before) })
  }
  return { list, counts, changed }
}

function summaryText(counts: RosterCounts): string {
  return (
    `已报名 ${counts.signed} 人，已签到 ${counts.checkedIn} 人` +
    (counts.waitlisted ? `，候补 ${counts.waitlisted} 人` : '') +
    (counts.flagged ? `，${counts.flagged} 人需要留意` : '') +
    (counts.relaySuspect ? `（其中 ${counts.relaySuspect} 人扫码位置与他人重合，疑似代签，请核实）` : '')
  )
}

function Roster({ activityId }: { activityId: string }) {
  const detail = useActivityDetail(activityId)
  const { list, counts, changed } = useRoster(activityId)
  const body = (
    <PagedList list={list} empty='还没有人报名' className='roster-list' rows={5} head={counts ? <Text className='roster-summary'>{summaryText(counts)}</Text> : null}>
      {(row) => <RosterRowView key={row.id} activityId={activityId} row={row} onChanged={(rows) => changed(row, rows)} />}
    </PagedList>
  )
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
  const exportRoster = useAction('volunteers.exportRoster')
  const exporting = exportRoster.busy
  const [exported, setExported] = useState<{ url: string; rows: number } | null>(null)
  const [openError, setOpenError] = useState<string | null>(null)
  const error = exportRoster.message ?? openError
  const run = async () => {
    setOpenError(null)
    const res = await exportRoster.run({ activityId })
    if (!res?.ok) return
    setExported({ url: res.data.url, rows: res.data.rows })
    void Taro.showToast({ title: `已导出 ${res.data.rows} 人`, icon: 'success' })
    if (OPENS_ON_EXPORT) {
      const opened = await openSpreadsheet(res.data.url)
      if (!opened.ok) setOpenError(opened.message)
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
