/**
 * Per-call context of the local cloud.
 *
 * In the real cloud every function invocation is its own process-like sandbox and
 * `cloud.getWXContext()` reads the caller's identity from `process.env` (`WX_OPENID`, `WX_APPID`,
 * `WX_UNIONID`, `WX_CLIENTIP`, `WX_CLIENTIPV6`, listed in `WX_CONTEXT_KEYS`, plus `TCB_SOURCE`).
 * Locally many calls share one process, so `process.env` is replaced by a Proxy: keys that belong to
 * a call (every `WX_*` key and `TCB_SOURCE`) are read from and written to the AsyncLocalStorage store
 * of the current call; every other key goes to the real environment. Outside any call the real
 * environment is used for every key.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface Identity {
  openid: string
  appid?: string
  unionid?: string
  clientIp?: string
  clientIpV6?: string
}

export interface CallStore {
  /** Call-scoped environment (WX_* keys, TCB_SOURCE). */
  env: Record<string, string>
  identity: Identity | null
  /** Database requests (`send` calls) made in this call scope (shared with allowUnindexed sub-scopes). */
  counter: { dbRequests: number }
  /** Unindexed-query warnings inside this scope are recorded as allowed (tests opt out explicitly). */
  allowUnindexed: boolean
  /** not a call: environment keys come from the real environment (allowUnindexed outside runAs) */
  inheritEnv?: boolean
}

export const als = new AsyncLocalStorage<CallStore>()

export const DEFAULT_APPID = 'wx-local-appid'

export function isScopedEnvKey(key: string): boolean {
  return key.startsWith('WX_') || key === 'TCB_SOURCE'
}

/** Builds the call-scoped environment the cloud would give a function invoked by `identity`. */
export function envFor(identity: Identity | null, source: string): Record<string, string> {
  // with no identity (timer triggers, calls from outside WeChat) the keys are listed but unset, so
  // getWXContext() still reports ENV and SOURCE
  const env: Record<string, string> = { TCB_SOURCE: source, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID' }
  if (!identity) return env
  const pairs: Array<[string, string | undefined]> = [
    ['WX_OPENID', identity.openid],
    ['WX_APPID', identity.appid ?? DEFAULT_APPID],
    ['WX_UNIONID', identity.unionid],
    ['WX_CLIENTIP', identity.clientIp],
    ['WX_CLIENTIPV6', identity.clientIpV6]
  ]
  const keys: string[] = []
  for (const [k, v] of pairs) {
    if (v === undefined || v === '') continue
    env[k] = v
    keys.push(k)
  }
  env.WX_CONTEXT_KEYS = keys.join(',')
  return env
}

export function currentStore(): CallStore | undefined {
  return als.getStore()
}

/** Runs fn in a fresh call scope. */
export function runInScope<T>(store: CallStore, fn: () => T): T {
  return als.run(store, fn)
}

type EnvRecord = Record<string, string | undefined>

let installedBase: EnvRecord | null = null

/** Replaces `process.env` by a Proxy that routes call-scoped keys to the AsyncLocalStorage store. Idempotent. */
export function installEnvProxy(): void {
  if (installedBase) return
  const base = process.env as EnvRecord
  installedBase = base
  const scoped = (key: string | symbol): CallStore | undefined => {
    if (typeof key !== 'string' || !isScopedEnvKey(key)) return undefined
    const store = als.getStore()
    return store && !store.inheritEnv ? store : undefined
  }
  const proxy = new Proxy<EnvRecord>(
    {},
    {
      get(_t, key) {
        if (typeof key !== 'string') return undefined
        const store = scoped(key)
        return store ? store.env[key] : base[key]
      },
      set(_t, key, value: unknown) {
        if (typeof key !== 'string') return false
        const store = scoped(key)
        if (store) store.env[key] = String(value)
        else base[key] = value as string
        return true
      },
      deleteProperty(_t, key) {
        if (typeof key !== 'string') return true
        const store = scoped(key)
        if (store) delete store.env[key]
        else delete base[key]
        return true
      },
      has(_t, key) {
        if (typeof key !== 'string') return false
        const store = scoped(key)
        return store ? key in store.env : key in base
      },
      ownKeys() {
        const s = als.getStore()
        const store = s && !s.inheritEnv ? s : undefined
        const keys = Object.keys(base).filter((k) => !(store && isScopedEnvKey(k)))
        if (store) keys.push(...Object.keys(store.env))
        return keys
      },
      getOwnPropertyDescriptor(_t, key) {
        if (typeof key !== 'string') return undefined
        const store = scoped(key)
        const src = store ? store.env : base
        if (!(key in src)) return undefined
        return { value: src[key], writable: true, enumerable: true, configurable: true }
      },
      defineProperty(_t, key, desc) {
        if (typeof key !== 'string') return false
        const store = scoped(key)
        if (store) store.env[key] = String(desc.value)
        else base[key] = desc.value as string
        return true
      }
    }
  )
  ;(process as unknown as { env: EnvRecord }).env = proxy
}
