/** Shared pieces of the safeguard tests: the town's settings and the daily submission counts. */
import type { TownSafeguards } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { dumpAll, ok } from './town'

/**
 * Everything in the database but the daily submission counts: a submission refused by the content
 * check has already taken its daily slot (the check's quota was spent), and nothing else is written.
 */
export function dumpButDailyCounts(): Record<string, unknown[]> {
  const { daily_counts: _counted, ...rest } = dumpAll()
  return rest
}

export const dailyCounts = () => localCloud.engine.all('daily_counts') as Array<{ _id: string; kind: string; day: string; count: number }>

/** Saves the town's safeguards as the town office, the fields not given keeping their current value. */
export async function setSafeguards(patch: Partial<TownSafeguards>): Promise<TownSafeguards> {
  const current = await ok('town-admin', 'org.safeguards', {})
  return ok('town-admin', 'org.saveSafeguards', { ...current, ...patch })
}
