import Taro from '@tarojs/taro'

let initialised = false

/** WeChat Cloud: init once per app launch, before the first callFunction / uploadFile. Weapp only. */
export function ensureCloud(): void {
  if (initialised) return
  const configured = process.env.TARO_APP_CLOUD_ENV
  // DYNAMIC_CURRENT_ENV = the environment the mini-program is bound to in WeChat DevTools.
  const dynamic = (Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: string }).DYNAMIC_CURRENT_ENV
  Taro.cloud.init({ env: configured || dynamic, traceUser: true })
  initialised = true
}
