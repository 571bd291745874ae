// `npm run check:weapp`: the weapp output (dist/, from `npm run build:weapp`) read by WeChat's own
// compiler and code-quality check (miniprogram-ci), offline. Fails on any compile error (WXML/WXSS
// syntax, app.json and page JSON, missing page files, subpackage rules) and on every failed
// quality item not allowed below. `--project <folder>` checks another folder holding a
// project.config.json (the tests use broken copies of a small fixture).
import { parseArgs } from 'node:util'
import { root } from './run.mjs'
import { loadMiniprogramCi, openProject, stageProject } from './weapp-ci.mjs'

/**
 * Quality items that may fail, each with the reason. Empty today: every item passes (upload
 * compression of JS, WXML and WXSS is on in project.config.json, lazyCodeLoading in app.json).
 * An entry is `['ITEM_NAME', '为什么可以不满足']`.
 */
export const ALLOWED_QUALITY_ITEMS = new Map([])

const say = (line) => process.stdout.write(line + '\n')
const fail = (line) => process.stderr.write(line + '\n')

function describeDetail(item) {
  const d = item.detail
  if (!d) return ''
  if (item.name === 'PACKAGE_SIZE_LIMIT') {
    return Object.entries(d)
      .map(([k, v]) => `${k === '__APP__' ? '主包' : k} ${(v / 1024).toFixed(1)} KB`)
      .join('，')
  }
  const files = Array.isArray(d) ? d : (d.files ?? d.comps ?? [])
  return files.length ? files.slice(0, 10).map(String).join('，') + (files.length > 10 ? ` 等 ${files.length} 个` : '') : ''
}

async function compile(ci, project) {
  const started = Date.now()
  try {
    const files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true }, onProgressUpdate: () => {} })
    say(`✔ 微信编译器编译通过：${Object.keys(files).length} 个文件（${((Date.now() - started) / 1000).toFixed(1)} s）`)
    return true
  } catch (e) {
    const where = e && e.path ? `${e.path}：` : ''
    fail(`✖ 微信编译器报错：${where}${e && e.message ? e.message : String(e)}`)
    return false
  }
}

async function checkQuality(ci, project) {
  const items = await ci.checkCodeQuality(project)
  let ok = true
  for (const item of items) {
    const detail = describeDetail(item)
    const text = String(item.text ?? '').replace(/[\s:：]+$/, '')
    const line = `${item.name}：${text}${detail ? `（${detail}）` : ''}`
    if (item.success) say(`  ✔ ${line}`)
    else if (ALLOWED_QUALITY_ITEMS.has(item.name)) say(`  ⚠ ${line} —— 允许：${ALLOWED_QUALITY_ITEMS.get(item.name)}`)
    else {
      fail(`  ✖ ${line}`)
      ok = false
    }
  }
  if (ok) say('✔ 代码质量检查通过')
  else fail('✖ 代码质量检查未通过（不允许的项见上；确需放过的项连同原因写进 scripts/check-weapp.mjs 的 ALLOWED_QUALITY_ITEMS）')
  return ok
}

export async function checkWeapp(projectDir) {
  let staged
  try {
    staged = stageProject(projectDir)
  } catch (e) {
    fail(`✖ ${e.message}`)
    return false
  }
  try {
    process.chdir(staged.dir) // miniprogram-ci leaves cache folders in the working directory
    say('微信编译器（miniprogram-ci）离线运行：它请求 getwhiteextlist 的网络报错无害。')
    const ci = await loadMiniprogramCi()
    const project = openProject(ci, staged, { offline: true })
    const compiled = await compile(ci, project)
    say('代码质量检查（微信开发者工具「代码质量」面板的同一组检查）：')
    const quality = await checkQuality(ci, project)
    return compiled && quality
  } finally {
    process.chdir(root)
    staged.cleanup()
  }
}

const { values } = parseArgs({ options: { project: { type: 'string' } } })
const ok = await checkWeapp(values.project ?? root)
// miniprogram-ci leaves timers and watchers behind: leave explicitly.
process.exit(ok ? 0 : 1)
