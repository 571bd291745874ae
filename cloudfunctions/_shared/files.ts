import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { sdk } from './cloud'

/** getTempFileURL takes at most 50 files per call in the cloud. */
const TEMP_URL_BATCH = 50
const TEMP_URL_PARALLEL = 4

/** Temporary URLs of stored files (fileID → URL; a missing or unreadable file is absent from the map). */
export async function tempUrls(fileIDs: Iterable<string>, maxAge?: number): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs)].filter((f) => f.length > 0)
  const out = new Map<string, string>()
  const batches: string[][] = []
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) batches.push(unique.slice(i, i + TEMP_URL_BATCH))
  for (let i = 0; i < batches.length; i += TEMP_URL_PARALLEL) {
    await Promise.all(
      batches.slice(i, i + TEMP_URL_PARALLEL).map(async (batch) => {
        const res = await sdk().getTempFileURL({ fileList: batch.map((fileID) => (maxAge ? { fileID, maxAge } : fileID)) })
        for (const item of res?.fileList ?? []) if (item.status === 0 && item.tempFileURL) out.set(item.fileID, item.tempFileURL)
      })
    )
  }
  return out
}

/** A temporary URL as a request takes it: CloudBase hands them out unencoded (node-sdk encodeURI()s them too). */
const requestable = (url: string) => (/[^\x21-\x7e]/.test(url) ? encodeURI(url) : url)

const HTTP_TIMEOUT_MS = 10_000

interface HttpAnswer {
  ok: boolean
  /** The content-length header, when there is a valid one. */
  length: number | null
  chunks: AsyncIterable<Uint8Array>
  close(): void
}

function lengthOf(header: string | string[] | null | undefined): number | null {
  const n = typeof header === 'string' && /^\d{1,15}$/.test(header.trim()) ? Number(header) : NaN
  return Number.isSafeInteger(n) ? n : null
}

async function* readerChunks(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
  }
}

/**
 * One HTTP request: fetch where the runtime has it (Node ≥ 18), node:http(s) otherwise (the functions
 * are built for Node 16, which has no fetch).
 */
async function httpRequest(url: string, method: 'HEAD' | 'GET'): Promise<HttpAnswer> {
  const target = requestable(url)
  if (typeof globalThis.fetch === 'function') {
    const res = await fetch(target, { method, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })
    return { ok: res.ok, length: lengthOf(res.headers.get('content-length')), chunks: readerChunks(res.body), close: () => void res.body?.cancel().catch(() => undefined) }
  }
  let at = target
  for (let hop = 0; ; hop++) {
    const res = await nodeRequest(at, method)
    const status = res.statusCode ?? 0
    const location = res.headers.location
    // a CDN may answer with a redirect; fetch follows them, so does this (a few hops at most)
    if (status >= 300 && status < 400 && location && hop < MAX_REDIRECTS) {
      res.destroy()
      at = new URL(location, at).toString()
      continue
    }
    return { ok: status >= 200 && status < 300, length: lengthOf(res.headers['content-length']), chunks: res, close: () => res.destroy() }
  }
}

const MAX_REDIRECTS = 3

function nodeRequest(url: string, method: 'HEAD' | 'GET'): Promise<IncomingMessage> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).request(url, { method, timeout: HTTP_TIMEOUT_MS }, resolve)
    req.on('timeout', () => req.destroy(new Error('request timed out')))
    req.on('error', reject)
    req.end()
  })
}

/**
 * The size in bytes of the file behind a temporary URL, learnt without downloading it: a HEAD request
 * (what @cloudbase/node-sdk's getFileInfo does; wx-server-sdk offers no file info). null when the
 * answer gives no size (the caller still reads with a byte limit).
 */
export async function sizeAt(url: string): Promise<number | null> {
  try {
    const res = await httpRequest(url, 'HEAD')
    res.close()
    return res.ok ? res.length : null
  } catch {
    return null
  }
}

/**
 * The bytes behind a temporary URL, reading at most maxBytes: 'missing' when it cannot be read,
 * 'too-large' as soon as it is known to be longer (from its length header, or while reading).
 */
export async function downloadAt(url: string, maxBytes: number): Promise<Buffer | 'missing' | 'too-large'> {
  let res: HttpAnswer
  try {
    res = await httpRequest(url, 'GET')
  } catch {
    return 'missing'
  }
  if (!res.ok || (res.length !== null && res.length > maxBytes)) {
    res.close()
    return res.ok ? 'too-large' : 'missing'
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of res.chunks) {
      size += chunk.byteLength
      if (size > maxBytes) {
        res.close()
        return 'too-large'
      }
      chunks.push(Buffer.from(chunk))
    }
  } catch {
    return 'missing'
  }
  return Buffer.concat(chunks)
}

/** The cloud path of a fileID (`cloud://<env>.<bucket>/<path>` → `<path>`), or null. */
export function cloudPathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  return m ? m[1] : null
}

export async function uploadBytes(cloudPath: string, content: Buffer): Promise<string> {
  const res = await sdk().uploadFile({ cloudPath, fileContent: content })
  return res.fileID
}
