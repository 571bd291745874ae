import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

const root = join(__dirname, '..', '..')
export const ARTIFACTS = join(root, 'test-artifacts')

export interface LocalApp {
  url: string
  dataDir: string
  stop(): Promise<void>
}

/** Starts `local-server/main.ts` (the same server `npm start` runs) on a free port with an empty data folder. */
export async function startLocalApp(): Promise<LocalApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-e2e-'))
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local-server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOCAL_CLOUD_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += String(d)))
  child.stderr?.on('data', (d) => (output += String(d)))
  const url = `http://127.0.0.1:${port}/`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`local server exited: ${output}`)
    try {
      const r = await fetch(`${url}api/dev/demo-users`)
      if (r.ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`local server did not start: ${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
  })
}

/** Saves a screenshot under test-artifacts/<journey>/<nn>-<step>.png. */
export async function shot(page: Page, journey: string, step: string): Promise<string> {
  const dir = join(ARTIFACTS, journey)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${step}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}
