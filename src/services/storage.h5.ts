import { DEFAULT_MESSAGES, type Result } from '@/contract'
import { readLocalToken } from './local-token'
import { isResult } from './transport-types'
import { MAX_PHOTO_SIDE, PHOTO_QUALITY, UPLOAD_FAILURE_MESSAGE, type Uploader } from './storage-types'

/** Local cloud: POST /api/files, raw bytes, the cloud path in x-file-name, the sign-in token. */
export const uploadPhoto: Uploader = async (localPath, cloudPath): Promise<Result<string>> => {
  const token = readLocalToken()
  if (!token) return { ok: false, code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED }
  let bytes: Blob
  try {
    bytes = await (await fetch(localPath)).blob()
  } catch {
    return { ok: false, code: 'INVALID_INPUT', message: '这张照片已失效（页面刷新过），请删除后重新选择' }
  }
  try {
    const res = await fetch('/api/files', {
      method: 'POST',
      headers: { 'x-file-name': cloudPath, Authorization: `Bearer ${token}`, 'Content-Type': bytes.type || 'image/jpeg' },
      body: bytes
    })
    const body: unknown = await res.json().catch(() => null)
    const fileID = (body as { fileID?: unknown } | null)?.fileID
    if (res.ok && typeof fileID === 'string') return { ok: true, data: fileID }
    if (isResult(body) && !body.ok) return body
  } catch (err) {
    console.warn('[storage] upload failed', cloudPath, err)
  }
  return { ok: false, code: 'INTERNAL', message: UPLOAD_FAILURE_MESSAGE }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image did not load'))
    img.src = src
  })
}

/**
 * Canvas resize to MAX_PHOTO_SIDE and JPEG at PHOTO_QUALITY. The result is a data: URL, so a
 * draft kept in storage still has the photo after the page is reloaded (a blob: URL would not).
 */
export async function preparePhoto(tempPath: string): Promise<string> {
  try {
    const img = await loadImage(tempPath)
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(img.naturalWidth, img.naturalHeight, 1))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
    const ctx = canvas.getContext('2d')
    if (!ctx) return tempPath
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    return canvas.toDataURL('image/jpeg', PHOTO_QUALITY / 100)
  } catch (err) {
    console.warn('[storage] resize failed, uploading the original', err)
    return tempPath
  }
}

export function releasePhoto(path: string): void {
  if (path.startsWith('blob:')) URL.revokeObjectURL(path)
}
