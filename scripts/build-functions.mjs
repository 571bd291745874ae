// Bundles each cloud function (cloudfunctions/<name>/index.ts) into a self-contained
// build/cloudfunctions/<name>/index.js + package.json: the folder WeChat DevTools uploads.
import { build } from 'esbuild'
import { readdirSync, existsSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = join(root, 'cloudfunctions')
const outDir = join(root, 'build', 'cloudfunctions')
const sdkVersion = JSON.parse((await import('node:fs')).readFileSync(join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version

export function functionNames() {
  return readdirSync(srcDir).filter((n) => !n.startsWith('_') && existsSync(join(srcDir, n, 'index.ts')))
}

export async function buildFunctions({ quiet = false } = {}) {
  rmSync(outDir, { recursive: true, force: true })
  const sizes = {}
  for (const name of functionNames()) {
    const dir = join(outDir, name)
    mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [join(srcDir, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      alias: { '@': join(root, 'src') },
      legalComments: 'none',
      minifySyntax: true,
      logLevel: 'warning'
    })
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}` } }, null, 2) + '\n'
    )
    const extra = join(srcDir, name, 'config.json')
    if (existsSync(extra)) writeFileSync(join(dir, 'config.json'), (await import('node:fs')).readFileSync(extra))
    sizes[name] = statSync(join(dir, 'index.js')).size
    if (!quiet) console.log(`  函数 ${name.padEnd(12)} ${(sizes[name] / 1024).toFixed(1)} KB`)
  }
  return sizes
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log('构建云函数 → build/cloudfunctions/')
  await buildFunctions()
}
