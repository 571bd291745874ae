/**
 * The ID number at rest. An ID number has little entropy (a birth date, a region, a sequence and a
 * check character), so a plain hash of it is reversed by trying every number: it is stored
 * encrypted (AES-256-GCM, a random 12-byte IV per value) and opened only to show it to the town
 * office; its masked form is stored beside it for every other view; the unique index is on a keyed
 * HMAC-SHA256. Both keys are derived (HKDF-SHA256, one label each) from ID_NUMBER_KEY, 32 random
 * bytes in base64, set in the function's configuration (README, 部署到微信云开发). Without it
 * nothing is registered or opened: there is no plain-text fallback.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'crypto'
import { AppError } from '../_shared/errors'
import type { IdAtRest, LegacyId } from './docs'
import { maskIdNumber } from './rules'

export const ID_NUMBER_KEY_ENV = 'ID_NUMBER_KEY'
const CIPHER_VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
/**
 * Starts every keyed hash. `{` sorts after every base64url character, so the unsalted hashes written
 * before are one range of the unique index (./id-migration.ts finds them there).
 */
export const KEYED_HASH_TAG = '{hmac}'

const NO_KEY_MESSAGE = '身份证号加密密钥未配置，暂时不能办理，请联系系统管理员'
const UNREADABLE_MESSAGE = '身份证号暂时无法读取，请联系系统管理员'

interface Keys {
  cipher: Buffer
  mac: Buffer
}

let derived: { from: string; keys: Keys } | null = null

const derive = (master: Buffer, label: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `volunteers/id-number/${label}`, 32))

/** The keys from ID_NUMBER_KEY; null, logged, when it is unset or not 32 bytes of base64. */
export function idNumberKeys(): Keys | null {
  const raw = (process.env[ID_NUMBER_KEY_ENV] ?? '').trim()
  if (derived && derived.from === raw) return derived.keys
  const master = /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) ? Buffer.from(raw, 'base64') : null
  if (!master || master.length !== 32) {
    const what = raw ? '不是 32 字节的 base64' : '没有设置'
    console.error(`[volunteers] INTERNAL：身份证号加密密钥（环境变量 ${ID_NUMBER_KEY_ENV}）${what}，不能登记或读取身份证号。请在云函数 volunteers 的配置中设置（见 README「部署到微信云开发」）`)
    return null
  }
  const keys = { cipher: derive(master, 'aes-256-gcm/v1'), mac: derive(master, 'hmac-sha256/v1') }
  derived = { from: raw, keys }
  return keys
}

function requireKeys(): Keys {
  const keys = idNumberKeys()
  if (!keys) throw new AppError('INTERNAL', NO_KEY_MESSAGE)
  return keys
}

const normalised = (idNumber: string) => idNumber.trim().toUpperCase()

/** The keyed hash of an ID number (the case of X does not matter). */
export function idHashOf(idNumber: string): string {
  return KEYED_HASH_TAG + createHmac('sha256', requireKeys().mac).update(normalised(idNumber)).digest('base64url')
}

/** The unsalted hash registrations were stored with before: only to find them, never written. */
export function legacyIdHashOf(idNumber: string): string {
  return createHash('sha256')
    .update(`volunteer-id:${normalised(idNumber)}`)
    .digest('base64url')
}

/** What a registration stores of an ID number. Refused (INTERNAL) without the key. */
export function sealIdNumber(idNumber: string): IdAtRest {
  const keys = requireKeys()
  const id = normalised(idNumber)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keys.cipher, iv)
  cipher.setAAD(Buffer.from(CIPHER_VERSION))
  const body = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()])
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
  return { idCipher: `${CIPHER_VERSION}:${sealed}`, idMasked: maskIdNumber(id), idHash: idHashOf(id) }
}

/** The ID number inside `idCipher`. Refused (INTERNAL, logged) without the key, or if it does not open with it. */
export function openIdNumber(idCipher: string): string {
  const keys = requireKeys()
  const [version, sealed] = idCipher.split(':')
  const bytes = Buffer.from(sealed ?? '', 'base64url')
  try {
    if (version !== CIPHER_VERSION || bytes.length <= IV_BYTES + TAG_BYTES) throw new Error(`not a ${CIPHER_VERSION} value`)
    const decipher = createDecipheriv('aes-256-gcm', keys.cipher, bytes.subarray(0, IV_BYTES))
    decipher.setAAD(Buffer.from(CIPHER_VERSION))
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
  } catch (e) {
    console.error(`[volunteers] INTERNAL：身份证号密文无法解开（${ID_NUMBER_KEY_ENV} 与加密时的不同，或密文已损坏）`, e instanceof Error ? e.message : e)
    throw new AppError('INTERNAL', UNREADABLE_MESSAGE)
  }
}

/** The full number, for the town office only; a registration not yet rewritten still holds it in plain text. */
export function fullIdNumber(doc: IdAtRest | LegacyId): string {
  return 'idCipher' in doc ? openIdNumber(doc.idCipher) : doc.idNumber
}

/** The masked number, for everyone else: no key needed. */
export function maskedIdNumber(doc: IdAtRest | LegacyId): string {
  return 'idMasked' in doc ? doc.idMasked : maskIdNumber(doc.idNumber)
}
