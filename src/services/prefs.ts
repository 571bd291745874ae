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

const LARGE_FONT_EVENT = 'wm:largeFont'

export function cacheLargeFont(on: boolean): void {
  try {
    Taro.setStorageSync(LARGE_FONT_KEY, on)
  } catch {
    // storage full or unavailable: the server copy still applies after users.me
  }
  Taro.eventCenter?.trigger(LARGE_FONT_EVENT, on)
}

/**
 * For what lives outside the pages' store (the weapp's custom tab bar): 长辈模式 switched on or off.
 * Returns the unsubscribe.
 */
export function onLargeFontChange(listener: (on: boolean) => void): () => void {
  Taro.eventCenter?.on(LARGE_FONT_EVENT, listener)
  return () => {
    Taro.eventCenter?.off(LARGE_FONT_EVENT, listener)
  }
}
