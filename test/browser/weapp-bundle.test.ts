/**
 * The local sign-in exists for the H5 demo only: the weapp output (dist/) must not carry the page,
 * its title, or its /api/dev/ endpoints — while dist-h5 does. Builds dist/ when it is missing or
 * older than src/ (a stale bundle would prove nothing about the current sources).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { ROOT } from './harness'

const TIMEOUT = 180_000
const DIST = join(ROOT, 'dist')
const DIST_H5 = join(ROOT, 'dist-h5')
const TITLE = '本地演示登录'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

function newestMtime(dir: string): number {
  return Math.max(0, ...filesUnder(dir).map((file) => statSync(file).mtimeMs))
}

/** `本地演示登录` → `\u672c\u5730…`, matched in either case of the hex digits. */
function escapedPattern(text: string): RegExp {
  const escaped = Array.from(text, (ch) => `\\\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('')
  return new RegExp(escaped, 'i')
}

/** Does the text appear in the file raw or \u-escaped (minifiers and JSON may escape non-ASCII)? */
function contains(content: string, text: string): boolean {
  if (content.includes(text)) return true
  return /[^\x20-\x7e]/.test(text) && escapedPattern(text).test(content)
}

function filesContaining(dir: string, text: string): string[] {
  return filesUnder(dir)
    .filter((file) => contains(readFileSync(file, 'utf8'), text))
    .map((file) => relative(ROOT, file))
}

beforeAll(() => {
  const appJson = join(DIST, 'app.json')
  const stale = !existsSync(appJson) || statSync(appJson).mtimeMs < newestMtime(join(ROOT, 'src'))
  if (stale) {
    const taro = join(ROOT, 'node_modules', '.bin', 'taro')
    const built = spawnSync(taro, ['build', '--type', 'weapp'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8', timeout: TIMEOUT - 10_000 })
    if (built.status !== 0 || !existsSync(appJson)) throw new Error(`taro build --type weapp failed (${built.status}): ${built.stdout}\n${built.stderr}`)
  }
  if (!existsSync(join(DIST_H5, 'index.html'))) throw new Error('dist-h5 is missing — run: npx taro build --type h5')
}, TIMEOUT)

describe('weapp bundle has no local sign-in', () => {
  test('dist/app.json: the real pages and the admin subpackage, no dev-sign-in page', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> }
    expect(app.pages).toEqual(expect.arrayContaining(['pages/home/index', 'pages/me/index']))
    expect(app.pages.filter((page) => page.includes('dev-sign-in'))).toEqual([])
    expect(app.subPackages?.map((pkg) => pkg.root)).toEqual(expect.arrayContaining(['packages/admin']))
    expect(existsSync(join(DIST, 'pages', 'me', 'index.js'))).toBe(true)
  })

  test('no file of dist/ is the sign-in page or mentions it, its title (raw or \\u-escaped) or /api/dev/', () => {
    const files = filesUnder(DIST)
    expect(files.length).toBeGreaterThan(10)
    expect(files.map((file) => relative(DIST, file)).filter((path) => path.split(sep).join('/').includes('dev-sign-in'))).toEqual([])
    expect(filesContaining(DIST, TITLE)).toEqual([])
    expect(filesContaining(DIST, '/api/dev/')).toEqual([])
    expect(filesContaining(DIST, 'dev-sign-in')).toEqual([])
    // Nor the H5 transport's local bearer token (the weapp talks to the cloud with wx.cloud).
    expect(filesContaining(DIST, 'wm.localToken')).toEqual([])
  })

  test('the same search does find page text that belongs in the weapp (the scan is not blind)', () => {
    expect(filesContaining(DIST, '长辈模式').length).toBeGreaterThan(0)
    expect(filesContaining(DIST, '人员与角色').length).toBeGreaterThan(0)
  })

  test('dist-h5 does carry the local sign-in page and its endpoints', () => {
    expect(filesContaining(DIST_H5, TITLE).length).toBeGreaterThan(0)
    expect(filesContaining(DIST_H5, '/api/dev/').length).toBeGreaterThan(0)
    expect(filesContaining(DIST_H5, 'dev-sign-in').length).toBeGreaterThan(0)
  })

  test('the \\u-escape matcher recognises an escaped title', () => {
    expect(contains('x="\\u672c\\u5730\\u6f14\\u793a\\u767b\\u5f55"', TITLE)).toBe(true)
    expect(contains('x="\\u672C\\u5730\\u6F14\\u793A\\u767B\\u5F55"', TITLE)).toBe(true)
    expect(contains('x="本地"', TITLE)).toBe(false)
  })
})
