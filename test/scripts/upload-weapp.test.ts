/** `npm run upload:weapp` refuses, in Chinese and before compiling anything, without a version, an AppID or an upload key. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'upload-weapp.mjs')
const APPID = 'wx0123456789abcdef'

function upload(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WEAPP_')))
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { ...clean, ...env } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stderr: r.stderr, stdout: r.stdout }
}

describe('upload:weapp refuses clearly', () => {
  test('no version', () => {
    const r = upload([], { WEAPP_APPID: APPID, WEAPP_UPLOAD_KEY: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('请用 --version 指定版本号，格式为 x.y.z')
  })

  test('no AppID, or a malformed one', () => {
    expect(upload(['--version', '1.0.0'], {}).stderr).toContain('缺少小程序 AppID：请设置环境变量 WEAPP_APPID')
    expect(upload(['--version', '1.0.0'], { WEAPP_APPID: 'touristappid' }).stderr).toContain('现在的值「touristappid」格式不对')
  })

  test('no upload key, a missing key file, a key that is not one', () => {
    const none = upload(['--version', '1.0.0'], { WEAPP_APPID: APPID })
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('缺少代码上传密钥：请设置环境变量 WEAPP_UPLOAD_KEY（密钥内容）或 WEAPP_UPLOAD_KEY_PATH')
    expect(upload(['--version', '1.0.0'], { WEAPP_APPID: APPID, WEAPP_UPLOAD_KEY_PATH: '/nonexistent/private.key' }).stderr).toContain('找不到代码上传密钥文件：/nonexistent/private.key')
    const file = join(mkdtempSync(join(tmpdir(), 'upload-key-')), 'private.key')
    writeFileSync(file, 'not a key')
    expect(upload(['--version', '1.0.0'], { WEAPP_APPID: APPID, WEAPP_UPLOAD_KEY_PATH: file }).stderr).toContain('代码上传密钥格式不对')
  })

  test('nothing is compiled or sent when refused', () => {
    const r = upload(['--version', '1.0.0'], {})
    expect(r.stdout).not.toContain('微信编译器')
  })
})
