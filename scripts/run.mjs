// Small helpers shared by the project scripts: run a command, stream its output, stop on failure.
// Node built-ins only: `npm start` and `npm test` import this before any dependency is installed.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs'
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

/**
 * One line for the stage (`▶ label … ✔ 12.3 s`); the command's own output goes to `log` (a file) and
 * only its last lines are shown when it fails.
 */
export function runQuiet(label, cmd, args, { env = {}, log }) {
  mkdirSync(dirname(log), { recursive: true })
  process.stdout.write(`▶ ${label} … `)
  const started = Date.now()
  const fd = openSync(log, 'w')
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } })
  closeSync(fd)
  if (r.status !== 0) {
    const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-40).join('\n')
    console.log('失败')
    console.error(`${tail}\n✖ ${label} 失败（退出码 ${r.status ?? r.signal}），完整输出见 ${log}`)
    process.exit(r.status ?? 1)
  }
  console.log(`✔ ${((Date.now() - started) / 1000).toFixed(1)} s`)
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
export function ensureDependencies({ log } = {}) {
  const lock = join(root, 'package-lock.json')
  const installed = join(root, 'node_modules', '.package-lock.json')
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return false
  const why = existsSync(installed) ? 'package-lock.json 比已安装的依赖新' : '还没有安装依赖'
  // the npm that runs this script (`npm start`), else the one on PATH
  const cli = process.env.npm_execpath
  const [cmd, pre] = cli && /\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []]
  const label = `安装依赖：npm ci（${why}，约 1–2 分钟）`
  if (log) runQuiet(label, cmd, [...pre, 'ci', '--no-audit', '--no-fund'], { log })
  else run(label, cmd, [...pre, 'ci', '--no-audit', '--no-fund'])
  return true
}
