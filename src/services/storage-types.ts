import type { Result } from '@/contract'
import { chinaDay } from '@/domain/china-time'

/** Longest side of a photo after compression on the phone, in pixels. */
export const MAX_PHOTO_SIDE = 1600
/** JPEG quality after compression (0–100). */
export const PHOTO_QUALITY = 60

export const UPLOAD_FAILURE_MESSAGE = '照片上传没有成功，网络不给力，请稍后重试'

/** Uploads one local photo to cloud storage under cloudPath; ok → the fileID. Never throws. */
export type Uploader = (localPath: string, cloudPath: string) => Promise<Result<string>>

/** reports/<yyyy>/<mm>/<name>.jpg — the layout the storage rules and the clean-up job expect. */
export function photoCloudPath(name: string, now: Date = new Date()): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80) || 'photo'
  return `reports/${chinaDay(now).slice(0, 7).replace('-', '/')}/${safe}.jpg`
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A random token of [A-Za-z0-9]; not a secret, only unique enough per device. */
export function randomToken(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]
  return out
}
