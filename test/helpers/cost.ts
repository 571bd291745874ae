import type { ActionName } from '../../src/contract'
import { callAs } from './town'

/**
 * Database requests of successful calls (the caller's profile counts as one). `cost` throws on a
 * refusal; the largest figure per action is kept and printed after the file with PRINT_DB_REQUESTS=1.
 */
export function costMeter(): {
  cost: (who: string | { openid: string }, action: ActionName, input: unknown) => Promise<number>
  /** A figure measured another way (a timer job's run). */
  record: (key: string, dbRequests: number) => void
  print: () => void
} {
  const costs: Record<string, number> = {}
  return {
    async cost(who, action, input) {
      const { res, dbRequests } = await callAs(who, action, input)
      if (!res.ok) throw new Error(`${action}: ${res.code} ${res.message}`)
      const key = typeof who === 'string' ? action : `${action} (${Object.keys(input as object).join(',')})`
      costs[key] = Math.max(costs[key] ?? 0, dbRequests)
      return dbRequests
    },
    record(key, dbRequests) {
      costs[key] = dbRequests
    },
    print() {
      if (process.env.PRINT_DB_REQUESTS) console.log(JSON.stringify(costs, null, 1))
    }
  }
}
