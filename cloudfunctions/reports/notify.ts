import { REPORT_STATUS_LABELS, type ReportStatus } from '@/contract'
import { SUBSCRIBE_TEMPLATE_IDS, type SubscribeData } from '@/contract/subscribe-templates'
import { sdk } from '../_shared/cloud'
import { chinaDate } from '../_shared/workdays'
import type { ReportDoc } from './docs'

/** The front end's detail page (packages/reports subpackage), opened with ?id=<reportId>. */
export const REPORT_DETAIL_PAGE = 'packages/reports/pages/detail/index'

interface SubscribeApi {
  subscribeMessage: { send(p: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<unknown> }
}

/** thing.DATA holds at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)

/**
 * Tells the reporter their problem moved on (订阅消息「问题处理进度提醒」, asked for when they submit).
 * A person who did not subscribe, a used-up quota or a template id still a placeholder makes the
 * send fail; that never fails the step itself.
 */
export async function notifyStatus(r: ReportDoc, to: ReportStatus, at: Date): Promise<void> {
  if (!r.reporterOpenid) return
  try {
    const data: SubscribeData<'reportStatus'> = {
      character_string1: { value: r.no },
      thing2: { value: thing(r.categoryName) },
      phrase3: { value: REPORT_STATUS_LABELS[to] },
      date4: { value: chinaDate(at) },
      thing5: { value: thing(r.address) }
    }
    await (sdk().openapi as unknown as SubscribeApi).subscribeMessage.send({
      touser: r.reporterOpenid,
      templateId: SUBSCRIBE_TEMPLATE_IDS.reportStatus,
      page: `${REPORT_DETAIL_PAGE}?id=${r._id}`,
      data
    })
  } catch (e) {
    console.warn('[reports] subscribe message not sent', (e as { errCode?: unknown })?.errCode ?? e)
  }
}
