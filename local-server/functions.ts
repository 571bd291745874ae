import { join } from 'node:path'
import { localCloud, type Identity } from '../local-cloud'

export type Main = (event: unknown, context?: unknown) => Promise<unknown>

const root = join(__dirname, '..')
const mains = new Map<string, Main>()

/** Function names, in one place for the server, the tests and the benchmark. */
export const FUNCTION_NAMES = ['users', 'org', 'reports', 'volunteers', 'deeds', 'honour', 'supervision'] as const
export type FunctionName = (typeof FUNCTION_NAMES)[number]
/** Functions reached through the HTTP access service, not by the app's callFunction (no action router). */
export const HTTP_FUNCTION_NAMES = ['georeport'] as const

/**
 * Loads every function either from the esbuild bundles (what the cloud runs; the server uses this)
 * or from the TypeScript sources (tests under ts-jest), and registers them for cloud.callFunction.
 */
export function loadFunctions(from: 'build' | 'source'): void {
  for (const name of [...FUNCTION_NAMES, ...HTTP_FUNCTION_NAMES]) {
    const file = from === 'build' ? join(root, 'build', 'cloudfunctions', name, 'index.js') : join(root, 'cloudfunctions', name, 'index.ts')
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(file) as { main: Main }
    mains.set(name, mod.main)
    localCloud.registerFunction(name, mod.main)
  }
}

export interface Invocation {
  result: unknown
  dbRequests: number
}

/** Runs one function call as the given WeChat identity (null = no identity), the way the cloud would. */
export async function invoke(fn: string, event: unknown, identity: Identity | null): Promise<Invocation> {
  const main = mains.get(fn)
  if (!main) return { result: { ok: false, code: 'NOT_FOUND', message: '云函数不存在' }, dbRequests: 0 }
  const { value, dbRequests } = await localCloud.runAs(identity, () => main(event, {}))
  return { result: value, dbRequests }
}
