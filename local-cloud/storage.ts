/**
 * Cloud storage, locally: files live under `<dataDir>/files/<cloudPath>`; fileIDs look like
 * `cloud://local-env.local/<cloudPath>`; temp URLs are `${LOCAL_CLOUD_PUBLIC_URL}/files/<cloudPath>?t=<expiry>&sign=<hmac>`,
 * signed and expiring as CloudBase's are (served by the local HTTP server, which checks them with verifyTempUrl()).
 *
 * The handlers mirror @cloudbase/node-sdk's CloudBase methods and reply shapes:
 * uploadFile → {fileID, requestId}; getTempFileURL → {fileList:[{fileID, tempFileURL, maxAge, code}]};
 * downloadFile → {fileContent: Buffer}; deleteFile → {fileList:[{fileID, code}]}; errors → {code, message}.
 * A function's own HEAD or GET of a temporary URL (how it learns a file's size before downloading it)
 * is answered in-process by fetchTempUrl() (preload.ts routes it there), as the CDN answers in the cloud.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { newId } from './db/values'

export const FILE_ID_PREFIX = 'cloud://local-env.local/'

/** A temporary URL's default lifetime, as getTempFileURL's (one day). */
const DEFAULT_MAX_AGE_S = 86400

export class LocalStorage {
  private readonly urlSecret: Buffer

  /** `secretFile` keeps the key that signs temporary URLs across restarts (a random key when absent). */
  constructor(
    readonly root: string,
    secretFile?: string
  ) {
    fs.mkdirSync(root, { recursive: true })
    this.urlSecret = secretFile ? readOrCreateSecret(secretFile) : randomBytes(32)
  }

  /**
   * Cloud path of a fileID or a path; null if it is not one of ours or escapes the root. A fileID names
   * its file literally, as in the cloud (`exports%2Fa.xlsx` is not `exports/a.xlsx`); a bare path is in
   * URL form (see cloudPathOfUrl).
   */
  cloudPathOf(fileIdOrPath: string): string | null {
    if (!fileIdOrPath.startsWith('cloud://')) return this.cloudPathOfUrl(fileIdOrPath)
    if (!fileIdOrPath.startsWith(FILE_ID_PREFIX)) return null
    return checkedPath(fileIdOrPath.slice(FILE_ID_PREFIX.length).split('/'))
  }

  /**
   * Cloud path of a URL path (`reports/2026/a%201.jpg`), each segment percent-decoded once; null for a
   * malformed escape, an absolute path, an empty, `.` or `..` segment, or an encoded `/` or `\`.
   */
  cloudPathOfUrl(urlPath: string): string | null {
    try {
      return checkedPath(urlPath.split('/').map(decodeURIComponent))
    } catch {
      return null
    }
  }

  /** Absolute path on disk for a fileID or cloud path (null when invalid). The file may not exist. */
  resolve(fileIdOrPath: string): string | null {
    const p = this.cloudPathOf(fileIdOrPath)
    if (!p) return null
    const abs = path.resolve(this.root, p)
    if (!abs.startsWith(path.resolve(this.root) + path.sep)) return null
    return abs
  }

  fileIdOf(cloudPath: string): string {
    return FILE_ID_PREFIX + cloudPath
  }

  /** The temporary URL of a cloud path: valid for maxAge seconds, for that path only. */
  publicUrl(cloudPath: string, maxAge = DEFAULT_MAX_AGE_S): string {
    const base = (process.env.LOCAL_CLOUD_PUBLIC_URL || 'http://127.0.0.1:10086').replace(/\/+$/, '')
    const t = Math.floor(Date.now() / 1000) + Math.max(1, Math.floor(maxAge))
    return `${base}/files/${cloudPath.split('/').map(encodeURIComponent).join('/')}?t=${t}&sign=${this.signature(cloudPath, t)}`
  }

  /** Whether `t` and `sign` (a temporary URL's query) were issued for this cloud path and have not expired. */
  verifyTempUrl(cloudPath: string, t: string | null, sign: string | null): boolean {
    if (!t || !sign || !/^\d{1,12}$/.test(t) || Number(t) * 1000 < Date.now()) return false
    const expected = Buffer.from(this.signature(cloudPath, Number(t)))
    const given = Buffer.from(sign)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  /**
   * A function's HTTP request for one of these temporary URLs (a HEAD for the size, a GET for the
   * bytes), answered as the cloud's CDN answers it: null when the URL is not a valid one of ours.
   */
  fetchTempUrl(url: string, method: string): Response | null {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return null
    }
    if (!parsed.pathname.startsWith('/files/') || (method !== 'GET' && method !== 'HEAD')) return null
    const cloudPath = this.cloudPathOfUrl(parsed.pathname.slice('/files/'.length))
    if (!cloudPath || !this.verifyTempUrl(cloudPath, parsed.searchParams.get('t'), parsed.searchParams.get('sign'))) return null
    const bytes = this.read(this.fileIdOf(cloudPath))
    if (!bytes) return new Response(null, { status: 404 })
    const headers = { 'content-length': String(bytes.length), 'content-type': contentTypeOf(cloudPath) }
    return new Response(method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers })
  }

  private signature(cloudPath: string, t: number): string {
    return createHmac('sha256', this.urlSecret).update(`${cloudPath}\n${t}`).digest('base64url')
  }

  async write(cloudPath: string, content: Buffer | Uint8Array | string | Readable): Promise<string> {
    const abs = this.resolve(cloudPath)
    if (!abs) throw Object.assign(new Error(`invalid cloudPath: ${cloudPath}`), { code: 'INVALID_PARAM' })
    const buf = await toBuffer(content)
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    const tmp = `${abs}.${newId()}.tmp`
    fs.writeFileSync(tmp, buf)
    fs.renameSync(tmp, abs)
    return this.fileIdOf(this.cloudPathOf(cloudPath)!)
  }

  /** Writes a file that is not there yet (atomically: a link, not a rename); null when one already is. */
  create(cloudPath: string, content: Buffer): string | null {
    const abs = this.resolve(cloudPath)
    if (!abs) throw Object.assign(new Error(`invalid cloudPath: ${cloudPath}`), { code: 'INVALID_PARAM' })
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    const tmp = `${abs}.${newId()}.tmp`
    fs.writeFileSync(tmp, content)
    try {
      fs.linkSync(tmp, abs)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null
      throw e
    } finally {
      fs.rmSync(tmp, { force: true })
    }
    return this.fileIdOf(this.cloudPathOf(cloudPath)!)
  }

  read(fileId: string): Buffer | null {
    const abs = this.resolve(fileId)
    if (!abs || !fs.existsSync(abs) || !fs.statSync(abs).isFile()) return null
    return fs.readFileSync(abs)
  }

  exists(fileId: string): boolean {
    const abs = this.resolve(fileId)
    return !!abs && fs.existsSync(abs) && fs.statSync(abs).isFile()
  }

  delete(fileId: string): boolean {
    const abs = this.resolve(fileId)
    if (!abs || !fs.existsSync(abs)) return false
    fs.rmSync(abs)
    return true
  }

  // ---- CloudBase.prototype replacements (reply shapes of @cloudbase/node-sdk)

  async uploadFile(opts: { cloudPath?: unknown; fileContent?: unknown }): Promise<Record<string, unknown>> {
    const requestId = newId()
    if (typeof opts.cloudPath !== 'string' || !this.cloudPathOf(opts.cloudPath)) return { code: 'INVALID_PARAM', message: `invalid cloudPath: ${String(opts.cloudPath)}`, requestId }
    const content = opts.fileContent as Buffer | Readable | string | undefined
    if (content === undefined || content === null) return { code: 'INVALID_PARAM', message: 'fileContent is required', requestId }
    const fileID = await this.write(opts.cloudPath, content)
    return { fileID, requestId }
  }

  getTempFileURL(opts: { fileList?: unknown }): Record<string, unknown> {
    const requestId = newId()
    if (!Array.isArray(opts.fileList)) return { code: 'INVALID_PARAM', message: 'fileList must be an array', requestId }
    const fileList = opts.fileList.map((item: unknown) => {
      const fileID = typeof item === 'string' ? item : String((item as { fileID?: unknown }).fileID ?? '')
      const maxAge = typeof item === 'object' && item && typeof (item as { maxAge?: unknown }).maxAge === 'number' ? (item as { maxAge: number }).maxAge : 86400
      const p = this.cloudPathOf(fileID)
      if (!p || !this.exists(fileID)) return { fileID, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '', maxAge }
      return { fileID, code: 'SUCCESS', tempFileURL: this.publicUrl(p, maxAge), maxAge }
    })
    return { fileList, requestId }
  }

  downloadFile(opts: { fileID?: unknown }): Record<string, unknown> {
    const requestId = newId()
    const buf = typeof opts.fileID === 'string' ? this.read(opts.fileID) : null
    if (!buf) return { code: 'STORAGE_FILE_NONEXIST', message: `file does not exist: ${String(opts.fileID)}`, requestId }
    return { fileContent: buf, message: 'success', requestId }
  }

  deleteFile(opts: { fileList?: unknown }): Record<string, unknown> {
    const requestId = newId()
    if (!Array.isArray(opts.fileList)) return { code: 'INVALID_PARAM', message: 'fileList must be an array', requestId }
    const fileList = opts.fileList.map((f: unknown) => {
      const fileID = String(f)
      return this.delete(fileID) ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST' }
    })
    return { fileList, requestId }
  }
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

function contentTypeOf(cloudPath: string): string {
  return CONTENT_TYPES[path.extname(cloudPath).slice(1).toLowerCase()] ?? 'application/octet-stream'
}

function checkedPath(segments: string[]): string | null {
  if (segments.some((seg) => seg === '' || seg === '.' || seg === '..' || /[/\\\0]/.test(seg))) return null
  return segments.join('/')
}

function readOrCreateSecret(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
}

async function toBuffer(content: Buffer | Uint8Array | string | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content
  if (content instanceof Uint8Array) return Buffer.from(content)
  if (typeof content === 'string') return Buffer.from(content)
  const chunks: Buffer[] = []
  for await (const chunk of content) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string))
  return Buffer.concat(chunks)
}
