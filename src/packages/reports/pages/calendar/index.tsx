import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CalendarDay, CalendarYear, InputOf } from '@/contract'
import { chinaDay, chinaParts } from '@/domain/china-time'
import { monthGrid, shiftMonth, type GridDay } from '@/domain/month-grid'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useAction } from '@/hooks/use-action'
import { useQuery, type Remote } from '@/hooks/use-query'
import { validateInput } from '@/services/validate'
import './index.scss'

export default guardedPage('calendar', Calendar)

type Kind = InputOf<'reports.setCalendarDay'>['kind']

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']
const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']
/** How far the page goes: last year to next year (what the office plans for). */
const SPAN_YEARS = 1

/** What a day is: the office's entry, else the national schedule, else weekday/weekend. */
function dayState(cell: GridDay, special: CalendarDay | undefined): { off: boolean; text: string } {
  if (special) return { off: special.kind === 'holiday', text: `${special.kind === 'holiday' ? '放假' : '上班（调休）'}${special.name ? ` · ${special.name}` : ''}` }
  return cell.weekend ? { off: true, text: '周末休息' } : { off: false, text: '工作日' }
}

const originText = (day: CalendarDay) => (day.origin === 'office' ? '创建办补充' : '国家安排')

function Calendar() {
  const scope = useAdminScope()
  const now = chinaParts(new Date())
  const [shown, setShown] = useState({ year: now.year, month: now.month })
  const [picked, setPicked] = useState<string | null>(null)
  const calendar = useQuery('reports.calendar', { year: shown.year })
  const move = (delta: number) => {
    const next = shiftMonth(shown.year, shown.month, delta)
    if (Math.abs(next.year - now.year) > SPAN_YEARS) return
    setPicked(null)
    setShown(next)
  }
  const atStart = shown.year === now.year - SPAN_YEARS && shown.month === 1
  const atEnd = shown.year === now.year + SPAN_YEARS && shown.month === 12

  return (
    <View className='calendar'>
      <Text className='wm-muted calendar-intro'>
        答复期限按工作日计算：周末和法定节假日不算，调休上班的周末算。国家每年年底公布下一年的放假安排；还没收录或需要更正时，
        {scope.isTownAdmin ? '点日历上的日子设为放假或上班。' : '由镇创建办在这里设置。'}
      </Text>
      <View className='wm-row calendar-nav'>
        <Button className='calendar-prev' size='small' fill='outline' disabled={atStart} onClick={() => move(-1)}>
          上个月
        </Button>
        <Text className='calendar-month-title'>
          {shown.year} 年 {shown.month} 月
        </Text>
        <Button className='calendar-next' size='small' fill='outline' disabled={atEnd} onClick={() => move(1)}>
          下个月
        </Button>
      </View>
      <MonthView calendar={calendar} year={shown.year} month={shown.month} today={chinaDay(new Date())} picked={picked} onPick={scope.isTownAdmin ? setPicked : undefined} />
      {scope.isTownAdmin && picked && calendar.data ? (
        <DayEditor
          key={picked}
          date={picked}
          special={calendar.data.days.find((day) => day.date === picked)}
          onClose={() => setPicked(null)}
          onSaved={(saved) => {
            if (saved.year === shown.year) calendar.setData(() => saved)
            setPicked(null)
          }}
        />
      ) : null}
      {calendar.data ? <MonthList days={calendar.data.days} year={shown.year} month={shown.month} /> : null}
    </View>
  )
}

interface MonthProps {
  calendar: Remote<CalendarYear>
  year: number
  month: number
  today: string
  picked: string | null
  /** The town office sets a day by tapping it; others only look. */
  onPick?: (date: string) => void
}

function MonthView({ calendar, year, month, today, picked, onPick }: MonthProps) {
  if (calendar.loading && !calendar.data) return <Skeleton rows={5} />
  if (calendar.error && !calendar.data) return <ErrorState message={calendar.error} onRetry={() => void calendar.reload()} retrying={calendar.loading} />
  const data = calendar.data
  if (!data) return null
  const special = new Map(data.days.map((day) => [day.date, day]))
  return (
    <SectionCard className='calendar-month'>
      <Text className={`calendar-known ${data.known ? 'calendar-known--yes' : 'calendar-known--no'}`}>
        {data.known ? `${year} 年的放假安排已收录` : `${year} 年的放假安排尚未公布：这一年的期限只按周末估算，会标注“估算”`}
      </Text>
      <View className='calendar-grid' role='grid'>
        <View className='calendar-week calendar-week--head'>
          {WEEKDAYS.map((name, column) => (
            <Text key={name} className={`calendar-head${column >= 5 ? ' calendar-head--weekend' : ''}`}>
              {name}
            </Text>
          ))}
        </View>
        {monthGrid(year, month).map((row, index) => (
          <View key={index} className='calendar-week'>
            {row.map((cell, column) =>
              cell ? (
                <DayCell key={cell.date} cell={cell} special={special.get(cell.date)} today={today} picked={picked === cell.date} onPick={onPick} />
              ) : (
                <View key={`blank-${column}`} className='calendar-cell calendar-cell--blank' />
              )
            )}
          </View>
        ))}
      </View>
      <View className='calendar-legend'>
        <Text className='calendar-legend-item calendar-legend-item--holiday'>休 放假</Text>
        <Text className='calendar-legend-item calendar-legend-item--workday'>班 调休上班</Text>
        <Text className='calendar-legend-item calendar-legend-item--office'>· 创建办补充</Text>
      </View>
    </SectionCard>
  )
}

function DayCell({ cell, special, today, picked, onPick }: { cell: GridDay; special: CalendarDay | undefined; today: string; picked: boolean; onPick?: (date: string) => void }) {
  const classes = ['calendar-cell']
  if (cell.weekend) classes.push('calendar-cell--weekend')
  if (special) classes.push(`calendar-cell--${special.kind}`)
  if (special?.origin === 'office') classes.push('calendar-cell--office')
  if (cell.date === today) classes.push('calendar-cell--today')
  if (picked) classes.push('calendar-cell--picked')
  const state = dayState(cell, special)
  return (
    <View className={classes.join(' ')} data-date={cell.date} aria-label={`${cell.date} ${state.text}`} role={onPick ? 'button' : undefined} onClick={onPick ? () => onPick(cell.date) : undefined}>
      <Text className='calendar-cell-day'>{cell.day}</Text>
      {special ? <Text className='calendar-cell-mark'>{special.kind === 'holiday' ? '休' : '班'}</Text> : null}
    </View>
  )
}

/** The month's holidays and make-up days in words, with where each comes from. */
function MonthList({ days, year, month }: { days: CalendarDay[]; year: number; month: number }) {
  const prefix = `${year}-${month < 10 ? `0${month}` : month}-`
  const inMonth = days.filter((day) => day.date.startsWith(prefix))
  return (
    <SectionCard title={`${month} 月的放假和调休`} className='calendar-list'>
      {inMonth.length === 0 ? (
        <Text className='wm-muted calendar-list-empty'>这个月没有节假日或调休，按周末休息、周一到周五上班计算。</Text>
      ) : (
        inMonth.map((day) => (
          <View key={day.date} className={`calendar-day calendar-day--${day.kind}`} data-date={day.date}>
            <Text className='calendar-day-date'>{Number(day.date.slice(8))} 日</Text>
            <Text className='calendar-day-kind'>{day.kind === 'holiday' ? '放假' : '上班（调休）'}</Text>
            <Text className='calendar-day-name'>{day.name ?? ''}</Text>
            <Text className={`calendar-day-origin calendar-day-origin--${day.origin}`}>{originText(day)}</Text>
          </View>
        ))
      )}
    </SectionCard>
  )
}

interface EditorProps {
  date: string
  special: CalendarDay | undefined
  onClose: () => void
  onSaved: (calendar: CalendarYear) => void
}

/** One tapped day: what it is now, and 设为放假 / 设为上班（调休） / 恢复默认 — one tap saves (and can be undone the same way). */
function DayEditor({ date, special, onClose, onSaved }: EditorProps) {
  const [name, setName] = useState(special?.origin === 'office' ? (special.name ?? '') : '')
  const setCalendarDay = useAction('reports.setCalendarDay')
  const { busy: saving, fieldErrors: fields, message: error } = setCalendarDay
  const column = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
  const cell: GridDay = { date, day: Number(date.slice(8)), column, weekend: column >= 5 }
  const state = dayState(cell, special)

  const save = async (kind: Kind) => {
    const input: InputOf<'reports.setCalendarDay'> = { date, kind, ...(name.trim() && kind !== 'auto' ? { name: name.trim() } : {}) }
    const invalid = validateInput('reports.setCalendarDay', input)
    if (invalid) return setCalendarDay.fail(invalid.message, invalid.fields)
    const res = await setCalendarDay.run(input)
    if (!res?.ok) return
    onSaved(res.data)
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  return (
    <SectionCard title={`${Number(date.slice(5, 7))} 月 ${cell.day} 日（${WEEKDAY_NAMES[column]}）`} className='calendar-editor'>
      <Text className='calendar-editor-now'>
        现在：{state.text}
        {special ? `（${originText(special)}）` : ''}
      </Text>
      <FormField label='名称（可不填）' error={fields.name}>
        <TextInput className='calendar-name' value={name} maxlength={20} placeholder='如：春节、国庆节调休' onChange={setName} />
      </FormField>
      {error ? <Text className='wm-error-text calendar-editor-error'>{error}</Text> : null}
      <View className='wm-actions calendar-editor-actions'>
        {special?.kind === 'holiday' && special.origin === 'office' ? null : (
          <Button className='calendar-set-holiday' type='primary' loading={saving} disabled={saving} onClick={() => void save('holiday')}>
            设为放假
          </Button>
        )}
        {special?.kind === 'workday' && special.origin === 'office' ? null : (
          <Button className='calendar-set-workday' type='primary' fill='outline' loading={saving} disabled={saving} onClick={() => void save('workday')}>
            设为上班（调休）
          </Button>
        )}
        {special?.origin === 'office' ? (
          <Button className='calendar-set-auto' fill='outline' loading={saving} disabled={saving} onClick={() => void save('auto')}>
            恢复默认
          </Button>
        ) : null}
        <Button className='calendar-editor-close' fill='outline' disabled={saving} onClick={onClose}>
          取消
        </Button>
      </View>
    </SectionCard>
  )
}
