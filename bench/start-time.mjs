// Time from `npm start` to the address it prints last, for a first start (H5 built, demo data written
// into an empty data folder) and a second one (nothing changed: the H5 build is skipped, the data is
// there). Writes start.firstMs / start.secondMs into bench/results.json; `npm run bench -- --start`
// runs it too. `--second-only` measures only the second start (the H5 build must be up to date).
// It rebuilds dist-h5/ (the first start), so do not run it while browser tests use the build.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../scripts/run.mjs'
import { mergeResults } from '../scripts/results.mjs'

const LIMIT_MS = 10 * 60_000

/** Runs `node scripts/start.mjs …args` until it prints the address line, then stops it; resolves with the milliseconds. */
function timeToUrl(args, env) {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const timer = setTimeout(() => child.kill('SIGTERM'), LIMIT_MS)
    const onData = (d) => {
      output += String(d)
      if (/^网址：http/m.test(output) && !child.killed) {
        const ms = Date.now() - started
        child.once('exit', () => resolve({ ms, output }))
        child.kill('SIGTERM')
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (d) => (output += String(d)))
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (!/^网址：http/m.test(output)) reject(new Error(`npm start 没有打印网址（退出码 ${code}）：\n${output}`))
    })
  })
}

const dataDir = mkdtempSync(join(tmpdir(), 'wm-start-bench-'))
const env = { LOCAL_CLOUD_DATA_DIR: join(dataDir, 'data'), PORT: String(20000 + Math.floor(Math.random() * 20000)), HOST: '127.0.0.1' }
try {
  const figures = {}
  const secondOnly = process.argv.includes('--second-only')
  // the first start writes the demo data either way; measured unless --second-only
  const first = await timeToUrl(secondOnly ? [] : ['--rebuild-h5'], env)
  if (!secondOnly) {
    console.log(`首次启动（构建 H5、写入演示数据）：${(first.ms / 1000).toFixed(1)} s`)
    figures['start.firstMs'] = first.ms
  }
  const second = await timeToUrl([], env)
  console.log(second.output.trimEnd())
  console.log(`再次启动（H5 已是最新、演示数据已有）：${(second.ms / 1000).toFixed(1)} s`)
  figures['start.secondMs'] = second.ms
  mergeResults(figures)
  if (second.ms > 15_000) {
    console.error(`✖ 再次启动用时 ${(second.ms / 1000).toFixed(1)} s > 15 s`)
    process.exitCode = 1
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
