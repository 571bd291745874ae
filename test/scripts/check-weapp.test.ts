/**
 * `npm run check:weapp` can fail: WeChat's own compiler (miniprogram-ci, offline) refuses
 * deliberately broken copies of a small valid mini-program (test/fixtures/weapp-minimal), and the
 * code-quality check refuses a project whose upload compression is off. The fixture keeps the test
 * independent of a full weapp build; CI checks the real dist/ with the same script.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const FIXTURE = join(ROOT, 'test', 'fixtures', 'weapp-minimal')
const SCRIPT = join(ROOT, 'scripts', 'check-weapp.mjs')
const TIMEOUT = 240_000

type Outcome = { code: number | null; stdout: string; stderr: string }

const work = mkdtempSync(join(tmpdir(), 'check-weapp-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A copy of the fixture, changed by `breakIt`, checked by the script in a child process. */
function checkCopy(name: string, breakIt: (dir: string) => void): Promise<Outcome> {
  const dir = join(work, name)
  cpSync(FIXTURE, dir, { recursive: true })
  breakIt(dir)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, '--project', dir], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b) => (stdout += b))
    child.stderr.on('data', (b) => (stderr += b))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const page = (dir: string, rel: string) => join(dir, 'miniprogram', rel)
const editJson = (file: string, edit: (value: Record<string, unknown>) => void) => {
  const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  edit(value)
  writeFileSync(file, JSON.stringify(value, null, 2))
}

let results: Record<string, Outcome>

// The copies compile in parallel child processes (each loads miniprogram-ci, ≈ 10 s).
beforeAll(async () => {
  const cases: Record<string, (dir: string) => void> = {
    valid: () => undefined,
    // <text> never closed: the compiler meets </view> while <text> is open
    openChild: (dir) => writeFileSync(page(dir, 'pages/index/index.wxml'), '<view class="box">\n  <text>{{n}}\n</view>\n'),
    // a start tag whose ">" never comes
    openStartTag: (dir) => writeFileSync(page(dir, 'pages/index/index.wxml'), '<view class="box"\n'),
    ghostPage: (dir) => editJson(page(dir, 'app.json'), (app) => (app.pages as string[]).push('pages/ghost/index')),
    ghostSubpackagePage: (dir) => editJson(page(dir, 'app.json'), (app) => (app.subPackages as Array<{ pages: string[] }>)[0].pages.push('pages/ghost/index')),
    noCompression: (dir) => editJson(join(dir, 'project.config.json'), (config) => Object.assign(config.setting as object, { minified: false, minifyWXML: false, minifyWXSS: false })),
    notBuilt: (dir) => rmSync(join(dir, 'miniprogram'), { recursive: true })
  }
  const entries = await Promise.all(Object.entries(cases).map(async ([name, fn]) => [name, await checkCopy(name, fn)] as const))
  results = Object.fromEntries(entries)
}, TIMEOUT)

describe('check:weapp', () => {
  test('the valid fixture compiles and passes every quality item', () => {
    const r = results.valid
    expect(r.stderr).not.toContain('✖')
    expect(r.stdout).toMatch(/微信编译器编译通过：\d+ 个文件/)
    expect(r.stdout).toContain('✔ JS_COMPRESS_OPEN')
    expect(r.stdout).toContain('✔ 代码质量检查通过')
    expect(r.code).toBe(0)
  })

  test('a WXML child tag left open is refused, naming the file and the place', () => {
    const r = results.openChild
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('✖ 微信编译器报错：pages/index/index.wxml：3:3:unexpected end tag: view')
  })

  test('a WXML start tag left open is refused', () => {
    const r = results.openStartTag
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('✖ 微信编译器报错：')
    expect(r.stderr).toContain('unexpected end')
  })

  test('a page listed in app.json without files is refused (main package and subpackage)', () => {
    expect(results.ghostPage.code).toBe(1)
    expect(results.ghostPage.stderr).toMatch(/微信编译器报错：.*\["pages"\]\[1\].*pages\/ghost\/index/)
    expect(results.ghostSubpackagePage.code).toBe(1)
    expect(results.ghostSubpackagePage.stderr).toMatch(/微信编译器报错：.*pages\/ghost\/index/)
  })

  test('upload compression turned off fails the quality check, item by item', () => {
    const r = results.noCompression
    expect(r.code).toBe(1)
    for (const item of ['JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN']) expect(r.stderr).toContain(`✖ ${item}`)
    expect(r.stderr).toContain('代码质量检查未通过')
    expect(r.stdout).toContain('✔ LAZYCODE_LOADING_OPEN')
  })

  test('a missing build says what to run', () => {
    expect(results.notBuilt.code).toBe(1)
    expect(results.notBuilt.stderr).toContain('app.json 不存在：请先运行 npm run build:weapp')
  })

  test('the repository asks for the same compression it checks', () => {
    const { setting } = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as { setting: Record<string, unknown> }
    expect(setting).toMatchObject({ minified: true, minifyWXML: true, minifyWXSS: true })
  })
})
