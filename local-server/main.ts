// Entry point of `npm start`'s server: the local cloud, the functions (esbuild bundles), the demo
// town and the H5 build, on one localhost port.
import '../local-cloud/preload'
import { join } from 'node:path'
import { localCloud } from '../local-cloud'
import { loadFunctions } from './functions'
import { createLocalServer } from './server'
import { seedDemoTown } from './seed'

const root = join(__dirname, '..')
const port = Number(process.env.PORT ?? 10086)
const host = process.env.HOST ?? '127.0.0.1'
const dataDir = process.env.LOCAL_CLOUD_DATA_DIR ?? join(root, '.local-cloud', 'data')
process.env.LOCAL_CLOUD_PUBLIC_URL ??= `http://${host}:${port}`

localCloud.open({ dataDir })
if (seedDemoTown(localCloud.engine)) console.log('已写入演示数据：西岗镇（4 个村居、网格、责任单位和各类角色的演示用户）')
loadFunctions('build')

const server = createLocalServer({ staticDir: join(root, 'dist-h5'), dataDir })
server.listen(port, host, () => {
  console.log(`\n文明创建 本地云已启动：http://${host}:${port}/\n数据目录：${dataDir}\n按 Ctrl+C 停止。`)
})

const stop = () => {
  server.close()
  localCloud.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
