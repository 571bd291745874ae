/** 防刷与审批规则: the form's fields, their plain-language explanations and their checks (from the contract). */
import { contract, type InputOf, type TownSafeguards } from '@/contract'
import { isChinese, numberMessage, numberOf, rangeOf, type NumberFieldText } from '@/services/number-fields'
import { validateInput } from '@/services/validate'

export type SafeguardField = keyof TownSafeguards
export type SafeguardsDraft = Record<SafeguardField, string>

const entries = contract['org.saveSafeguards'].input.entries

export type SafeguardText = NumberFieldText<SafeguardField>

export const CORRECTION_FIELD: SafeguardText = {
  field: 'correctionThreshold',
  title: '积分更正审批线',
  unit: '分',
  explain: '一次更正加或扣的分数超过这个数时，不会立即记入，须由提出人以外的村（居）管理员或镇创建办批准。填 0 表示每次更正都要另一人批准。',
  range: rangeOf(entries.correctionThreshold)
}

export const CAP_FIELDS: readonly SafeguardText[] = [
  {
    field: 'reportsPerDay',
    title: '随手拍',
    unit: '条',
    explain: '每人每天最多提交的随手拍。网格员、镇创建办的督导上报不受此限。',
    range: rangeOf(entries.reportsPerDay)
  },
  {
    field: 'declarationsPerDay',
    title: '善行申报',
    unit: '条',
    explain: '每人每天最多申报的善行。网格员为本网格居民代录的不受此限。',
    range: rangeOf(entries.declarationsPerDay)
  },
  {
    field: 'nominationsPerDay',
    title: '评选提名',
    unit: '次',
    explain: '每人每天最多提交的评选提名。',
    range: rangeOf(entries.nominationsPerDay)
  }
]

export const ALL_FIELDS: readonly SafeguardText[] = [CORRECTION_FIELD, ...CAP_FIELDS]

export function draftOf(s: TownSafeguards): SafeguardsDraft {
  return {
    correctionThreshold: String(s.correctionThreshold),
    reportsPerDay: String(s.reportsPerDay),
    declarationsPerDay: String(s.declarationsPerDay),
    nominationsPerDay: String(s.nominationsPerDay)
  }
}

export function inputOf(draft: SafeguardsDraft): InputOf<'org.saveSafeguards'> {
  return {
    correctionThreshold: numberOf(draft.correctionThreshold),
    reportsPerDay: numberOf(draft.reportsPerDay),
    declarationsPerDay: numberOf(draft.declarationsPerDay),
    nominationsPerDay: numberOf(draft.nominationsPerDay)
  }
}

/** Field errors from the contract schema (the same one call() checks), in Chinese. Empty when valid. */
export function checkSafeguards(draft: SafeguardsDraft): Partial<Record<SafeguardField, string>> {
  const fields = validateInput('org.saveSafeguards', inputOf(draft))?.fields ?? {}
  const errors: Partial<Record<SafeguardField, string>> = {}
  for (const text of ALL_FIELDS) {
    const message = fields[text.field]
    if (message === undefined) continue
    // An empty box or one that is not a number is named by the form's own title.
    const raw = draft[text.field]
    errors[text.field] = isChinese(message) && !Number.isNaN(numberOf(raw)) ? message : numberMessage(text, raw)
  }
  return errors
}
