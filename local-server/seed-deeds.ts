/**
 * The demo town's 善行档案 and 积分超市: households (王秀兰家 with 李大爷, …) registered by their
 * village's admin a month ago, goods in 东山村 and 西岗社区 put on the shelves three weeks ago, and
 * this morning's deeds — one approved (its points in the ledger and balances), two waiting for review.
 * Written by the deeds function's own handlers, called as the demo people who would have done each
 * step at times before the seed time: audit entries, ledger entries, balances and counters come out
 * as the live system writes them. Ids stay fixed (hh_wang, gd_ds_towel, dd_seed_approved …): tests
 * and browser journeys name them.
 */
import type { DeedCategory } from '../src/contract'
import { C } from '../cloudfunctions/_shared/collections'
import { chinaDay } from '../src/domain/china-time'
import { demoPerson } from './seed'
import { act, type SeedCloud } from './seed-act'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Who keeps each village's households and shop. */
const VILLAGE_ADMIN: Record<string, string> = {
  v_dongshan: 'village-admin-dongshan',
  v_xigang: 'village-admin-xigang',
  v_nanhu: 'village-admin-nanhu',
  v_beiling: 'village-admin-beiling'
}

const HOUSEHOLDS: Array<{ id: string; village: string; name: string; head: string; members: string[] }> = [
  { id: 'hh_wang', village: 'v_dongshan', name: '王秀兰家', head: 'resident-1', members: ['resident-1', 'resident-2'] },
  { id: 'hh_lin', village: 'v_dongshan', name: '林志愿家', head: 'volunteer-1', members: ['volunteer-1'] },
  { id: 'hh_li', village: 'v_dongshan', name: '李卫东家', head: 'village-admin-dongshan', members: ['village-admin-dongshan'] },
  { id: 'hh_zhang', village: 'v_xigang', name: '张小明家', head: 'resident-3', members: ['resident-3'] },
  { id: 'hh_chen', village: 'v_nanhu', name: '陈阿婆家', head: 'resident-4', members: ['resident-4'] },
  { id: 'hh_zhao', village: 'v_beiling', name: '赵小红家', head: 'resident-5', members: ['resident-5'] },
  { id: 'hh_wanght', village: 'v_dongshan', name: '王海涛家', head: 'grid-dongshan-1', members: ['grid-dongshan-1'] },
  { id: 'hh_zhanglh', village: 'v_xigang', name: '张丽华家', head: 'village-admin-xigang', members: ['village-admin-xigang'] },
  { id: 'hh_zheng', village: 'v_xigang', name: '郑军家', head: 'unit-zhifa', members: ['unit-zhifa'] },
  { id: 'hh_zhou', village: 'v_xigang', name: '周建国家', head: 'town-admin', members: ['town-admin'] }
]

const GOODS: Array<{ id: string; village: string; name: string; price: number; stock: number }> = [
  { id: 'gd_ds_soap', village: 'v_dongshan', name: '洗衣液', price: 30, stock: 20 },
  { id: 'gd_ds_towel', village: 'v_dongshan', name: '毛巾', price: 10, stock: 50 },
  { id: 'gd_ds_rice', village: 'v_dongshan', name: '大米（5 公斤）', price: 80, stock: 10 },
  { id: 'gd_xg_oil', village: 'v_xigang', name: '食用油', price: 50, stock: 10 }
]

interface DeedSpec {
  id: string
  subject: string
  declarer: string
  category: DeedCategory
  title: string
  description: string
  /** The village admin who approved it, 40 minutes after it was declared. */
  approvedBy?: string
}

/** Declared an hour apart, the last an hour before the seed. */
const DEEDS: DeedSpec[] = [
  {
    id: 'dd_seed_approved',
    subject: 'resident-1',
    declarer: 'resident-2',
    category: 'filial',
    title: '照顾瘫痪婆婆十年',
    description: '王秀兰十年如一日照顾瘫痪在床的婆婆，邻里称赞。',
    approvedBy: 'village-admin-dongshan'
  },
  { id: 'dd_seed_pending', subject: 'resident-2', declarer: 'volunteer-1', category: 'helping', title: '帮邻居抢收稻谷', description: '台风来临前，李大爷帮独居的邻居抢收了两亩稻谷。' },
  { id: 'dd_seed_xigang', subject: 'resident-3', declarer: 'resident-3', category: 'honesty', title: '拾金不昧', description: '张小明在公交站捡到钱包，交给了社区。' }
]

export const seedDeedId = (key: 'approved' | 'pending' | 'xigang') => `dd_seed_${key}`

/**
 * Seeds the households, goods and deeds once (skipped when any household exists); returns how many
 * deeds were written. Runs before the volunteer seed: hours counted later go to the households.
 */
export async function seedDemoDeeds(cloud: SeedCloud, now = new Date()): Promise<number> {
  if (cloud.engine.count(C.households, {}) > 0) return 0
  const uid = (key: string) => demoPerson(key).userId
  for (const [i, h] of HOUSEHOLDS.entries()) {
    const at = new Date(now.getTime() - 30 * DAY + i * 10 * MINUTE)
    await act(cloud, VILLAGE_ADMIN[h.village], at, 'deeds.saveHousehold', { villageId: h.village, name: h.name, headUserId: uid(h.head), memberIds: h.members.map(uid) }, { hh: [h.id] })
  }
  for (const [i, g] of GOODS.entries()) {
    const at = new Date(now.getTime() - 20 * DAY + i * 5 * MINUTE)
    await act(cloud, VILLAGE_ADMIN[g.village], at, 'deeds.saveGoods', { villageId: g.village, name: g.name, price: g.price, stock: g.stock, photo: null, enabled: true }, { gd: [g.id] })
  }
  for (const [i, d] of DEEDS.entries()) {
    const declared = new Date(now.getTime() - (DEEDS.length - i) * HOUR)
    await act(
      cloud,
      d.declarer,
      declared,
      'deeds.declare',
      { subjectUserId: uid(d.subject), category: d.category, title: d.title, occurredOn: chinaDay(declared), place: '村里', description: d.description, photos: [], clientKey: `seed-${d.id}` },
      { dd: [d.id] }
    )
    if (d.approvedBy) await act(cloud, d.approvedBy, new Date(declared.getTime() + 40 * MINUTE), 'deeds.approve', { deedId: d.id })
  }
  return DEEDS.length
}
