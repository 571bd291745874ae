import Taro from '@tarojs/taro'
import { confirmLeave, leaveMessage } from './leave-guard'

/** The 首页 tab: where 返回首页 and an unknown route lead. */
export const HOME_PAGE = '/pages/home/index'
/** Shown for a route the app does not have (H5: a mistyped or stale link; weapp: a shared page since removed). */
export const NOT_FOUND_PAGE = '/pages/not-found/index'

/** A page to go back to in this session (the H5 nav bar and the not-found state offer 返回 only then). */
export function canGoBack(): boolean {
  try {
    return Taro.getCurrentPages().length > 1
  } catch {
    return false
  }
}

export function goHome(): void {
  void Taro.reLaunch({ url: HOME_PAGE })
}

/** 返回; a form with unsent content on the page asks first (services/leave-guard). */
export function goBack(): void {
  if (!leaveMessage()) {
    void Taro.navigateBack({ delta: 1 })
    return
  }
  void confirmLeave().then((ok) => (ok ? Taro.navigateBack({ delta: 1 }) : undefined))
}

let watching = false

/** An unknown route opens the 404 page in its place (both platforms call onPageNotFound). */
export function watchPageNotFound(): void {
  if (watching || typeof Taro.onPageNotFound !== 'function') return
  watching = true
  Taro.onPageNotFound((res) => {
    const from = typeof res?.path === 'string' ? res.path : ''
    const url = `${NOT_FOUND_PAGE}?from=${encodeURIComponent(from)}`
    if (res?.isEntryPage) void Taro.reLaunch({ url })
    else void Taro.redirectTo({ url })
  })
}
