/**
 * The demo town's 善行档案 and 积分超市: households (王秀兰家 with 李大爷, …), goods in 东山村 and
 * 西岗社区, deeds waiting for review and one approved with its ledger entry. Balances are written
 * as the sum of the seeded entries, as the points service keeps them.
 */
import { DEED_CATEGORY_GROUP, type DeedCategory } from '../src/contract'
import { entryIdFor, householdBalanceId, personBalanceId, type BalanceDoc, type PointEntryDoc } from '../cloudfunctions/_shared/points'
import type { DeedDoc, GoodsDoc, HouseholdDoc } from '../cloudfunctions/deeds/docs'
import { demoPerson, type SeedEngine } from './seed'

export interface DeedSeedEngine extends SeedEngine {
  update(collection: string, filter: object, update: object, opts?: { multi?: boolean }): unknown
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
  household: string
  village: string
  category: DeedCategory
  title: string
  description: string
  approvedBy?: string
  points?: number
}

const DEEDS: DeedSpec[] = [
  { id: 'dd_seed_approved', subject: 'resident-1', declarer: 'resident-2', household: 'hh_wang', village: 'v_dongshan', category: 'filial', title: '照顾瘫痪婆婆十年', description: '王秀兰十年如一日照顾瘫痪在床的婆婆，邻里称赞。', approvedBy: 'village-admin-dongshan', points: 5 },
  { id: 'dd_seed_pending', subject: 'resident-2', declarer: 'volunteer-1', household: 'hh_wang', village: 'v_dongshan', category: 'helping', title: '帮邻居抢收稻谷', description: '台风来临前，李大爷帮独居的邻居抢收了两亩稻谷。' },
  { id: 'dd_seed_xigang', subject: 'resident-3', declarer: 'resident-3', household: 'hh_zhang', village: 'v_xigang', category: 'honesty', title: '拾金不昧', description: '张小明在公交站捡到钱包，交给了社区。' }
]

export const seedDeedId = (key: 'approved' | 'pending' | 'xigang') => `dd_seed_${key}`

export function seedDemoDeeds(engine: DeedSeedEngine, now = new Date()): number {
  if (engine.count('households', {}) > 0) return 0
  const uid = (key: string) => demoPerson(key).userId
  const households: HouseholdDoc[] = HOUSEHOLDS.map((h) => ({ _id: h.id, villageId: h.village, name: h.name, headUserId: uid(h.head), memberIds: h.members.map(uid), createdAt: now, updatedAt: now }))
  engine.insert('households', households)
  for (const h of households) engine.update('users', { _id: { $in: h.memberIds } }, { $set: { householdId: h._id } }, { multi: true })
  engine.insert('shop_goods', GOODS.map((g): GoodsDoc => ({ _id: g.id, villageId: g.village, name: g.name, price: g.price, stock: g.stock, photo: null, enabled: true, createdAt: now, updatedAt: now })))
  const entries: PointEntryDoc[] = []
  const deeds = DEEDS.map((d, i): DeedDoc => {
    const created = new Date(now.getTime() - (DEEDS.length - i) * 3600_000)
    const subject = demoPerson(d.subject)
    const approved = d.approvedBy !== undefined
    const entryId = approved ? entryIdFor('deed', d.id) : null
    if (approved && entryId) {
      entries.push({ _id: entryId, userId: subject.userId, personName: subject.name, householdId: d.household, villageId: d.village, delta: d.points ?? 0, source: 'deed', refId: d.id, ruleKey: `deed:${d.category}`, capped: false, operatorId: uid(d.approvedBy as string), note: `善行：${d.title}`, at: created })
    }
    return {
      _id: d.id,
      villageId: d.village,
      gridId: null,
      subjectUserId: subject.userId,
      subjectName: subject.name,
      householdId: d.household,
      householdName: HOUSEHOLDS.find((h) => h.id === d.household)?.name ?? null,
      declarerId: uid(d.declarer),
      declarerName: demoPerson(d.declarer).name,
      clientKey: `seed-${d.id}`,
      onBehalf: false,
      category: d.category,
      group: DEED_CATEGORY_GROUP[d.category],
      title: d.title,
      occurredOn: created.toISOString().slice(0, 10),
      place: '村里',
      description: d.description,
      photos: [],
      secStatus: 'pass',
      status: approved ? 'approved' : 'pending',
      reason: null,
      points: approved ? (d.points ?? 0) : null,
      capped: false,
      entryId,
      reviewedBy: approved ? uid(d.approvedBy as string) : null,
      reviewedAt: approved ? created : null,
      createdAt: created,
      updatedAt: created
    }
  })
  engine.insert('deeds', deeds)
  engine.insert('point_entries', entries)
  engine.insert('point_balances', balancesOf(entries, now))
  return deeds.length
}

/** Balances as the sum of the entries (counters omitted: seeded entries lie in the past). */
function balancesOf(entries: PointEntryDoc[], now: Date): BalanceDoc[] {
  const out = new Map<string, BalanceDoc>()
  const add = (id: string, kind: BalanceDoc['kind'], ownerId: string, delta: number) => {
    const b = out.get(id) ?? { _id: id, kind, ownerId, balance: 0, entryCount: 0, earned: {}, updatedAt: now }
    b.balance += delta
    b.entryCount += 1
    out.set(id, b)
  }
  for (const e of entries) {
    if (e.userId) add(personBalanceId(e.userId), 'person', e.userId, e.delta)
    if (e.householdId) add(householdBalanceId(e.householdId), 'household', e.householdId, e.delta)
  }
  return [...out.values()]
}
