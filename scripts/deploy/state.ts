/**
 * The two sides the deploy plan compares: what the repository declares (desired.ts reads it) and
 * what the CloudBase environment has (adapter.ts reads it through @cloudbase/manager-node and
 * actualFromRaw turns the SDK's answers into this shape).
 */

export type IndexDirection = '1' | '-1' | '2dsphere'

export interface IndexSpec {
  name: string
  unique: boolean
  keys: Array<{ field: string; direction: IndexDirection }>
}

export interface TriggerSpec {
  name: string
  type: string
  config: string
}

/** An environment variable a function needs; its value comes from the deploying machine's environment. */
export interface EnvRequirement {
  key: string
  /** From the deploying machine (process.env); null when it is not set there. */
  value: string | null
  /** Whether a value is well formed (the plan refuses a malformed one). */
  valid: (value: string) => boolean
  /** Once set in the cloud it is never replaced (e.g. a key that decrypts stored data). */
  immutable: boolean
  /** How to make one, in Chinese, for the message when it is missing. */
  howTo: string
}

export interface DesiredFunction {
  name: string
  /** SHA-256 (hex, first 16) of the bundle folder: index.js, package.json, config.json. */
  codeHash: string
  timeout: number
  memorySize: number
  runtime: string
  triggers: TriggerSpec[]
  env: EnvRequirement[]
  /** Path of its HTTP access (the HTTP access service), if it has one. */
  httpPath: string | null
}

export interface DesiredState {
  collections: Array<{ name: string; indexes: IndexSpec[] }>
  /** The security rule of every collection (clients neither read nor write). */
  dbRule: Record<string, unknown>
  storageRule: { read: string; write: string }
  functions: DesiredFunction[]
}

export interface ActualFunction {
  name: string
  timeout: number
  memorySize: number
  runtime: string
  description: string
  triggers: TriggerSpec[]
  env: Record<string, string>
}

export interface ActualState {
  /** Collection → its indexes (the automatic `_id_` left out). */
  collections: Record<string, IndexSpec[]>
  /** Collection → its rule (AclTag and parsed custom rule); absent for collections not read. */
  dbRules: Record<string, { acl: string; rule: unknown }>
  storage: { acl: string; rule: unknown }
  functions: Record<string, ActualFunction>
  http: { enabled: boolean; routes: Array<{ id: string; name: string; path: string; auth: boolean }> }
}
