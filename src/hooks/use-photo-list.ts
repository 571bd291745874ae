import { useState } from 'react'
import type { PickerPhoto } from '@/components/photo-picker'
import { useAppStore } from '@/store/app-store'
import { MAX_PHOTOS, pickPhotos } from '@/services/photos'
import { releasePhoto } from '@/services/storage'
import { randomToken } from '@/services/storage-types'
import { uploadPending, withUploaded } from '@/services/photo-upload'

/**
 * Photos picked for a form (after the privacy consent), uploaded once at submit: each keeps its
 * fileID, so a retry after a failure uploads only those not sent yet. `message` says why picking or
 * uploading failed (Chinese); the form may also set it.
 */
export function usePhotoList(privacyRefused: string) {
  const { ensurePrivacy } = useAppStore()
  const [photos, setPhotos] = useState<PickerPhoto[]>([])
  const [message, setMessage] = useState<string | null>(null)

  const add = async () => {
    setMessage(null)
    if (!(await ensurePrivacy())) {
      setMessage(privacyRefused)
      return
    }
    const res = await pickPhotos(MAX_PHOTOS - photos.length)
    if (res.ok) setPhotos((current) => [...current, ...res.paths.map((path) => ({ key: randomToken(8), path, fileID: null }))].slice(0, MAX_PHOTOS))
    else if (!res.cancelled) setMessage(res.message)
  }

  const remove = (key: string) => {
    const photo = photos.find((item) => item.key === key)
    if (photo) releasePhoto(photo.path)
    setPhotos((current) => current.filter((item) => item.key !== key))
  }

  /**
   * Uploads what is not uploaded yet, each as `reports/…/<name>-<photo key>.jpg`, telling `progress`
   * (null when done or failed); every fileID, or null after a failure.
   */
  const upload = async (name: string, progress: (text: string | null) => void): Promise<string[] | null> => {
    const res = await uploadPending(
      photos,
      name,
      (key, fileID) => setPhotos((current) => withUploaded(current, key, fileID)),
      (position, total) => progress(`正在上传照片 ${position}/${total}`)
    )
    progress(null)
    if (res.ok) return res.data
    setMessage(res.message)
    return null
  }

  /** Frees the copies on the phone once the form went through. */
  const releaseAll = () => photos.forEach((photo) => releasePhoto(photo.path))

  return { photos, add, remove, upload, releaseAll, message, setMessage }
}
