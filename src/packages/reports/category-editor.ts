/** 问题类别: the editor's rows, new codes, order and checks (the schema is the one call() checks). */
import { contract, type CategoryItem, type InputOf } from '@/contract'
import { validateInput } from '@/services/validate'

export interface CategoryRow extends CategoryItem {
  /** Added here and not saved yet: the only rows that may be removed (saved codes live on in old reports). */
  isNew: boolean
}

type PipeItem = { type?: string; requirement?: unknown }
const itemsPipe = (contract['reports.saveCategories'].input.entries.items.pipe ?? []) as readonly PipeItem[]

/** How many categories the contract allows (40). */
export const MAX_CATEGORIES = Number(itemsPipe.find((item) => item.type === 'max_length')?.requirement ?? 40)

export const rowsOf = (items: readonly CategoryItem[]): CategoryRow[] => items.map((item) => ({ ...item, isNew: false }))

let sequence = 0

/**
 * A code for a new category: `custom_` + time in base 36 + a counter, which fits the contract's
 * categoryCode (a lower-case letter, then up to 31 of a-z, 0-9, _) and is never an old code again.
 */
export function newCategoryCode(taken: ReadonlySet<string>, now: number = Date.now()): string {
  for (;;) {
    sequence += 1
    const code = `custom_${now.toString(36)}${sequence.toString(36)}`.slice(0, 32)
    if (!taken.has(code)) return code
  }
}

/** The save of `rows` over revision `rev`, the one the rows were loaded (or last saved) at. */
export function inputOf(rows: readonly CategoryRow[], rev: number): InputOf<'reports.saveCategories'> {
  return { items: rows.map(({ code, name, enabled }) => ({ code, name: name.trim(), enabled })), rev }
}

/** The rows with the one at `index` moved by `delta` places (no-op at either end). */
export function moved<T>(rows: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta
  if (to < 0 || to >= rows.length) return [...rows]
  const next = [...rows]
  const [row] = next.splice(index, 1)
  next.splice(to, 0, row)
  return next
}

export interface CategoryCheck {
  /** Field messages by category code. */
  fields: Record<string, string>
  /** A message about the whole list (none enabled, too many), or null. */
  message: string | null
}

/**
 * Messages keyed `items.<index>.<field>` (from the schema or the server) moved onto the rows' codes;
 * one about the list itself (`items`) becomes the message, as does `fallback` when nothing else says why.
 */
export function byCode(rows: readonly CategoryRow[], paths: Record<string, string>, fallback: string | null): CategoryCheck {
  const fields: Record<string, string> = {}
  let message: string | null = null
  for (const [path, text] of Object.entries(paths)) {
    const row = rows[Number(path.split('.')[1])]
    if (row && !fields[row.code]) fields[row.code] = text
    else if (!row) message = message ?? text
  }
  return { fields, message: message ?? (Object.keys(fields).length ? null : fallback) }
}

function schemaErrors(rows: readonly CategoryRow[]): CategoryCheck {
  const invalid = validateInput('reports.saveCategories', inputOf(rows, 0))
  return invalid ? byCode(rows, invalid.fields ?? {}, invalid.message) : { fields: {}, message: null }
}

/** The contract's checks (unique codes and names, at least one enabled), with the repeated names marked on their rows. */
export function checkCategories(rows: readonly CategoryRow[]): CategoryCheck {
  const { fields, message } = schemaErrors(rows)
  const seen = new Set<string>()
  for (const row of rows) {
    const name = row.name.trim()
    if (name && seen.has(name) && !fields[row.code]) fields[row.code] = '类别名称不能重复'
    seen.add(name)
  }
  return { fields, message }
}
