import Taro from '@tarojs/taro'
import { preparePhoto } from './storage'

export const MAX_PHOTOS = 9

export type PickResult = { ok: true; paths: string[] } | { ok: false; cancelled: boolean; message: string }

function errMsgOf(err: unknown): string {
  return String((err as { errMsg?: unknown } | null)?.errMsg ?? err ?? '')
}

/**
 * Camera or album, up to `count` photos, each compressed on the phone (long side ≤ 1600 px,
 * quality 60) and kept where a draft survives a restart. Call after ensurePrivacy().
 */
export async function pickPhotos(count: number): Promise<PickResult> {
  if (count < 1) return { ok: false, cancelled: false, message: `最多 ${MAX_PHOTOS} 张照片` }
  let temp: string[]
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    temp = res.tempFiles.map((file) => file.tempFilePath).filter(Boolean)
  } catch (err) {
    const msg = errMsgOf(err)
    if (/cancel/i.test(msg)) return { ok: false, cancelled: true, message: '' }
    if (/auth|deny|denied|privacy|permission/i.test(msg)) {
      return { ok: false, cancelled: false, message: '没有获得相机或相册权限，请在设置中允许后再试' }
    }
    return { ok: false, cancelled: false, message: '没能打开相机或相册，请稍后再试' }
  }
  const paths: string[] = []
  for (const path of temp.slice(0, count)) paths.push(await preparePhoto(path))
  return { ok: true, paths }
}
