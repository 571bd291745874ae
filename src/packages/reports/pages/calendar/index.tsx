import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CalendarYear, InputOf } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DateField } from '@/components/date-field'
import { chinaParts } from '@/domain/china-time'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { ADMINS, Guard } from '@/components/guard'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useAction } from '@/hooks/use-action'
import { useQuery, type Remote } from '@/hooks/use-query'
import { validateInput } from '@/services/validate'
import './index.scss'

export default function CalendarPage() {
  return (
    <Guard name='calendar' title='节假日与调休' rule={ADMINS} denied='节假日设置只对镇创建办开放'>
      <Calendar />
    </Guard>
  )
}

type Kind = InputOf<'reports.setCalendarDay'>['kind']

const KIND_OPTIONS: ReadonlyArray<{ value: Kind; label: string }> = [
  { value: 'holiday', label: '放假' },
  { value: 'workday', label: '上班（调休）' },
  { value: 'auto', label: '恢复默认' }
]

function Calendar() {
  const scope = useAdminScope()
  const thisYear = chinaParts(new Date()).year
  const [year, setYear] = useState(thisYear)
  const calendar = useQuery('reports.calendar', { year })
  const years = [thisYear - 1, thisYear, thisYear + 1].map((item) => ({ value: String(item), label: `${item} 年` }))

  return (
    <View className='calendar'>
      <Text className='wm-muted calendar-intro'>答复期限按工作日计算：周末和法定节假日不算，调休上班的周末算。每年的放假安排由国务院在年底公布，数据包更新前可以在这里补充或更正。</Text>
      <ChoiceChips className='calendar-years' label='选择年份' options={years} value={String(year)} onChange={(value) => setYear(Number(value))} />
      <YearView calendar={calendar} year={year} />
      {scope.isTownAdmin ? <DayEditor year={year} onSaved={(saved) => saved.year === year && calendar.setData(() => saved)} /> : null}
    </View>
  )
}

function YearView({ calendar, year }: { calendar: Remote<CalendarYear>; year: number }) {
  if (calendar.loading && !calendar.data) return <Skeleton rows={5} />
  if (calendar.error && !calendar.data) return <ErrorState message={calendar.error} onRetry={() => void calendar.reload()} retrying={calendar.loading} />
  const data = calendar.data
  if (!data) return null
  return (
    <SectionCard title={`${year} 年`} className='calendar-year'>
      <Text className={`calendar-known ${data.known ? 'calendar-known--yes' : 'calendar-known--no'}`}>{data.known ? '放假安排已知' : '放假安排尚未公布：这一年的期限只按周末估算，会标注“估算”'}</Text>
      {data.days.length === 0 ? (
        <EmptyState text='这一年还没有节假日和调休记录' />
      ) : (
        <View className='calendar-days'>
          {data.days.map((day) => (
            <View key={day.date} className={`calendar-day calendar-day--${day.kind}`} data-date={day.date}>
              <Text className='calendar-day-date'>{day.date}</Text>
              <Text className='calendar-day-kind'>{day.kind === 'holiday' ? '放假' : '上班'}</Text>
              <Text className='calendar-day-name'>{day.name ?? ''}</Text>
              <Text className={`calendar-day-origin calendar-day-origin--${day.origin}`}>{day.origin === 'office' ? '创建办补充' : '数据包'}</Text>
            </View>
          ))}
        </View>
      )}
    </SectionCard>
  )
}

function DayEditor({ year, onSaved }: { year: number; onSaved: (calendar: CalendarYear) => void }) {
  const [date, setDate] = useState('')
  const [kind, setKind] = useState<Kind>('holiday')
  const [name, setName] = useState('')
  const setCalendarDay = useAction('reports.setCalendarDay')
  const { busy: saving, fieldErrors: fields, message: error } = setCalendarDay

  const save = async () => {
    const input: InputOf<'reports.setCalendarDay'> = { date, kind, ...(name.trim() && kind !== 'auto' ? { name } : {}) }
    const invalid = validateInput('reports.setCalendarDay', input)
    if (invalid) return setCalendarDay.fail(invalid.message, invalid.fields)
    const label = KIND_OPTIONS.find((item) => item.value === kind)?.label ?? ''
    const confirm = await Taro.showModal({
      title: '保存节假日',
      content: `${date} 设为“${label}”？之后计算的期限会按新的安排。`,
      confirmText: '保存',
      cancelText: '取消',
      confirmColor: '#c8161d'
    }).catch(() => ({ confirm: false }))
    if (!confirm.confirm) return
    const res = await setCalendarDay.run(input)
    if (!res?.ok) return
    onSaved(res.data)
    setName('')
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  return (
    <SectionCard title='补充或更正一天' className='calendar-editor'>
      <FormField label='日期' error={fields.date}>
        <DateField className='calendar-date' value={date} start={`${year - 1}-01-01`} end={`${year + 1}-12-31`} onChange={setDate} />
      </FormField>
      <FormField label='这一天' error={fields.kind}>
        <ChoiceChips className='calendar-kind' label='放假或上班' options={KIND_OPTIONS} value={kind} onChange={setKind} />
      </FormField>
      {kind !== 'auto' ? (
        <FormField label='名称（可不填）' error={fields.name}>
          <TextInput className='calendar-name' value={name} maxlength={20} placeholder='如：春节、国庆节调休' onChange={setName} />
        </FormField>
      ) : null}
      {error && !Object.keys(fields).length ? <Text className='wm-error-text'>{error}</Text> : null}
      <Button className='calendar-save' type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        保存
      </Button>
    </SectionCard>
  )
}
