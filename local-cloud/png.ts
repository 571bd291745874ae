/**
 * The one PNG encoder of the repository: small uncompressed-filter images drawn pixel by pixel, for
 * the local cloud's placeholder mini-program codes, the demo seeds' photos, the tests' "camera" and
 * the tab bar icons (scripts/tabbar-icons.ts).
 * Not for real pictures: every row is stored with filter 0 and deflated once.
 */
import zlib from 'node:zlib'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const COLOUR_TYPE = { 1: 0, 3: 2, 4: 6 } as const

/** 8 bits per sample; colour type 0 (greyscale, 1 sample), 2 (truecolour, 3 samples) or 6 (truecolour with alpha, 4 samples). */
function encode(width: number, height: number, samples: 1 | 3 | 4, pixel: (x: number, y: number) => readonly number[]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, COLOUR_TYPE[samples], 0, 0, 0], 8) // bit depth, colour type, deflate, no filter, no interlace
  const stride = width * samples + 1
  const raw = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y).slice(0, samples), y * stride + 1 + x * samples)
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** A truecolour PNG; `pixel` gives each pixel's [red, green, blue] (0–255). */
export function rgbPng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  return encode(width, height, 3, pixel)
}

/** A truecolour PNG with transparency (icons); `pixel` gives each pixel's [red, green, blue, alpha] (0–255). */
export function rgbaPng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number, number]): Buffer {
  return encode(width, height, 4, pixel)
}

/** A greyscale PNG; `pixel` gives each pixel's level (0 black – 255 white). */
export function greyPng(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  return encode(width, height, 1, (x, y) => [pixel(x, y)])
}
