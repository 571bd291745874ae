// `npm test`: everything — build the functions and the H5 app (the browser test drives them), then
// every jest project: node (contract, local cloud, functions), pages (real Taro components), browser.
import { run, bin } from './run.mjs'

const extra = process.argv.slice(2)
run('构建云函数', process.execPath, ['scripts/build-functions.mjs'])
run('构建 H5 前端', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
run('运行全部测试（jest）', bin('jest'), ['--ci', ...extra])
