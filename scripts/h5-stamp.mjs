// Whether the H5 build in dist-h5/ is up to date: `npm start` rebuilds it only when something it is
// built from changed since the last build. The stamp is a hash of the inputs' contents (src/, config/,
// the lock file and the build's own config files) and of the environment the build reads (NODE_ENV,
// TARO_*), written into dist-h5/ after a successful build. Taro empties dist-h5/ on every build, so a
// build by any other command (npm test, build:h5:local) removes the stamp and the next start rebuilds.
// Node built-ins only: `npm start` imports this before anything else is known to be installed.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** What the H5 build reads: directories (walked) and single files, relative to the project root. */
export const H5_INPUTS = ['src', 'config', 'types', 'package-lock.json', 'babel.config.js', 'tsconfig.json', 'project.config.json', '.env', '.env.production']

export const STAMP_FILE = '.start-stamp.json'

/** The environment variables the build depends on: NODE_ENV and Taro's (TARO_ENV, TARO_APP_*). */
export function buildEnv(env) {
  const picked = {}
  for (const key of Object.keys(env).sort()) {
    if (key === 'NODE_ENV' || key.startsWith('TARO_')) picked[key] = String(env[key])
  }
  return picked
}

/**
 * The stamp of a build (pure): `files` are [path, contents] pairs (any order; paths with '/'), `env`
 * the variables buildEnv picked. Equal inputs give an equal stamp; any change of a path, a byte or a
 * variable gives another one.
 */
export function stampOf(files, env) {
  const hash = createHash('sha256')
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [path, contents] of sorted) {
    const body = typeof contents === 'string' ? Buffer.from(contents) : contents
    hash.update(`${path}\u0000${body.length}\u0000`)
    hash.update(body)
  }
  hash.update(`\u0001${JSON.stringify(buildEnv(env))}`)
  return hash.digest('hex')
}

function walk(root, path, out) {
  const full = join(root, path)
  if (!existsSync(full)) return
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) walk(root, join(path, name), out)
    return
  }
  out.push([relative(root, full).split(sep).join('/'), readFileSync(full)])
}

/** The H5 build's input files under `root`, read. */
export function readInputs(root, inputs = H5_INPUTS) {
  const out = []
  for (const path of inputs) walk(root, path, out)
  return out
}

/**
 * Whether the stamp saved in `distDir` says the build there came from exactly these inputs: false when
 * there is no build (index.html), no stamp, or another one.
 */
export function isFresh(distDir, stamp) {
  const file = join(distDir, STAMP_FILE)
  if (!existsSync(join(distDir, 'index.html')) || !existsSync(file)) return false
  try {
    return JSON.parse(readFileSync(file, 'utf8')).stamp === stamp
  } catch {
    return false
  }
}

export function saveStamp(distDir, stamp) {
  writeFileSync(join(distDir, STAMP_FILE), `${JSON.stringify({ stamp, builtAt: new Date().toISOString() })}\n`)
}
