import Taro from '@tarojs/taro'

export type PlatformPrivacyResolve = (agreed: boolean) => void

export const AGREE_BUTTON_ID = 'privacy-agree'
export const AGREE_OPEN_TYPE: 'agreePrivacyAuthorization' | undefined = 'agreePrivacyAuthorization'

/**
 * WeChat calls the listener when a privacy API (location, album, phone …) is used before
 * the person agreed. The pending API waits until we resolve with agree/disagree.
 */
export function listenForPlatformPrivacy(onNeed: (resolve: PlatformPrivacyResolve) => void): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' })
    onNeed((agreed) => {
      if (agreed) resolve({ event: 'agree', buttonId: AGREE_BUTTON_ID })
      else resolve({ event: 'disagree' })
    })
  })
}

/** Triggers WeChat's consent flow (and our listener) if needed; resolves whether it was granted. */
export function requirePlatformPrivacy(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.requirePrivacyAuthorize !== 'function') {
      resolve(true)
      return
    }
    Taro.requirePrivacyAuthorize({
      success: () => resolve(true),
      fail: () => resolve(false)
    })
  })
}
