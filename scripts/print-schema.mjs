// Prints the collections and indexes declared in cloudfunctions/collections.json as the steps to
// create them in a real WeChat Cloud environment (云开发控制台 → 数据库), plus the security rule.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './run.mjs'

const { collections } = JSON.parse(readFileSync(join(root, 'cloudfunctions', 'collections.json'), 'utf8'))
console.log('在云开发控制台 → 数据库 中逐个创建以下集合，并在「索引管理」里添加索引：\n')
for (const [name, { indexes }] of Object.entries(collections)) {
  console.log(`集合 ${name}`)
  console.log('  权限：自定义安全规则 { "read": false, "write": false }（客户端不可直接读写，只能经云函数）')
  for (const ix of indexes) {
    const keys = ix.keys.map((k) => `${k.field} ${k.direction === '2dsphere' ? '地理位置（2dsphere）' : k.direction === 1 ? '升序' : '降序'}`).join(', ')
    console.log(`  索引 ${ix.name}${ix.unique ? '（唯一）' : ''}：${keys}`)
  }
  if (indexes.length === 0) console.log('  （无额外索引，只按 _id 读取）')
  console.log()
}
