import { ComingSoon } from '@/components/coming-soon'

export default function ReportPage() {
  return (
    <ComingSoon
      name='report'
      title='随手拍'
      description='发现乱扔垃圾、占道经营、井盖路灯损坏等问题，拍张照片、标个位置就能上报，处理进度随时可查，办好了您来评价。'
    />
  )
}
