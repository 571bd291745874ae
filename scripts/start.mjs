// `npm start`: build the cloud functions and the H5 app, then run the local cloud with the demo town.
import { spawn } from 'node:child_process'
import { root, run, bin } from './run.mjs'

run('构建云函数', process.execPath, ['scripts/build-functions.mjs'])
if (!process.argv.includes('--no-h5')) run('构建 H5 前端（约 20–30 秒）', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })

const child = spawn(process.execPath, ['--import', 'tsx', 'local-server/main.ts'], { cwd: root, stdio: 'inherit' })
const forward = (sig) => () => child.kill(sig)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('exit', (code) => process.exit(code ?? 0))
