import { REPORT_STATUS_LABELS, type ReportStatus } from '@/contract'
import { SUBSCRIBE_TEMPLATE_IDS, type SubscribeData } from '@/contract/subscribe-templates'
import { sdk } from '../_shared/cloud'
import { chinaDay } from '@/domain/china-time'
import type { ReportDoc } from './docs'

/** The front end's detail page (packages/reports subpackage), opened with ?id=<reportId>. */
export const REPORT_DETAIL_PAGE = 'packages/reports/pages/detail/index'

interface SubscribeApi {
  subscribeMessage: { send(p: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<unknown> }
}

/** thing.DATA holds at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)

/** Where the problem's handling ends (unless the reporter reopens it): told with 「问题办结通知」. */
const OUTCOMES: ReadonlySet<ReportStatus> = new Set(['closed', 'rejected', 'duplicate'])

const OUTCOME_TIPS: Partial<Record<ReportStatus, string>> = {
  closed: '已整改销号，欢迎评价处理结果',
  rejected: '未予受理，详情见小程序',
  duplicate: '已有人反映，按原问题处理'
}

/** The message for a change: the outcome's own template, or the progress one. */
export function statusMessage(
  r: Pick<ReportDoc, 'no' | 'categoryName' | 'address'>,
  to: ReportStatus,
  at: Date
): { templateId: string; data: SubscribeData<'reportStatus'> | SubscribeData<'reportResult'> } {
  const head = { character_string1: { value: r.no }, thing2: { value: thing(r.categoryName) }, phrase3: { value: REPORT_STATUS_LABELS[to] }, date4: { value: chinaDay(at) } }
  if (OUTCOMES.has(to)) return { templateId: SUBSCRIBE_TEMPLATE_IDS.reportResult, data: { ...head, thing5: { value: OUTCOME_TIPS[to] ?? '' } } }
  return { templateId: SUBSCRIBE_TEMPLATE_IDS.reportStatus, data: { ...head, thing5: { value: thing(r.address) } } }
}

/**
 * Tells the reporter their problem moved on: 「问题处理进度提醒」 for a step, 「问题办结通知」 for the
 * outcome (both asked for when they submit, again from the problem's page). A person who did not
 * subscribe, a used-up quota or a template id still a placeholder makes the send fail; that never
 * fails the step itself.
 */
export async function notifyStatus(r: ReportDoc, to: ReportStatus, at: Date): Promise<void> {
  if (!r.reporterOpenid) return
  try {
    const { templateId, data } = statusMessage(r, to, at)
    await (sdk().openapi as unknown as SubscribeApi).subscribeMessage.send({ touser: r.reporterOpenid, templateId, page: `${REPORT_DETAIL_PAGE}?id=${r._id}`, data })
  } catch (e) {
    console.warn('[reports] subscribe message not sent', (e as { errCode?: unknown })?.errCode ?? e)
  }
}
