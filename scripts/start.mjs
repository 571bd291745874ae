// `npm start`: install the dependencies if needed, build the cloud functions, build the H5 app when
// its sources changed since the last build (h5-stamp.mjs), then run the local cloud with the demo town.
// One line per stage; the builds' own output goes to build/start-logs/ (its tail is shown on failure).
// `--no-h5` skips the H5 stage, `--rebuild-h5` builds it even when it is up to date.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { root, runQuiet, bin, ensureDependencies } from './run.mjs'
import { isFresh, readInputs, saveStamp, stampOf } from './h5-stamp.mjs'

const started = Date.now()
const logs = join(root, 'build', 'start-logs')
if (!ensureDependencies({ log: join(logs, 'npm-ci.log') })) console.log('▶ 安装依赖（已是最新，跳过）')
// a network HOST without ALLOW_NETWORK=1 stops here, before the builds (local-server/main.ts checks again)
const host = spawnSync(process.execPath, ['--import', 'tsx', 'local-server/check-host.ts'], { cwd: root, stdio: 'inherit' })
if (host.status !== 0) process.exit(host.status ?? 1)

runQuiet('构建云函数', process.execPath, ['scripts/build-functions.mjs'], { log: join(logs, 'functions.log') })

if (!process.argv.includes('--no-h5')) {
  const env = { ...process.env, NODE_ENV: 'production' }
  const dist = join(root, 'dist-h5')
  const stamp = stampOf(readInputs(root), env)
  if (!process.argv.includes('--rebuild-h5') && isFresh(dist, stamp)) console.log('▶ 构建 H5（已是最新，跳过）')
  else {
    runQuiet('构建 H5（2 核约 2 分钟）', bin('taro'), ['build', '--type', 'h5'], { env: { NODE_ENV: 'production' }, log: join(logs, 'h5.log') })
    saveStamp(dist, stamp)
  }
}

// local-server/main.ts prints 启动本地云 and 写入演示数据, then the address and the demo sign-in hint
const child = spawn(process.execPath, ['--import', 'tsx', 'local-server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, START_STARTED_AT: String(started) }
})
const forward = (sig) => () => child.kill(sig)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('exit', (code) => process.exit(code ?? 0))
