import { PRIVACY_VERSION, type MyProfile, type OrgOverview, type Unit, type UserSummary } from '@/contract'

export const org: OrgOverview = {
  town: { id: 'town1', name: '西岗镇' },
  villages: [
    {
      id: 'v-dongshan',
      townId: 'town1',
      name: '东山村',
      order: 1,
      grids: [
        { id: 'g-ds-1', villageId: 'v-dongshan', name: '第一网格', order: 1 },
        { id: 'g-ds-2', villageId: 'v-dongshan', name: '第二网格', order: 2 }
      ]
    },
    { id: 'v-xishan', townId: 'town1', name: '西山村', order: 2, grids: [{ id: 'g-xs-1', villageId: 'v-xishan', name: '西山一网格', order: 1 }] }
  ]
}

export const units: Unit[] = [{ id: 'u-cgb', name: '城管办', phone: null, order: 1 }]

export function profile(patch: Partial<MyProfile> = {}): MyProfile {
  return {
    id: 'user-zhang',
    name: '张秀兰',
    phone: '13800138000',
    villageId: 'v-dongshan',
    gridId: 'g-ds-1',
    villageName: '东山村',
    gridName: '第一网格',
    roles: ['resident', 'grid_worker'],
    grants: [{ role: 'grid_worker', villageId: 'v-dongshan', gridId: 'g-ds-1', grantedAt: '2026-11-01T00:00:00.000Z', grantedBy: 'admin' }],
    largeFont: false,
    privacyVersion: PRIVACY_VERSION,
    privacyAcceptedAt: '2026-11-02T08:00:00.000Z',
    createdAt: '2026-10-01T00:00:00.000Z',
    ...patch
  }
}

export function summary(patch: Partial<UserSummary> = {}): UserSummary {
  return {
    id: 'user-li',
    name: '李建国',
    phone: '139****0000',
    villageId: 'v-dongshan',
    gridId: null,
    roles: ['resident'],
    grants: [],
    createdAt: '2026-10-02T00:00:00.000Z',
    ...patch
  }
}
