/**
 * What the environment has, from the SDK's answers as they come (recorded as they are in
 * test/fixtures/deploy/): pure, so the plan is tested on recorded states.
 */
import type { ActualFunction, ActualState, IndexDirection, IndexSpec, TriggerSpec } from './state'

/** The SDK's answers the adapter collects (field names as @cloudbase/manager-node returns them). */
export interface RawState {
  /** database.listCollections().Collections */
  collections: Array<{ CollectionName: string }>
  /** database.describeCollection(name) for each collection that exists */
  tables: Record<string, { Indexes?: Array<{ Name: string; Unique?: boolean; Keys?: Array<{ Name?: string; Direction?: string }> }> | null }>
  /** tcb DescribeSafeRule for each declared collection that exists */
  safeRules: Record<string, { AclTag?: string; Rule?: string | null }>
  /** storage.getStorageAcl({ withRule: true }) */
  storage: { acl: string; rule?: unknown }
  /** functions.getFunctionDetail(name) for each function that exists */
  functions: Record<string, RawFunction>
  /** access.getAccessList() */
  access: { EnableService?: boolean; APISet?: Array<{ APIId: string; Name: string; Path: string; EnableAuth?: boolean }> | null }
}

export interface RawFunction {
  FunctionName: string
  Timeout?: number
  MemorySize?: number
  Runtime?: string
  Description?: string
  Environment?: { Variables?: Array<{ Key: string; Value: string }> | null } | null
  Triggers?: Array<{ TriggerName?: string; Name?: string; Type: string; TriggerDesc?: string; Config?: string }> | null
}

const direction = (d: string | undefined): IndexDirection => (d === '-1' ? '-1' : d === '2dsphere' ? '2dsphere' : '1')

function indexesOf(table: RawState['tables'][string] | undefined): IndexSpec[] {
  return (table?.Indexes ?? [])
    .filter((ix) => ix.Name !== '_id_')
    .map((ix) => ({ name: ix.Name, unique: ix.Unique === true, keys: (ix.Keys ?? []).map((k) => ({ field: k.Name ?? '', direction: direction(k.Direction) })) }))
}

/** A timer's cron is in TriggerDesc as `{"cron":"…"}` (GetFunction); Config when the SDK gives it plainly. */
function triggerOf(t: NonNullable<RawFunction['Triggers']>[number]): TriggerSpec {
  let config = t.Config ?? ''
  if (t.TriggerDesc) {
    try {
      const desc = JSON.parse(t.TriggerDesc) as { cron?: unknown }
      config = typeof desc.cron === 'string' ? desc.cron : t.TriggerDesc
    } catch {
      config = t.TriggerDesc
    }
  }
  return { name: t.TriggerName ?? t.Name ?? '', type: t.Type, config }
}

function functionOf(f: RawFunction): ActualFunction {
  return {
    name: f.FunctionName,
    timeout: f.Timeout ?? 3,
    memorySize: f.MemorySize ?? 256,
    runtime: f.Runtime ?? '',
    description: f.Description ?? '',
    triggers: (f.Triggers ?? []).map(triggerOf),
    env: Object.fromEntries((f.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]))
  }
}

function ruleOf(text: string | null | undefined): unknown {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function actualFromRaw(raw: RawState): ActualState {
  return {
    collections: Object.fromEntries(raw.collections.map((c) => [c.CollectionName, indexesOf(raw.tables[c.CollectionName])])),
    dbRules: Object.fromEntries(Object.entries(raw.safeRules).map(([name, r]) => [name, { acl: r.AclTag ?? '', rule: ruleOf(r.Rule) }])),
    storage: { acl: raw.storage.acl, rule: raw.storage.rule ?? null },
    functions: Object.fromEntries(Object.entries(raw.functions).map(([name, f]) => [name, functionOf(f)])),
    http: {
      enabled: raw.access.EnableService !== false,
      routes: (raw.access.APISet ?? []).map((a) => ({ id: a.APIId, name: a.Name, path: a.Path, auth: a.EnableAuth === true }))
    }
  }
}
