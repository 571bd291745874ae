// bench/results.json: one flat object of figures; each script merges its own keys.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './run.mjs'

export const RESULTS_FILE = join(root, 'bench', 'results.json')

// `replace`: a key prefix whose old keys are dropped first (a bench that owns every key under it).
export function mergeResults(figures, { replace } = {}) {
  const stored = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {}
  const current = replace ? Object.fromEntries(Object.entries(stored).filter(([k]) => !k.startsWith(replace))) : stored
  const next = { ...current, ...figures }
  mkdirSync(join(root, 'bench'), { recursive: true })
  writeFileSync(RESULTS_FILE, JSON.stringify(Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b))), null, 2) + '\n')
  return next
}
