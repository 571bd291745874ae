import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReportDetail, ReportStatus } from '@/contract'
import { REPORT_TEMPLATES } from '@/contract/subscribe-templates'
import { Button } from '@/components/ui'
import { askToSubscribe, canAskToSubscribe } from '@/services/subscribe'
import './progress-reminder.scss'

/** Statuses after which nothing more happens unless the reporter reopens the problem. */
const SETTLED: ReadonlySet<ReportStatus> = new Set(['closed', 'rejected', 'duplicate'])

/**
 * WeChat's one-time 订阅消息: each 允许 lets the town send one message. The submit tap asked once
 * (for the first change); here the reporter can ask for the next one while the problem is open.
 * Shown only where the dialog can appear (WeChat, template configured).
 */
export function ProgressReminder({ report }: { report: ReportDetail }) {
  const [asked, setAsked] = useState<'accepted' | 'declined' | null>(null)
  if (!report.reporter || SETTLED.has(report.status) || !canAskToSubscribe(REPORT_TEMPLATES)) return null
  const ask = async () => {
    const accepted = await askToSubscribe(REPORT_TEMPLATES)
    setAsked(accepted ? 'accepted' : 'declined')
    if (accepted) void Taro.showToast({ title: '已开启提醒', icon: 'success' })
  }
  return (
    <View className='progress-reminder'>
      <Text className='wm-muted'>
        {asked === 'accepted' ? '下一次处理进度会通过微信服务通知告诉您；想再收一次，可以再点一下。' : '微信每次“允许”只能发一条服务通知。点一下，下一次处理进度和办结结果会通知您。'}
      </Text>
      {asked === 'declined' ? <Text className='wm-muted'>没有开启。可在右上角“…”→设置→通知管理里打开。</Text> : null}
      <Button className='progress-reminder-ask' fill='outline' block onClick={() => void ask()}>
        接收下一次进度提醒
      </Button>
    </View>
  )
}
