import { Text } from '@tarojs/components'
import type { ReportStatus } from '@/contract'
import './index.scss'

export function StatusTag({ status, label }: { status: ReportStatus; label: string }) {
  return <Text className={`status-tag status-tag--${status}`}>{label}</Text>
}

export function OverdueBadge({ overdue }: { overdue: boolean }) {
  return overdue ? <Text className='overdue-badge'>已超期</Text> : null
}

/** 挂起 by the town office: everyone sees 暂缓办理. */
export function SuspendedBadge({ suspended }: { suspended?: boolean }) {
  return suspended ? <Text className='suspended-badge'>暂缓办理</Text> : null
}

export function SourceBadge({ source }: { source: 'resident' | 'inspection' }) {
  return source === 'inspection' ? <Text className='source-badge'>督导</Text> : null
}
