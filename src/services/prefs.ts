import Taro from '@tarojs/taro'

const LARGE_FONT_KEY = 'wm.largeFont'

/** Cached so 长辈模式 applies on the first frame, before users.me answers. */
export function readCachedLargeFont(): boolean {
  try {
    return Taro.getStorageSync(LARGE_FONT_KEY) === true
  } catch {
    return false
  }
}

export function cacheLargeFont(on: boolean): void {
  try {
    Taro.setStorageSync(LARGE_FONT_KEY, on)
  } catch {
    // storage full or unavailable: the server copy still applies after users.me
  }
}
