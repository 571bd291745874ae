// Bundles each cloud function (cloudfunctions/<name>/index.ts) into a self-contained
// build/cloudfunctions/<name>/index.js + package.json: the folder WeChat DevTools uploads.
import { build } from 'esbuild'
import { readdirSync, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
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
    await build({
      entryPoints: [join(srcDir, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk', ...Object.keys(deps)],
      alias: { '@': join(root, 'src') },
      legalComments: 'none',
      minifySyntax: true,
      logLevel: 'warning'
    })
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}`, ...deps } }, null, 2) + '\n'
    )
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
