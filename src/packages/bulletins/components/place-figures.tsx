import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BULLETIN_FIGURE_LABELS, BULLETIN_FIGURES, type BulletinFigure, type BulletinOwnFigures } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { FormField, TextArea } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { EmptyState } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { formatDateTime } from '@/services/format'
import { validateInput } from '@/services/validate'
import { RowFigures, StatusTag } from './figures'
import { Published } from './published'
import { ContestItem } from './town-bulletin'

const FIGURE_CHOICES = BULLETIN_FIGURES.map((f) => ({ value: f, label: BULLETIN_FIGURE_LABELS[f] }))

/** 申诉: one figure and a reason; checked with the contract before the call. */
function ContestForm({ own, onChanged }: { own: BulletinOwnFigures; onChanged: (next: BulletinOwnFigures) => void }) {
  const contest = useAction('supervision.contestBulletin')
  const [figure, setFigure] = useState<BulletinFigure | null>(null)
  const [reason, setReason] = useState('')
  const submit = async () => {
    if (!figure) return contest.fail('请选择申诉的数据', { figure: '请选择申诉的数据' })
    const input = { bulletinId: own.bulletin.id, placeKind: own.placeKind, placeId: own.placeId, figure, reason: reason.trim() }
    const invalid = validateInput('supervision.contestBulletin', input)
    if (invalid) return contest.fail(invalid.message, invalid.fields)
    const res = await contest.run(input)
    if (!res?.ok) return
    void Taro.showToast({ title: '已提交申诉', icon: 'success' })
    onChanged(res.data)
  }
  return (
    <SectionCard title='提出申诉' className='bulletin-contest-form'>
      <Text className='wm-muted'>对本单位的数据有异议的，选择一项数据并写明理由（每期一次），镇创建办会答复。</Text>
      <FormField label='申诉的数据' error={contest.fieldErrors.figure}>
        <ChoiceChips
          options={FIGURE_CHOICES}
          value={figure}
          onChange={(f) => {
            setFigure(f)
            contest.clearField('figure')
          }}
          label='申诉的数据'
        />
      </FormField>
      <FormField label='申诉理由' error={contest.fieldErrors.reason}>
        <TextArea value={reason} onChange={setReason} maxlength={500} className='bulletin-contest-reason-input' placeholder='写明哪里有误、正确的情况和依据（至少 5 个字）' />
      </FormField>
      {contest.message && !Object.keys(contest.fieldErrors).length ? <Text className='wm-error-text bulletin-contest-error'>{contest.message}</Text> : null}
      <Button type='primary' block className='bulletin-contest-submit' loading={contest.busy} disabled={contest.busy} onClick={() => void submit()}>
        提交申诉
      </Button>
    </SectionCard>
  )
}

/** What a village or unit sees of a bulletin: its own figures, how they were scored, its contest. */
export function PlaceFigures({ own, onChanged }: { own: BulletinOwnFigures; onChanged: (next: BulletinOwnFigures) => void }) {
  const b = own.bulletin
  return (
    <>
      <SectionCard title={b.title} className='bulletin-head'>
        <StatusTag status={b.status} label={b.statusLabel} />
        <Text className='wm-muted'>
          {b.kindLabel} · {b.periodLabel} · {own.placeName}
        </Text>
        {b.reviewUntil && b.status === 'review' ? <Text className='bulletin-review-until'>申诉期至 {formatDateTime(b.reviewUntil)}</Text> : null}
        <Text className='wm-muted'>{b.flagName ? `流动红旗：${b.flagName}` : '流动红旗：空缺'}</Text>
      </SectionCard>
      {b.status === 'published' ? <Published bulletinId={b.id} canExport={false} /> : null}
      <SectionCard title='本单位的数据和得分依据' className='bulletin-own'>
        {own.rows.length ? own.rows.map((row) => <RowFigures key={`${row.peer}-${row.placeId}`} row={row} open />) : <EmptyState text='本期通报中没有本单位的数据' />}
      </SectionCard>
      {own.contests.length ? (
        <SectionCard title='本单位的申诉' className='bulletin-contests'>
          {own.contests.map((c) => (
            <ContestItem key={c.id} contest={c} />
          ))}
        </SectionCard>
      ) : null}
      {own.canContest ? <ContestForm own={own} onChanged={onChanged} /> : own.contestNote ? <Text className='wm-muted bulletin-contest-note-text'>{own.contestNote}</Text> : null}
    </>
  )
}

export interface Place {
  placeKind: 'village' | 'unit'
  placeId: string
  label: string
}

/** The places a person answers for (several grants: chips to choose). */
export function PlaceChips({ places, value, onChange }: { places: Place[]; value: Place; onChange: (p: Place) => void }) {
  if (places.length < 2) return null
  return (
    <View className='bulletin-places'>
      <ChoiceChips
        options={places.map((p) => ({ value: `${p.placeKind}:${p.placeId}`, label: p.label }))}
        value={`${value.placeKind}:${value.placeId}`}
        onChange={(key) => onChange(places.find((p) => `${p.placeKind}:${p.placeId}` === key) ?? value)}
        label='选择村（居）或单位'
      />
    </View>
  )
}
