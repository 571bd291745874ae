// WeChat's own build tool (`miniprogram-ci`, the compiler and checks of the DevTools), shared by
// check-weapp.mjs (offline compile + code-quality check) and upload-weapp.mjs (upload).
// miniprogram-ci is given a temporary folder holding only project.config.json and the
// miniprogramRoot: pointed at the repository root (node_modules and all) it does not find app.json.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { generateKeyPairSync } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

/** miniprogram-ci takes ≈ 5 s to load: import it only when it is needed. */
export async function loadMiniprogramCi() {
  const mod = await import('miniprogram-ci')
  const ci = mod.default ?? mod
  ci.locales?.setLocale?.('zh')
  return ci
}

/** `project.config.json` of a project folder and its miniprogramRoot without `./` and trailing `/`. */
export function readProjectConfig(projectDir) {
  const file = join(projectDir, 'project.config.json')
  if (!existsSync(file)) throw new Error(`${file} 不存在`)
  const config = JSON.parse(readFileSync(file, 'utf8'))
  const rootName = String(config.miniprogramRoot ?? '')
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
  if (!rootName) throw new Error('project.config.json 没有 miniprogramRoot')
  return { config, rootName }
}

/**
 * Copies project.config.json (appid replaced when given) and the miniprogramRoot to a temporary
 * folder and writes the private key there: the real upload key, or else a throwaway RSA key
 * (compiling and the quality check never send it anywhere; they only need a readable key file).
 */
export function stageProject(projectDir, { appid, privateKey } = {}) {
  const { config, rootName } = readProjectConfig(projectDir)
  const source = join(projectDir, rootName)
  if (!existsSync(join(source, 'app.json'))) {
    throw new Error(`${relative(process.cwd(), source) || source}/app.json 不存在：请先运行 npm run build:weapp`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'weapp-ci-'))
  writeFileSync(join(dir, 'project.config.json'), JSON.stringify({ ...config, ...(appid ? { appid } : {}) }, null, 2))
  cpSync(source, join(dir, rootName), { recursive: true })
  const key = privateKey ?? generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey
  const keyPath = join(dir, 'private.key')
  writeFileSync(keyPath, key, { mode: 0o600 })
  return { dir, rootName, appid: appid ?? config.appid, keyPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * A miniprogram-ci project over a staged folder. Offline, the project's attributes (normally asked
 * of WeChat's server with the upload key) are the tool's defaults, which skips that request.
 */
export function openProject(ci, staged, { offline }) {
  const project = new ci.Project({ appid: staged.appid, type: 'miniProgram', projectPath: staged.dir, privateKeyPath: staged.keyPath, ignores: [] })
  if (offline) project._attr = ci.DefaultProjectAttr
  return project
}
