import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { localCloud } from '../local-cloud'
import { invoke, FUNCTION_NAMES } from './functions'
import type { HttpResult } from '../cloudfunctions/georeport/http'
import { GEOREPORT_PATH } from '../cloudfunctions/georeport/path'
import { LocalSessions } from './auth'
import { demoUsers } from './seed'

export const MAX_BODY_BYTES = 256 * 1024
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/**
 * Where a client may upload: the app's photos, `reports/<yyyy>/<mm>/<name>.jpg` (photoCloudPath in
 * src/services/storage-types.ts). Everything else in storage is written by the functions (the storage
 * rule of README, 部署到微信云开发, says the same to the cloud).
 */
export const CLIENT_UPLOAD_PATH = /^reports\/\d{4}\/(?:0[1-9]|1[0-2])\/[A-Za-z0-9_-]{1,80}\.jpg$/

/**
 * Folders only the functions write: `checked/` holds the copies of photos that passed the content
 * check (the files reports, deeds and honour boards show), `exports/` the generated spreadsheets.
 */
export const FUNCTION_FOLDERS = ['checked', 'exports'] as const

const topFolder = (cloudPath: string) =>
  cloudPath
    .split('/')[0]
    .replace(/[. ]+$/, '')
    .toLowerCase()

/** Generated spreadsheets (exports/…, cloudfunctions/_shared/xlsx.ts): only for the signed URL they were handed out with. */
const isExport = (cloudPath: string) => topFolder(cloudPath) === 'exports'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

export interface ServerOptions {
  /** Folder of the H5 build (dist-h5); null serves the API only. */
  staticDir: string | null
  dataDir: string | null
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

/** Reads a request body up to `limit` bytes; a larger body is drained (so the client gets the 413) and refused. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= limit) chunks.push(c)
      else if (size > limit * 4) req.destroy()
    })
    req.on('end', () => (size > limit ? reject(new HttpError(413, 'INVALID_INPUT', '提交的内容过大，请精简后再试')) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, MAX_BODY_BYTES)
  try {
    return JSON.parse(raw.toString('utf8') || '{}')
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', '请求格式不正确')
  }
}

function serveFile(res: ServerResponse, file: string): boolean {
  if (!existsSync(file) || !statSync(file).isFile()) return false
  res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' })
  createReadStream(file).pipe(res)
  return true
}

/** The local cloud's HTTP face: the H5 app, one endpoint per function, local sign-in, files. */
export function createLocalServer(opts: ServerOptions): Server {
  const sessions = new LocalSessions(opts.dataDir)

  const bearerOf = (req: IncomingMessage) => {
    const header = req.headers.authorization
    return header?.startsWith('Bearer ') ? header.slice(7) : undefined
  }
  const identityOf = (req: IncomingMessage) => {
    const openid = sessions.verify(bearerOf(req))
    if (!openid) throw new HttpError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录')
    return { openid, appid: 'wx-local-demo', clientIp: req.socket.remoteAddress ?? '127.0.0.1' }
  }

  /** Handlers get the URL as sent (paths still percent-encoded); each decodes what it uses, once. */
  type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void
  const api: Array<{ method: string; match: (path: string) => boolean; handle: Handler }> = [
    {
      method: 'POST',
      match: (p) => p.startsWith('/api/functions/'),
      async handle(req, res, url) {
        const name = url.pathname.slice('/api/functions/'.length)
        if (!(FUNCTION_NAMES as readonly string[]).includes(name)) throw new HttpError(404, 'NOT_FOUND', '云函数不存在')
        const identity = identityOf(req)
        const event = await readJson(req)
        const { result } = await invoke(name, event, identity)
        sendJson(res, 200, result)
      }
    },
    { method: 'GET', match: (p) => p === '/api/dev/demo-users', handle: (_req, res) => sendJson(res, 200, { users: demoUsers() }) },
    {
      method: 'POST',
      match: (p) => p === '/api/dev/sign-in',
      async handle(req, res) {
        const body = (await readJson(req)) as { openid?: unknown }
        const known = demoUsers().some((u) => u.openid === body.openid)
        if (typeof body.openid !== 'string' || !known) throw new HttpError(400, 'INVALID_INPUT', '请选择一位演示用户')
        sendJson(res, 200, { token: sessions.issue(body.openid) })
      }
    },
    {
      // a new photo only: the same bytes again (a retry whose answer was lost) get the same fileID
      method: 'POST',
      match: (p) => p === '/api/files',
      async handle(req, res) {
        identityOf(req)
        const name = String(req.headers['x-file-name'] ?? '')
        if ((FUNCTION_FOLDERS as readonly string[]).includes(topFolder(name))) throw new HttpError(403, 'FORBIDDEN', '这个文件夹只能由系统写入，不能上传文件')
        if (!CLIENT_UPLOAD_PATH.test(name)) throw new HttpError(400, 'INVALID_INPUT', '只能上传照片，文件名不正确')
        const body = await readBody(req, MAX_UPLOAD_BYTES)
        const storage = localCloud.storage
        const fileID = storage.fileIdOf(name)
        const same = () => storage.read(fileID)?.equals(body) === true
        if (!storage.create(name, body) && !same()) throw new HttpError(409, 'CONFLICT', '同名文件已存在，不能覆盖，请重新选择照片后再上传')
        sendJson(res, 200, { fileID })
      }
    },
    {
      // Open311 GeoReport v2 (read only, no sign-in): the georeport function, as the cloud's HTTP access service calls it
      method: '*',
      match: (p) => p === GEOREPORT_PATH || p.startsWith(`${GEOREPORT_PATH}/`),
      async handle(req, res, url) {
        const event = {
          path: url.pathname,
          httpMethod: req.method ?? 'GET',
          headers: { host: req.headers.host ?? '', 'x-forwarded-proto': 'http' },
          queryStringParameters: Object.fromEntries(url.searchParams)
        }
        const { result } = await invoke('georeport', event, null)
        const http = result as HttpResult
        res.writeHead(http.statusCode, http.headers)
        res.end(http.body)
      }
    },
    {
      method: 'GET',
      match: (p) => p.startsWith('/files/'),
      handle(req, res, url) {
        const storage = localCloud.storage
        const cloudPath = storage.cloudPathOfUrl(url.pathname.slice('/files/'.length))
        if (!cloudPath) throw new HttpError(400, 'INVALID_INPUT', '文件地址不正确')
        const signed = storage.verifyTempUrl(cloudPath, url.searchParams.get('t'), url.searchParams.get('sign'))
        if (!signed) {
          if (isExport(cloudPath)) throw new HttpError(403, 'FORBIDDEN', '导出的文件只能用导出时给出的链接下载，链接已过期的请重新导出')
          const token = bearerOf(req)
          if (!token && url.searchParams.has('sign')) throw new HttpError(403, 'FORBIDDEN', '文件链接已过期或无效，请刷新页面后再试')
          identityOf(req)
        }
        const file = localCloud.resolveFilePath(storage.fileIdOf(cloudPath))
        if (!file || !serveFile(res, file)) throw new HttpError(404, 'NOT_FOUND', '文件不存在')
      }
    }
  ]

  function serveApp(res: ServerResponse, path: string): void {
    const dir = opts.staticDir
    if (dir) {
      const file = normalize(join(dir, path))
      if (file.startsWith(dir + sep) && serveFile(res, file)) return
      if (serveFile(res, join(dir, 'index.html'))) return
    }
    throw new HttpError(404, 'NOT_FOUND', '页面不存在')
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL
    let path: string
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
      path = decodeURIComponent(url.pathname)
    } catch {
      throw new HttpError(400, 'INVALID_INPUT', '网址格式不正确')
    }
    const hit = api.find((r) => (r.method === req.method || r.method === '*') && r.match(url.pathname))
    if (hit) return hit.handle(req, res, url)
    if (url.pathname.startsWith('/api/')) throw new HttpError(404, 'NOT_FOUND', '接口不存在')
    if (req.method !== 'GET') throw new HttpError(405, 'INVALID_INPUT', '不支持的请求方式')
    serveApp(res, path)
  }

  return createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return res.end()
      if (e instanceof HttpError) return sendJson(res, e.status, { ok: false, code: e.code, message: e.message })
      console.error('[local-server]', e)
      sendJson(res, 500, { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
    })
  })
}
