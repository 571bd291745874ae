// Package-size report: weapp main package and each subpackage (from dist/, the weapp build) and
// each cloud-function bundle (build/cloudfunctions). `--check` fails when a budget is exceeded.
// Figures are merged into bench/results.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { root } from './run.mjs'
import { mergeResults } from './results.mjs'

export const BUDGETS = { mainPackageKB: 600, subpackageKB: 2048, functionBundleKB: 300 }

function walk(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) out.push(...walk(p))
    else out.push({ path: p, size: st.size })
  }
  return out
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10

export function measureWeapp(dist = join(root, 'dist')) {
  if (!existsSync(join(dist, 'app.json'))) throw new Error('dist/app.json 不存在：请先运行 npm run build:weapp')
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  // project.config.json and source maps are not uploaded as package code.
  const files = walk(dist).filter((f) => !f.path.endsWith('.map') && !f.path.endsWith('project.config.json') && !f.path.endsWith('project.private.config.json'))
  const subs = Object.fromEntries(roots.map((r) => [r, 0]))
  let main = 0
  for (const f of files) {
    const rel = relative(dist, f.path).split('\\').join('/')
    const owner = roots.find((r) => rel === r || rel.startsWith(r + '/'))
    if (owner) subs[owner] += f.size
    else main += f.size
  }
  return { mainKB: kb(main), subpackagesKB: Object.fromEntries(Object.entries(subs).map(([k, v]) => [k, kb(v)])) }
}

export function measureFunctions(dir = join(root, 'build', 'cloudfunctions')) {
  if (!existsSync(dir)) throw new Error('build/cloudfunctions 不存在：请先运行 npm run build:functions')
  return Object.fromEntries(readdirSync(dir).map((n) => [n, kb(statSync(join(dir, n, 'index.js')).size)]))
}

export function sizeReport() {
  const weapp = measureWeapp()
  const functions = measureFunctions()
  const maxSub = Math.max(0, ...Object.values(weapp.subpackagesKB))
  const maxFn = Math.max(0, ...Object.values(functions))
  console.log('\n小程序包体积（weapp）')
  console.log(`  主包            ${weapp.mainKB.toFixed(1).padStart(8)} KB   预算 ≤ ${BUDGETS.mainPackageKB} KB`)
  for (const [r, s] of Object.entries(weapp.subpackagesKB)) console.log(`  分包 ${r.padEnd(10)} ${s.toFixed(1).padStart(8)} KB   预算 ≤ ${BUDGETS.subpackageKB} KB`)
  console.log('云函数包体积（不含 wx-server-sdk）')
  for (const [n, s] of Object.entries(functions)) console.log(`  ${n.padEnd(15)} ${s.toFixed(1).padStart(8)} KB   预算 ≤ ${BUDGETS.functionBundleKB} KB`)
  const figures = {
    'weapp.mainPackageKB': weapp.mainKB,
    'weapp.maxSubpackageKB': maxSub,
    ...Object.fromEntries(Object.entries(weapp.subpackagesKB).map(([k, v]) => [`weapp.subpackageKB.${k}`, v])),
    'functions.maxBundleKB': maxFn,
    ...Object.fromEntries(Object.entries(functions).map(([k, v]) => [`functions.bundleKB.${k}`, v]))
  }
  const over = []
  if (weapp.mainKB > BUDGETS.mainPackageKB) over.push(`主包 ${weapp.mainKB} KB > ${BUDGETS.mainPackageKB} KB`)
  if (maxSub > BUDGETS.subpackageKB) over.push(`分包 ${maxSub} KB > ${BUDGETS.subpackageKB} KB`)
  if (maxFn > BUDGETS.functionBundleKB) over.push(`云函数 ${maxFn} KB > ${BUDGETS.functionBundleKB} KB`)
  return { figures, over }
}

if (process.argv[1] && process.argv[1].endsWith('size-report.mjs')) {
  const { figures, over } = sizeReport()
  mergeResults(figures)
  if (over.length) {
    console.error(`\n✖ 超出预算：\n  ${over.join('\n  ')}`)
    if (process.argv.includes('--check')) process.exit(1)
  } else console.log('\n✔ 全部在预算内')
}
