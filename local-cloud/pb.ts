/**
 * Just enough protobuf for wx-server-sdk's openapi frames (field numbers from the SDK's bundled
 * `src/protobuf/openapi.js`):
 *   CommApiData   { 1 apiType:int32, 2 openapiData:OpenApiData, 6 appid:string }
 *   OpenApiData   { 1 pairs: repeated KeyValuePair }
 *   KeyValuePair  { 1 key:string, 2 value:bytes, 3 contenttype:string, 4 filename:string }
 *   CommOpenApiResp { 1 respData:bytes, 2 contentType:string, 3 errorCode:int32, 4 httpCode:uint32 }
 */

export interface KeyValuePair {
  key: string
  value: Buffer
  contenttype?: string
  filename?: string
}

export interface CommApiData {
  apiType: number
  pairs: KeyValuePair[]
  appid?: string
}

export interface CommOpenApiResp {
  respData: Buffer
  contentType: string
  errorCode?: number
  httpCode?: number
}

interface Field {
  no: number
  wire: number
  int?: bigint
  bytes?: Buffer
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n
  let shift = 0n
  for (;;) {
    if (pos >= buf.length) throw new Error('protobuf: truncated varint')
    const b = buf[pos++]
    result |= BigInt(b & 0x7f) << shift
    if (!(b & 0x80)) return [result, pos]
    shift += 7n
    if (shift > 70n) throw new Error('protobuf: varint too long')
  }
}

function readFields(buf: Buffer): Field[] {
  const out: Field[] = []
  let pos = 0
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos)
    pos = p1
    const no = Number(tag >> 3n)
    const wire = Number(tag & 7n)
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos)
      pos = p2
      out.push({ no, wire, int: v })
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos)
      const end = p2 + Number(len)
      if (end > buf.length) throw new Error('protobuf: truncated field')
      out.push({ no, wire, bytes: buf.subarray(p2, end) })
      pos = end
    } else if (wire === 1) {
      pos += 8
    } else if (wire === 5) {
      pos += 4
    } else throw new Error(`protobuf: unsupported wire type ${wire}`)
  }
  return out
}

function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v))
}

function decodePair(buf: Buffer): KeyValuePair {
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) }
  for (const f of readFields(buf)) {
    if (!f.bytes) continue
    if (f.no === 1) pair.key = f.bytes.toString('utf8')
    else if (f.no === 2) pair.value = Buffer.from(f.bytes)
    else if (f.no === 3) pair.contenttype = f.bytes.toString('utf8')
    else if (f.no === 4) pair.filename = f.bytes.toString('utf8')
  }
  return pair
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const msg: CommApiData = { apiType: 0, pairs: [] }
  for (const f of readFields(buf)) {
    if (f.no === 1 && f.int !== undefined) msg.apiType = toInt32(f.int)
    else if (f.no === 6 && f.bytes) msg.appid = f.bytes.toString('utf8')
    else if (f.no === 2 && f.bytes) {
      for (const pf of readFields(f.bytes)) if (pf.no === 1 && pf.bytes) msg.pairs.push(decodePair(pf.bytes))
    }
  }
  return msg
}

function varint(v: bigint): Buffer {
  let x = BigInt.asUintN(64, v)
  const bytes: number[] = []
  do {
    let b = Number(x & 0x7fn)
    x >>= 7n
    if (x) b |= 0x80
    bytes.push(b)
  } while (x)
  return Buffer.from(bytes)
}

const tag = (no: number, wire: number) => varint(BigInt((no << 3) | wire))
const lenField = (no: number, data: Buffer) => Buffer.concat([tag(no, 2), varint(BigInt(data.length)), data])
const intField = (no: number, v: number) => Buffer.concat([tag(no, 0), varint(BigInt(v))])

export function encodeCommOpenApiResp(msg: CommOpenApiResp): Buffer {
  const parts: Buffer[] = [lenField(1, msg.respData), lenField(2, Buffer.from(msg.contentType, 'utf8'))]
  if (msg.errorCode) parts.push(intField(3, msg.errorCode))
  if (msg.httpCode) parts.push(intField(4, msg.httpCode))
  return Buffer.concat(parts)
}

/** Encoder for CommApiData (tests use it to check the decoder against the SDK's own encoding). */
export function encodeCommApiData(msg: CommApiData): Buffer {
  const pairs = msg.pairs.map((p) => {
    const parts = [lenField(1, Buffer.from(p.key, 'utf8')), lenField(2, p.value)]
    if (p.contenttype) parts.push(lenField(3, Buffer.from(p.contenttype, 'utf8')))
    if (p.filename) parts.push(lenField(4, Buffer.from(p.filename, 'utf8')))
    return lenField(1, Buffer.concat(parts))
  })
  const out: Buffer[] = []
  if (msg.apiType) out.push(intField(1, msg.apiType))
  out.push(lenField(2, Buffer.concat(pairs)))
  if (msg.appid) out.push(lenField(6, Buffer.from(msg.appid, 'utf8')))
  return Buffer.concat(out)
}
