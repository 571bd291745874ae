/** The local cloud: one singleton used by the local server, the seed script, the tests and the benchmark. How to use it: README.md beside this file. */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Engine, type IndexSpec, type UnindexedWarning } from './db/engine'
import { createRequesterClass } from './db/requester'
import { LocalStorage } from './storage'
import { als, envFor, type CallStore, type Identity } from './context'
import * as openapi from './openapi'
import { newId } from './db/values'

export type { Identity } from './context'
export type { UnindexedWarning, IndexSpec, FindOptions, PlanReport, EngineStats } from './db/engine'
export type { Doc } from './db/values'
export type { OutboxMessage, MediaCheck, SecWord } from './openapi'
export { Engine } from './db/engine'

export type FunctionMain = (event: unknown, context: unknown) => unknown

export interface OpenOptions {
  /** data directory; null = memory only */
  dataDir?: string | null
  /** see EngineOptions.compactMinBytes */
  compactMinBytes?: number
  /** collections file (default <repo>/cloudfunctions/collections.json) */
  collectionsFile?: string
  /** simulated round trip per database request, in ms (sets localCloud.rttMs) */
  rttMs?: number
}

const REPO_ROOT = path.resolve(__dirname, '..')
const COLLECTIONS_FILE = path.join(REPO_ROOT, 'cloudfunctions', 'collections.json')

/** $LOCAL_CLOUD_RTT_MS (ms per database request), else 0; tests never pick it up from the environment. */
export function defaultRttMs(): number {
  const ms = Number(process.env.LOCAL_CLOUD_RTT_MS ?? 0)
  return Number.isFinite(ms) && ms > 0 ? ms : 0
}

function defaultDataDir(): string | null {
  if (process.env.LOCAL_CLOUD_DATA_DIR) return process.env.LOCAL_CLOUD_DATA_DIR
  if (process.env.JEST_WORKER_ID) return null
  return path.join(REPO_ROOT, '.local-cloud', 'data')
}

/**
 * What the cloud sets in the functions' configuration (README, 部署到微信云开发): the volunteers
 * function's key of ID numbers, 32 random bytes in base64, kept beside the data it encrypts.
 */
export const ID_NUMBER_KEY_ENV = 'ID_NUMBER_KEY'
export const ID_NUMBER_KEY_FILE = 'id-number-key'

let memoryIdNumberKey: string | null = null

function idNumberKeyFor(dataDir: string | null): string {
  if (!dataDir) return (memoryIdNumberKey ??= randomBytes(32).toString('base64'))
  const file = path.join(dataDir, ID_NUMBER_KEY_FILE)
  fs.mkdirSync(dataDir, { recursive: true })
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  return fs.readFileSync(file, 'utf8').trim()
}

function readDeclared(file: string): Record<string, { indexes?: IndexSpec[] }> {
  if (!fs.existsSync(file)) return {}
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: Record<string, { indexes?: IndexSpec[] }> }
  return json.collections ?? {}
}

type SendListener = (action: string, params: unknown) => void
type CloudCallListener = (method: string, args: unknown) => void

class LocalCloud {
  private _engine: Engine | null = null
  private _storage: LocalStorage | null = null
  private tmpDir: string | null = null
  private openedWith: string | null = null
  private readonly functions = new Map<string, FunctionMain>()
  private readonly sendListeners = new Set<SendListener>()
  private readonly cloudCallListeners = new Set<CloudCallListener>()
  readonly warnings: UnindexedWarning[] = []
  /** database requests made outside any runAs scope */
  unscopedDbRequests = 0
  /** simulated network round trip per database request, in ms (0 = answer at once) */
  rttMs = defaultRttMs()

  readonly requester = createRequesterClass({
    engine: () => this.engine,
    onRequest: () => {
      const store = als.getStore()
      if (store) store.counter.dbRequests++
      if (!store || store.inheritEnv) this.unscopedDbRequests++
    },
    onSend: (action, params) => {
      for (const l of this.sendListeners) l(action, params)
    },
    rttMs: () => this.rttMs
  })

  open(opts: OpenOptions = {}): void {
    const dataDir = opts.dataDir === undefined ? defaultDataDir() : opts.dataDir
    if (opts.rttMs !== undefined) this.rttMs = opts.rttMs
    const key = JSON.stringify([dataDir, opts.compactMinBytes ?? null, opts.collectionsFile ?? null])
    if (this._engine && this.openedWith === key) return
    if (this._engine) this.close()
    const engine = new Engine({
      dataDir: dataDir ? path.join(dataDir, 'db') : null,
      declared: readDeclared(opts.collectionsFile ?? COLLECTIONS_FILE),
      compactMinBytes: opts.compactMinBytes,
      onWarning: (w) => this.recordWarning(w)
    })
    this._engine = engine
    process.env[ID_NUMBER_KEY_ENV] = idNumberKeyFor(dataDir)
    // memory mode keeps files in a temporary folder, made on first use and removed by close()
    this._storage = dataDir ? new LocalStorage(path.join(dataDir, 'files'), path.join(dataDir, 'file-url-secret')) : null
    this.openedWith = key
  }

  get isOpen(): boolean {
    return this._engine !== null
  }

  close(): void {
    this._engine?.close()
    this._engine = null
    this._storage = null
    this.openedWith = null
    if (this.tmpDir) {
      fs.rmSync(this.tmpDir, { recursive: true, force: true })
      this.tmpDir = null
    }
  }

  reset(): void {
    this.engine.reset()
    this.warnings.length = 0
    openapi.clearOutbox()
    openapi.resetSecWords()
  }

  get engine(): Engine {
    if (!this._engine) this.open()
    return this._engine!
  }

  get storage(): LocalStorage {
    if (!this._engine) this.open()
    if (!this._storage) {
      this.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'))
      this._storage = new LocalStorage(path.join(this.tmpDir, 'files'))
    }
    return this._storage
  }

  private recordWarning(w: Omit<UnindexedWarning, 'allowed'>): void {
    const allowed = als.getStore()?.allowUnindexed === true
    this.warnings.push({ ...w, ...(allowed ? { allowed: true } : {}) })
    // a long-running server keeps the most recent ones only
    if (this.warnings.length > 2000) this.warnings.splice(0, this.warnings.length - 1000)
    if (!allowed) console.warn(`[local-cloud] ${w.message} filter=${JSON.stringify(w.filter)}${w.sort ? ' sort=' + JSON.stringify(w.sort) : ''}`)
  }

  // ---------------------------------------------------------------- calls and identities

  async runAs<T>(identity: Identity | null, fn: () => Promise<T> | T, source = 'wx_client'): Promise<{ value: T; dbRequests: number }> {
    // a function runs in an open cloud: its database, and its configuration in process.env
    if (!this._engine) this.open()
    const parent = als.getStore()
    const store: CallStore = {
      env: envFor(identity, source),
      identity,
      counter: { dbRequests: 0 },
      allowUnindexed: parent?.allowUnindexed ?? false
    }
    const value = await als.run(store, fn)
    return { value, dbRequests: store.counter.dbRequests }
  }

  registerFunction(name: string, main: FunctionMain): void {
    this.functions.set(name, main)
  }

  functionNames(): string[] {
    return [...this.functions.keys()].sort()
  }

  private contextFor(name: string): Record<string, unknown> {
    return {
      request_id: newId(),
      function_name: name,
      function_version: '$LATEST',
      namespace: 'local-env',
      memory_limit_in_mb: 256,
      time_limit_in_ms: 3000,
      callbackWaitsForEmptyEventLoop: false
    }
  }

  /** A call from the mini-program: event = JSON of data + userInfo, result JSON-serialised. */
  async invoke(name: string, data: unknown, identity: Identity | null): Promise<{ result: unknown; dbRequests: number }> {
    const main = this.functions.get(name)
    if (!main) throw new Error(`cloud function ${name} is not registered`)
    const event = JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>
    if (identity) event.userInfo = { appId: identity.appid ?? envFor(identity, '').WX_APPID, openId: identity.openid }
    const { value, dbRequests } = await this.runAs(identity, () => Promise.resolve(main(event, this.contextFor(name))))
    return { result: value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown), dbRequests }
  }

  /** Replacement of CloudBase.prototype.callFunction (a function calling another one). */
  async callFunctionHandler(opts: { name?: unknown; data?: unknown }): Promise<Record<string, unknown>> {
    const requestId = newId()
    const name = String(opts.name ?? '')
    const main = this.functions.get(name)
    if (!main) return { code: 'FUNCTIONS_REQUEST_FAIL', message: `FunctionName parameter could not be found: ${name}`, requestId }
    const parent = als.getStore()
    const source = [parent?.env.TCB_SOURCE, 'scf'].filter(Boolean).join(',')
    try {
      const event = JSON.parse(JSON.stringify(opts.data ?? {})) as unknown
      const { value } = await this.runAs(parent?.identity ?? null, () => Promise.resolve(main(event, this.contextFor(name))), source)
      return { result: value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown), requestId }
    } catch (e) {
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      return { code: 'FUNCTIONS_EXECUTE_FAIL', message: msg, requestId }
    }
  }

  // ---------------------------------------------------------------- storage / openapi

  async uploadFile(cloudPath: string, content: Buffer | Uint8Array | string): Promise<string> {
    return this.storage.write(cloudPath, content)
  }

  resolveFilePath(pathOrFileId: string): string | null {
    return this.storage.resolve(pathOrFileId)
  }

  getOutbox = openapi.getOutbox
  clearOutbox = openapi.clearOutbox
  setSecWords = openapi.setSecWords
  resetSecWords = openapi.resetSecWords
  setImageMarkers = openapi.setImageMarkers
  setImageErrorMarkers = openapi.setImageErrorMarkers
  getMediaChecks = openapi.getMediaChecks

  /** Observes every (action, params) the SDK sends to the database; returns an unsubscribe function. */
  onSend(listener: SendListener): () => void {
    this.sendListeners.add(listener)
    return () => this.sendListeners.delete(listener)
  }

  /** Observes every call of a patched CloudBase method (storage, openapi, callFunction) with its arguments. */
  onCloudCall(listener: CloudCallListener): () => void {
    this.cloudCallListeners.add(listener)
    return () => this.cloudCallListeners.delete(listener)
  }

  /** Called by preload.ts for each patched CloudBase method call. */
  notifyCloudCall(method: string, args: unknown): void {
    for (const l of this.cloudCallListeners) l(method, args)
  }
}

/**
 * Runs fn with unindexed-query warnings marked as allowed (tests that deliberately run such queries).
 * Works for async fn too: warnings raised anywhere inside (including runAs calls) are allowed.
 */
export async function allowUnindexed<T>(fn: () => Promise<T> | T): Promise<T> {
  const parent = als.getStore()
  const store: CallStore = parent ? { ...parent, allowUnindexed: true } : { env: {}, identity: null, counter: { dbRequests: 0 }, allowUnindexed: true, inheritEnv: true }
  return als.run(store, () => Promise.resolve(fn()))
}

export const localCloud = new LocalCloud()
export type { LocalCloud }
