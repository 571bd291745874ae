/** Shared pieces of the 保洁考核 tests and the access samples. */
import type { Cleaner, CleaningInspection, CleaningZone, InputOf } from '../../src/contract'
import { clientKey, photo } from './reports'
import { ok, userIdOf } from './town'

/** 东山村 村口, where the demo zones lie. */
export const DONGSHAN_AT = { lng: 120.31, lat: 30.41 }

let n = 0

/** Registers a cleaner (in 东山村 by its admin unless told otherwise). */
export async function givenCleaner(by = 'village-admin-dongshan', extra: Partial<InputOf<'supervision.saveCleaner'>> = {}): Promise<Cleaner> {
  n++
  return ok(by, 'supervision.saveCleaner', { name: `保洁员${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n}`, phone: `1390000${String(1000 + n).slice(-4)}`, villageId: 'v_dongshan', enabled: true, ...extra })
}

export function zoneInput(cleanerIds: string[], extra: Partial<InputOf<'supervision.saveZone'>> = {}): InputOf<'supervision.saveZone'> {
  return { villageId: 'v_dongshan', name: '东山村主街', description: '村口到小学的主街两侧', kind: 'street', centre: DONGSHAN_AT, radiusM: 300, cleanerIds, enabled: true, ...extra }
}

/** A street zone of 东山村 with the given cleaners (one new one by default), saved by its admin. */
export async function givenZone(extra: Partial<InputOf<'supervision.saveZone'>> = {}, by = 'village-admin-dongshan'): Promise<CleaningZone> {
  const cleanerIds = extra.cleanerIds ?? [(await givenCleaner(by, { villageId: extra.villageId === undefined ? 'v_dongshan' : extra.villageId })).id]
  return ok(by, 'supervision.saveZone', zoneInput(cleanerIds, extra))
}

/** The town office's office area (办公区域) of 行政执法中队 in 东山村, without cleaners. */
export async function givenOfficeZone(unitId = 'unit_1'): Promise<CleaningZone> {
  return ok('town-admin', 'supervision.saveZone', zoneInput([], { name: '执法中队办公区', kind: 'office', unitId }))
}

export type FindingIn = InputOf<'supervision.inspectZone'>['findings'][number]

export async function finding(itemKey = 'c1', note = '路边暴露垃圾未清理'): Promise<FindingIn> {
  return { itemKey, note, photos: [await photo()], location: DONGSHAN_AT, address: '东山村主街' }
}

export async function inspectInput(zoneId: string, items: string[] = ['c1'], key = clientKey()): Promise<InputOf<'supervision.inspectZone'>> {
  const findings: FindingIn[] = []
  for (const k of items) findings.push(await finding(k))
  return { zoneId, key, findings }
}

/** An inspection (by 王海涛, 东山村's grid worker, unless told otherwise) with findings on the given items. */
export async function givenInspection(zoneId: string, items: string[] = ['c1'], by = 'grid-dongshan-1'): Promise<CleaningInspection> {
  return ok(by, 'supervision.inspectZone', await inspectInput(zoneId, items))
}

/** A finding under appeal (the zone and inspection made for it). */
export async function appealedFinding(by = 'village-admin-dongshan'): Promise<string> {
  const z = await givenZone({}, 'town-admin')
  const i = await givenInspection(z.id, ['c1'], 'town-admin')
  await ok(by, 'supervision.appealFinding', { findingId: i.findings[0].id, reason: '当天早上已清扫，检查时是刚倒的垃圾', photos: [await photo([90, 120, 90])] })
  return i.findings[0].id
}

export const monthOf = (iso: string) => iso.slice(0, 7)
export { userIdOf }
