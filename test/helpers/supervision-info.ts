/** Shared pieces of the 信息报送 tests and the access samples. */
import type { InfoDetail, InputOf } from '../../src/contract'
import { clientKey } from './reports'
import { ok } from './town'

export type InfoIn = InputOf<'supervision.submitInfo'>

/** Who sends for which village or unit among the demo people. */
export const SENDER_OF: Record<string, { submitterKind: 'village' | 'unit'; submitterId: string }> = {
  'village-admin-dongshan': { submitterKind: 'village', submitterId: 'v_dongshan' },
  'village-admin-xigang': { submitterKind: 'village', submitterId: 'v_xigang' },
  'village-admin-nanhu': { submitterKind: 'village', submitterId: 'v_nanhu' },
  'village-admin-beiling': { submitterKind: 'village', submitterId: 'v_beiling' },
  'unit-zhifa': { submitterKind: 'unit', submitterId: 'unit_1' },
  'unit-chengguan': { submitterKind: 'unit', submitterId: 'unit_2' }
}

/** An item of 东山村 (or of `who`'s village or unit): a 工作动态 without photos unless told otherwise. */
export function infoInput(who = 'village-admin-dongshan', extra: Partial<InfoIn> = {}): InfoIn {
  return {
    key: clientKey(),
    ...(SENDER_OF[who] ?? SENDER_OF['village-admin-dongshan']),
    kind: 'news',
    title: '开展人居环境集中整治',
    text: '本周组织党员志愿者和保洁员对村道、沟渠进行集中清理，清运垃圾十余车。',
    ...extra
  }
}

/** Sends an item as `who` (东山村's admin unless told otherwise). */
export async function givenInfo(who = 'village-admin-dongshan', extra: Partial<InfoIn> = {}): Promise<InfoDetail> {
  return ok(who, 'supervision.submitInfo', infoInput(who, extra))
}

/** Sends an item and has the town office decide it. */
export async function decidedInfo(who: string, decision: { decision: 'adopt'; level: 'town' | 'county' | 'city' } | { decision: 'return'; reason: string }): Promise<InfoDetail> {
  const i = await givenInfo(who)
  return ok('town-admin', 'supervision.decideInfo', { infoId: i.id, ...decision })
}
