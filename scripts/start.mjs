// `npm start`: install the dependencies if needed, build the cloud functions and the H5 app, then run
// the local cloud with the demo town.
import { spawn, spawnSync } from 'node:child_process'
import { root, run, bin, ensureDependencies } from './run.mjs'

ensureDependencies()
// a network HOST without ALLOW_NETWORK=1 stops here, before the builds (local-server/main.ts checks again)
const host = spawnSync(process.execPath, ['--import', 'tsx', 'local-server/check-host.ts'], { cwd: root, stdio: 'inherit' })
if (host.status !== 0) process.exit(host.status ?? 1)

run('构建云函数', process.execPath, ['scripts/build-functions.mjs'])
if (!process.argv.includes('--no-h5')) run('构建 H5 前端（约 20–30 秒）', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })

const child = spawn(process.execPath, ['--import', 'tsx', 'local-server/main.ts'], { cwd: root, stdio: 'inherit' })
const forward = (sig) => () => child.kill(sig)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('exit', (code) => process.exit(code ?? 0))
