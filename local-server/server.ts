import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { localCloud } from '../local-cloud'
import { invoke, FUNCTION_NAMES } from './functions'
import { LocalSessions } from './auth'
import { demoUsers } from './seed'

export const MAX_BODY_BYTES = 256 * 1024
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

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

  const identityOf = (req: IncomingMessage) => {
    const header = req.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined
    const openid = sessions.verify(token)
    if (!openid) throw new HttpError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录')
    return { openid, appid: 'wx-local-demo', clientIp: req.socket.remoteAddress ?? '127.0.0.1' }
  }

  type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void> | void
  const api: Array<{ method: string; match: (path: string) => boolean; handle: Handler }> = [
    {
      method: 'POST',
      match: (p) => p.startsWith('/api/functions/'),
      async handle(req, res, path) {
        const name = path.slice('/api/functions/'.length)
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
      method: 'POST',
      match: (p) => p === '/api/files',
      async handle(req, res) {
        identityOf(req)
        const name = String(req.headers['x-file-name'] ?? '')
        if (!/^[A-Za-z0-9/_.-]{1,200}$/.test(name) || name.includes('..')) throw new HttpError(400, 'INVALID_INPUT', '文件名不正确')
        const body = await readBody(req, MAX_UPLOAD_BYTES)
        sendJson(res, 200, { fileID: await localCloud.uploadFile(name, body) })
      }
    },
    {
      method: 'GET',
      match: (p) => p.startsWith('/files/'),
      handle(_req, res, path) {
        const file = localCloud.resolveFilePath(path.slice('/files/'.length))
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
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    const hit = api.find((r) => r.method === req.method && r.match(path))
    if (hit) return hit.handle(req, res, path)
    if (path.startsWith('/api/')) throw new HttpError(404, 'NOT_FOUND', '接口不存在')
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
