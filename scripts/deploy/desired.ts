/**
 * What the repository declares for a CloudBase environment: the collections and indexes of
 * cloudfunctions/collections.json, the security rules (README, 部署到微信云开发), and each built
 * function of build/cloudfunctions/ with its config.json (timeout, memory, timer triggers), the
 * environment variables it reads and its HTTP access path.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GEOREPORT_PATH } from '../../cloudfunctions/georeport/path'
import type { DesiredFunction, DesiredState, EnvRequirement, IndexDirection, IndexSpec, TriggerSpec } from './state'

/** Environment variables as read (process.env or a test's own). */
export type Env = Record<string, string | undefined>

/** The functions are bundled for Node 16 (scripts/build-functions.mjs, target node16). */
export const RUNTIME = 'Nodejs16.13'
export const DEFAULT_MEMORY_MB = 256
export const DEFAULT_TIMEOUT_S = 3

/** Clients never read or write the database: every read and write goes through the functions. */
export const DB_RULE = { read: false, write: false }

/**
 * Clients may create or rewrite only their own uploads under reports/, and read checked/ copies
 * (any signed-in user) and their own uploads (README, 部署到微信云开发 → 云存储权限).
 */
export const STORAGE_RULE = {
  read: "auth != null && (resource.path.startsWith('checked/') || resource.openid == auth.openid)",
  write: "auth != null && resource.openid == auth.openid && resource.path.startsWith('reports/')"
}

/** Functions reached over HTTP, by path. */
export const HTTP_PATHS: Record<string, string> = { georeport: GEOREPORT_PATH }

/** 32 random bytes in base64 or base64url, as cloudfunctions/volunteers/id-number.ts reads it. */
export function isIdNumberKey(value: string): boolean {
  const raw = value.trim()
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) && Buffer.from(raw, 'base64').length === 32
}

/** The environment variables each function reads (grep process.env in cloudfunctions/). */
export function envRequirements(env: Env): Record<string, EnvRequirement[]> {
  return {
    volunteers: [
      {
        key: 'ID_NUMBER_KEY',
        value: env.ID_NUMBER_KEY?.trim() || null,
        valid: isIdNumberKey,
        immutable: true,
        howTo:
          "第一次部署前生成一个（node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"），另存在安全的地方，部署时放进本机环境变量 ID_NUMBER_KEY；已设置过的环境不需要再给"
      }
    ]
  }
}

interface DeclaredIndex {
  name: string
  unique?: boolean
  keys: Array<{ field: string; direction: number | string }>
}

export function declaredCollections(file: string): DesiredState['collections'] {
  const { collections } = JSON.parse(readFileSync(file, 'utf8')) as { collections: Record<string, { indexes: DeclaredIndex[] }> }
  return Object.entries(collections).map(([name, { indexes }]) => ({
    name,
    indexes: indexes.map((ix): IndexSpec => ({ name: ix.name, unique: ix.unique === true, keys: ix.keys.map((k) => ({ field: k.field, direction: String(k.direction) as IndexDirection })) }))
  }))
}

/** The bundle as uploaded: what changes when any of its files does. */
function hashOf(dir: string): string {
  const h = createHash('sha256')
  for (const name of ['index.js', 'package.json', 'config.json']) {
    const file = join(dir, name)
    h.update(`${name}\0`)
    if (existsSync(file)) h.update(readFileSync(file))
  }
  return h.digest('hex').slice(0, 16)
}

interface FunctionConfig {
  timeout?: number
  memorySize?: number
  triggers?: Array<{ name: string; type: string; config: string }>
}

export function declaredFunction(dir: string, name: string, env: Env): DesiredFunction {
  const configFile = join(dir, 'config.json')
  const config = (existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {}) as FunctionConfig
  return {
    name,
    codeHash: hashOf(dir),
    timeout: config.timeout ?? DEFAULT_TIMEOUT_S,
    memorySize: config.memorySize ?? DEFAULT_MEMORY_MB,
    runtime: RUNTIME,
    triggers: (config.triggers ?? []).map((t): TriggerSpec => ({ name: t.name, type: t.type, config: t.config })),
    env: envRequirements(env)[name] ?? [],
    httpPath: HTTP_PATHS[name] ?? null
  }
}

/** The whole declaration; `buildDir` is build/cloudfunctions (npm run build:functions). */
export function desiredState(root: string, env: Env): DesiredState {
  const buildDir = join(root, 'build', 'cloudfunctions')
  if (!existsSync(buildDir)) throw new Error('build/cloudfunctions 不存在：请先运行 npm run build:functions')
  const names = readdirSync(buildDir)
    .filter((n) => existsSync(join(buildDir, n, 'index.js')))
    .sort()
  return {
    collections: declaredCollections(join(root, 'cloudfunctions', 'collections.json')),
    dbRule: DB_RULE,
    storageRule: STORAGE_RULE,
    functions: names.map((n) => declaredFunction(join(buildDir, n), n, env))
  }
}
