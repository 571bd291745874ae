import Taro from '@tarojs/taro'
import { NETWORK_FAILURE_MESSAGE, isResult, type Transport } from './transport-types'

let initialised = false

function ensureCloud(): void {
  if (initialised) return
  const configured = process.env.TARO_APP_CLOUD_ENV
  // DYNAMIC_CURRENT_ENV = the environment the mini-program is bound to in WeChat DevTools.
  const dynamic = (Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: string }).DYNAMIC_CURRENT_ENV
  Taro.cloud.init({ env: configured || dynamic, traceUser: true })
  initialised = true
}

/** WeChat Cloud: one callFunction per action; res.result is the function's Result. */
export const send: Transport = async (name, event) => {
  try {
    ensureCloud()
    const res = await Taro.cloud.callFunction({ name, data: { action: event.action, data: event.data } })
    const result = (res as { result?: unknown }).result
    if (isResult(result)) return result
  } catch (err) {
    console.warn('[call] cloud.callFunction failed', name, event.action, err)
  }
  return { ok: false, code: 'INTERNAL', message: NETWORK_FAILURE_MESSAGE }
}
