// Bundles each cloud function (cloudfunctions/<name>/index.ts) into a self-contained
// build/cloudfunctions/<name>/index.js + package.json: the folder WeChat DevTools uploads.
import { build } from 'esbuild'
import ts from 'typescript'
import { readdirSync, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = join(root, 'cloudfunctions')
const outDir = join(root, 'build', 'cloudfunctions')
const installedVersion = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version
const sdkVersion = installedVersion('wx-server-sdk')

/**
 * Extra runtime dependencies a function declares in cloudfunctions/<name>/deps.json (e.g. ["exceljs"]):
 * left out of the bundle and listed in its package.json at the installed version, so the cloud
 * installs them (「云端安装依赖」) like wx-server-sdk.
 */
export function extraDeps(name) {
  const file = join(srcDir, name, 'deps.json')
  if (!existsSync(file)) return {}
  const list = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(list) || !list.every((d) => typeof d === 'string')) throw new Error(`${file}: expected an array of package names`)
  return Object.fromEntries(list.map((pkg) => [pkg, installedVersion(pkg)]))
}

/**
 * src/contract declares data only (constants, valibot schemas, action tables), but esbuild keeps
 * every top-level call it cannot prove pure, such as `action<R>()({...})` or `id('编号')`, so a
 * function importing DEED_CATEGORIES would carry every deed schema. For the function bundles only,
 * each top-level initializer there is wrapped as a pure IIFE: kept when used, dropped when not.
 */
export function markContractPure(source, file) {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const inits = sf.statements
    .filter(ts.isVariableStatement)
    .flatMap((st) => st.declarationList.declarations.map((d) => d.initializer))
    .filter((init) => init && !ts.isArrowFunction(init) && !ts.isFunctionExpression(init))
  let out = source
  for (const init of inits.reverse()) {
    const [start, end] = [init.getStart(sf), init.getEnd()]
    out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`
  }
  return out
}

const collectionsFile = join(srcDir, 'collections.json')
const collectionsModule = join(srcDir, '_shared', 'collections.ts')

const trimForFunctions = {
  name: 'trim-for-functions',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]contract[\\/][^\\/]+\.ts$/ }, async ({ path }) => ({ contents: markContractPure(await readFile(path, 'utf8'), path), loader: 'ts' }))
    // Functions need the collection names; the index declarations are for the local cloud and `npm run cloud:schema`.
    b.onResolve({ filter: /collections\.json$/ }, ({ path, resolveDir, importer }) => {
      if (resolve(resolveDir, path) === collectionsFile && importer !== collectionsModule) {
        return { errors: [{ text: `${importer}: take collection names from cloudfunctions/_shared/collections.ts, not collections.json` }] }
      }
      return undefined
    })
    b.onLoad({ filter: /collections\.json$/ }, async ({ path }) => {
      if (path !== collectionsFile) return undefined
      const { collections } = JSON.parse(await readFile(path, 'utf8'))
      return { contents: JSON.stringify({ collections: Object.fromEntries(Object.keys(collections).map((name) => [name, {}])) }), loader: 'json' }
    })
  }
}

/** esbuild options for one function's bundle: the build below and test/functions/bundles.test.ts use them. */
export function bundleOptions(name) {
  return {
    entryPoints: [join(srcDir, name, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk', ...Object.keys(extraDeps(name))],
    alias: { '@': join(root, 'src') },
    plugins: [trimForFunctions],
    legalComments: 'none',
    // Chinese messages as UTF-8 text rather than \uXXXX escapes (the cloud's Node reads UTF-8 sources).
    charset: 'utf8',
    // Whitespace too: a smaller bundle loads faster on a cold start; messages and names are kept.
    minifySyntax: true,
    minifyWhitespace: true,
    logLevel: 'warning'
  }
}

export function functionNames() {
  return readdirSync(srcDir).filter((n) => !n.startsWith('_') && existsSync(join(srcDir, n, 'index.ts')))
}

export async function buildFunctions({ quiet = false } = {}) {
  rmSync(outDir, { recursive: true, force: true })
  const sizes = {}
  for (const name of functionNames()) {
    const dir = join(outDir, name)
    mkdirSync(dir, { recursive: true })
    const deps = extraDeps(name)
    await build({ ...bundleOptions(name), outfile: join(dir, 'index.js') })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}`, ...deps } }, null, 2) + '\n')
    const extra = join(srcDir, name, 'config.json')
    if (existsSync(extra)) writeFileSync(join(dir, 'config.json'), readFileSync(extra))
    sizes[name] = statSync(join(dir, 'index.js')).size
    if (!quiet) console.log(`  函数 ${name.padEnd(12)} ${(sizes[name] / 1024).toFixed(1)} KB`)
  }
  return sizes
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log('构建云函数 → build/cloudfunctions/')
  await buildFunctions()
}
