/**
 * 通报发布通知 (subscribe message) to village admins and unit staff when a bulletin is published. A
 * person who did not subscribe, a used-up quota or a placeholder template id makes a send fail; that
 * never fails the publishing.
 */
import { SUBSCRIBE_TEMPLATE_IDS, type SubscribeData } from '@/contract/subscribe-templates'
import { chinaDateTime, chinaDay } from '@/domain/china-time'
import { sdk } from '../_shared/cloud'
import { C } from '../_shared/collections'
import type { UserDoc } from '../_shared/docs'
import type { Store } from '../_shared/store'
import type { BulletinDoc } from './bulletin-docs'

/** The bulletin's page in the bulletins subpackage, opened with ?id=<bulletinId>. */
export const BULLETIN_PAGE = 'packages/bulletins/pages/detail/index'
const PARALLEL_SENDS = 10
const STAFF_ROWS = 1000

interface SubscribeApi {
  subscribeMessage: { send(p: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<unknown> }
}

/** thing.DATA holds at most 20 characters. */
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s)

export function publishedMessage(b: Pick<BulletinDoc, 'title' | 'periodLabel' | 'kind'>, at: Date): SubscribeData<'bulletinPublished'> {
  return {
    thing1: { value: thing(`${b.periodLabel}${b.kind === 'week' ? '周通报' : '月通报'}`) },
    time2: { value: `${chinaDay(at).slice(0, 4)}年${chinaDateTime(at)}` },
    thing3: { value: '请查看本单位得分和排名' }
  }
}

/** Sends to every village admin and unit staff member; returns how many went out. */
export async function notifyPublished(store: Store, b: BulletinDoc, at: Date): Promise<number> {
  const staff = await store.find<Pick<UserDoc, 'openid' | 'grants'>>(C.users, { scopeKeys: 'staff' }, { sort: [['name', 'asc']], limit: STAFF_ROWS, fields: { openid: true, grants: true } })
  const to = staff.filter((u) => u.openid && u.grants.some((g) => g.role === 'village_admin' || g.role === 'unit_staff')).map((u) => u.openid)
  const data = publishedMessage(b, at)
  let sent = 0
  for (let i = 0; i < to.length; i += PARALLEL_SENDS) {
    const results = await Promise.all(
      to.slice(i, i + PARALLEL_SENDS).map(async (openid) => {
        try {
          await (sdk().openapi as unknown as SubscribeApi).subscribeMessage.send({ touser: openid, templateId: SUBSCRIBE_TEMPLATE_IDS.bulletinPublished, page: `${BULLETIN_PAGE}?id=${b._id}`, data })
          return true
        } catch (e) {
          console.warn('[supervision] subscribe message not sent', (e as { errCode?: unknown })?.errCode ?? e)
          return false
        }
      })
    )
    sent += results.filter(Boolean).length
  }
  return sent
}
