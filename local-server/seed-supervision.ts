/**
 * The demo town's 督导巡查: the town office's three checklists — 社区环境督导 (seed 003's points; a
 * second version adds 路灯 and 楼道照明), 集镇保洁 and 公共场所秩序 (seed 001) — and 东山村's roster:
 * four weeks of patrols every other day, most submitted on their day (some with failed items that
 * became problems or were linked to open ones nearby), two never submitted and marked 缺巡 by the
 * job; today's patrols in 东山村 and 西岗社区; the rest of the month generated at the default cadence.
 * Written by the supervision function's own handlers and job, as the demo people, at times before
 * the seed time (relative to it, like the other seeds).
 */
import { supervisionActions, type ActionName, type InputOf, type OutputOf, type PatrolResult } from '../src/contract'
import { C } from '../cloudfunctions/_shared/collections'
import { AppError } from '../cloudfunctions/_shared/errors'
import { dispatch } from '../cloudfunctions/_shared/router'
import { createStore } from '../cloudfunctions/_shared/store'
import { database } from '../cloudfunctions/_shared/cloud'
import { chinaDay, chinaInstant, chinaParts, fromChinaDay } from '../src/domain/china-time'
import { handlers } from '../cloudfunctions/supervision/handlers'
import { runMissedJob } from '../cloudfunctions/supervision/job'
import { daysInMonth } from '../cloudfunctions/supervision/rules'
import { demoPerson, type SeedEngine } from './seed'
import { demoPng } from './seed-reports'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

export interface SupervisionSeedCloud {
  engine: SeedEngine
  runAs<T>(identity: { openid: string } | null, fn: () => Promise<T>): Promise<{ value: T }>
  uploadFile(cloudPath: string, content: Buffer): Promise<string>
}

export async function act<A extends ActionName>(cloud: SupervisionSeedCloud, who: string, at: Date, action: A, data: InputOf<A>): Promise<OutputOf<A>> {
  try {
    return (await cloud.runAs({ openid: demoPerson(who).openid }, () => dispatch('supervision', supervisionActions, handlers, { action, data }, () => at))).value as OutputOf<A>
  } catch (e) {
    if (e instanceof AppError) throw new Error(`seed-supervision: ${action} as ${who} refused: ${e.code} ${e.message}`)
    throw e
  }
}

type Item = InputOf<'supervision.saveTemplate'>['items'][number]
const item = (text: string, category: string, deduction: number): Item => ({ text, category, deduction })

/** Seed 003 四: 社区环境督导的重点 (the first version, before 路灯 was added). */
const COMMUNITY: Item[] = [
  item('社区内是否存在私搭乱建现象', 'illegal_building', 10),
  item('是否有占用公共空间摆放杂物、种菜、饲养家禽现象', 'piling', 10),
  item('是否有小广告和商业广告乱贴乱画乱挂现象', 'graffiti', 10),
  item('是否有损坏花草树木现象', 'greenery', 8),
  item('是否有占用绿化带或绿地现象', 'greenery', 8),
  item('是否有车辆乱停乱放现象', 'parking', 8),
  item('是否有无障碍设施和消防通道被侵占现象', 'fire_lane', 10),
  item('是否有宣传栏破损或被占用，宣传内容与精神文明建设无关的现象', 'notice_board', 8),
  item('是否有文化活动场所被侵占或挪作他用现象', 'culture_venue', 8),
  item('是否有公用器材、健身器材、井盖缺失现象', 'public_facility', 10)
]
const COMMUNITY_V2_EXTRA = item('是否有路灯缺失或破损，楼道无照明灯问题', 'public_facility', 10)

/** Seed 001 五(二)3 and 六(一): 集镇保洁. */
const MARKET_TOWN_CLEANING: Item[] = [
  item('街道或路段是否有暴露垃圾未及时清理', 'litter', 15),
  item('是否有野广告、小广告未清除', 'graffiti', 10),
  item('是否有杂物乱堆乱放、卫生死角', 'piling', 10),
  item('沟渠是否有垃圾乱堆乱放', 'litter', 10),
  item('公路两旁杂草是否定期清理', 'other', 5),
  item('落叶是否及时清扫', 'litter', 5),
  item('集镇主街道、农贸市场是否有专人保洁、干净整洁', 'litter', 10),
  item('公厕是否干净整洁、管理到位', 'toilet', 10),
  item('沿街商户是否落实“门前三包”', 'other', 10)
]

/** Seed 001 六(一)3、4 and 五 3: 公共场所秩序. */
const PUBLIC_ORDER: Item[] = [
  item('是否有随意占道经营、流动摊贩沿街乱摆摊点', 'street_vending', 15),
  item('机动车辆是否摆放规范，有无乱停乱放妨碍交通', 'parking', 15),
  item('是否有临时设置的广告牌、条幅、遮阳网未清除', 'graffiti', 10),
  item('是否有乱搭乱建现象', 'illegal_building', 15),
  item('是否有乱泼乱倒、乱扔杂物现象', 'litter', 10),
  item('是否有随地吐痰等不文明行为', 'spitting', 5),
  item('公交站台是否环境整洁、进出有序', 'other', 10),
  item('建筑工地围挡是否占用人行道等公共领域', 'fire_lane', 10)
]

/** 东山村: near the village's seeded problems, so a failure may find an open one within 50 m. */
const DONGSHAN: [number, number] = [120.31, 30.41]
const near = (i: number): { lng: number; lat: number } => ({ lng: DONGSHAN[0] + ((i % 5) - 2) * 0.0009, lat: DONGSHAN[1] + ((i % 3) - 1) * 0.0007 })

/** Which past patrols failed which items (index into the checklist) with what note; the others passed. */
const FINDINGS: Record<number, Array<[number, string]>> = {
  1: [[2, '村口电线杆上贴满疏通管道小广告']],
  3: [
    [5, '小学门口电动车、三轮车乱停，堵住人行道'],
    [1, '村道边堆放建筑废料和柴堆']
  ],
  6: [[0, '二组有村民在屋后新搭铁皮棚']],
  9: [[6, '消防通道被杂物和农用车占用']],
  12: [
    [2, '宣传栏旁新贴了一批商业广告'],
    [9, '文化广场一处井盖缺失']
  ]
}
/** Past patrols nobody submitted: the job marks them 缺巡 just after their day. */
const MISSED = new Set([4, 10])

export async function seedDemoSupervision(cloud: SupervisionSeedCloud, now = new Date()): Promise<{ templates: number; patrols: number }> {
  if (cloud.engine.count(C.patrol_templates, {}) > 0) return { templates: 0, patrols: 0 }
  const photos = await Promise.all(
    [
      [150, 120, 90],
      [110, 110, 140],
      [160, 140, 70]
    ].map((c, i) => cloud.uploadFile(`seed/supervision/photo-${i + 1}.png`, demoPng(c as [number, number, number])))
  )
  const today = chinaDay(now)
  const dayAt = (days: number, hour: number) => {
    const d = fromChinaDay(today) as Date
    return new Date(d.getTime() + days * DAY + hour * HOUR)
  }
  const town = 'town-admin'
  const community = await act(cloud, town, dayAt(-45, 9), 'supervision.saveTemplate', {
    name: '社区环境督导',
    description: '区指挥部督导组不定时、不定点检查社区环境（督导重点见创建方案）',
    items: COMMUNITY,
    enabled: true
  })
  await act(cloud, town, dayAt(-45, 9.5), 'supervision.saveTemplate', { name: '集镇保洁', description: '集镇区保洁区域、农贸市场和公厕的日常保洁检查', items: MARKET_TOWN_CLEANING, enabled: true })
  const order = await act(cloud, town, dayAt(-45, 10), 'supervision.saveTemplate', { name: '公共场所秩序', description: '赶集日市场秩序、占道经营和车辆摆放检查', items: PUBLIC_ORDER, enabled: true })
  const admin = 'village-admin-dongshan'
  const people = ['grid-dongshan-1', 'grid-dongshan-2']
  // Version 2 a fortnight ago (路灯 added): the patrols scheduled before it keep version 1
  const v2At = -14
  const saveV2 = () =>
    act(cloud, town, dayAt(v2At, 9), 'supervision.saveTemplate', {
      id: community.id,
      rev: community.rev,
      name: community.name,
      description: community.description,
      items: [...community.items.map((i) => ({ key: i.key, text: i.text, category: i.category, deduction: i.deduction })), COMMUNITY_V2_EXTRA],
      enabled: true
    })
  let communityV2: Awaited<ReturnType<typeof saveV2>> | null = null
  let patrols = 0
  for (let k = 0; k < 14; k++) {
    const days = -28 + k * 2
    if (!communityV2 && days - 1 >= v2At) communityV2 = await saveV2()
    const date = chinaDay(dayAt(days, 12))
    const who = people[k % people.length]
    const scheduled = await act(cloud, admin, dayAt(days - 1, 17), 'supervision.schedule', {
      villageId: 'v_dongshan',
      gridId: null,
      date,
      templateId: community.id,
      patrollerIds: [demoPerson(who).userId]
    })
    patrols++
    if (MISSED.has(k)) {
      await cloud.runAs(null, () => runMissedJob(createStore(database()), dayAt(days + 1, 0.5)))
      continue
    }
    const failed = new Map(FINDINGS[k] ?? [])
    const results = scheduled.items.map((it, i) => {
      const note = failed.get(i)
      const result: PatrolResult = note ? 'fail' : 'pass'
      return note ? { itemKey: it.key, result, note, photos: [photos[i % photos.length]], location: near(k + i), address: '东山村村道' } : { itemKey: it.key, result }
    })
    await act(cloud, who, dayAt(days, 15 + (k % 3)), 'supervision.submitPatrol', { patrolId: scheduled.id, key: `seed-patrol-${k}-${date}`, version: scheduled.version, results })
  }
  communityV2 ??= await saveV2()
  // today's patrols: 王海涛 in 东山村 (village-wide), 孙明 in 西岗第一网格
  await act(cloud, admin, dayAt(-1, 17), 'supervision.schedule', {
    villageId: 'v_dongshan',
    gridId: null,
    date: today,
    templateId: communityV2.id,
    patrollerIds: [demoPerson('grid-dongshan-1').userId]
  })
  await act(cloud, 'village-admin-xigang', dayAt(-1, 18), 'supervision.schedule', {
    villageId: 'v_xigang',
    gridId: 'g_xigang_1',
    date: today,
    templateId: order.id,
    patrollerIds: [demoPerson('grid-xigang-1').userId]
  })
  patrols += 2
  // the rest of this month at the default cadence, from tomorrow
  const p = chinaParts(now)
  const tomorrow = chinaParts(chinaInstant(p.year, p.month, p.day + 1))
  if (tomorrow.month === p.month && tomorrow.day <= daysInMonth(p.year, p.month)) {
    const r = await act(cloud, admin, now, 'supervision.generateRoster', {
      villageId: 'v_dongshan',
      gridId: null,
      templateId: communityV2.id,
      year: p.year,
      month: p.month,
      fromDay: tomorrow.day,
      patrollerIds: people.map((x) => demoPerson(x).userId)
    })
    patrols += r.created
  }
  return { templates: 3, patrols }
}

/** The three demo checklists' items (the first version of 社区环境督导), for tests that set up their own templates. */
export const DEMO_CHECKLISTS = { community: COMMUNITY, cleaning: MARKET_TOWN_CLEANING, order: PUBLIC_ORDER, communityV2Extra: COMMUNITY_V2_EXTRA }

/**
 * 民情日记 in 东山村 and 西岗社区, this month and last (dates relative to the seed time): 王海涛 with
 * 李卫东 at 王秀兰家 (a leaking pipe fixed on the spot), 李卫东 at 林志愿家 (a broken street lamp filed
 * as a problem, 代录 for the household), 张丽华 at 张小明家; last month 王海涛 at 王秀兰家 and 孙明 at 张小明家.
 * Written through recordVisit as the visitors, on the visit's day.
 */
export async function seedDemoVisits(cloud: SupervisionSeedCloud, now = new Date()): Promise<number> {
  if (cloud.engine.count(C.visits, {}) > 0 || cloud.engine.count(C.households, {}) === 0) return 0
  const p = chinaParts(now)
  // this month: up to 3 days back, never before the 1st; last month: 5 and 12 days before the 1st
  const thisMonth = (back: number) => chinaInstant(p.year, p.month, Math.max(1, p.day - back), 0)
  const lastMonth = (back: number) => chinaInstant(p.year, p.month, 1 - back, 0)
  const at = (day: Date, hour: number) => new Date(Math.min(day.getTime() + hour * HOUR, now.getTime()))
  const specs: Array<{ who: string; day: Date; hour: number; input: Omit<InputOf<'supervision.recordVisit'>, 'date' | 'key'> }> = [
    {
      who: 'grid-dongshan-1',
      day: lastMonth(12),
      hour: 15,
      input: { villageId: 'v_dongshan', householdId: 'hh_wang', situation: '王秀兰照顾婆婆，家中老人身体尚可，儿子在外务工', suggestions: '希望村里组织一次义诊', issues: '无' }
    },
    {
      who: 'grid-xigang-1',
      day: lastMonth(5),
      hour: 10,
      input: {
        villageId: 'v_xigang',
        householdId: 'hh_zhang',
        situation: '张小明在镇上上班，家中整洁',
        suggestions: '社区活动室晚上能多开一会儿',
        issues: '楼道堆放杂物',
        problems: [{ text: '楼道堆放纸箱杂物', outcome: 'solved', done: '当场和邻居一起清理了楼道' }]
      }
    },
    {
      who: 'grid-dongshan-1',
      day: thisMonth(3),
      hour: 15,
      input: {
        villageId: 'v_dongshan',
        householdId: 'hh_wang',
        coVisitorIds: [demoPerson('village-admin-dongshan').userId],
        situation: '老人腿脚不便，家中用水困难',
        suggestions: '希望在村道边多装几盏路灯',
        issues: '厨房水管漏水',
        problems: [{ text: '厨房水管接头漏水', outcome: 'solved', done: '现场联系村水电工更换了接头' }]
      }
    },
    {
      who: 'village-admin-dongshan',
      day: thisMonth(2),
      hour: 16,
      input: {
        villageId: 'v_dongshan',
        householdId: 'hh_lin',
        situation: '林志愿常年参加志愿服务，家庭和睦',
        suggestions: '志愿服务时长能在手机上随时查',
        issues: '家门口路灯坏了半个月',
        problems: [{ text: '林家门口村道路灯不亮，晚上行人看不清路', outcome: 'report', category: 'public_facility', address: '东山村三组村道' }]
      }
    },
    { who: 'village-admin-xigang', day: thisMonth(1), hour: 10, input: { villageId: 'v_xigang', householdId: 'hh_zhang', situation: '张小明家一切正常', suggestions: '希望小区增设电动车充电桩' } }
  ]
  for (const [k, s] of specs.entries()) {
    const when = at(s.day, s.hour)
    await act(cloud, s.who, when, 'supervision.recordVisit', { ...s.input, date: chinaDay(when), key: `seed-visit-${k}-${chinaDay(when)}` })
  }
  return specs.length
}
