import { View, Text } from '@tarojs/components'
import { REPORT_STATUS_LABELS, ROLE_LABELS, type FlowAction, type Role, type TimelineEntry } from '@/contract'
import { PhotoGrid } from '@/components/photo-grid'
import { formatDateTime } from '@/services/format'
import './index.scss'

export const FLOW_ACTION_LABELS: Record<FlowAction, string> = {
  submit: '提交问题',
  accept: '受理',
  reject: '不予受理',
  markDuplicate: '标记为重复问题',
  changeCategory: '更改类别',
  dispatch: '派单',
  sign: '签收',
  answer: '答复',
  return: '退单',
  rectify: '提交整改结果',
  verifyPass: '验收通过，销号',
  verifyFail: '验收不通过',
  suspend: '暂缓办理',
  resume: '恢复办理',
  reopen: '申请重新处理',
  rate: '评价',
  remind: '工作提示',
  recur: '再次发现'
}

/** 王海涛（网格员）; the role alone when it is the name (居民, not 居民（居民）), none for 您 and 系统. */
export function actorText(entry: Pick<TimelineEntry, 'actor' | 'actorRole'>): string {
  const role = ROLE_LABELS[entry.actorRole as Role] as string | undefined
  if (!role || entry.actor === '您' || entry.actor === '系统' || entry.actor === role) return entry.actor
  return `${entry.actor}（${role}）`
}

/** Every step: when, what (from → to), who, the note and the evidence photos. */
export function ReportTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  if (!entries.length) return <Text className='wm-muted'>还没有处理记录</Text>
  return (
    <View className='timeline'>
      {entries.map((entry) => (
        <View key={entry.seq} className={`timeline-entry timeline-entry--${entry.action}`}>
          <View className='timeline-dot' />
          <View className='timeline-body'>
            <Text className='timeline-action'>{FLOW_ACTION_LABELS[entry.action] ?? entry.action}</Text>
            <Text className='wm-muted timeline-meta'>
              {formatDateTime(entry.at)} · {actorText(entry)}
            </Text>
            {entry.from && entry.to && entry.from !== entry.to ? (
              <Text className='wm-muted timeline-states'>
                {REPORT_STATUS_LABELS[entry.from]} → {REPORT_STATUS_LABELS[entry.to]}
              </Text>
            ) : null}
            {entry.note ? <Text className='timeline-note'>{entry.note}</Text> : null}
            <PhotoGrid photos={entry.photos} />
          </View>
        </View>
      ))}
    </View>
  )
}
