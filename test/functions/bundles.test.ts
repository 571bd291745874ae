/**
 * The deployed code is the esbuild bundle, not the sources the other function tests load: built
 * here in memory with scripts/build-functions.mjs's own options, each bundle must carry its own
 * actions and no other function's, the collection names without the index declarations, and
 * route like the sources.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ACTION_NAMES } from '@/contract'
import declaration from '../../cloudfunctions/collections.json'
import { localCloud } from '../../local-cloud'
import { FUNCTION_NAMES, type Main } from '../../local-server/functions'
import { freshTown, openidOf } from '../helpers/town'

const ROOT = path.join(__dirname, '..', '..')

function buildBundles(): Record<string, string> {
  const script = `
    import { build } from 'esbuild'
    import { bundleOptions, functionNames } from './scripts/build-functions.mjs'
    const out = {}
    for (const name of functionNames()) {
      const built = await build({ ...bundleOptions(name), write: false, outfile: name + '.js', logLevel: 'error' })
      out[name] = built.outputFiles[0].text
    }
    process.stdout.write(JSON.stringify(out))`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.status !== 0) throw new Error(`building the function bundles failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Record<string, string>
}

/** Runs a CommonJS bundle; its `require('wx-server-sdk')` gets the SDK the local cloud is wired into. */
function load(name: string, code: string): Main {
  const module = { exports: {} as { main?: Main } }
  const file = path.join(ROOT, 'build', 'cloudfunctions', name, 'index.js')
  new Function('module', 'exports', 'require', '__filename', '__dirname', code)(module, module.exports, require, file, path.dirname(file))
  if (!module.exports.main) throw new Error(`${name}: the bundle exports no main`)
  return module.exports.main
}

const ownActions = (fn: string) => ACTION_NAMES.filter((a) => a.startsWith(`${fn}.`))

let bundles: Record<string, string>

beforeAll(() => {
  bundles = buildBundles()
}, 60_000)

describe('function bundles carry only what they use', () => {
  test.each(FUNCTION_NAMES.map((fn) => [fn]))('%s: its own actions, no other function’s', (fn) => {
    const present = ACTION_NAMES.filter((a) => bundles[fn].includes(JSON.stringify(a)))
    expect(present).toEqual(ownActions(fn))
  })

  test('collection names without the index declarations', () => {
    const indexNames = Object.values(declaration.collections).flatMap((c) => c.indexes.map((ix) => ix.name))
    expect(indexNames.length).toBeGreaterThan(0)
    for (const fn of FUNCTION_NAMES) {
      expect(bundles[fn]).not.toMatch(/indexes/)
      for (const name of Object.keys(declaration.collections)) expect(bundles[fn]).toMatch(new RegExp(`\\b${name}: ?\\{\\}`))
    }
  })
})

describe('function bundles route like the sources', () => {
  const asResident = { openid: openidOf('resident-1') }
  const call = async (main: Main, event: unknown) => (await localCloud.runAs(asResident, () => main(event, {}))).value as { ok: boolean; code?: string; message?: string }

  beforeEach(() => freshTown())

  test.each(FUNCTION_NAMES.map((fn) => [fn]))('%s: another function’s action is refused; each of its own is routed', async (fn) => {
    const main = load(fn, bundles[fn])
    for (const other of FUNCTION_NAMES.filter((f) => f !== fn)) {
      expect(await call(main, { action: ownActions(other)[0], data: {} })).toEqual({ ok: false, code: 'INVALID_INPUT', message: '不支持的操作' })
    }
    for (const action of ownActions(fn)) {
      const result = await call(main, { action, data: {} })
      // an empty input as a resident: refused by the schema or the roles, or served — never unknown, never a crash
      expect({ action, message: result.message, internal: result.code === 'INTERNAL' }).toEqual({ action, message: expect.not.stringMatching(/^不支持的操作$/), internal: false })
    }
  })
})
