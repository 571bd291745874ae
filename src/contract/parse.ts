import * as v from 'valibot'
import type { AnySchema } from './define'
import { DEFAULT_MESSAGES } from './result'

type Issue = v.BaseIssue<unknown>

const TYPE_MESSAGES: Record<string, string> = {
  string: '应填写文字',
  number: '应填写数字',
  boolean: '应选择“是”或“否”',
  array: '应为一组内容',
  object: '内容格式不正确',
  picklist: '请从给定的选项中选择',
  literal: '内容不正确',
  union: '内容格式不正确'
}

const amount = (issue: Issue) => String(issue.requirement)
const unit = (issue: Issue) => (typeof issue.input === 'string' ? '个字' : '项')

const CHECK_MESSAGES: Record<string, (issue: Issue) => string> = {
  integer: () => '应填写整数',
  min_value: (issue) => `不能小于 ${amount(issue)}`,
  max_value: (issue) => `不能大于 ${amount(issue)}`,
  min_length: (issue) => `至少 ${amount(issue)} ${unit(issue)}`,
  max_length: (issue) => `最多 ${amount(issue)} ${unit(issue)}`,
  regex: () => '格式不正确',
  iso_date: () => '日期格式不正确',
  iso_timestamp: () => '时间格式不正确'
}

/**
 * The Chinese wording of an issue whose schema carries no message of its own: valibot's defaults are
 * English (`Invalid key: Expected "reportId" but received undefined`), and a person reads these.
 */
export function issueMessage(issue: Issue): string {
  const last = issue.path?.[issue.path.length - 1]
  if (issue.kind === 'schema' && last?.origin === 'key') {
    return issue.expected === 'never' ? '包含不支持的内容' : '有必填的内容没有填写'
  }
  if (issue.kind === 'schema') return TYPE_MESSAGES[issue.type] ?? DEFAULT_MESSAGES.INVALID_INPUT
  return CHECK_MESSAGES[issue.type]?.(issue) ?? DEFAULT_MESSAGES.INVALID_INPUT
}

const CHINESE: v.Config<Issue> = { message: issueMessage }

/** valibot's object() takes an array for an object with no keys; an action's input is a plain object. */
const objectData = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), '请求格式不正确')

export type ParsedInput = { success: true; output: unknown } | { success: false; issues: [Issue, ...Issue[]] }

/**
 * Checks an action's input the one way the router and the forms both do: the input must be a plain
 * object (an array, a string, a number or null is refused), and every message is Chinese — the
 * schema's own, or issueMessage's.
 */
export function parseInput(schema: AnySchema, data: unknown): ParsedInput {
  const shape = v.safeParse(objectData, data, CHINESE)
  if (!shape.success) return { success: false, issues: shape.issues }
  const parsed = v.safeParse(schema, data, CHINESE)
  return parsed.success ? { success: true, output: parsed.output } : { success: false, issues: parsed.issues }
}
