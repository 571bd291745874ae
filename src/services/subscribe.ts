import type { SubscribeTemplate } from '@/contract/subscribe-templates'

/**
 * Asking for 订阅消息 before an action whose progress the functions report. H5 has no subscribe
 * messages: nothing to ask. WeChat uses subscribe.weapp.ts.
 */
export function askToSubscribe(_templates: readonly SubscribeTemplate[]): Promise<boolean> {
  return Promise.resolve(false)
}

/** Whether asking can show anything here: never in a browser. */
export function canAskToSubscribe(_templates: readonly SubscribeTemplate[]): boolean {
  return false
}
