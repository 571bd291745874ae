import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { INFO_LEVEL_LABELS, INFO_LEVELS, type InfoDetail, type InfoLevel } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { TextArea } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { withId } from '@/services/routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import '../supervision.scss'
import '../info.scss'

const LEVELS = INFO_LEVELS.map((l) => ({ value: l, label: INFO_LEVEL_LABELS[l] }))

/** One 信息: the text and photos, the decision and its history; the sender edits or withdraws it, the town office decides. */
export default function InfoPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const info = useQuery('supervision.info', id ? { infoId: id } : null)
  useReloadOnShow(info, Boolean(id))
  const i = info.data
  let body: JSX.Element
  if (info.error) body = <ErrorState message={info.error} onRetry={() => void info.reload()} retrying={info.loading} />
  else if (!i) body = <Skeleton rows={5} />
  else body = <InfoView info={i} onChanged={(next) => info.setData(() => next)} />
  return <PageShell name='info'>{body}</PageShell>
}

function InfoView({ info: i, onChanged }: { info: InfoDetail; onChanged: (next: InfoDetail) => void }) {
  return (
    <>
      <SectionCard title={i.title}>
        <Text className={`info-status info-status--${i.status}`}>{i.levelLabel ?? i.statusLabel}</Text>
        <Text className='wm-muted'>
          {i.kindLabel} · {i.submitter.name} · {i.submittedByName} 报送于 {i.submittedAt.slice(0, 10)}
        </Text>
        <Text className='wm-muted'>计入 {i.halfLabel}</Text>
        <Text className='info-text'>{i.text}</Text>
        {i.photos.map((p, k) => (
          <Image key={p.fileId} className='info-photo' src={p.url} mode='aspectFill' aria-label={`信息照片 ${k + 1}`} />
        ))}
      </SectionCard>
      {i.returnReason ? (
        <SectionCard title='退回原因'>
          <Text className='info-return-reason'>{i.returnReason}</Text>
        </SectionCard>
      ) : null}
      <SenderActions info={i} onChanged={onChanged} />
      {i.canDecide ? <Decide info={i} onChanged={onChanged} /> : null}
      <SectionCard title='经过'>
        {i.history.map((e, k) => (
          <Text key={k} className='wm-muted info-history'>
            {e.at.slice(0, 16).replace('T', ' ')} {e.byName} {e.actionLabel}
            {e.note ? `：${e.note}` : ''}
          </Text>
        ))}
      </SectionCard>
    </>
  )
}

function SenderActions({ info: i, onChanged }: { info: InfoDetail; onChanged: (next: InfoDetail) => void }) {
  const withdraw = useAction('supervision.withdrawInfo')
  if (!i.canEdit && !i.canWithdraw) return null
  const doWithdraw = async () => {
    const sure = await Taro.showModal({ title: '撤回这条信息？', content: '撤回后不再计入本半月的报送数，也不能再修改。' })
    if (!sure.confirm) return
    const res = await withdraw.run({ infoId: i.id, rev: i.rev })
    if (res?.ok) onChanged(res.data)
  }
  return (
    <View className='info-actions'>
      {i.canEdit ? (
        <Button type='primary' className='info-edit' onClick={() => void Taro.navigateTo({ url: withId(SUPERVISION_ROUTES.infoForm, i.id) })}>
          {i.status === 'returned' ? '修改后重新报送' : '修改'}
        </Button>
      ) : null}
      {i.canWithdraw ? (
        <Button fill='outline' className='info-withdraw' loading={withdraw.busy} disabled={withdraw.busy} onClick={() => void doWithdraw()}>
          撤回
        </Button>
      ) : null}
      {withdraw.message ? <Text className='wm-error-text'>{withdraw.message}</Text> : null}
    </View>
  )
}

function Decide({ info: i, onChanged }: { info: InfoDetail; onChanged: (next: InfoDetail) => void }) {
  const decide = useAction('supervision.decideInfo')
  const [level, setLevel] = useState<InfoLevel>('town')
  const [reason, setReason] = useState('')
  const run = async (decision: 'adopt' | 'return') => {
    const res = await decide.run(decision === 'adopt' ? { infoId: i.id, decision, level } : { infoId: i.id, decision, reason: reason.trim() })
    if (res?.ok) {
      void Taro.showToast({ title: decision === 'adopt' ? '已采用' : '已退回', icon: 'success' })
      onChanged(res.data)
    }
  }
  return (
    <SectionCard title='审核'>
      <ChoiceChips options={LEVELS} value={level} onChange={setLevel} label='采用级别' />
      <Button type='primary' block className='info-adopt' loading={decide.busy} disabled={decide.busy} onClick={() => void run('adopt')}>
        采用
      </Button>
      <TextArea value={reason} onChange={setReason} placeholder='退回原因（退回时必填）' maxlength={200} className='info-reason' />
      {decide.fieldErrors.reason ? <Text className='wm-error-text'>{decide.fieldErrors.reason}</Text> : null}
      <Button fill='outline' block className='info-return' loading={decide.busy} disabled={decide.busy} onClick={() => void run('return')}>
        退回
      </Button>
      {decide.message ? <Text className='wm-error-text'>{decide.message}</Text> : null}
    </SectionCard>
  )
}
