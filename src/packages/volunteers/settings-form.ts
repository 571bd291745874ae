/** 志愿服务规则: the form's fields, their plain-language explanations and their checks. */
import { contract, type InputOf, type VolunteerSettings } from '@/contract'
import { isChinese, numberMessage, numberOf, rangeOf, type NumberFieldText as FieldText } from '@/services/number-fields'
import { validateInput } from '@/services/validate'

export type NumberField = 'maxDistanceM' | 'rotateSeconds' | 'checkinOpensMinutes'
export type SettingsField = 'roundingHours' | NumberField
export type Rounding = '0.25' | '0.5' | '1'

export interface SettingsDraft {
  roundingHours: Rounding
  maxDistanceM: string
  rotateSeconds: string
  checkinOpensMinutes: string
}

export const ROUNDING_OPTIONS: ReadonlyArray<{ value: Rounding; label: string }> = [
  { value: '0.25', label: '按 15 分钟' },
  { value: '0.5', label: '按半小时' },
  { value: '1', label: '按 1 小时' }
]

export const ROUNDING_EXPLAIN = '签到到签退的时长，按所选单位向下取整，不足一个单位的零头不计。例如服务了 1 小时 50 分钟：按 15 分钟记 1.75 小时，按半小时记 1.5 小时，按 1 小时记 1 小时。'

const entries = contract['volunteers.saveSettings'].input.entries

export type NumberFieldText = FieldText<NumberField>

export const NUMBER_FIELDS: readonly NumberFieldText[] = [
  {
    field: 'maxDistanceM',
    title: '签到距离',
    unit: '米',
    explain: '志愿者扫码签到时，离活动地点多远以内才算到场。手机定位可能偏差几十到几百米，设得太小，人在现场也可能签不上。',
    range: rangeOf(entries.maxDistanceM)
  },
  {
    field: 'rotateSeconds',
    title: '签到码更换间隔',
    unit: '秒',
    explain: '活动现场大屏上的签到二维码多少秒换一次。换得越快，越难把二维码拍下来转发给不在现场的人；刚换下的上一个码仍可使用。',
    range: rangeOf(entries.rotateSeconds)
  },
  {
    field: 'checkinOpensMinutes',
    title: '提前开放签到',
    unit: '分钟',
    explain: '活动开始前多少分钟起可以扫码签到。填 0 表示活动开始时才能签到。',
    range: rangeOf(entries.checkinOpensMinutes)
  }
]

export const roundingLabel = (hours: number) => ROUNDING_OPTIONS.find((item) => Number(item.value) === hours)?.label ?? `按 ${hours} 小时`

export function draftOf(settings: VolunteerSettings): SettingsDraft {
  const rounding = ROUNDING_OPTIONS.find((item) => Number(item.value) === settings.roundingHours)?.value ?? '0.5'
  return {
    roundingHours: rounding,
    maxDistanceM: String(settings.maxDistanceM),
    rotateSeconds: String(settings.rotateSeconds),
    checkinOpensMinutes: String(settings.checkinOpensMinutes)
  }
}

export function inputOf(draft: SettingsDraft): InputOf<'volunteers.saveSettings'> {
  return {
    roundingHours: Number(draft.roundingHours) as InputOf<'volunteers.saveSettings'>['roundingHours'],
    maxDistanceM: numberOf(draft.maxDistanceM),
    rotateSeconds: numberOf(draft.rotateSeconds),
    checkinOpensMinutes: numberOf(draft.checkinOpensMinutes)
  }
}

/** Field errors from the contract schema (the same one call() checks), in Chinese. Empty when valid. */
export function checkSettings(draft: SettingsDraft): Partial<Record<SettingsField, string>> {
  const fields = validateInput('volunteers.saveSettings', inputOf(draft))?.fields ?? {}
  const errors: Partial<Record<SettingsField, string>> = {}
  if (fields.roundingHours) errors.roundingHours = isChinese(fields.roundingHours) ? fields.roundingHours : '请选择时长取整方式'
  for (const text of NUMBER_FIELDS) {
    const message = fields[text.field]
    if (message !== undefined) errors[text.field] = isChinese(message) ? message : numberMessage(text, draft[text.field])
  }
  return errors
}
