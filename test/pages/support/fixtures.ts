import {
  DEFAULT_REPORT_CATEGORIES,
  PRIVACY_VERSION,
  type Activity,
  type ActivityDetail,
  type CategoryItem,
  type Certificate,
  type MyProfile,
  type MySignup,
  type OrgOverview,
  type ReportDetail,
  type ReportSummary,
  type Unit,
  type UserSummary,
  type VolunteerProfile
} from '@/contract'

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
    pendingMove: null,
    refusedMove: null,
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

export const categories: CategoryItem[] = DEFAULT_REPORT_CATEGORIES.map((item) => ({ ...item, enabled: true }))

export function reportSummary(patch: Partial<ReportSummary> = {}): ReportSummary {
  return {
    id: 'r-1',
    no: 'SSP-2026-0001',
    source: 'resident',
    category: 'litter',
    categoryName: '乱扔垃圾/暴露垃圾',
    description: '村口垃圾堆了三天没人清理',
    status: 'submitted',
    statusLabel: '待受理',
    villageId: 'v-dongshan',
    villageName: '东山村',
    gridId: 'g-ds-1',
    gridName: '第一网格',
    address: '东山村委会南边路口',
    unitId: null,
    unitName: null,
    thumb: { fileID: 'cloud://env/reports/2026/11/a.jpg', url: 'https://files.example/a.jpg' },
    createdAt: '2026-11-20T02:00:00.000Z',
    dueAt: null,
    dueEstimated: false,
    overdue: false,
    supportCount: 0,
    ...patch
  }
}

export function reportDetail(patch: Partial<ReportDetail> = {}): ReportDetail {
  return {
    ...reportSummary(),
    photos: [
      { fileID: 'cloud://env/reports/2026/11/a.jpg', url: 'https://files.example/a.jpg' },
      { fileID: 'cloud://env/reports/2026/11/b.jpg', url: null }
    ],
    afterPhotos: [],
    location: { lng: 113.2644, lat: 23.1291 },
    anonymous: false,
    reporter: null,
    measures: null,
    plannedDate: null,
    rectifyDeadline: null,
    rating: null,
    timeline: [{ seq: 1, at: '2026-11-20T02:00:00.000Z', action: 'submit', from: null, to: 'submitted', actor: '居民', actorRole: 'resident', note: null, photos: [] }],
    letters: [],
    allowed: [],
    duplicateOf: null,
    ...patch
  }
}

/* ---------------------------------------------------------------- volunteers */

export function volunteerProfile(patch: Partial<VolunteerProfile> = {}): VolunteerProfile {
  return {
    userId: 'user-zhang',
    realName: '张秀兰',
    idNumber: '110105********002X',
    phone: '13800138000',
    skills: ['环境清洁'],
    villageId: 'v-dongshan',
    villageName: '东山村',
    registeredAt: '2026-11-01T00:00:00.000Z',
    totalHours: 12.5,
    teams: [],
    ...patch
  }
}

const HOUR = 3600 * 1000

/** A published activity of 东山村 starting `startsInHours` from now, two hours long. */
export function activityDetail(patch: Partial<ActivityDetail> = {}, startsInHours = 48): ActivityDetail {
  const start = Date.now() + startsInHours * HOUR
  return {
    id: 'a-1',
    title: '清洁家园·村道垃圾清理',
    category: 'environment',
    categoryLabel: '环境整治',
    villageId: 'v-dongshan',
    villageName: '东山村',
    teamId: null,
    teamName: null,
    venue: { name: '村委会广场', address: '东山村村委会门前', location: { lng: 113.2644, lat: 23.1291 } },
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * HOUR).toISOString(),
    signupDeadline: new Date(start - 12 * HOUR).toISOString(),
    capacity: 20,
    signedCount: 15,
    waitlistCount: 0,
    remaining: 5,
    hoursCredit: 2,
    status: 'published',
    statusLabel: '已发布',
    mine: null,
    description: '清理村道两侧垃圾，请穿方便干活的衣服，工具由村里准备。',
    organiserName: '赵书记',
    canManage: false,
    checkInMode: 'activity_code',
    ...patch
  }
}

export function activitySummary(patch: Partial<Activity> = {}): Activity {
  const { description: _d, organiserName: _o, canManage: _c, checkInMode: _m, ...summary } = activityDetail()
  return { ...summary, ...patch }
}

export function mySignup(patch: Partial<MySignup> = {}): MySignup {
  return { status: 'signed', position: null, checkInAt: null, checkOutAt: null, hours: 0, hoursStatus: 'none', ...patch }
}

export function certificate(patch: Partial<Certificate> = {}): Certificate {
  return {
    no: 'ZYFW-2026-0007',
    realName: '张秀兰',
    idNumber: '110105********002X',
    totalHours: 12.5,
    activities: [
      { title: '清洁家园·村道垃圾清理', date: '2026-11-08', hours: 2 },
      { title: '文明交通劝导', date: '2026-11-12', hours: 3.5 },
      { title: '敬老院陪护', date: '2026-11-16', hours: 7 }
    ],
    issuer: '西岗镇文明创建办公室',
    issuedAt: '2026-11-21T02:00:00.000Z',
    ...patch
  }
}
