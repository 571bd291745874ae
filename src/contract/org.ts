import * as v from 'valibot'
import type { Grid, OrgOverview, StaffMember, Unit, Village } from './models'
import { id, mobilePhone, placeName } from './schemas'
import { action, signedIn, town, villageScope, villageStaff } from './define'

const order = v.optional(v.pipe(v.number('排序应为数字'), v.integer('排序应为整数'), v.minValue(0, '排序应在 0–9999 之间'), v.maxValue(9999, '排序应在 0–9999 之间')))

/**
 * Town-wide safeguards against abuse, set by the town office: how large a points correction one
 * admin may record alone, and how much one person may submit per China day (each submission spends
 * the content-check quota).
 */
export interface TownSafeguards {
  /** A correction larger than this many points (added or taken) waits for a second person's approval. */
  correctionThreshold: number
  /** Most 随手拍 one person may submit per China day (督导 by staff is not counted). */
  reportsPerDay: number
  /** Most good deeds one person may declare per China day (代录 by a grid worker is not counted). */
  declarationsPerDay: number
  /** Most nominations one person may make per China day. */
  nominationsPerDay: number
}

/** What applies until the town office saves its own. */
export const DEFAULT_SAFEGUARDS: TownSafeguards = { correctionThreshold: 50, reportsPerDay: 10, declarationsPerDay: 10, nominationsPerDay: 5 }

const wholeNumber = (label: string, min: number, max: number) =>
  v.pipe(v.number(`请填写${label}`), v.integer(`${label}应为整数`), v.minValue(min, `${label}应在 ${min}–${max} 之间`), v.maxValue(max, `${label}应在 ${min}–${max} 之间`))

export const orgActions = {
  'org.overview': action<OrgOverview>()({
    title: '镇、村（居）与网格',
    access: { roles: 'anyone', beforeConsent: true },
    input: v.object({})
  }),
  'org.listUnits': action<Unit[]>()({
    title: '责任单位',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({})
  }),
  'org.listStaff': action<StaffMember[]>()({
    title: '管理员、网格员与单位人员',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ villageId: v.optional(id('村（居）编号')) })
  }),
  'org.saveVillage': action<Village>()({
    title: '新增或修改村（居）',
    access: { roles: town },
    input: v.object({ id: v.optional(id('村（居）编号')), name: placeName('村（居）名称'), order })
  }),
  'org.saveGrid': action<Grid>()({
    title: '新增或修改网格',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ id: v.optional(id('网格编号')), villageId: id('村（居）编号'), name: placeName('网格名称'), order })
  }),
  'org.saveUnit': action<Unit>()({
    title: '新增或修改责任单位',
    access: { roles: town },
    input: v.object({ id: v.optional(id('单位编号')), name: placeName('单位名称'), phone: v.optional(v.nullable(mobilePhone)), order })
  }),
  'org.safeguards': action<TownSafeguards>()({
    title: '防刷与审批规则',
    access: { roles: town },
    input: v.object({})
  }),
  'org.saveSafeguards': action<TownSafeguards>()({
    title: '设置防刷与审批规则（积分更正审批线、每人每日提交上限）',
    access: { roles: town },
    input: v.object({
      correctionThreshold: wholeNumber('积分更正审批线', 0, 10_000),
      reportsPerDay: wholeNumber('每人每日随手拍上限', 1, 1000),
      declarationsPerDay: wholeNumber('每人每日善行申报上限', 1, 1000),
      nominationsPerDay: wholeNumber('每人每日提名上限', 1, 1000)
    })
  })
} as const
