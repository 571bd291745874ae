import Taro from '@tarojs/taro'
import { ensureCloud } from './cloud-init'
import { MAX_PHOTO_SIDE, PHOTO_QUALITY, UPLOAD_FAILURE_MESSAGE, type Uploader } from './storage-types'

/** WeChat cloud storage: Taro.cloud.uploadFile → fileID. */
export const uploadPhoto: Uploader = async (localPath, cloudPath) => {
  try {
    ensureCloud()
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
    if (res.fileID) return { ok: true, data: res.fileID }
  } catch (err) {
    console.warn('[storage] uploadFile failed', cloudPath, err)
  }
  return { ok: false, code: 'INTERNAL', message: UPLOAD_FAILURE_MESSAGE }
}

async function compress(path: string): Promise<string> {
  try {
    const info = await Taro.getImageInfo({ src: path })
    const option: Taro.compressImage.Option = { src: path, quality: PHOTO_QUALITY }
    if (Math.max(info.width, info.height) > MAX_PHOTO_SIDE) {
      if (info.width >= info.height) option.compressedWidth = MAX_PHOTO_SIDE
      else option.compressedHeight = MAX_PHOTO_SIDE
    }
    const res = await Taro.compressImage(option)
    return res.tempFilePath || path
  } catch (err) {
    // Old base library or an odd file: upload the picked (already 'compressed' sizeType) photo.
    console.warn('[storage] compressImage failed', err)
    return path
  }
}

/** Temp files may be cleaned up while a draft waits for signal: keep a saved copy in user data. */
function keep(tempPath: string): Promise<string> {
  return new Promise((resolve) => {
    try {
      Taro.getFileSystemManager().saveFile({
        tempFilePath: tempPath,
        success: (res) => resolve(res.savedFilePath || tempPath),
        fail: () => resolve(tempPath)
      })
    } catch {
      resolve(tempPath)
    }
  })
}

export async function preparePhoto(tempPath: string): Promise<string> {
  return keep(await compress(tempPath))
}

export function releasePhoto(path: string): void {
  const userData = (Taro.env as { USER_DATA_PATH?: string }).USER_DATA_PATH
  if (!userData || !path.startsWith(userData)) return
  try {
    Taro.getFileSystemManager().unlink({ filePath: path, fail: () => undefined })
  } catch {
    // already gone
  }
}
