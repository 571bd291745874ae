import * as v from 'valibot'
import type { MyProfile, OrgOverview, Page, StaffMember, Unit, UserSummary, Village, Grid } from './models'
import { cursor, id, pageSize, personName, placeName, profileInput, roleTarget, mobilePhone, PRIVACY_VERSION } from './schemas'

import { action, signedIn, town, type ActionSpec, type AnySchema } from './define'
import { reportActions } from './reports'
import { volunteerActions } from './volunteers'
import { deedActions } from './deeds'
import { honourActions } from './honour'

export type { ActionSpec } from './define'

const coreActions = {
  // ---------- users ----------
  'users.me': action<MyProfile>()({
    title: '我的资料（首次进入时建档）',
    access: { roles: 'anyone' },
    input: v.object({})
  }),
  'users.updateProfile': action<MyProfile>()({
    title: '修改我的资料',
    access: { roles: signedIn },
    input: profileInput
  }),
  'users.acceptPrivacy': action<MyProfile>()({
    title: '同意隐私保护指引',
    access: { roles: 'anyone' },
    input: v.object({ version: v.literal(PRIVACY_VERSION, '隐私指引版本已更新，请重新阅读') })
  }),
  'users.setPreferences': action<MyProfile>()({
    title: '设置（长辈模式）',
    access: { roles: signedIn },
    input: v.object({ largeFont: v.boolean('设置值不正确') })
  }),
  'users.list': action<Page<UserSummary>>()({
    title: '人员名单',
    access: { roles: ['village_admin', 'town_admin'], scope: { kind: 'village', field: 'villageId' } },
    input: v.object({
      villageId: v.optional(id('村（居）编号')),
      keyword: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, '请输入姓名'), v.maxLength(20, '搜索词最多 20 个字'))),
      cursor,
      pageSize
    })
  }),
  'users.assignRole': action<UserSummary>()({
    title: '分配角色',
    access: { roles: town },
    input: roleTarget
  }),
  'users.revokeRole': action<UserSummary>()({
    title: '取消角色',
    access: { roles: town },
    input: roleTarget
  }),
  // ---------- org ----------
  'org.overview': action<OrgOverview>()({
    title: '镇、村（居）与网格',
    access: { roles: 'anyone' },
    input: v.object({})
  }),
  'org.listUnits': action<Unit[]>()({
    title: '责任单位',
    access: { roles: signedIn },
    input: v.object({})
  }),
  'org.listStaff': action<StaffMember[]>()({
    title: '管理员、网格员与单位人员',
    access: { roles: ['village_admin', 'town_admin'], scope: { kind: 'village', field: 'villageId' } },
    input: v.object({ villageId: v.optional(id('村（居）编号')) })
  }),
  'org.saveVillage': action<Village>()({
    title: '新增或修改村（居）',
    access: { roles: town },
    input: v.object({ id: v.optional(id('村（居）编号')), name: placeName('村（居）名称'), order: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999))) })
  }),
  'org.saveGrid': action<Grid>()({
    title: '新增或修改网格',
    access: { roles: ['village_admin', 'town_admin'], scope: { kind: 'village', field: 'villageId' } },
    input: v.object({ id: v.optional(id('网格编号')), villageId: id('村（居）编号'), name: placeName('网格名称'), order: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999))) })
  }),
  'org.saveUnit': action<Unit>()({
    title: '新增或修改责任单位',
    access: { roles: town },
    input: v.object({ id: v.optional(id('单位编号')), name: placeName('单位名称'), phone: v.optional(v.nullable(mobilePhone)), order: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999))) })
  })
} as const

export const contract = { ...coreActions, ...reportActions, ...volunteerActions, ...deedActions, ...honourActions } as const

export type Contract = typeof contract
export type ActionName = keyof Contract
export type FunctionName = ActionName extends `${infer F}.${string}` ? F : never
export type ActionsOf<F extends FunctionName> = Extract<ActionName, `${F}.${string}`>
export type MethodOf<A extends ActionName> = A extends `${string}.${infer M}` ? M : never
export type InputOf<A extends ActionName> = v.InferInput<Contract[A]['input']>
export type ParsedInputOf<A extends ActionName> = v.InferOutput<Contract[A]['input']>
export type OutputOf<A extends ActionName> = Contract[A] extends ActionSpec<AnySchema, infer R> ? R : never

export const ACTION_NAMES = Object.keys(contract) as ActionName[]

/** personName is re-exported for forms that validate before calling. */
export { personName }
