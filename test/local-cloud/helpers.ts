/** Shared set-up for the local-cloud tests: the REAL wx-server-sdk on a fresh in-memory local cloud. */
import cloud from 'wx-server-sdk'
import { localCloud, type IndexSpec } from '../../local-cloud'

let inited = false

/**
 * The SDK boundary is typed loosely on purpose: wx-server-sdk 4.0.2's own typings disagree with its
 * runtime (callback-style `string | void | Promise<T>` returns, no serverDate offset, no centerSphere,
 * no multi:false on update…), and these tests exercise the runtime.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sdk = any

export function sdk(): Sdk {
  if (!inited) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    inited = true
  }
  return cloud
}

export type Database = Sdk

/** An in-memory local cloud with no data, plus the given extra collections (replacing declared ones of the same name). */
export function freshCloud(collections: Record<string, IndexSpec[]> = {}): Database {
  localCloud.open({ dataDir: null })
  localCloud.reset()
  for (const [name, indexes] of Object.entries(collections)) {
    // a test's own collection replaces a declared one of the same name (e.g. 'reports')
    if (localCloud.engine.hasCollection(name)) localCloud.engine.dropCollection(name)
    localCloud.engine.createCollection(name, indexes)
  }
  return sdk().database()
}

/** Index spec shorthand: idx('name', ['a', 1], ['b', -1]). */
export function idx(name: string, ...keys: Array<[string, 1 | -1 | '2dsphere']>): IndexSpec {
  return { name, keys: keys.map(([field, direction]) => ({ field, direction })) }
}

export function uniqueIdx(name: string, ...keys: Array<[string, 1 | -1]>): IndexSpec {
  return { ...idx(name, ...keys), unique: true }
}

/** The error a rejected SDK promise carries. */
export async function errorOf(p: unknown): Promise<{ errCode?: number; errMsg?: string; code?: string; message?: string }> {
  try {
    await (p as Promise<unknown>)
  } catch (e) {
    return e as { errCode?: number; errMsg?: string }
  }
  throw new Error('expected the call to fail')
}

/** The SDK's typings return `string | void | Promise<T>` (callback style); the calls here always return promises. */
export const promised = <T = unknown>(x: unknown): Promise<T> => x as Promise<T>

/** `.data` of a get() result. */
export const data = async (p: unknown): Promise<Array<Record<string, unknown>>> => ((await promised(p)) as { data: Array<Record<string, unknown>> }).data

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
