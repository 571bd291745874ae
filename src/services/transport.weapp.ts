import Taro from '@tarojs/taro'
import { ensureCloud } from './cloud-init'
import { NETWORK_FAILURE_MESSAGE, isResult, type Transport } from './transport-types'

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
