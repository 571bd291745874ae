import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { REPORT_STATUSES, REPORT_STATUS_LABELS, type CategoryItem, type OrgOverview, type ReportStatus, type Unit } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { DateField } from '@/components/date-field'
import { FormField } from '@/components/form-field'
import './index.scss'

export interface ReportFilterValue {
  status?: ReportStatus
  villageId?: string
  gridId?: string
  category?: string
  unitId?: string
  source?: 'resident' | 'inspection'
  overdue?: boolean
  /** Only the problems 挂起 by the town office. */
  suspended?: boolean
  from?: string
  to?: string
}

const ALL = 'all'

/** Only the keys that are set, for the action input and for a stable list key. */
export function cleanFilters(value: ReportFilterValue): ReportFilterValue {
  const out: ReportFilterValue = {}
  for (const [key, item] of Object.entries(value) as Array<[keyof ReportFilterValue, unknown]>) {
    if (item !== undefined && item !== '' && item !== false) (out as Record<string, unknown>)[key] = item
  }
  return out
}

export function filtersKey(value: ReportFilterValue): string {
  return JSON.stringify(cleanFilters(value))
}

interface Props {
  value: ReportFilterValue
  onChange: (value: ReportFilterValue) => void
  org: OrgOverview | null
  /** Villages to offer; null = every village (town office). */
  villageIds: string[] | null
  categories: CategoryItem[] | null
  /** null = no unit filter (unit staff see only their own). */
  units: Unit[] | null
  /** The ledger filters by date too. */
  withDates?: boolean
  /** The statuses offered as chips (default: every status; empty: no status row). */
  statuses?: readonly ReportStatus[]
  /** Every row under 更多筛选 (the queue shows its own status chips with counts above). */
  folded?: boolean
}

const STATUS_OPTIONS = [{ value: ALL, label: '全部' }, ...REPORT_STATUSES.map((status) => ({ value: status, label: REPORT_STATUS_LABELS[status] }))]
const SOURCE_OPTIONS = [
  { value: ALL, label: '全部来源' },
  { value: 'resident', label: '随手拍' },
  { value: 'inspection', label: '督导' }
]
const OVERDUE_OPTIONS = [
  { value: ALL, label: '全部' },
  { value: 'yes', label: '只看超期' },
  { value: 'suspended', label: '只看挂起' }
]

/** Filters of the queue and the ledger: the common ones in view, the rest under 更多筛选 (with `folded`, all of them). */
export function ReportFilters({ value, onChange, org, villageIds, categories, units, withDates, statuses, folded }: Props) {
  const [more, setMore] = useState(false)
  const set = (patch: ReportFilterValue) => onChange(cleanFilters({ ...value, ...patch }))
  const active = Object.keys(cleanFilters(value)).length
  const common = <CommonFilters value={value} set={set} statuses={statuses} />
  return (
    <View className={`report-filters${folded ? ' report-filters--folded' : ''}`}>
      {folded ? null : common}
      <View className='wm-row'>
        <Text className='wm-link filter-more' onClick={() => setMore(!more)}>
          {more ? '收起筛选' : folded ? '更多筛选（状态、超期、来源、村居、网格、类别、单位）' : '更多筛选（村居、网格、类别、单位' + (withDates ? '、日期）' : '）')}
        </Text>
        {active ? (
          <Text className='wm-link filter-clear' onClick={() => onChange({})}>
            清除筛选（{active}）
          </Text>
        ) : null}
      </View>
      {more && folded ? common : null}
      {more ? <MoreFilters value={value} set={set} org={org} villageIds={villageIds} categories={categories} units={units} withDates={withDates} /> : null}
    </View>
  )
}

/** 状态, 是否超期, 来源: in view, or under 更多筛选 when folded. */
function CommonFilters({ value, set, statuses }: { value: ReportFilterValue; set: (patch: ReportFilterValue) => void; statuses?: readonly ReportStatus[] }) {
  const options = statuses ? [{ value: ALL, label: '全部' }, ...statuses.map((status) => ({ value: status, label: REPORT_STATUS_LABELS[status] }))] : STATUS_OPTIONS
  return (
    <>
      {statuses?.length === 0 ? null : (
        <ChoiceChips
          className='filter-status'
          label='按状态筛选'
          options={options}
          value={value.status && options.some((o) => o.value === value.status) ? value.status : ALL}
          onChange={(status) => set({ status: status === ALL ? undefined : (status as ReportStatus) })}
        />
      )}
      <View className='report-filters-row'>
        <ChoiceChips
          className='filter-overdue'
          label='是否超期'
          options={OVERDUE_OPTIONS}
          value={value.overdue ? 'yes' : value.suspended ? 'suspended' : ALL}
          onChange={(choice) => set({ overdue: choice === 'yes' ? true : undefined, suspended: choice === 'suspended' ? true : undefined })}
        />
        <ChoiceChips
          className='filter-source'
          label='按来源筛选'
          options={SOURCE_OPTIONS}
          value={value.source ?? ALL}
          onChange={(source) => set({ source: source === ALL ? undefined : (source as 'resident' | 'inspection') })}
        />
      </View>
    </>
  )
}

interface ChipFilterProps {
  label: string
  className: string
  items: ReadonlyArray<{ value: string; label: string }>
  value: string | undefined
  onChange: (value: string | undefined) => void
}

/** One filter as chips with 全部 first; nothing when there is nothing to choose between. */
function ChipFilter({ label, className, items, value, onChange }: ChipFilterProps) {
  if (!items.length) return null
  return (
    <FormField label={label}>
      <ChoiceChips
        className={className}
        label={`按${label}筛选`}
        options={[{ value: ALL, label: '全部' }, ...items]}
        value={value ?? ALL}
        onChange={(choice) => onChange(choice === ALL ? undefined : choice)}
      />
    </FormField>
  )
}

function MoreFilters({ value, set, org, villageIds, categories, units, withDates }: Omit<Props, 'onChange'> & { set: (patch: ReportFilterValue) => void }) {
  const villages = (org?.villages ?? []).filter((village) => villageIds === null || villageIds.includes(village.id))
  // One village in scope (a village admin, a grid worker): its grids without choosing it first.
  const village = villages.find((item) => item.id === value.villageId) ?? (villages.length === 1 ? villages[0] : undefined)
  return (
    <View className='report-filters-more'>
      <ChipFilter
        label='村（居）'
        className='filter-village'
        items={villages.length > 1 ? namedOptions(villages) : []}
        value={value.villageId}
        onChange={(villageId) => set({ villageId, gridId: undefined })}
      />
      <ChipFilter label='网格' className='filter-grid' items={namedOptions(village?.grids ?? [])} value={value.gridId} onChange={(gridId) => set({ gridId })} />
      <ChipFilter
        label='类别'
        className='filter-category'
        items={(categories ?? []).map((item) => ({ value: item.code, label: item.name }))}
        value={value.category}
        onChange={(category) => set({ category })}
      />
      <ChipFilter label='责任单位' className='filter-unit' items={namedOptions(units ?? [])} value={value.unitId} onChange={(unitId) => set({ unitId })} />
      {withDates ? (
        <View className='report-filters-dates'>
          <FormField label='开始日期'>
            <DateField className='filter-from' value={value.from ?? ''} end={value.to} placeholder='不限' onChange={(from) => set({ from })} />
          </FormField>
          <FormField label='结束日期'>
            <DateField className='filter-to' value={value.to ?? ''} start={value.from} placeholder='不限' onChange={(to) => set({ to })} />
          </FormField>
        </View>
      ) : null}
    </View>
  )
}
