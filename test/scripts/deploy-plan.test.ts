/**
 * The deploy plan on recorded environment states (test/fixtures/deploy/state-*.json, the SDK's
 * answers as the adapter collects them) against a small declared repository: an empty environment,
 * one that matches, one index missing, an extra index and collection, a function with an old trigger.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { actualFromRaw, type RawState } from '../../scripts/deploy/actual'
import { DB_RULE, declaredCollections, declaredFunction, HTTP_PATHS, isIdNumberKey, STORAGE_RULE } from '../../scripts/deploy/desired'
import { credentialsFrom } from '../../scripts/deploy/index'
import { buildPlan, describePlan, type Plan, type Step } from '../../scripts/deploy/plan'
import type { DesiredState } from '../../scripts/deploy/state'
import { GEOREPORT_PATH } from '../../cloudfunctions/georeport/path'
import { ID_NUMBER_KEY_ENV } from '../../cloudfunctions/volunteers/id-number'

const FIXTURES = join(__dirname, '..', 'fixtures', 'deploy')
const ROOT = join(__dirname, '..', '..')
const CLOUD_KEY = 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc'
const NEW_KEY = Buffer.alloc(32, 9).toString('base64url')

const state = (name: string) => actualFromRaw(JSON.parse(readFileSync(join(FIXTURES, `state-${name}.json`), 'utf8')) as RawState)

function desired(env: Record<string, string> = {}): DesiredState {
  return {
    collections: declaredCollections(join(FIXTURES, 'collections.json')),
    dbRule: DB_RULE,
    storageRule: STORAGE_RULE,
    functions: ['georeport', 'reports', 'volunteers'].map((n) => declaredFunction(join(FIXTURES, 'functions', n), n, env))
  }
}

/** A step without the function declaration it carries (kind and the names it touches). */
function brief(s: Step): string {
  switch (s.kind) {
    case 'createCollection':
      return `createCollection ${s.collection}`
    case 'createIndex':
    case 'replaceIndex':
      return `${s.kind} ${s.collection}.${s.index.name}`
    case 'setDbRule':
      return `setDbRule ${s.collection}`
    case 'setStorageRule':
      return 'setStorageRule'
    case 'createFunction':
    case 'updateCode':
      return `${s.kind} ${s.fn.name}`
    case 'updateConfig':
      return `updateConfig ${s.name}: ${s.changes.join('; ')}`
    case 'deleteTrigger':
    case 'createTrigger':
      return `${s.kind} ${s.fn}.${s.trigger.name} ${s.trigger.config}`
    case 'createHttpAccess':
    case 'openHttpAccess':
      return `${s.kind} ${s.path} → ${s.fn}`
  }
}
const briefs = (p: Plan) => p.steps.map(brief)

describe('deploy plan on recorded states', () => {
  test('empty environment: every collection, index, rule and function, the timer and the HTTP path', () => {
    const plan = buildPlan(desired({ ID_NUMBER_KEY: NEW_KEY }), state('empty'))
    expect(briefs(plan)).toEqual([
      'createCollection reports',
      'createIndex reports.reporter_client_unique',
      'createIndex reports.facets_created',
      'createIndex reports.location_geo',
      'setDbRule reports',
      'createCollection users',
      'setDbRule users',
      'setStorageRule',
      'createFunction georeport',
      'createHttpAccess /open311/v2 → georeport',
      'createFunction reports',
      'createFunction volunteers'
    ])
    expect(plan.problems).toEqual([])
    const reports = plan.steps.find((s) => s.kind === 'createFunction' && s.fn.name === 'reports')
    expect(reports).toMatchObject({ fn: { timeout: 60, memorySize: 256, runtime: 'Nodejs16.13', triggers: [{ name: 'overdue', type: 'timer', config: '0 */30 * * * * *' }] }, env: {} })
    expect(plan.steps.find((s) => s.kind === 'createFunction' && s.fn.name === 'volunteers')).toMatchObject({ env: { ID_NUMBER_KEY: NEW_KEY } })
    expect(plan.steps.find((s) => s.kind === 'createIndex' && s.index.name === 'reporter_client_unique')).toMatchObject({
      index: {
        unique: true,
        keys: [
          { field: 'reporterId', direction: '1' },
          { field: 'clientKey', direction: '1' }
        ]
      }
    })
    expect(plan.steps.find((s) => s.kind === 'setDbRule')).toMatchObject({ rule: { read: false, write: false } })
    // the printed plan names the variable, never its value
    const printed = describePlan(plan).join('\n')
    expect(printed).toContain('环境变量 ID_NUMBER_KEY')
    expect(printed).not.toContain(NEW_KEY)
  })

  test('empty environment without the ID-number key on this machine: refused, saying how to make one', () => {
    const plan = buildPlan(desired({}), state('empty'))
    expect(plan.problems).toEqual([expect.stringMatching(/^函数 volunteers 需要环境变量 ID_NUMBER_KEY：第一次部署前生成一个/)])
    expect(describePlan(plan).join('\n')).toContain('不能执行，先解决')
  })

  test('an environment that matches: nothing to do; undeclared variables are kept', () => {
    const plan = buildPlan(desired({}), state('matching'))
    expect(plan.steps).toEqual([])
    expect(plan.problems).toEqual([])
    expect(plan.kept).toEqual(['函数 volunteers 的环境变量 TZ（仓库未声明，保留）'])
    expect(describePlan(plan)[0]).toBe('环境已与仓库一致，没有要做的修改。')
  })

  test('the ID-number key already in the cloud is never replaced, even by another one on this machine', () => {
    const plan = buildPlan(desired({ ID_NUMBER_KEY: NEW_KEY }), state('matching'))
    expect(plan.steps).toEqual([])
    expect(plan.notes).toEqual(['函数 volunteers 已有 ID_NUMBER_KEY，与本机环境变量中的不同：保留云端的值（它不能更换）'])
    expect(JSON.stringify(plan)).not.toContain(CLOUD_KEY)
  })

  test('one index missing: only that index', () => {
    const plan = buildPlan(desired({}), state('one-index-missing'))
    expect(briefs(plan)).toEqual(['createIndex reports.facets_created'])
    expect(plan.steps[0]).toMatchObject({
      index: {
        keys: [
          { field: 'facets', direction: '1' },
          { field: 'createdAt', direction: '-1' }
        ]
      }
    })
  })

  test('an extra index and an extra collection: listed, never dropped', () => {
    const plan = buildPlan(desired({}), state('extra-index'))
    expect(plan.steps).toEqual([])
    expect(plan.kept).toEqual(expect.arrayContaining(['集合 reports 的索引 status_created（仓库未声明，保留不删）', '集合 legacy_logs（仓库未声明，保留不删）']))
  })

  test('a function with an old trigger, older code and another timeout: new code, config, old triggers out, the declared one in', () => {
    const plan = buildPlan(desired({}), state('old-trigger'))
    expect(briefs(plan)).toEqual([
      'updateCode reports',
      'updateConfig reports: 超时 20 → 60 秒',
      'deleteTrigger reports.overdue 0 0 * * * * *',
      'deleteTrigger reports.nightly 0 0 2 * * * *',
      'createTrigger reports.overdue 0 */30 * * * * *'
    ])
  })

  test('an index declared differently than it exists is rebuilt; a path taken by another function is a problem; rules that differ are set', () => {
    const actual = state('matching')
    actual.collections.reports = actual.collections.reports.map((ix) => (ix.name === 'facets_created' ? { ...ix, keys: [{ field: 'facets', direction: '1' }] } : ix))
    actual.http.routes = [{ id: 'api-1', name: 'reports', path: '/open311/v2', auth: false }]
    actual.dbRules.users = { acl: 'ADMINONLY', rule: null }
    actual.storage = { acl: 'CUSTOM', rule: { read: true, write: 'resource.openid == auth.openid' } }
    const plan = buildPlan(desired({}), actual)
    expect(briefs(plan)).toEqual(['replaceIndex reports.facets_created', 'setDbRule users', 'setStorageRule'])
    expect(plan.problems).toEqual(['HTTP 访问路径 /open311/v2 已指向函数 reports，不是 georeport；请在控制台确认后删除或改名'])
  })
})

describe('the declaration', () => {
  test('the repository: one collection and index step per declaration against an empty environment', () => {
    const collections = declaredCollections(join(ROOT, 'cloudfunctions', 'collections.json'))
    const plan = buildPlan({ collections, dbRule: DB_RULE, storageRule: STORAGE_RULE, functions: [] }, state('empty'))
    const count = (kind: Step['kind']) => plan.steps.filter((s) => s.kind === kind).length
    expect(count('createCollection')).toBe(collections.length)
    expect(count('setDbRule')).toBe(collections.length)
    expect(count('createIndex')).toBe(collections.reduce((n, c) => n + c.indexes.length, 0))
    for (const c of collections) for (const ix of c.indexes) for (const k of ix.keys) expect(['1', '-1', '2dsphere']).toContain(k.direction)
  })

  test('the names the functions read are the ones declared', () => {
    expect(HTTP_PATHS.georeport).toBe(GEOREPORT_PATH)
    expect(ID_NUMBER_KEY_ENV).toBe('ID_NUMBER_KEY')
    expect(isIdNumberKey(NEW_KEY)).toBe(true)
    expect(isIdNumberKey(Buffer.alloc(32, 9).toString('base64'))).toBe(true)
    expect(isIdNumberKey(Buffer.alloc(16, 9).toString('base64url'))).toBe(false)
  })

  test('credentials come from the environment, with a Chinese refusal when missing', () => {
    expect(credentialsFrom({})).toBe(
      '缺少腾讯云 API 密钥：请在本机设置环境变量 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（在腾讯云控制台「访问管理 → API 密钥管理」创建；不要写进仓库里的任何文件）'
    )
    expect(credentialsFrom({ TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' })).toEqual({ secretId: 'id', secretKey: 'key', token: undefined })
  })
})
