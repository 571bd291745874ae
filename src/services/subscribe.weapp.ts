import Taro from '@tarojs/taro'
import { SUBSCRIBE_TEMPLATE_IDS, isTemplateConfigured, type SubscribeTemplate } from '@/contract/subscribe-templates'

/** WeChat shows at most 3 one-time templates in one dialog. */
const MAX_PER_ASK = 3

/**
 * Opens WeChat's 订阅消息 dialog. WeChat only shows it from a tap: call it in the tap handler before
 * any awaited request. Resolves when the person answered; a refusal or an error is fine (the action
 * goes on, the functions' send then fails quietly). Placeholder ids are not asked for.
 */
export async function askToSubscribe(templates: readonly SubscribeTemplate[]): Promise<boolean> {
  const tmplIds = idsOf(templates)
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return false
  try {
    // Taro's Option type also demands alipay's entityIds; WeChat takes tmplIds alone.
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>
    return tmplIds.some((id) => res?.[id] === 'accept')
  } catch (err) {
    console.warn('[subscribe] not subscribed', (err as { errMsg?: unknown } | null)?.errMsg ?? err)
    return false
  }
}

/** Whether asking can show anything: at least one of the templates is configured. */
export function canAskToSubscribe(templates: readonly SubscribeTemplate[]): boolean {
  return idsOf(templates).length > 0
}

function idsOf(templates: readonly SubscribeTemplate[]): string[] {
  return [...new Set(templates.map((t) => SUBSCRIBE_TEMPLATE_IDS[t]))].filter(isTemplateConfigured).slice(0, MAX_PER_ASK)
}
