// After `npm install`: drop optional dependencies that the registry does not serve (other
// platforms' native bindings, NutUI's usage-stats tool) from package-lock.json. npm records the
// edge but cannot resolve the package, and `npm ci` then refuses the lock as out of sync.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './run.mjs'

const file = join(root, 'package-lock.json')
const lock = JSON.parse(readFileSync(file, 'utf8'))
const dropped = new Set()
for (const entry of Object.values(lock.packages)) {
  const optional = entry.optionalDependencies
  if (!optional) continue
  for (const name of Object.keys(optional)) {
    if (!lock.packages[`node_modules/${name}`]) {
      delete optional[name]
      dropped.add(name)
    }
  }
  if (Object.keys(optional).length === 0) delete entry.optionalDependencies
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(dropped.size ? `已从 package-lock.json 去掉无法安装的可选依赖：${[...dropped].join(', ')}` : 'package-lock.json 无需修改')
