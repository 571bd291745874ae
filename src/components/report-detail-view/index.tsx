import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { RATING_LABELS, type Letter, type ReportDetail } from '@/contract'
import { LetterView } from '@/components/letter-view'
import { PhotoGrid } from '@/components/photo-grid'
import { PlaceMap } from '@/components/place-map/place-map'
import { ReportTimeline } from '@/components/report-timeline'
import { SectionCard } from '@/components/section-card'
import { OverdueBadge, SourceBadge, StatusTag, SuspendedBadge } from '@/components/status-tag'
import { awaitedLine } from '@/domain/report-awaited'
import { formatDate, formatDateTime } from '@/services/format'
import './index.scss'

interface Props {
  report: ReportDetail
  /** Staff open a letter as its own printable page; residents read it inline. */
  onOpenLetter?: (letter: Letter) => void
}

function Line({ label, value, className }: { label: string; value: string | null | undefined; className?: string }) {
  if (!value) return null
  return (
    <View className={`detail-line${className ? ` ${className}` : ''}`}>
      <Text className='detail-label'>{label}</Text>
      <Text className='detail-value'>{value}</Text>
    </View>
  )
}

/** The place in words: village · grid · the address (a map pick's address, or what the person typed). */
function placeText(report: ReportDetail): string {
  const place = [report.villageName, report.gridName].filter(Boolean).join(' · ')
  return [place, report.address].filter(Boolean).join(' · ')
}

/** Everything about one problem: what, where, photos, the answer, after-photos, the steps, the letters. */
export function ReportDetailView({ report, onOpenLetter }: Props) {
  const awaited = awaitedLine(report, new Date())
  return (
    <View className='report-detail'>
      <SectionCard className='detail-head'>
        <View className='detail-tags'>
          <StatusTag status={report.status} label={report.statusLabel} />
          <OverdueBadge overdue={report.overdue} />
          <SuspendedBadge suspended={report.suspended} />
          <SourceBadge source={report.source} />
        </View>
        <Text className='detail-category'>{report.categoryName}</Text>
        <Text className='detail-description'>{report.description}</Text>
        <Line label='编号' value={report.no} className='detail-no' />
        <Line label='反映时间' value={formatDateTime(report.createdAt)} />
        <Line label='地点' value={placeText(report)} className='detail-place' />
        <PlaceMap location={report.location} />
        <Line label='进度' value={awaited} className={`detail-awaited${report.overdue ? ' detail-line--overdue' : ''}`} />
        <Line
          label='反映人'
          value={report.reporter ? `${report.reporter.name}${report.reporter.phone ? ` ${report.reporter.phone}` : ''}${report.anonymous ? '（匿名）' : ''}` : null}
          className='detail-reporter'
        />
        {!report.reporter && report.anonymous ? <Line label='反映人' value='匿名' /> : null}
        <Line label='重复于' value={report.duplicateOf} />
        {report.supportCount > 0 ? <Line label='也遇到了' value={`${report.supportCount} 人`} /> : null}
        <PhotoGrid photos={report.photos} emptyText='没有现场照片' />
      </SectionCard>

      {report.unitName || report.measures ? (
        <SectionCard title='处理情况' className='detail-handling'>
          <Line label='责任单位' value={report.unitName} />
          {/* the awaited line above already names the deadline of the step under way */}
          {report.status === 'answered' ? null : <Line label='整改期限' value={formatDate(report.rectifyDeadline)} className='detail-rectify-deadline' />}
          <Line label='整改措施' value={report.measures} className='detail-measures' />
          <Line label='计划完成' value={formatDate(report.plannedDate)} className='detail-planned' />
        </SectionCard>
      ) : null}

      {report.afterPhotos.length ? (
        <SectionCard title='整改后照片' className='detail-after'>
          <PhotoGrid photos={report.afterPhotos} />
        </SectionCard>
      ) : null}

      {report.rating ? (
        <SectionCard title='评价' className='detail-rating'>
          <Text className='detail-rating-value'>{RATING_LABELS[report.rating.value]}</Text>
          {report.rating.comment ? <Text className='detail-rating-comment'>{report.rating.comment}</Text> : null}
          <Text className='wm-muted'>{formatDateTime(report.rating.at)}</Text>
        </SectionCard>
      ) : null}

      <SectionCard title='处理过程' className='detail-timeline'>
        <ReportTimeline entries={report.timeline} />
      </SectionCard>

      {report.letters.length ? (
        <SectionCard title='函件' className='detail-letters'>
          {report.letters.map((letter) => (
            <LetterItem key={letter.id} letter={letter} onOpen={onOpenLetter} />
          ))}
        </SectionCard>
      ) : null}
    </View>
  )
}

function LetterItem({ letter, onOpen }: { letter: Letter; onOpen?: (letter: Letter) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='detail-letter' data-letter-id={letter.id}>
      <View className='wm-row detail-letter-row' onClick={() => (onOpen ? onOpen(letter) : setOpen(!open))}>
        <View className='detail-letter-main'>
          <Text className='detail-letter-kind'>{letter.kindLabel}</Text>
          <Text className='wm-muted'>
            {letter.no} · {formatDate(letter.issuedAt)}
          </Text>
        </View>
        <Text className='wm-link'>{onOpen ? '查看' : open ? '收起' : '展开'}</Text>
      </View>
      {open && !onOpen ? <LetterView letter={letter} /> : null}
    </View>
  )
}
