// Small helpers shared by the project scripts: run a command, stream its output, stop on failure.
import { spawnSync } from 'node:child_process'
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
