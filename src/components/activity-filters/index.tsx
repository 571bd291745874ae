import { View, Text } from '@tarojs/components'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type ActivityCategory, type OrgOverview } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { Segmented } from '@/components/segmented'
import { DATE_RANGES, rangeOf, type DateRange } from '@/services/activity-time'
import './index.scss'

export interface ActivityFilterValue {
  /** 'all' = the whole town. */
  villageId: string
  category: ActivityCategory | 'all'
  range: DateRange
}

const ALL = 'all'

const CATEGORY_OPTIONS = [{ value: ALL, label: '全部' }, ...ACTIVITY_CATEGORIES.map((value) => ({ value, label: ACTIVITY_CATEGORY_LABELS[value] }))]

/** The volunteers.activities input of the filters (without cursor and page size). */
export function activityQuery(value: ActivityFilterValue, now: Date = new Date()) {
  return {
    ...(value.villageId !== ALL ? { villageId: value.villageId } : {}),
    ...(value.category !== ALL ? { category: value.category } : {}),
    ...rangeOf(value.range, now)
  }
}

interface Props {
  value: ActivityFilterValue
  onChange: (value: ActivityFilterValue) => void
  org: OrgOverview | null
}

/** 村（居）, 类别 and 近期/本周/本月, every option visible. */
export function ActivityFilters({ value, onChange, org }: Props) {
  const villages = [{ value: ALL, label: '全镇' }, ...namedOptions(org?.villages ?? [])]
  return (
    <View className='activity-filters'>
      <Segmented className='activity-range' options={DATE_RANGES} value={value.range} onChange={(range) => onChange({ ...value, range })} />
      <Text className='activity-filter-label'>村（居）</Text>
      <ChoiceChips className='filter-village' label='按村（居）筛选' options={villages} value={value.villageId} onChange={(villageId) => onChange({ ...value, villageId })} />
      <Text className='activity-filter-label'>类别</Text>
      <ChoiceChips
        className='filter-category'
        label='按活动类别筛选'
        options={CATEGORY_OPTIONS}
        value={value.category}
        onChange={(category) => onChange({ ...value, category: category as ActivityFilterValue['category'] })}
      />
    </View>
  )
}
