// `npm run upload:weapp -- --version x.y.z [--desc 说明]`: runs `npm run check:weapp` (WeChat's
// compiler and code-quality check on dist/), then uploads dist/ with miniprogram-ci as a
// development version (公众平台 → 管理 → 版本管理 → 开发版本). The AppID and the code-upload key come
// from the environment only: WEAPP_APPID, and WEAPP_UPLOAD_KEY (the key's content) or
// WEAPP_UPLOAD_KEY_PATH (a file outside the repository).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { root, run, stop } from './run.mjs'
import { loadMiniprogramCi, openProject, stageProject } from './weapp-ci.mjs'

const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/

/** What the upload needs from the arguments and the environment, or the Chinese sentence saying what is missing. */
export function uploadSettings(args, env) {
  const version = args.version?.trim()
  if (!version || !VERSION.test(version)) return { error: '请用 --version 指定版本号，格式为 x.y.z，例如：npm run upload:weapp -- --version 1.0.0 --desc "首次提交审核"' }
  const appid = env.WEAPP_APPID?.trim()
  if (!appid || !/^wx[0-9a-f]{16}$/.test(appid)) {
    return { error: `缺少小程序 AppID：请设置环境变量 WEAPP_APPID（公众平台 → 开发 → 开发管理 → 开发设置中的 AppID，形如 wx0123456789abcdef）${appid ? `；现在的值「${appid}」格式不对` : ''}` }
  }
  const keyPath = env.WEAPP_UPLOAD_KEY_PATH?.trim()
  let privateKey = env.WEAPP_UPLOAD_KEY?.trim()
  if (!privateKey && keyPath) {
    if (!existsSync(keyPath)) return { error: `找不到代码上传密钥文件：${keyPath}（环境变量 WEAPP_UPLOAD_KEY_PATH）` }
    privateKey = readFileSync(keyPath, 'utf8').trim()
  }
  if (!privateKey) {
    return {
      error:
        '缺少代码上传密钥：请设置环境变量 WEAPP_UPLOAD_KEY（密钥内容）或 WEAPP_UPLOAD_KEY_PATH（密钥文件路径，放在仓库之外）。' +
        '密钥在 公众平台 → 开发 → 开发管理 → 开发设置 →「小程序代码上传」中生成，并在那里把本机的出口 IP 加入白名单'
    }
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) return { error: '代码上传密钥格式不对：应是以 -----BEGIN RSA PRIVATE KEY----- 开头的文件内容' }
  return { version, desc: args.desc?.trim() || `版本 ${version}`, appid, privateKey: privateKey + '\n' }
}

async function upload(settings) {
  const staged = stageProject(root, { appid: settings.appid, privateKey: settings.privateKey })
  try {
    process.chdir(staged.dir)
    const ci = await loadMiniprogramCi()
    const project = openProject(ci, staged, { offline: false })
    const result = await ci.upload({ project, version: settings.version, desc: settings.desc, setting: { useProjectConfig: true }, onProgressUpdate: () => {} })
    const sizes = (result?.subPackageInfo ?? []).map((p) => `${p.name === '__FULL__' ? '整包' : p.name === '__APP__' ? '主包' : p.name} ${(p.size / 1024).toFixed(1)} KB`)
    console.log(`\n✔ 已上传开发版本 ${settings.version}（${settings.desc}）${sizes.length ? `：${sizes.join('，')}` : ''}`)
    console.log('  下一步：公众平台 → 管理 → 版本管理 → 开发版本，选为体验版试用，再「提交审核」')
  } finally {
    process.chdir(root)
    staged.cleanup()
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({ options: { version: { type: 'string' }, desc: { type: 'string' } } })
  const settings = uploadSettings(values, process.env)
  if (settings.error) stop(settings.error)
  run('微信编译器与代码质量检查（npm run check:weapp）', process.execPath, [join(root, 'scripts', 'check-weapp.mjs')])
  try {
    await upload(settings)
  } catch (e) {
    stop(`上传失败：${e?.message ?? String(e)}（常见原因：本机 IP 不在上传白名单、密钥与 AppID 不对应、版本号不大于已上传的版本）`)
  }
  // miniprogram-ci leaves timers behind
  process.exit(0)
}
