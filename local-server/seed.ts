import { PRIVACY_VERSION, ROLE_LABELS, type RoleGrant } from '../src/contract'
import { C, TOWN_ID } from '../cloudfunctions/_shared/collections'
import { rolesOf, scopeKeysOf, type GridDoc, type TownDoc, type UnitDoc, type UserDoc, type VillageDoc } from '../cloudfunctions/_shared/docs'
import { userIdFor } from '../cloudfunctions/_shared/ids'

/** The minimal engine surface seeding needs (the local cloud's direct access, bypassing the SDK). */
export interface SeedEngine {
  insert(collection: string, docs: object | object[]): unknown
  count(collection: string, filter: object): number
}

export interface DemoUser {
  openid: string
  name: string
  title: string
}

const VILLAGES: Array<{ id: string; name: string; grids: string[] }> = [
  { id: 'v_dongshan', name: '东山村', grids: ['东山一组网格', '东山二组网格', '东山三组网格'] },
  { id: 'v_xigang', name: '西岗社区', grids: ['西岗第一网格', '西岗第二网格'] },
  { id: 'v_nanhu', name: '南湖村', grids: ['南湖上片网格', '南湖下片网格'] },
  { id: 'v_beiling', name: '北岭村', grids: ['北岭网格'] }
]

const UNITS = ['镇综合行政执法中队', '镇城管办', '镇环卫所', '市场监管所', '交警中队', '镇住建办', '镇供电所']

/** `firstVisit`: has not opened the app since the privacy notice took its current version (sees it on sign-in). */
type Person = { key: string; name: string; phone: string; village: number; grid: number; grants: Array<Omit<RoleGrant, 'grantedAt' | 'grantedBy'>>; volunteer?: boolean; firstVisit?: true }

const gridId = (v: number, g: number) => `${VILLAGES[v].id.replace('v_', 'g_')}_${g + 1}`
const unitId = (i: number) => `unit_${i + 1}`

const PEOPLE: Person[] = [
  { key: 'town-admin', name: '周建国', phone: '13800000001', village: 1, grid: 0, grants: [{ role: 'town_admin' }] },
  { key: 'town-admin-2', name: '吴晓燕', phone: '13800000002', village: 1, grid: 1, grants: [{ role: 'town_admin' }] },
  { key: 'village-admin-dongshan', name: '李卫东', phone: '13800000011', village: 0, grid: 0, grants: [{ role: 'village_admin', villageId: VILLAGES[0].id }] },
  { key: 'village-admin-xigang', name: '张丽华', phone: '13800000012', village: 1, grid: 0, grants: [{ role: 'village_admin', villageId: VILLAGES[1].id }] },
  { key: 'village-admin-nanhu', name: '陈志强', phone: '13800000013', village: 2, grid: 0, grants: [{ role: 'village_admin', villageId: VILLAGES[2].id }] },
  { key: 'village-admin-beiling', name: '赵红梅', phone: '13800000014', village: 3, grid: 0, grants: [{ role: 'village_admin', villageId: VILLAGES[3].id }] },
  { key: 'grid-dongshan-1', name: '王海涛', phone: '13800000021', village: 0, grid: 0, grants: [{ role: 'grid_worker', villageId: VILLAGES[0].id, gridId: gridId(0, 0) }] },
  { key: 'grid-dongshan-2', name: '刘桂芳', phone: '13800000022', village: 0, grid: 1, grants: [{ role: 'grid_worker', villageId: VILLAGES[0].id, gridId: gridId(0, 1) }] },
  { key: 'grid-xigang-1', name: '孙明', phone: '13800000023', village: 1, grid: 0, grants: [{ role: 'grid_worker', villageId: VILLAGES[1].id, gridId: gridId(1, 0) }] },
  { key: 'grid-nanhu-1', name: '黄秀英', phone: '13800000024', village: 2, grid: 0, grants: [{ role: 'grid_worker', villageId: VILLAGES[2].id, gridId: gridId(2, 0) }] },
  { key: 'unit-zhifa', name: '郑军', phone: '13800000031', village: 1, grid: 0, grants: [{ role: 'unit_staff', unitId: unitId(0) }] },
  { key: 'unit-chengguan', name: '何平', phone: '13800000032', village: 1, grid: 1, grants: [{ role: 'unit_staff', unitId: unitId(1) }] },
  { key: 'unit-huanwei', name: '马玉兰', phone: '13800000033', village: 2, grid: 1, grants: [{ role: 'unit_staff', unitId: unitId(2) }] },
  { key: 'resident-1', name: '王秀兰', phone: '13900000001', village: 0, grid: 0, grants: [] },
  { key: 'resident-2', name: '李大爷', phone: '13900000002', village: 0, grid: 1, grants: [] },
  { key: 'resident-3', name: '张小明', phone: '13900000003', village: 1, grid: 0, grants: [] },
  { key: 'resident-4', name: '陈阿婆', phone: '13900000004', village: 2, grid: 1, grants: [] },
  { key: 'resident-5', name: '赵小红', phone: '13900000005', village: 3, grid: 0, grants: [] },
  { key: 'resident-6', name: '钱玉珍', phone: '13900000006', village: 0, grid: 1, grants: [], firstVisit: true },
  { key: 'volunteer-1', name: '林志愿', phone: '13900000011', village: 0, grid: 2, grants: [], volunteer: true },
  { key: 'volunteer-2', name: '周小雨', phone: '13900000012', village: 1, grid: 1, grants: [], volunteer: true }
]

export const demoOpenid = (key: string) => `demo-${key}`

export interface DemoPerson {
  key: string
  userId: string
  openid: string
  name: string
  phone: string
  grants: RoleGrant[]
}

/** A demo person by seed key, as stored (ids, name, phone, grants). */
export function demoPerson(key: string, now = new Date(0)): DemoPerson {
  const p = PEOPLE.find((x) => x.key === key)
  if (!p) throw new Error(`no demo person ${key}`)
  const openid = demoOpenid(key)
  const grants: RoleGrant[] = p.grants.map((g) => ({ ...g, grantedAt: now.toISOString(), grantedBy: userIdFor(demoOpenid('town-admin')) }))
  return { key, userId: userIdFor(openid), openid, name: p.name, phone: p.phone, grants }
}

/** Villages (with grid ids and names) and units of the demo town, by position. */
export const DEMO_VILLAGES = VILLAGES.map((v, vi) => ({ id: v.id, name: v.name, grids: v.grids.map((name, gi) => ({ id: gridId(vi, gi), name })) }))
export const DEMO_UNITS = UNITS.map((name, i) => ({ id: unitId(i), name }))

/**
 * Seeds the demo town once: a town, four villages with grids, units and people of every role.
 * Written straight into the database, the one seed that is: this is the installation's bootstrap —
 * the town document no action creates, the places every later action refers to by their fixed ids,
 * and the people with their grants as the console and the first town admin would have set them up
 * (钱玉珍 holds a profile from an earlier version of the privacy notice, which no action can write
 * now). What follows it goes through the functions: their handlers as the demo people at past instants
 * (./seed-act.ts), or for the problems the reports function's own step functions (./seed-reports.ts).
 */
export function seedDemoTown(engine: SeedEngine, now = new Date()): boolean {
  if (engine.count(C.towns, {}) > 0) return false
  const town: TownDoc = { _id: TOWN_ID, name: '西岗镇' }
  engine.insert(C.towns, town)
  const villages: VillageDoc[] = VILLAGES.map((v, i) => ({ _id: v.id, townId: TOWN_ID, name: v.name, order: (i + 1) * 10, createdAt: now }))
  const grids: GridDoc[] = VILLAGES.flatMap((v, vi) => v.grids.map((name, gi) => ({ _id: gridId(vi, gi), townId: TOWN_ID, villageId: v.id, name, order: (gi + 1) * 10, createdAt: now })))
  const units: UnitDoc[] = UNITS.map((name, i) => ({ _id: unitId(i), townId: TOWN_ID, name, phone: null, order: (i + 1) * 10, createdAt: now }))
  engine.insert(C.villages, villages)
  engine.insert(C.grids, grids)
  engine.insert(C.units, units)
  const founder = userIdFor(demoOpenid('town-admin'))
  const users: UserDoc[] = PEOPLE.map((p, i) => {
    const openid = demoOpenid(p.key)
    const grants: RoleGrant[] = p.grants.map((g) => ({ ...g, grantedAt: now.toISOString(), grantedBy: founder }))
    const created = new Date(now.getTime() - (PEOPLE.length - i) * 60_000)
    return {
      _id: userIdFor(openid),
      openid,
      name: p.name,
      phone: p.phone,
      villageId: VILLAGES[p.village].id,
      villageName: VILLAGES[p.village].name,
      gridId: gridId(p.village, p.grid),
      gridName: VILLAGES[p.village].grids[p.grid],
      grants,
      scopeKeys: scopeKeysOf(grants),
      isVolunteer: p.volunteer === true,
      largeFont: false,
      // The demo town's people have used the app and accepted the notice when they first came in.
      privacyVersion: p.firstVisit ? null : PRIVACY_VERSION,
      privacyAcceptedAt: p.firstVisit ? null : created,
      createdAt: created,
      updatedAt: created,
      rev: 0
    }
  })
  engine.insert(C.users, users)
  return true
}

/** Who can be picked on the local sign-in page, with a title such as "居民 · 东山村". */
export function demoUsers(): DemoUser[] {
  return PEOPLE.map((p) => {
    const roles = rolesOf({ grants: p.grants, isVolunteer: p.volunteer === true })
    const top = roles[roles.length - 1]
    const place = p.grants[0]?.unitId ? UNITS[Number(p.grants[0].unitId.replace('unit_', '')) - 1] : p.grants[0]?.role === 'town_admin' ? '西岗镇' : VILLAGES[p.village].name
    return { openid: demoOpenid(p.key), name: p.name, title: `${ROLE_LABELS[top]} · ${place}` }
  })
}
