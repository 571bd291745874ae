/**
 * The one place that calls Tencent's management SDK (@cloudbase/manager-node): read the
 * environment's state as the SDK answers it (RawState), and carry out one plan step.
 */
import CloudBase from '@cloudbase/manager-node'
import type { RawFunction, RawState } from './actual'
import { codeMark, type Step } from './plan'
import type { DesiredState, IndexSpec } from './state'

export interface Credentials {
  secretId: string
  secretKey: string
  /** A temporary key's session token, if it is one. */
  token?: string
}

export type Manager = InstanceType<typeof CloudBase>

export function connect(envId: string, c: Credentials): Manager {
  return new CloudBase({ secretId: c.secretId, secretKey: c.secretKey, token: c.token, envId })
}

const tcb = (app: Manager) => app.commonService('tcb')
const PAGE = 100

async function listCollections(app: Manager): Promise<Array<{ CollectionName: string }>> {
  const out: Array<{ CollectionName: string }> = []
  for (let offset = 0; ; offset += PAGE) {
    const res = await app.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset })
    out.push(...res.Collections.map((c) => ({ CollectionName: c.CollectionName })))
    if (res.Collections.length < PAGE) return out
  }
}

async function listFunctionNames(app: Manager): Promise<string[]> {
  const out: string[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await app.functions.listFunctions(PAGE, offset)
    out.push(...page.map((f) => f.FunctionName))
    if (page.length < PAGE) return out
  }
}

export async function readRaw(app: Manager, envId: string, desired: DesiredState): Promise<RawState> {
  const collections = await listCollections(app)
  const existing = new Set(collections.map((c) => c.CollectionName))
  const tables: RawState['tables'] = {}
  const safeRules: RawState['safeRules'] = {}
  for (const { CollectionName: name } of collections) tables[name] = await app.database.describeCollection(name)
  for (const { name } of desired.collections.filter((c) => existing.has(c.name))) {
    safeRules[name] = (await tcb(app).call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: name } })) as RawState['safeRules'][string]
  }
  const storage = await app.storage.getStorageAcl({ withRule: true })
  const declared = new Set(desired.functions.map((f) => f.name))
  const functions: RawState['functions'] = {}
  for (const name of await listFunctionNames(app)) {
    // the functions the repository declares in full; the others only by name (to list them as kept)
    functions[name] = declared.has(name) ? ((await app.functions.getFunctionDetail(name)) as unknown as RawFunction) : { FunctionName: name }
  }
  const access = (await app.access.getAccessList()) as RawState['access']
  return { collections, tables, safeRules, storage: { acl: storage.acl, rule: storage.rule }, functions, access }
}

async function createIndex(app: Manager, collection: string, index: IndexSpec): Promise<void> {
  const keys = index.keys.map((k) => ({ Name: k.field, Direction: k.direction }))
  await app.database.updateCollection(collection, { CreateIndexes: [{ IndexName: index.name, MgoKeySchema: { MgoIsUnique: index.unique, MgoIndexKeys: keys } }] })
}

/** Carries out one step; `buildDir` is build/cloudfunctions. */
export async function applyStep(app: Manager, envId: string, step: Step, buildDir: string): Promise<void> {
  const fns = app.functions
  switch (step.kind) {
    case 'createCollection':
      await app.database.createCollection(step.collection)
      return
    case 'replaceIndex':
      await app.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.index.name }] })
      await createIndex(app, step.collection, step.index)
      return
    case 'createIndex':
      await createIndex(app, step.collection, step.index)
      return
    case 'setDbRule':
      await tcb(app).call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: step.collection, AclTag: 'CUSTOM', Rule: JSON.stringify(step.rule) } })
      return
    case 'setStorageRule':
      await app.storage.setStorageAcl('CUSTOM', step.rule)
      return
    case 'createFunction': {
      const { fn } = step
      await fns.createFunction({
        func: {
          name: fn.name,
          runtime: fn.runtime,
          timeout: fn.timeout,
          memorySize: fn.memorySize,
          installDependency: true,
          description: codeMark(fn.codeHash),
          triggers: fn.triggers,
          envVariables: step.env
        },
        functionRootPath: buildDir,
        force: false
      })
      await fns.waitFunctionActive(fn.name)
      return
    }
    case 'updateCode':
      await fns.updateFunctionCode({ func: { name: step.fn.name, runtime: step.fn.runtime, installDependency: true }, functionRootPath: buildDir })
      await fns.waitFunctionActive(step.fn.name)
      await fns.updateFunctionConfig({ name: step.fn.name, description: codeMark(step.fn.codeHash) })
      return
    case 'updateConfig':
      await fns.updateFunctionConfig({ name: step.name, timeout: step.timeout, memorySize: step.memorySize, ...(step.env ? { envVariables: step.env } : {}) })
      await fns.waitFunctionActive(step.name)
      return
    case 'deleteTrigger':
      await fns.deleteFunctionTrigger(step.fn, step.trigger.name)
      return
    case 'createTrigger':
      await fns.createFunctionTriggers(step.fn, [step.trigger])
      return
    case 'createHttpAccess':
      await app.access.createAccess({ name: step.fn, path: step.path, type: 1, auth: false })
      return
    case 'openHttpAccess':
      await app.access.switchPathAuth({ apiIds: [step.id], auth: false })
      return
  }
}
