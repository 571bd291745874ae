import type { Result } from '@/contract'
import { PhotoPicker, type PickerPhoto } from '@/components/photo-picker'
import { pickPhotos } from '@/services/photos'
import { releasePhoto, uploadPhoto } from '@/services/storage'
import { photoCloudPath, randomToken } from '@/services/storage-types'
import { useAppStore } from '@/store/app-store'

interface Props {
  photo: PickerPhoto | null
  disabled?: boolean
  onChange: (photo: PickerPhoto | null) => void
  /** A refusal or failure to show (null clears it). */
  onMessage: (message: string | null) => void
  className?: string
}

/** One optional photo: pick (after the privacy agreement), show, remove. Not uploaded until the form is sent. */
export function OnePhotoField({ photo, disabled, onChange, onMessage, className }: Props) {
  const { ensurePrivacy } = useAppStore()
  const add = async () => {
    onMessage(null)
    if (!(await ensurePrivacy())) return onMessage('未同意隐私保护指引，暂不能选照片')
    const res = await pickPhotos(1)
    if (res.ok && res.paths[0]) onChange({ key: randomToken(8), path: res.paths[0], fileID: null })
    else if (!res.ok && !res.cancelled) onMessage(res.message)
  }
  const remove = () => {
    if (photo) releasePhoto(photo.path)
    onChange(null)
  }
  return <PhotoPicker className={className} photos={photo ? [photo] : []} max={1} disabled={disabled} onAdd={() => void add()} onRemove={remove} />
}

/** A photo already in cloud storage (a saved entry's): shown by its temporary URL, never uploaded again. */
export function storedPhoto(fileID: string | null, url: string | null): PickerPhoto | null {
  return fileID ? { key: randomToken(8), path: url ?? '', fileID } : null
}

/** Uploads the photo unless it already has a fileID; ok → the photo with its fileID. */
export async function uploadOnce(photo: PickerPhoto, name: string): Promise<Result<PickerPhoto>> {
  if (photo.fileID) return { ok: true, data: photo }
  const res = await uploadPhoto(photo.path, photoCloudPath(name))
  return res.ok ? { ok: true, data: { ...photo, fileID: res.data } } : res
}
