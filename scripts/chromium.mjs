// The browser for `npm test`'s browser tests (test/browser/harness.ts launches CHROMIUM_PATH).
// Node built-ins only, like run.mjs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { stop } from './run.mjs'

const INSTALL = '浏览器测试需要 Chromium 或 Chrome：请安装（Debian/Ubuntu：sudo apt-get install chromium fonts-noto-cjk），或用环境变量 CHROMIUM_PATH 指向浏览器的可执行文件，然后重新运行 npm test。'

/** Where Chromium or Chrome usually is on Linux, macOS and Windows. */
function usualPaths() {
  const linux = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/snap/bin/chromium']
  const mac = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']
  const windows = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean).map((dir) => join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'))
  return [...linux, ...mac, ...windows]
}

/** Installs the Debian package when this runs as root on a machine with apt-get; false when it cannot. */
function aptInstall() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false
  console.log('\n▶ 安装 Chromium 和中文字体（apt-get install -y chromium fonts-noto-cjk）')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']
  ]) {
    if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) return false
  }
  return true
}

/** The Chromium to use: CHROMIUM_PATH, a usual path, or the Debian package installed now; otherwise stops with what to install. */
export function ensureChromium() {
  const given = process.env.CHROMIUM_PATH
  if (given) {
    if (existsSync(given)) return given
    stop(`环境变量 CHROMIUM_PATH 指向的 ${given} 不存在：请改成 Chromium 或 Chrome 可执行文件的路径，或者去掉这个变量。`)
  }
  const found = usualPaths().find((p) => existsSync(p))
  if (found) return found
  if (aptInstall() && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  stop(INSTALL)
}
