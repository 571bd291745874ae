import type * as v from 'valibot'
import { contract, DEFAULT_MESSAGES, parseInput, type ActionName, type Fail } from '@/contract'

/** Path of an issue as the `fields` key: `phone`, `items.0.name`. */
function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.')
}

/**
 * Checks input against the contract schema before any round trip, so forms get field
 * errors at once. Returns null when the input is valid.
 */
export function validateInput(action: ActionName, input: unknown): Fail | null {
  const spec = contract[action]
  if (!spec) return { ok: false, code: 'INVALID_INPUT', message: DEFAULT_MESSAGES.INVALID_INPUT }
  const parsed = parseInput(spec.input, input)
  if (parsed.success) return null
  const fields: Record<string, string> = {}
  for (const issue of parsed.issues) {
    const key = issuePath(issue)
    if (key && !(key in fields)) fields[key] = issue.message
  }
  return {
    ok: false,
    code: 'INVALID_INPUT',
    message: parsed.issues[0]?.message || DEFAULT_MESSAGES.INVALID_INPUT,
    fields
  }
}
