/**
 * Local WeChat open APIs ("云调用"), reached through CloudBase.prototype.callCompatibleWxOpenApi:
 * the request is a protobuf CommApiData whose pairs hold JSON values with snake_case keys; the reply
 * is a protobuf CommOpenApiResp with a JSON body (or an image), or an errorCode.
 *
 * - security.msgSecCheck   version 2: {result:{suggest:'pass'|'risky'|'review', label}, detail, trace_id};
 *                          version 1: errcode 87014 for risky content. Word list: sec-words.json or setSecWords().
 * - security.imgSecCheck   87014 when the image bytes (or a file name, which wx-server-sdk never sends: it
 *                          always names the file media.<ext>) contain an image marker (default "risky");
 *                          -1 (system error: the check cannot decide) when they contain an error marker
 *                          (default "sec-check-busy", setImageErrorMarkers()).
 * - security.mediaCheckAsync  {trace_id}; the request is recorded (getMediaChecks()); no push message is sent.
 * - subscribeMessage.send  recorded in the outbox (getOutbox() / clearOutbox()).
 * - wxacode.getUnlimited / wxacode.get / wxacode.createQRCode  a small PNG.
 * - anything else          errorCode -604100 (API not found), as the cloud answers an unknown API.
 */
import { greyPng } from './png'
import defaults from './sec-words.json'
import { decodeCommApiData, encodeCommOpenApiResp } from './pb'
import { newId } from './db/values'

export interface SecWord {
  word: string
  label?: number
  suggest?: 'risky' | 'review'
}

export interface OutboxMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, unknown>
  miniprogramState?: string
  lang?: string
  at: Date
}

export interface MediaCheck {
  traceId: string
  mediaUrl: string
  mediaType: number
  openid?: string
  scene?: number
  suggest: 'pass' | 'risky'
  at: Date
}

type Json = Record<string, unknown>

const DEFAULT_IMAGE_ERROR_MARKERS = ['sec-check-busy']

const state = {
  words: (defaults.words as SecWord[]).slice(),
  imageMarkers: defaults.imageMarkers.slice(),
  imageErrorMarkers: DEFAULT_IMAGE_ERROR_MARKERS.slice(),
  outbox: [] as OutboxMessage[],
  mediaChecks: [] as MediaCheck[]
}

/** Replaces the word list (strings are risky with label 21000; objects give label/suggest). */
export function setSecWords(words: Array<string | SecWord>): void {
  state.words = words.map((w) => (typeof w === 'string' ? { word: w, label: 21000, suggest: 'risky' } : w))
}

export function resetSecWords(): void {
  state.words = (defaults.words as SecWord[]).slice()
  state.imageMarkers = defaults.imageMarkers.slice()
  state.imageErrorMarkers = DEFAULT_IMAGE_ERROR_MARKERS.slice()
}

export function setImageMarkers(markers: string[]): void {
  state.imageMarkers = markers.slice()
}

/** Image bytes holding one of these make imgSecCheck fail with a system error (the check cannot decide). */
export function setImageErrorMarkers(markers: string[]): void {
  state.imageErrorMarkers = markers.slice()
}

export function getOutbox(): OutboxMessage[] {
  return state.outbox.slice()
}

export function clearOutbox(): void {
  state.outbox = []
}

export function getMediaChecks(): MediaCheck[] {
  return state.mediaChecks.slice()
}

function checkText(texts: string[]): { suggest: 'pass' | 'risky' | 'review'; label: number; keyword?: string } {
  let review: { label: number; keyword: string } | null = null
  for (const t of texts) {
    for (const w of state.words) {
      if (!w.word || !t.includes(w.word)) continue
      if ((w.suggest ?? 'risky') === 'risky') return { suggest: 'risky', label: w.label ?? 21000, keyword: w.word }
      review ??= { label: w.label ?? 21000, keyword: w.word }
    }
  }
  if (review) return { suggest: 'review', ...review }
  return { suggest: 'pass', label: 100 }
}

const ok = (body: Json = {}): Json => ({ errcode: 0, errmsg: 'ok', ...body })
const fail = (errcode: number, errmsg: string): Json => ({ errcode, errmsg })

interface Media {
  contentType: string
  value: Buffer
  filename?: string
}

type Handler = (data: Json, media: Record<string, Media>) => Json | { png: Buffer }

const handlers: Record<string, Handler> = {
  'security.msgSecCheck': (d) => {
    const texts = ['content', 'title', 'nickname', 'signature'].map((k) => d[k]).filter((v): v is string => typeof v === 'string')
    if (typeof d.content !== 'string') return fail(47001, 'data format error: content is required')
    const r = checkText(texts)
    if (Number(d.version) === 2) {
      if (typeof d.openid !== 'string' || !d.openid) return fail(40003, 'invalid openid')
      if (![1, 2, 3, 4].includes(Number(d.scene))) return fail(40097, 'invalid args: scene must be 1, 2, 3 or 4')
      const detail: Json[] = [{ strategy: 'content_model', errcode: 0, suggest: r.suggest, label: r.label, prob: r.suggest === 'pass' ? 0 : 90 }]
      if (r.keyword) detail.push({ strategy: 'keyword', errcode: 0, suggest: r.suggest, label: r.label, level: 20, keyword: r.keyword })
      return ok({ result: { suggest: r.suggest, label: r.label }, detail, trace_id: newId() })
    }
    return r.suggest === 'risky' ? fail(87014, 'risky content') : ok()
  },
  'security.imgSecCheck': (_d, media) => {
    const m = media.media
    if (!m) return fail(47001, 'data format error: media is required')
    const risky = state.imageMarkers.some((k) => (m.filename ?? '').includes(k) || m.value.includes(Buffer.from(k)))
    if (risky) return fail(87014, 'risky content')
    return state.imageErrorMarkers.some((k) => m.value.includes(Buffer.from(k))) ? fail(-1, 'system error') : ok()
  },
  'security.mediaCheckAsync': (d) => {
    if (typeof d.media_url !== 'string' || !d.media_url) return fail(47001, 'data format error: media_url is required')
    const traceId = newId()
    const risky = state.imageMarkers.some((k) => (d.media_url as string).includes(k))
    state.mediaChecks.push({
      traceId,
      mediaUrl: d.media_url,
      mediaType: Number(d.media_type ?? 2),
      openid: typeof d.openid === 'string' ? d.openid : undefined,
      scene: d.scene === undefined ? undefined : Number(d.scene),
      suggest: risky ? 'risky' : 'pass',
      at: new Date()
    })
    return ok({ trace_id: traceId })
  },
  'subscribeMessage.send': (d) => {
    if (typeof d.touser !== 'string' || !d.touser) return fail(40003, 'invalid openid')
    if (typeof d.template_id !== 'string' || !d.template_id) return fail(40037, 'invalid template_id')
    const data = (d.data ?? {}) as Record<string, unknown>
    for (const [k, v] of Object.entries(data)) {
      if (!v || typeof v !== 'object' || typeof (v as { value?: unknown }).value !== 'string') return fail(47003, `argument invalid! data.${k}.value invalid`)
    }
    state.outbox.push({
      touser: d.touser,
      templateId: d.template_id,
      page: typeof d.page === 'string' ? d.page : undefined,
      data,
      miniprogramState: typeof d.miniprogram_state === 'string' ? d.miniprogram_state : undefined,
      lang: typeof d.lang === 'string' ? d.lang : undefined,
      at: new Date()
    })
    return ok({ msgid: Math.floor(Math.random() * 2 ** 40) })
  },
  'wxacode.getUnlimited': (d) => {
    if (typeof d.scene !== 'string' || !d.scene || d.scene.length > 32) return fail(40169, 'invalid length for scene, or the data is not json string')
    return { png: placeholderPng() }
  },
  'wxacode.get': (d) => {
    if (typeof d.path !== 'string' || !d.path) return fail(40159, 'invalid length for path')
    return { png: placeholderPng() }
  },
  'wxacode.createQRCode': (d) => {
    if (typeof d.path !== 'string' || !d.path) return fail(40159, 'invalid length for path')
    return { png: placeholderPng() }
  }
}

/** Replacement of CloudBase.prototype.callCompatibleWxOpenApi: protobuf in, protobuf out. */
export function callCompatibleWxOpenApi(opts: { apiName?: unknown; requestData?: unknown }): Buffer {
  const api = String(opts.apiName ?? '')
  const handler = handlers[api]
  if (!handler) return encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode: -604100 })
  const req = decodeCommApiData(Buffer.isBuffer(opts.requestData) ? opts.requestData : Buffer.alloc(0))
  const data: Json = {}
  const media: Record<string, Media> = {}
  for (const p of req.pairs) {
    // media pairs carry a filename; wx-server-sdk 4.0.2 sets `contentType` on the pair but the proto
    // field is `contenttype`, so the content type never reaches the wire
    if (p.contenttype || p.filename) {
      media[p.key] = { contentType: p.contenttype ?? '', value: p.value, filename: p.filename }
      continue
    }
    try {
      data[p.key] = JSON.parse(p.value.toString('utf8')) as unknown
    } catch {
      return encodeCommOpenApiResp({ respData: Buffer.from(JSON.stringify(fail(47001, `data format error: ${p.key}`))), contentType: 'application/json', httpCode: 200 })
    }
  }
  const out = handler(data, media)
  if ('png' in out && Buffer.isBuffer(out.png)) return encodeCommOpenApiResp({ respData: out.png, contentType: 'image/png', httpCode: 200 })
  return encodeCommOpenApiResp({ respData: Buffer.from(JSON.stringify(out)), contentType: 'application/json; charset=utf-8', httpCode: 200 })
}

let png: Buffer | null = null
/** A 29×29 black-and-white PNG (a QR-code look-alike, not decodable). */
export function placeholderPng(): Buffer {
  if (png) return png
  const size = 29
  const finder = (x: number, y: number, cx: number, cy: number) => {
    const d = Math.max(Math.abs(x - cx), Math.abs(y - cy))
    return d <= 3 ? d !== 2 : null
  }
  png = greyPng(size, size, (x, y) => {
    const f = finder(x, y, 3, 3) ?? finder(x, y, size - 4, 3) ?? finder(x, y, 3, size - 4)
    const dark = f ?? (x * 7 + y * 13 + x * y) % 3 === 0
    return dark ? 0 : 255
  })
  return png
}
