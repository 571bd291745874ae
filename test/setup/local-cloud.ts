/**
 * jest setupFilesAfterEnv of the node project: a test fails if it ran a query that no declared index
 * serves (the local cloud records it in localCloud.warnings). Deliberate ones go inside
 * allowUnindexed(() => ...).
 */
import { localCloud, allowUnindexed, type UnindexedWarning } from '../../local-cloud'

export { allowUnindexed }

let before = new Set<UnindexedWarning>()

/** Warnings recorded since `seen` that were not allowed. */
export function unallowedSince(seen: Set<UnindexedWarning>): UnindexedWarning[] {
  return localCloud.warnings.filter((w) => !seen.has(w) && !w.allowed)
}

beforeEach(() => {
  before = new Set(localCloud.warnings)
})

afterAll(() => {
  // memory-mode files live in a temporary folder that close() removes
  if (localCloud.isOpen) localCloud.close()
})

afterEach(() => {
  const fresh = unallowedSince(before)
  if (fresh.length) {
    const lines = fresh.map((w) => `  - ${w.message}\n    filter: ${JSON.stringify(w.filter)}${w.sort ? `  sort: ${JSON.stringify(w.sort)}` : ''}`)
    throw new Error(
      `This test ran ${fresh.length} unindexed quer${fresh.length === 1 ? 'y' : 'ies'}:\n${lines.join('\n')}\n` +
        'Declare an index in cloudfunctions/collections.json, or wrap a deliberate one in allowUnindexed(() => ...).'
    )
  }
})
