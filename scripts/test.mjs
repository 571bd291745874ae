// `npm test`: everything — build the functions and the H5 app (the browser test drives them), then
// every jest project: node (contract, local cloud, functions), pages (real Taro components), browser.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { root, run, bin } from './run.mjs'

const extra = process.argv.slice(2)
run('构建云函数', process.execPath, ['scripts/build-functions.mjs'])
run('构建 H5 前端', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })

console.log('\n▶ 运行全部测试（jest）')
const summary = join(root, 'test-artifacts', 'jest-summary.json')
const r = spawnSync(bin('jest'), ['--ci', '--json', `--outputFile=${summary}`, ...extra], { cwd: root, stdio: 'inherit' })
if (existsSync(summary)) {
  const s = JSON.parse(readFileSync(summary, 'utf8'))
  console.log(`\n${s.numPassedTests} passed, ${s.numFailedTests} failed, ${s.numPendingTests + s.numTodoTests} skipped`)
}
process.exit(r.status ?? 1)
