/**
 * `npm start` rebuilds H5 only when its inputs changed (scripts/h5-stamp.mjs): the stamp depends on
 * every input path and byte and on the build's environment (NODE_ENV, TARO_*), not on the order the
 * files were read in or on unrelated variables; a dist-h5 without index.html or without the same
 * stamp is not fresh. The module is plain ESM for node (npm start loads it before any dependency),
 * so it runs in a child node here.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const MODULE = join(ROOT, 'scripts', 'h5-stamp.mjs')

/** Runs `body` (an async function body with the module as `m`) in node and returns what it returns. */
function inNode<T>(body: string): T {
  const code = `const m = await import(${JSON.stringify(MODULE)}); const out = await (async () => { ${body} })(); console.log(JSON.stringify(out))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as T
}

const work = mkdtempSync(join(tmpdir(), 'h5-stamp-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the H5 build stamp', () => {
  test('the same inputs give the same stamp; a path, a byte or a build variable changes it; order and other variables do not', () => {
    const r = inNode<Record<string, string>>(`
      const files = [['src/app.tsx', 'export default 1'], ['config/index.ts', 'x'], ['package-lock.json', '{}']]
      const env = { NODE_ENV: 'production', PATH: '/bin' }
      return {
        base: m.stampOf(files, env),
        again: m.stampOf(files.map((f) => [...f]), { ...env }),
        reordered: m.stampOf([...files].reverse(), env),
        otherVariable: m.stampOf(files, { ...env, PATH: '/usr/bin', HOME: '/root' }),
        byte: m.stampOf([['src/app.tsx', 'export default 2'], ...files.slice(1)], env),
        path: m.stampOf([['src/app2.tsx', 'export default 1'], ...files.slice(1)], env),
        added: m.stampOf([...files, ['src/new.ts', '']], env),
        removed: m.stampOf(files.slice(1), env),
        // moving bytes from one file's end to the next file's name must not collide
        shifted: m.stampOf([['a', 'bc'], ['d', '']], env),
        shifted2: m.stampOf([['a', 'b'], ['cd', '']], env),
        nodeEnv: m.stampOf(files, { ...env, NODE_ENV: 'development' }),
        taroVariable: m.stampOf(files, { ...env, TARO_APP_CLOUD_ENV: 'wenming-1' }),
        buffer: m.stampOf(files.map(([p, c]) => [p, Buffer.from(c)]), env)
      }
    `)
    expect(r.base).toMatch(/^[0-9a-f]{64}$/)
    expect(r.again).toBe(r.base)
    expect(r.reordered).toBe(r.base)
    expect(r.otherVariable).toBe(r.base)
    expect(r.buffer).toBe(r.base)
    const changed = [r.byte, r.path, r.added, r.removed, r.nodeEnv, r.taroVariable]
    for (const s of changed) expect(s).not.toBe(r.base)
    expect(new Set(changed).size).toBe(changed.length)
    expect(r.shifted).not.toBe(r.shifted2)
  })

  test('buildEnv keeps NODE_ENV and TARO_* only', () => {
    expect(inNode(`return m.buildEnv({ NODE_ENV: 'production', TARO_ENV: 'h5', TARO_APP_LOCAL: '1', HOME: '/root', PORT: '1' })`)).toEqual({
      NODE_ENV: 'production',
      TARO_APP_LOCAL: '1',
      TARO_ENV: 'h5'
    })
  })

  test('readInputs: the listed files and directories, content not mtime; a touched file keeps the stamp, an edited one does not', () => {
    const dir = join(work, 'project')
    mkdirSync(join(dir, 'src', 'pages'), { recursive: true })
    mkdirSync(join(dir, 'node_modules'), { recursive: true })
    writeFileSync(join(dir, 'src', 'app.tsx'), 'a')
    writeFileSync(join(dir, 'src', 'pages', 'home.tsx'), 'b')
    writeFileSync(join(dir, 'package-lock.json'), '{}')
    writeFileSync(join(dir, 'node_modules', 'x.js'), 'not an input')
    const stamp = () => inNode<{ paths: string[]; stamp: string }>(`const f = m.readInputs(${JSON.stringify(dir)}); return { paths: f.map(([p]) => p), stamp: m.stampOf(f, {}) }`)
    const first = stamp()
    expect(first.paths).toEqual(['src/app.tsx', 'src/pages/home.tsx', 'package-lock.json'])
    const later = new Date(Date.now() + 60_000)
    utimesSync(join(dir, 'src', 'app.tsx'), later, later)
    expect(stamp().stamp).toBe(first.stamp)
    writeFileSync(join(dir, 'node_modules', 'x.js'), 'changed')
    expect(stamp().stamp).toBe(first.stamp)
    writeFileSync(join(dir, 'src', 'pages', 'home.tsx'), 'c')
    expect(stamp().stamp).not.toBe(first.stamp)
  })

  test('isFresh: only a build with index.html and the same saved stamp', () => {
    const dist = join(work, 'dist-h5')
    mkdirSync(dist, { recursive: true })
    const d = JSON.stringify(dist)
    expect(inNode(`return m.isFresh(${d}, 'abc')`)).toBe(false) // nothing built
    expect(inNode(`m.saveStamp(${d}, 'abc'); return m.isFresh(${d}, 'abc')`)).toBe(false) // a stamp but no build
    writeFileSync(join(dist, 'index.html'), '<html></html>')
    expect(inNode(`return [m.isFresh(${d}, 'abc'), m.isFresh(${d}, 'abd')]`)).toEqual([true, false])
    writeFileSync(join(dist, '.start-stamp.json'), 'not json')
    expect(inNode(`return m.isFresh(${d}, 'abc')`)).toBe(false)
  })
})

describe('a quiet stage of npm start (scripts/run.mjs runQuiet)', () => {
  const RUN = join(ROOT, 'scripts', 'run.mjs')
  const stage = (script: string) => {
    const log = join(work, `stage-${Math.random().toString(36).slice(2)}.log`)
    const code = `const { runQuiet } = await import(${JSON.stringify(RUN)}); runQuiet('构建 H5', process.execPath, ['-e', ${JSON.stringify(script)}], { log: ${JSON.stringify(log)} })`
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' })
    return { ...r, log }
  }

  test('success: one line on the console, the flood in the log file', () => {
    const r = stage(`for (let i = 0; i < 500; i++) console.log('webpack line ' + i)`)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^▶ 构建 H5 … ✔ \d+\.\d s\n$/)
    expect(readFileSync(r.log, 'utf8')).toContain('webpack line 499')
  })

  test('failure: the last lines of the log and where the rest is, with the exit code', () => {
    const r = stage(`for (let i = 0; i < 100; i++) console.log('line ' + i); console.error('Module not found: x'); process.exit(3)`)
    expect(r.status).toBe(3)
    expect(r.stdout).toContain('▶ 构建 H5 … 失败')
    expect(r.stderr).toContain('Module not found: x')
    expect(r.stderr).toContain('line 99')
    expect(r.stderr).not.toContain('line 10\n')
    expect(r.stderr).toContain(`✖ 构建 H5 失败（退出码 3），完整输出见 ${r.log}`)
  })
})
