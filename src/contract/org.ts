import * as v from 'valibot'
import type { Grid, OrgOverview, StaffMember, Unit, Village } from './models'
import { id, mobilePhone, placeName } from './schemas'
import { action, signedIn, town } from './define'

const order = v.optional(v.pipe(v.number('排序应为数字'), v.integer('排序应为整数'), v.minValue(0, '排序应在 0–9999 之间'), v.maxValue(9999, '排序应在 0–9999 之间')))

export const orgActions = {
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
    input: v.object({ id: v.optional(id('村（居）编号')), name: placeName('村（居）名称'), order })
  }),
  'org.saveGrid': action<Grid>()({
    title: '新增或修改网格',
    access: { roles: ['village_admin', 'town_admin'], scope: { kind: 'village', field: 'villageId' } },
    input: v.object({ id: v.optional(id('网格编号')), villageId: id('村（居）编号'), name: placeName('网格名称'), order })
  }),
  'org.saveUnit': action<Unit>()({
    title: '新增或修改责任单位',
    access: { roles: town },
    input: v.object({ id: v.optional(id('单位编号')), name: placeName('单位名称'), phone: v.optional(v.nullable(mobilePhone)), order })
  })
} as const
