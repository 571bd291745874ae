/**
 * The deploy plan, pure: from what the repository declares and what the environment has, the steps
 * that bring the environment to the declaration — and only those, so a second run plans nothing.
 * Nothing undeclared is dropped: extra collections, indexes, functions, triggers' neighbours and
 * environment variables are listed as kept. A plan with problems (a missing secret) is not applied.
 */
import { isDeepStrictEqual } from 'node:util'
import type { ActualFunction, ActualState, DesiredFunction, DesiredState, IndexSpec, TriggerSpec } from './state'

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'replaceIndex'; collection: string; index: IndexSpec; was: IndexSpec }
  | { kind: 'setDbRule'; collection: string; rule: Record<string, unknown> }
  | { kind: 'setStorageRule'; rule: { read: string; write: string } }
  | { kind: 'createFunction'; fn: DesiredFunction; env: Record<string, string> }
  | { kind: 'updateCode'; fn: DesiredFunction }
  | { kind: 'updateConfig'; name: string; timeout: number; memorySize: number; env: Record<string, string> | null; changes: string[] }
  | { kind: 'deleteTrigger'; fn: string; trigger: TriggerSpec }
  | { kind: 'createTrigger'; fn: string; trigger: TriggerSpec }
  | { kind: 'createHttpAccess'; fn: string; path: string }
  | { kind: 'openHttpAccess'; fn: string; path: string; id: string }

export interface Plan {
  steps: Step[]
  /** What the environment has and the repository does not declare: left as it is. */
  kept: string[]
  /** Why the plan may not be applied (nothing is applied while there is one). */
  problems: string[]
  notes: string[]
}

/** The mark in a function's description that says which bundle it runs (the plan's only way to know). */
export const codeMark = (hash: string) => `wenming-chuangjian 代码 ${hash}`

const sameIndex = (a: IndexSpec, b: IndexSpec) => a.unique === b.unique && isDeepStrictEqual(a.keys, b.keys)

function planCollections(desired: DesiredState, actual: ActualState, plan: Plan): void {
  const declared = new Set(desired.collections.map((c) => c.name))
  for (const c of desired.collections) {
    const have = actual.collections[c.name]
    if (!have) plan.steps.push({ kind: 'createCollection', collection: c.name })
    for (const index of c.indexes) {
      const was = have?.find((i) => i.name === index.name)
      if (!was) plan.steps.push({ kind: 'createIndex', collection: c.name, index })
      else if (!sameIndex(was, index)) plan.steps.push({ kind: 'replaceIndex', collection: c.name, index, was })
    }
    for (const extra of have?.filter((i) => !c.indexes.some((d) => d.name === i.name)) ?? []) {
      plan.kept.push(`集合 ${c.name} 的索引 ${extra.name}（仓库未声明，保留不删）`)
    }
    const rule = actual.dbRules[c.name]
    if (!have || !rule || rule.acl !== 'CUSTOM' || !isDeepStrictEqual(rule.rule, desired.dbRule)) {
      plan.steps.push({ kind: 'setDbRule', collection: c.name, rule: desired.dbRule })
    }
  }
  for (const name of Object.keys(actual.collections)
    .filter((n) => !declared.has(n))
    .sort()) {
    plan.kept.push(`集合 ${name}（仓库未声明，保留不删）`)
  }
}

/** The variables the function should have: what it has, plus each required one it lacks. */
function envFor(fn: DesiredFunction, have: Record<string, string>, plan: Plan): { env: Record<string, string>; added: string[] } {
  const env = { ...have }
  const added: string[] = []
  for (const req of fn.env) {
    const current = have[req.key]
    if (current !== undefined && req.valid(current)) {
      if (req.immutable && req.value !== null && req.value !== current) {
        plan.notes.push(`函数 ${fn.name} 已有 ${req.key}，与本机环境变量中的不同：保留云端的值（它不能更换）`)
      }
      continue
    }
    if (current !== undefined && req.immutable) {
      plan.problems.push(`函数 ${fn.name} 的 ${req.key} 格式不正确；它加密着已保存的数据，不能自动替换，请在控制台核对`)
      continue
    }
    if (req.value === null) plan.problems.push(`函数 ${fn.name} 需要环境变量 ${req.key}：${req.howTo}`)
    else if (!req.valid(req.value)) plan.problems.push(`本机环境变量 ${req.key} 格式不正确：${req.howTo}`)
    else {
      env[req.key] = req.value
      added.push(req.key)
    }
  }
  return { env, added }
}

function planTriggers(fn: DesiredFunction, have: ActualFunction, plan: Plan): void {
  for (const t of have.triggers) {
    const wanted = fn.triggers.find((d) => d.name === t.name)
    if (!wanted || wanted.type !== t.type || wanted.config !== t.config) plan.steps.push({ kind: 'deleteTrigger', fn: fn.name, trigger: t })
  }
  for (const t of fn.triggers) {
    const same = have.triggers.find((a) => a.name === t.name && a.type === t.type && a.config === t.config)
    if (!same) plan.steps.push({ kind: 'createTrigger', fn: fn.name, trigger: t })
  }
}

function planFunction(fn: DesiredFunction, have: ActualFunction | undefined, plan: Plan): void {
  if (!have) {
    const { env } = envFor(fn, {}, plan)
    plan.steps.push({ kind: 'createFunction', fn, env })
    return
  }
  if (!have.description.includes(codeMark(fn.codeHash))) plan.steps.push({ kind: 'updateCode', fn })
  const { env, added } = envFor(fn, have.env, plan)
  const changes: string[] = []
  if (have.timeout !== fn.timeout) changes.push(`超时 ${have.timeout} → ${fn.timeout} 秒`)
  if (have.memorySize !== fn.memorySize) changes.push(`内存 ${have.memorySize} → ${fn.memorySize} MB`)
  if (added.length) changes.push(`添加环境变量 ${added.join('、')}`)
  if (changes.length) plan.steps.push({ kind: 'updateConfig', name: fn.name, timeout: fn.timeout, memorySize: fn.memorySize, env: added.length ? env : null, changes })
  if (have.runtime && have.runtime !== fn.runtime) plan.notes.push(`函数 ${fn.name} 的运行时是 ${have.runtime}（仓库按 ${fn.runtime} 构建；运行时创建后不能修改）`)
  for (const key of Object.keys(have.env).filter((k) => !fn.env.some((r) => r.key === k))) plan.kept.push(`函数 ${fn.name} 的环境变量 ${key}（仓库未声明，保留）`)
  planTriggers(fn, have, plan)
}

function planHttp(fn: DesiredFunction, actual: ActualState, plan: Plan): void {
  if (!fn.httpPath) return
  const route = actual.http.routes.find((r) => r.path === fn.httpPath)
  if (!actual.http.enabled) plan.notes.push('HTTP 访问服务尚未开通：在云开发控制台 → HTTP 访问服务 中开通后，Open311 接口才能从外部访问')
  if (!route) plan.steps.push({ kind: 'createHttpAccess', fn: fn.name, path: fn.httpPath })
  else if (route.name !== fn.name) plan.problems.push(`HTTP 访问路径 ${fn.httpPath} 已指向函数 ${route.name}，不是 ${fn.name}；请在控制台确认后删除或改名`)
  else if (route.auth) plan.steps.push({ kind: 'openHttpAccess', fn: fn.name, path: fn.httpPath, id: route.id })
}

export function buildPlan(desired: DesiredState, actual: ActualState): Plan {
  const plan: Plan = { steps: [], kept: [], problems: [], notes: [] }
  planCollections(desired, actual, plan)
  const s = actual.storage
  if (s.acl !== 'CUSTOM' || !isDeepStrictEqual(s.rule, desired.storageRule)) plan.steps.push({ kind: 'setStorageRule', rule: desired.storageRule })
  for (const fn of desired.functions) {
    planFunction(fn, actual.functions[fn.name], plan)
    planHttp(fn, actual, plan)
  }
  const declared = new Set(desired.functions.map((f) => f.name))
  for (const name of Object.keys(actual.functions)
    .filter((n) => !declared.has(n))
    .sort())
    plan.kept.push(`云函数 ${name}（仓库未声明，保留不删）`)
  return plan
}

const keysText = (ix: IndexSpec) => ix.keys.map((k) => `${k.field} ${k.direction === '2dsphere' ? '地理' : k.direction === '1' ? '升序' : '降序'}`).join(', ')
const triggerText = (t: TriggerSpec) => `${t.name}（${t.type} ${t.config}）`

type Describe = { [K in Step['kind']]: (s: Extract<Step, { kind: K }>) => string }

const fnText = (fn: DesiredFunction, env: Record<string, string>) =>
  [
    `${fn.runtime}，超时 ${fn.timeout} 秒，内存 ${fn.memorySize} MB，云端安装依赖`,
    fn.triggers.length ? `触发器 ${fn.triggers.map(triggerText).join('、')}` : '',
    Object.keys(env).length ? `环境变量 ${Object.keys(env).join('、')}` : ''
  ]
    .filter(Boolean)
    .join('，')

const DESCRIBE: Describe = {
  createCollection: (s) => `新建集合 ${s.collection}`,
  createIndex: (s) => `集合 ${s.collection} 新建索引 ${s.index.name}${s.index.unique ? '（唯一）' : ''}：${keysText(s.index)}`,
  replaceIndex: (s) => `集合 ${s.collection} 重建索引 ${s.index.name}：${keysText(s.was)}${s.was.unique ? '（唯一）' : ''} → ${keysText(s.index)}${s.index.unique ? '（唯一）' : ''}`,
  setDbRule: (s) => `集合 ${s.collection} 安全规则设为 ${JSON.stringify(s.rule)}`,
  setStorageRule: (s) => `云存储安全规则设为 ${JSON.stringify(s.rule)}`,
  createFunction: (s) => `新建云函数 ${s.fn.name}（${fnText(s.fn, s.env)}）`,
  updateCode: (s) => `更新云函数 ${s.fn.name} 的代码（云端安装依赖），代码标记 ${s.fn.codeHash}`,
  updateConfig: (s) => `更新云函数 ${s.name} 的配置：${s.changes.join('；')}`,
  deleteTrigger: (s) => `删除云函数 ${s.fn} 的旧触发器 ${triggerText(s.trigger)}`,
  createTrigger: (s) => `云函数 ${s.fn} 新建触发器 ${triggerText(s.trigger)}`,
  createHttpAccess: (s) => `HTTP 访问服务：路径 ${s.path} → 云函数 ${s.fn}（不需要登录）`,
  openHttpAccess: (s) => `HTTP 访问服务：路径 ${s.path} 改为不需要登录即可访问`
}

/** One line per step, in Chinese; secret values never appear (only variable names). */
export function describeStep(step: Step): string {
  return (DESCRIBE[step.kind] as (s: Step) => string)(step)
}

export function describePlan(plan: Plan): string[] {
  const lines: string[] = []
  lines.push(plan.steps.length ? `要做的修改（${plan.steps.length} 项）：` : '环境已与仓库一致，没有要做的修改。')
  plan.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${describeStep(s)}`))
  if (plan.kept.length) lines.push('保留不动（仓库未声明）：', ...plan.kept.map((k) => `  - ${k}`))
  if (plan.notes.length) lines.push('提示：', ...plan.notes.map((n) => `  - ${n}`))
  if (plan.problems.length) lines.push('不能执行，先解决：', ...plan.problems.map((p) => `  ✖ ${p}`))
  return lines
}
