import type { Result } from '@/contract'
import { uploadPhoto } from './storage'
import { photoCloudPath } from './storage-types'

/** A photo of a form: picked on the phone (`fileID` null until uploaded) or already in cloud storage. */
export interface FormPhoto {
  key: string
  path: string
  fileID: string | null
}

/**
 * Uploads the photos not uploaded yet, in order, each as `reports/…/<name>-<photo key>.jpg`.
 * Each success is handed to `kept` at once, so a failure part-way keeps the photos that went up and a
 * retry sends only the rest (the same cloud path, so nothing is stored twice). `progress` hears
 * (position, total) before each upload. Ok → every fileID in the photos' order; otherwise the first
 * failure's message (Chinese).
 */
export async function uploadPending(
  photos: readonly FormPhoto[],
  name: string,
  kept: (key: string, fileID: string) => void,
  progress?: (position: number, total: number) => void
): Promise<Result<string[]>> {
  const fileIds: string[] = []
  for (const [index, photo] of photos.entries()) {
    if (photo.fileID) {
      fileIds.push(photo.fileID)
      continue
    }
    progress?.(index + 1, photos.length)
    const res = await uploadPhoto(photo.path, photoCloudPath(`${name}-${photo.key}`))
    if (!res.ok) return res
    kept(photo.key, res.data)
    fileIds.push(res.data)
  }
  return { ok: true, data: fileIds }
}

/** `photos` with the one under `key` marked uploaded as `fileID`. */
export const withUploaded = <P extends FormPhoto>(photos: readonly P[], key: string, fileID: string): P[] => photos.map((p) => (p.key === key ? { ...p, fileID } : p))
