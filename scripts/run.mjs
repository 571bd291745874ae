// Small helpers shared by the project scripts: run a command, stream its output, stop on failure.
// Node built-ins only: `npm start` and `npm test` import this before any dependency is installed.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const bin = (name) => join(root, 'node_modules', '.bin', name)

export function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) {
    console.error(`✖ ${label} 失败（退出码 ${r.status ?? r.signal}）`)
    process.exit(r.status ?? 1)
  }
  console.log(`✔ ${label}（${((Date.now() - started) / 1000).toFixed(1)} s）`)
}

/** Prints one sentence saying what to do and stops. */
export function stop(sentence) {
  console.error(`\n✖ ${sentence}`)
  process.exit(1)
}

/**
 * `npm ci` when node_modules is missing or older than package-lock.json (a fresh clone, a pulled
 * change of dependencies). npm writes node_modules/.package-lock.json on every install.
 */
export function ensureDependencies() {
  const lock = join(root, 'package-lock.json')
  const installed = join(root, 'node_modules', '.package-lock.json')
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return
  const why = existsSync(installed) ? 'package-lock.json 比已安装的依赖新' : '还没有安装依赖'
  // the npm that runs this script (`npm start`), else the one on PATH
  const cli = process.env.npm_execpath
  const [cmd, pre] = cli && /\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []]
  run(`安装依赖：npm ci（${why}，约 1–2 分钟）`, cmd, [...pre, 'ci', '--no-audit', '--no-fund'])
}
