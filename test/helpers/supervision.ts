/** Shared pieces of the supervision (督导巡查) tests and the access samples. */
import type { InputOf, PatrolDetail, PatrolTemplate, VisitDetail } from '../../src/contract'
import { DEMO_CHECKLISTS } from '../../local-server/seed-supervision'
import { chinaDay } from '../../src/domain/china-time'
import { callAs, ok, userIdOf } from './town'
import { clientKey, photo } from './reports'

/** The town office's three checklists; returns them by name. */
export async function givenTemplates(): Promise<{ community: PatrolTemplate; cleaning: PatrolTemplate; order: PatrolTemplate }> {
  const save = (name: string, items: InputOf<'supervision.saveTemplate'>['items']) => ok('town-admin', 'supervision.saveTemplate', { name, items, enabled: true })
  return { community: await save('社区环境督导', DEMO_CHECKLISTS.community), cleaning: await save('集镇保洁', DEMO_CHECKLISTS.cleaning), order: await save('公共场所秩序', DEMO_CHECKLISTS.order) }
}

/** A template of two items (乱扔垃圾 5 分, 车辆乱停 3 分) for tests that need few results. */
export async function smallTemplate(name = '小型巡查表'): Promise<PatrolTemplate> {
  return ok('town-admin', 'supervision.saveTemplate', {
    name,
    items: [
      { text: '是否有暴露垃圾未清理', category: 'litter', deduction: 5 },
      { text: '是否有车辆乱停乱放', category: 'parking', deduction: 3 },
      { text: '是否有小广告', category: 'graffiti', deduction: 2 }
    ],
    enabled: true
  })
}

export const today = (days = 0) => chinaDay(new Date(Date.now() + days * 86_400_000))

export interface PatrolSpec {
  by?: string
  villageId?: string
  gridId?: string | null
  date?: string
  patrollers?: string[]
  templateId: string
}

/** Schedules a patrol (by 东山村's admin in 东山村 today for 王海涛 unless told otherwise). */
export async function givenPatrol(spec: PatrolSpec): Promise<PatrolDetail> {
  return ok(spec.by ?? 'village-admin-dongshan', 'supervision.schedule', {
    villageId: spec.villageId ?? 'v_dongshan',
    gridId: spec.gridId === undefined ? null : spec.gridId,
    date: spec.date ?? today(),
    templateId: spec.templateId,
    patrollerIds: (spec.patrollers ?? ['grid-dongshan-1']).map(userIdOf)
  })
}

export type ResultIn = InputOf<'supervision.submitPatrol'>['results'][number]

/** Every item passes, but those given as failures (item index → where, what). */
export async function resultsFor(p: Pick<PatrolDetail, 'items'>, failures: Record<number, { lng: number; lat: number; note?: string }> = {}): Promise<ResultIn[]> {
  const out: ResultIn[] = []
  for (const [i, item] of p.items.entries()) {
    const f = failures[i]
    out.push(
      f
        ? { itemKey: item.key, result: 'fail', photos: [await photo()], note: f.note ?? '现场发现问题', location: { lng: f.lng, lat: f.lat }, address: '东山村村道' }
        : { itemKey: item.key, result: 'pass' }
    )
  }
  return out
}

export function submission(p: Pick<PatrolDetail, 'id' | 'version'>, results: ResultIn[], key = clientKey()): InputOf<'supervision.submitPatrol'> {
  return { patrolId: p.id, key, version: p.version, results }
}

export { callAs, ok }

/** This China month as the visit actions take it. */
export const thisMonth = () => ({ year: Number(today().slice(0, 4)), month: Number(today().slice(5, 7)) })

export type VisitIn = InputOf<'supervision.recordVisit'>

/** A visit input: 王秀兰家 in 东山村 (王海涛's grid) today, one problem solved on the spot, unless told otherwise. */
export function visitInput(extra: Partial<VisitIn> = {}): VisitIn {
  return {
    villageId: 'v_dongshan',
    householdId: 'hh_wang',
    date: today(),
    key: clientKey(),
    situation: '老两口身体尚可，儿子在外务工',
    suggestions: '希望村里多组织义诊',
    issues: '门口路灯不亮',
    problems: [{ text: '家门口水管漏水', outcome: 'solved', done: '现场联系水电工修好' }],
    ...extra
  }
}

/** Records a visit (by 王海涛 unless told otherwise). */
export async function givenVisit(by = 'grid-dongshan-1', extra: Partial<VisitIn> = {}): Promise<VisitDetail> {
  return ok(by, 'supervision.recordVisit', visitInput(extra))
}
