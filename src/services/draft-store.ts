/**
 * Drafts kept on the phone until they are submitted once (随手拍, 督导巡查 — both work without
 * signal): each is JSON under one storage key, with photos that stay local until uploaded.
 */
import Taro from '@tarojs/taro'
import { randomToken } from './storage-types'

export interface DraftPhoto {
  /** Made on the phone; part of the cloud path, so a re-upload overwrites instead of adding a file. */
  key: string
  /** Compressed copy on the phone ('' when it could not be kept). */
  path: string
  /** Set once uploaded: a retry never uploads this photo again. */
  fileID: string | null
}

/** Made once per draft: time (base 36) + 16 random characters, 25–30 chars of [A-Za-z0-9-]. */
export function newClientKey(now: number = Date.now()): string {
  return `${now.toString(36)}-${randomToken(16)}`
}

/** What is stored under `key` (parsed when kept as a JSON string); null when storage or the JSON cannot be read. */
export function readStoredDraft(key: string): unknown {
  let raw: unknown
  try {
    raw = Taro.getStorageSync(key)
  } catch {
    return null
  }
  if (typeof raw === 'string' && raw) {
    try {
      raw = JSON.parse(raw)
    } catch {
      return null
    }
  }
  return raw
}

/** The photos with the bytes of those not uploaded yet dropped (what still fits a full storage). */
export function withoutLocalPhotos(photos: DraftPhoto[]): DraftPhoto[] {
  return photos.map((photo) => (photo.fileID ? photo : { ...photo, path: '' }))
}

/**
 * Saves the draft under `key`. With storage full (large photos in the browser build), saves
 * `light()` instead — the draft without the photo bytes not uploaded yet — and returns false.
 */
export function storeDraft(key: string, draft: unknown, light: () => unknown): boolean {
  try {
    Taro.setStorageSync(key, JSON.stringify(draft))
    return true
  } catch {
    try {
      Taro.setStorageSync(key, JSON.stringify(light()))
    } catch {
      // storage unavailable: the draft lives in memory until the page closes
    }
    return false
  }
}

export function removeStoredDraft(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing stored
  }
}
