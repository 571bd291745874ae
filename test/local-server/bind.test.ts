/**
 * The local server signs anyone in as any demo user without a password, so it listens on this machine
 * only unless ALLOW_NETWORK=1 says otherwise.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bindRefusal } from '../../local-server/bind'

const ROOT = join(__dirname, '..', '..')

describe('HOST', () => {
  test('loopback addresses are accepted as they are', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) expect([host, bindRefusal(host, {})]).toEqual([host, null])
  })

  test('a network address is refused with one Chinese sentence naming ALLOW_NETWORK=1, unless it is set', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.2', 'my-laptop.local', '127.0.0.1.nip.io']) {
      expect(bindRefusal(host, {})).toMatch(/^HOST=\S+ .*ALLOW_NETWORK=1.*。$/)
      expect(bindRefusal(host, { ALLOW_NETWORK: '1' })).toBeNull()
      expect(bindRefusal(host, { ALLOW_NETWORK: '0' })).not.toBeNull()
    }
  })

  test('the server refuses to start on 0.0.0.0 without ALLOW_NETWORK=1, before it writes anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wm-bind-'))
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '0.0.0.0', PORT: '0', LOCAL_CLOUD_DATA_DIR: join(dataDir, 'data') }
    delete env.ALLOW_NETWORK
    const child = spawn(process.execPath, ['--import', 'tsx', 'local-server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += String(d)))
    child.stderr.on('data', (d) => (output += String(d)))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    try {
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
      expect({ code, output: output.trim() }).toEqual({ code: 1, output: expect.stringContaining('ALLOW_NETWORK=1') })
      expect(output).not.toContain('已启动')
      expect(existsSync(join(dataDir, 'data'))).toBe(false)
    } finally {
      clearTimeout(timer)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 40_000)
})
