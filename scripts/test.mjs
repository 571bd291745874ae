// `npm test`: everything — install the dependencies if needed, find Chromium, build the functions and
// the H5 app (the browser test drives them), then every jest project: node (contract, local cloud,
// functions), pages (real Taro components), browser.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { root, run, bin, ensureDependencies } from './run.mjs'
import { ensureChromium } from './chromium.mjs'

const extra = process.argv.slice(2)

/** Whether jest runs the browser project: yes unless `--selectProjects` names others only. */
function runsBrowserTests(args) {
  const i = args.findIndex((a) => a === '--selectProjects' || a.startsWith('--selectProjects='))
  if (i < 0) return true
  if (args[i].includes('='))
    return args[i]
      .slice(args[i].indexOf('=') + 1)
      .split(',')
      .includes('browser')
  const after = args.slice(i + 1)
  const end = after.findIndex((a) => a.startsWith('-'))
  return (end < 0 ? after : after.slice(0, end)).includes('browser')
}

ensureDependencies()
const env = runsBrowserTests(extra) ? { CHROMIUM_PATH: ensureChromium() } : {}
run('构建云函数', process.execPath, ['scripts/build-functions.mjs'])
run('构建 H5 前端', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })

console.log('\n▶ 运行全部测试（jest）')
const summary = join(root, 'test-artifacts', 'jest-summary.json')
const r = spawnSync(bin('jest'), ['--ci', '--json', `--outputFile=${summary}`, ...extra], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
if (existsSync(summary)) {
  const s = JSON.parse(readFileSync(summary, 'utf8'))
  console.log(`\n${s.numPassedTests} passed, ${s.numFailedTests} failed, ${s.numPendingTests + s.numTodoTests} skipped`)
}
process.exit(r.status ?? 1)
