import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/** From this window width (CSS px) a wide table fits: a tablet, a desktop browser. */
export const WIDE_SCREEN_PX = 768

function windowWidth(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth || 0
  } catch {
    return 0
  }
}

/** Whether the window is at least WIDE_SCREEN_PX wide, again after a resize or rotation (where the platform tells). */
export function useWideScreen(min: number = WIDE_SCREEN_PX): boolean {
  const [wide, setWide] = useState(() => windowWidth() >= min)
  useEffect(() => {
    const onResize = () => setWide(windowWidth() >= min)
    const api = Taro as unknown as { onWindowResize?: (cb: () => void) => void; offWindowResize?: (cb: () => void) => void }
    if (typeof api.onWindowResize !== 'function') return undefined
    try {
      api.onWindowResize(onResize)
    } catch {
      return undefined
    }
    return () => {
      try {
        api.offWindowResize?.(onResize)
      } catch {
        // not available on this platform
      }
    }
  }, [min])
  return wide
}
