/**
 * The demo town's 保洁考核 (rules left at the default 20 元, as seed 001 leaves the figure blank):
 * 东山村主街 (a street zone, two cleaners) and 行政执法中队's office area in the town centre (one
 * cleaner); this month 王海涛 finds two problems on 东山村主街 — 东山村 appeals one and the town
 * office withdraws it — the town office finds one more there (its appeal pending) and one in the
 * office area, which sends the unit 整改通知. Written through the supervision function's own handlers
 * as the demo people, at times before the seed time (relative to it, within this China month).
 */
import { C } from '../cloudfunctions/_shared/collections'
import { chinaDay, chinaInstant, chinaParts, fromChinaDay } from '../src/domain/china-time'
import { demoPng } from './seed-reports'
import { act, type SupervisionSeedCloud } from './seed-supervision'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

const MAIN_STREET = { lng: 120.311, lat: 30.4105 }
const OFFICE = { lng: 120.302, lat: 30.402 }

export async function seedDemoCleaning(cloud: SupervisionSeedCloud, now = new Date()): Promise<{ zones: number; findings: number }> {
  if (cloud.engine.count(C.cleaning_zones, {}) > 0) return { zones: 0, findings: 0 }
  const photos = await Promise.all(
    [
      [120, 110, 100],
      [100, 130, 110],
      [140, 120, 120],
      [90, 140, 90]
    ].map((c, i) => cloud.uploadFile(`seed/cleaning/photo-${i + 1}.png`, demoPng(c as [number, number, number])))
  )
  const p = chinaParts(now)
  const monthStart = chinaInstant(p.year, p.month, 1)
  // two days ago at 9:00, but never before this month began; no step after the seed time
  const twoDaysAgo = (fromChinaDay(chinaDay(new Date(now.getTime() - 2 * DAY))) as Date).getTime() + 9 * HOUR
  const base = Math.max(monthStart.getTime(), twoDaysAgo)
  const at = (hours: number) => new Date(Math.min(base + hours * HOUR, now.getTime()))
  const setUp = new Date(monthStart.getTime() - 20 * DAY)
  const admin = 'village-admin-dongshan'
  const town = 'town-admin'
  const cleaner = (who: string, name: string, phone: string, villageId: string | null) => act(cloud, who, setUp, 'supervision.saveCleaner', { name, phone, villageId, enabled: true })
  const liu = await cleaner(admin, '刘桂英', '13900000101', 'v_dongshan')
  const chen = await cleaner(admin, '陈大勇', '13900000102', 'v_dongshan')
  const zhou = await cleaner(town, '周秀梅', '13900000103', null)
  const street = await act(cloud, admin, setUp, 'supervision.saveZone', {
    villageId: 'v_dongshan',
    name: '东山村主街',
    description: '村口牌坊至东山小学的主街两侧及边沟',
    kind: 'street',
    centre: MAIN_STREET,
    radiusM: 400,
    cleanerIds: [liu.id, chen.id],
    enabled: true
  })
  const office = await act(cloud, town, setUp, 'supervision.saveZone', {
    villageId: null,
    name: '行政执法中队办公区',
    description: '中队院内、门前三包区域',
    kind: 'office',
    unitId: 'unit_1',
    centre: OFFICE,
    radiusM: 80,
    cleanerIds: [zhou.id],
    enabled: true
  })
  const found = (itemKey: string, note: string, i: number, where: { lng: number; lat: number }) => ({ itemKey, note, photos: [photos[i % photos.length]], location: where, address: '东山村主街' })
  const first = await act(cloud, 'grid-dongshan-1', at(0), 'supervision.inspectZone', {
    zoneId: street.id,
    key: `seed-cleaning-1-${chinaDay(at(0))}`,
    findings: [found('c1', '小学门口路边有一堆生活垃圾未清运', 0, MAIN_STREET), found('c2', '电线杆上新贴的疏通管道小广告未清除', 1, MAIN_STREET)]
  })
  await act(cloud, admin, at(1), 'supervision.appealFinding', { findingId: first.findings[0].id, reason: '保洁员当天早上已清扫，检查时的垃圾是赶集后新倒的', photos: [photos[2]] })
  await act(cloud, town, at(2), 'supervision.decideAppeal', { findingId: first.findings[0].id, outcome: 'withdraw', reason: '核实赶集日垃圾为检查前半小时新产生，撤销扣款' })
  await act(cloud, town, at(0.5), 'supervision.inspectZone', {
    zoneId: office.id,
    key: `seed-cleaning-2-${chinaDay(at(0.5))}`,
    findings: [{ ...found('c4', '中队门口垃圾桶满溢，周边散落垃圾', 3, OFFICE), address: '行政执法中队门口' }]
  })
  const third = await act(cloud, town, at(3), 'supervision.inspectZone', {
    zoneId: street.id,
    key: `seed-cleaning-3-${chinaDay(at(3))}`,
    findings: [found('c5', '主街绿化带内有塑料袋和饮料瓶', 2, MAIN_STREET)]
  })
  await act(cloud, admin, at(4), 'supervision.appealFinding', { findingId: third.findings[0].id, reason: '绿化带属于园林养护范围，不在保洁员责任区内', photos: [photos[0]] })
  return { zones: 2, findings: 4 }
}
