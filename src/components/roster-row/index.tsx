import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InputOf, RosterRow } from '@/contract'
import { DateTimeField } from '@/components/datetime-field'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { shortDateTime } from '@/services/activity-time'
import { maskPhone } from '@/services/org-names'
import { validateInput } from '@/services/validate'
import { HOURS_STATUS_LABELS, SIGNUP_STATUS_LABELS, hoursText } from '@/services/volunteer-text'
import './index.scss'

const SECOND_PERSON = '需要另一位组织者审核通过后，时长才计入'

type Open = 'checkin' | 'checkout' | 'correct' | null

interface Props {
  activityId: string
  row: RosterRow
  onChanged: (rows: RosterRow[]) => void
}

function statusText(row: RosterRow): string {
  if (row.status === 'waitlisted') return row.position ? `候补第 ${row.position} 位` : '候补'
  return SIGNUP_STATUS_LABELS[row.status]
}

/** One person on the roster: sign-up state, check-in/out, hours and flags, and the organiser's corrections. */
export function RosterRowView({ activityId, row, onChanged }: Props) {
  const [open, setOpen] = useState<Open>(null)
  const signed = row.status === 'signed'
  const toggle = (next: Open) => setOpen(open === next ? null : next)
  const done = (rows: RosterRow[]) => {
    setOpen(null)
    onChanged(rows)
  }
  return (
    <View
      className={`roster-row roster-row--${row.status}${row.flags.length || row.relaySuspect ? ' roster-row--flagged' : ''}${row.relaySuspect ? ' roster-row--relay' : ''}`}
      data-user-id={row.userId}
    >
      <View className='wm-row'>
        <Text className='roster-name'>{row.name}</Text>
        <Text className={`roster-status roster-status--${row.status}`}>{statusText(row)}</Text>
      </View>
      <Text className='wm-muted roster-phone'>{maskPhone(row.phone)}</Text>
      {signed ? (
        <Text className='roster-times'>
          签到 {row.checkInAt ? shortDateTime(row.checkInAt) : '—'} · 签退 {row.checkOutAt ? shortDateTime(row.checkOutAt) : '—'}
        </Text>
      ) : null}
      {signed && (row.checkOutAt || row.hoursStatus !== 'none') ? (
        <Text className={`roster-hours hours-status--${row.hoursStatus}`}>
          时长 {hoursText(row.hours)}（{HOURS_STATUS_LABELS[row.hoursStatus]}）
        </Text>
      ) : null}
      {row.relaySuspect ? <Text className='roster-relay'>{row.relaySuspect}</Text> : null}
      {row.flags.map((flag) => (
        <Text key={flag} className='roster-flag'>
          {flag}
        </Text>
      ))}
      {signed ? <RosterActions row={row} toggle={toggle} /> : null}
      {open === 'checkin' || open === 'checkout' ? <ManualCheckForm activityId={activityId} row={row} kind={open} onDone={done} /> : null}
      {open === 'correct' ? <CorrectHoursForm activityId={activityId} row={row} onDone={done} /> : null}
    </View>
  )
}

function RosterActions({ row, toggle }: { row: RosterRow; toggle: (open: Open) => void }) {
  return (
    <View className='roster-actions'>
      {!row.checkInAt ? (
        <Button className='roster-manual-checkin' size='small' fill='outline' onClick={() => toggle('checkin')}>
          手工签到
        </Button>
      ) : null}
      {row.checkInAt && !row.checkOutAt ? (
        <Button className='roster-manual-checkout' size='small' fill='outline' onClick={() => toggle('checkout')}>
          手工签退
        </Button>
      ) : null}
      {row.checkOutAt || row.hoursStatus !== 'none' ? (
        <Button className='roster-correct' size='small' fill='outline' onClick={() => toggle('correct')}>
          更正时长
        </Button>
      ) : null}
    </View>
  )
}

/** Sends one correction; field errors from the schema first, the server's message after. */
function useSend<A extends 'volunteers.manualCheck' | 'volunteers.correctHours'>(action: A, onDone: (rows: RosterRow[]) => void) {
  const request = useAction(action)
  const send = async (input: InputOf<A>, done: string) => {
    const invalid = validateInput(action, input)
    if (invalid) return request.fail(invalid.fields && Object.keys(invalid.fields).length ? null : invalid.message, invalid.fields)
    const res = await request.run(input)
    if (!res?.ok) return
    void Taro.showToast({ title: done, icon: 'none' })
    // Both actions answer with the roster.
    onDone(res.data as RosterRow[])
  }
  return { fields: request.fieldErrors, error: request.message, saving: request.busy, send }
}

function ManualCheckForm({ activityId, row, kind, onDone }: { activityId: string; row: RosterRow; kind: 'checkin' | 'checkout'; onDone: (rows: RosterRow[]) => void }) {
  const [at, setAt] = useState(() => new Date().toISOString())
  const [reason, setReason] = useState('')
  const { fields, error, saving, send } = useSend('volunteers.manualCheck', onDone)
  const label = kind === 'checkin' ? '手工签到' : '手工签退'
  const submit = () => {
    const input = { activityId, userId: row.userId, kind, at, reason }
    void send(input, `已${label}，待审核`)
  }
  return (
    <View className={`roster-form roster-form--${kind}`}>
      <Text className='roster-form-note'>
        为 {row.name} {label}。{SECOND_PERSON}。
      </Text>
      <FormField label={kind === 'checkin' ? '签到时间' : '签退时间'} error={fields.at}>
        <DateTimeField className='pick-manual-at' value={at} onChange={setAt} />
      </FormField>
      <FormField label='原因' error={fields.reason}>
        <TextArea className='input-manual-reason' value={reason} maxlength={200} placeholder='如：手机没电，现场核实本人到场' onChange={setReason} />
      </FormField>
      {error ? <Text className='wm-error-text roster-form-error'>{error}</Text> : null}
      <Button className='roster-manual-confirm' type='primary' block loading={saving} disabled={saving} onClick={submit}>
        {`确认${label}`}
      </Button>
    </View>
  )
}

function CorrectHoursForm({ activityId, row, onDone }: { activityId: string; row: RosterRow; onDone: (rows: RosterRow[]) => void }) {
  const [hours, setHours] = useState(String(row.hours))
  const [reason, setReason] = useState('')
  const { fields, error, saving, send } = useSend('volunteers.correctHours', onDone)
  const submit = () => {
    const input = { activityId, userId: row.userId, hours: hours.trim() === '' ? Number.NaN : Number(hours), reason }
    void send(input, '已提交更正，待审核')
  }
  return (
    <View className='roster-form roster-form--correct'>
      <Text className='roster-form-note'>
        更正 {row.name} 的时长（现为 {hoursText(row.hours)}）。{SECOND_PERSON}。
      </Text>
      <FormField label='更正为（小时）' error={fields.hours}>
        <TextInput className='input-correct-hours' type='digit' value={hours} maxlength={5} onChange={setHours} />
      </FormField>
      <FormField label='原因' error={fields.reason}>
        <TextArea className='input-correct-reason' value={reason} maxlength={200} placeholder='如：忘记签退，按活动实际结束时间计' onChange={setReason} />
      </FormField>
      {error ? <Text className='wm-error-text roster-form-error'>{error}</Text> : null}
      <Button className='roster-correct-confirm' type='primary' block loading={saving} disabled={saving} onClick={submit}>
        确认更正
      </Button>
    </View>
  )
}
