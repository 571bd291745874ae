/**
 * Number boxes of the town's rule forms (志愿服务规则, 防刷与审批规则): each box's words and the
 * bounds its contract schema sets, and a Chinese message when the schema refuses what was typed.
 */

export interface Range {
  min: number
  max: number
}

type PipeItem = { type?: string; requirement?: unknown }

/** The bounds the contract schema puts on a number field, so the hints never drift from the check. */
export function rangeOf(schema: unknown): Range {
  const pipe = ((schema as { pipe?: PipeItem[] }).pipe ?? []) as PipeItem[]
  const bound = (type: string) => Number(pipe.find((item) => item.type === type)?.requirement)
  return { min: bound('min_value'), max: bound('max_value') }
}

export interface NumberFieldText<F extends string> {
  field: F
  title: string
  unit: string
  explain: string
  range: Range
}

/** '' → NaN, so an empty box fails the schema instead of becoming 0. */
export const numberOf = (text: string) => (text.trim() ? Number(text.trim()) : NaN)

export const isChinese = (message: string | undefined): message is string => Boolean(message && /[\u4e00-\u9fff]/.test(message))

/** A Chinese message for a number the schema refused (some of its checks carry no message of their own). */
export function numberMessage(text: NumberFieldText<string>, raw: string): string {
  const value = numberOf(raw)
  if (Number.isNaN(value)) return raw.trim() ? `${text.title}请填写数字` : `请填写${text.title}`
  if (!Number.isInteger(value)) return `${text.title}应为整数`
  return `${text.title}应在 ${text.range.min}–${text.range.max} ${text.unit}之间`
}
