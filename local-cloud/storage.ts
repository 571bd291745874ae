/**
 * Cloud storage, locally: files live under `<dataDir>/files/<cloudPath>`; fileIDs look like
 * `cloud://local-env.local/<cloudPath>`; temp URLs are `${LOCAL_CLOUD_PUBLIC_URL}/files/<cloudPath>`
 * (served by the local HTTP server from resolveFilePath()).
 *
 * The handlers mirror @cloudbase/node-sdk's CloudBase methods and reply shapes:
 * uploadFile → {fileID, requestId}; getTempFileURL → {fileList:[{fileID, tempFileURL, maxAge, code}]};
 * downloadFile → {fileContent: Buffer}; deleteFile → {fileList:[{fileID, code}]}; errors → {code, message}.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { newId } from './db/values'

export const FILE_ID_PREFIX = 'cloud://local-env.local/'

export class LocalStorage {
  constructor(readonly root: string) {
    fs.mkdirSync(root, { recursive: true })
  }

  /** Cloud path of a fileID or path; null if it is not one of ours or escapes the root. */
  cloudPathOf(fileIdOrPath: string): string | null {
    let p = fileIdOrPath
    if (p.startsWith('cloud://')) {
      if (!p.startsWith(FILE_ID_PREFIX)) return null
      p = p.slice(FILE_ID_PREFIX.length)
    }
    try {
      p = decodeURIComponent(p)
    } catch {
      return null
    }
    p = p.replace(/^\/+/, '')
    if (!p || p.split('/').some((seg) => seg === '..' || seg === '.' || seg === '') || p.includes('\0') || p.includes('\\')) return null
    return p
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

  publicUrl(cloudPath: string): string {
    const base = (process.env.LOCAL_CLOUD_PUBLIC_URL || 'http://127.0.0.1:10086').replace(/\/+$/, '')
    return `${base}/files/${cloudPath.split('/').map(encodeURIComponent).join('/')}`
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
      return { fileID, code: 'SUCCESS', tempFileURL: this.publicUrl(p), maxAge }
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

async function toBuffer(content: Buffer | Uint8Array | string | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content
  if (content instanceof Uint8Array) return Buffer.from(content)
  if (typeof content === 'string') return Buffer.from(content)
  const chunks: Buffer[] = []
  for await (const chunk of content) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string))
  return Buffer.concat(chunks)
}
