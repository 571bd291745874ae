import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const ROOT = join(__dirname, '..', '..')
export const ARTIFACTS = join(ROOT, 'test-artifacts')

export interface LocalApp {
  url: string
  dataDir: string
  /** Everything the server printed so far (for failure messages). */
  output(): string
  stop(): Promise<void>
}

/** The browser tests drive built artefacts; say how to build them instead of failing obscurely. */
export function assertBuilt(): void {
  const missing = [
    ['dist-h5/index.html', 'npx taro build --type h5'],
    ['build/cloudfunctions/users/index.js', 'node scripts/build-functions.mjs'],
    ['build/cloudfunctions/org/index.js', 'node scripts/build-functions.mjs']
  ].filter(([file]) => !existsSync(join(ROOT, file)))
  if (missing.length) {
    throw new Error(`browser tests need the built app; missing ${missing.map(([f]) => f).join(', ')} — run: ${[...new Set(missing.map(([, cmd]) => cmd))].join(' && ')}`)
  }
}

/** A port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts `local-server/main.ts` (the same server `npm start` runs) on a free port with an empty data
 * folder, and waits for its last line, the address: printed once the demo data is written and the
 * timers' first run (the overdue job's 工作提示函, 缺巡 …) is over. The server answers before that
 * (the demo users come first), so an answer alone would let a journey see a half-seeded town.
 */
export async function startLocalApp(): Promise<LocalApp> {
  assertBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), 'wm-e2e-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOCAL_CLOUD_DATA_DIR: dataDir }
  delete env.LOCAL_CLOUD_PUBLIC_URL
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local-server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d) => (output += String(d)))
  child.stderr?.on('data', (d) => (output += String(d)))
  const url = `http://127.0.0.1:${port}/`
  const ready = `网址：${url}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(dataDir, { recursive: true, force: true })
      throw new Error(`local server exited: ${output}`)
    }
    if (output.includes(ready)) {
      const r = await fetch(`${url}api/dev/demo-users`).catch(() => null)
      if (r?.ok) break
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
      throw new Error(`local server did not start: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
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

/**
 * How much taller than the viewport the content is. Taro H5 scrolls each page inside its own
 * `.taro_page` box, not the document, so `fullPage` alone would stop at the viewport.
 */
async function hiddenScrollHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    let extra = 0
    document.querySelectorAll<HTMLElement>('.taro_page').forEach((el) => {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden' || el.clientHeight === 0) return
      extra = Math.max(extra, el.scrollHeight - el.clientHeight)
    })
    return extra
  })
}

/** Saves a full-page screenshot (the whole scrolling page, transitions settled) under test-artifacts/<journey>/<step>.png. */
export async function shot(page: Page, journey: string, step: string): Promise<string> {
  const dir = join(ARTIFACTS, journey)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${step}.png`)
  const viewport = page.viewportSize()
  const extra = viewport ? await hiddenScrollHeight(page) : 0
  if (viewport && extra > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + extra, 8000) })
  try {
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
  } finally {
    if (viewport && extra > 0) await page.setViewportSize(viewport)
  }
  return file
}

/**
 * Numbered screenshots for one journey that moves between several pages (one browser context per
 * person): clears test-artifacts/<journey>/, then `await step(page, 'x')` writes 01-x.png, 02-…
 * in the order taken, whichever page each one shows.
 */
export function screenshotSeries(journey: string): { dir: string; step(page: Page, name: string): Promise<string>; taken: string[] } {
  const dir = join(ARTIFACTS, journey)
  rmSync(dir, { recursive: true, force: true })
  const taken: string[] = []
  return {
    dir,
    taken,
    async step(page: Page, name: string) {
      const file = await shot(page, journey, `${String(taken.length + 1).padStart(2, '0')}-${name}`)
      taken.push(file)
      return file
    }
  }
}

/**
 * Numbered screenshots for one journey: clears test-artifacts/<journey>/ (no stale pictures from
 * an earlier run), then `await step('home')` writes 01-home.png, 02-…, in the order taken.
 */
export function screenshots(page: Page, journey: string): { step(name: string): Promise<string>; taken: string[] } {
  const series = screenshotSeries(journey)
  return { taken: series.taken, step: (name: string) => series.step(page, name) }
}
