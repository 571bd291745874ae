import { View, Text, Image } from '@tarojs/components'
import type { ReportSummary } from '@/contract'
import { OverdueBadge, SourceBadge, StatusTag, SuspendedBadge } from '@/components/status-tag'
import { formatDate, formatDateTime } from '@/services/format'
import './index.scss'

interface Props {
  report: ReportSummary
  onOpen: (report: ReportSummary) => void
  /** Staff see the place and unit; residents see their own words. */
  showUnit?: boolean
}

/** One problem in a list: photo, category, status, overdue, place, dates. */
export function ReportCard({ report, onOpen, showUnit }: Props) {
  const place = [report.villageName, report.gridName].filter(Boolean).join(' · ')
  return (
    <View className={`report-card${report.overdue ? ' report-card--overdue' : ''}`} data-report-id={report.id} onClick={() => onOpen(report)}>
      {report.thumb?.url ? (
        <Image className='report-card-thumb' src={report.thumb.url} mode='aspectFill' lazyLoad />
      ) : (
        <View className='report-card-thumb report-card-thumb--none'>
          <Text>{report.thumb ? '图片暂不可见' : '无图'}</Text>
        </View>
      )}
      <View className='report-card-main'>
        <View className='report-card-tags'>
          <StatusTag status={report.status} label={report.statusLabel} />
          <OverdueBadge overdue={report.overdue} />
          <SuspendedBadge suspended={report.suspended} />
          <SourceBadge source={report.source} />
        </View>
        <Text className='report-card-category'>{report.categoryName}</Text>
        <Text className='report-card-desc'>{report.description}</Text>
        <Text className='wm-muted report-card-place'>
          {place}
          {report.address ? ` · ${report.address}` : ''}
        </Text>
        {showUnit && report.unitName ? <Text className='wm-muted report-card-unit'>责任单位：{report.unitName}</Text> : null}
        {report.dueAt ? (
          <Text className={`report-card-due${report.overdue ? ' wm-error-text' : ' wm-muted'}`}>
            期限：{formatDate(report.dueAt)}
            {report.dueEstimated ? '（节假日未公布，按估算）' : ''}
          </Text>
        ) : null}
        <Text className='wm-muted report-card-meta'>
          {report.no} · {formatDateTime(report.createdAt)}
          {report.supportCount > 0 ? ` · ${report.supportCount} 人也遇到了` : ''}
        </Text>
      </View>
    </View>
  )
}
