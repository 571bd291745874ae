import * as v from 'valibot'
import type { MoveRequest, MyProfile, Page, UserSummary } from './models'
import type { ReportStatus } from './reports'
import { id, lineField, paged, printable, profileInput, roleTarget, PRIVACY_VERSION } from './schemas'
import { action, signedIn, town, villageScope, villageStaff } from './define'

/** A village's people and the moves into it are its admins' and the town office's: the router checks the grant on `villageId`. */
const inVillage = { roles: villageStaff, scope: villageScope } as const
const moveDecision = v.object({ userId: id('用户编号'), villageId: id('村（居）编号') })

/** One of the caller's own open problems on 首页. */
export interface HomeReport {
  id: string
  no: string
  categoryName: string
  status: ReportStatus
  statusLabel: string
  overdue: boolean
  createdAt: string
}

/** What waits for the caller on 首页 and as a badge in 我的 (by role; the counts are the caller's own scope). */
export const HOME_TODO_KEYS = ['submitted', 'toDispatch', 'rectified', 'overdue', 'toSign', 'toAnswer', 'toRectify', 'unitOverdue', 'deeds', 'hours', 'nominations', 'patrols'] as const
export type HomeTodoKey = (typeof HOME_TODO_KEYS)[number]
export const HOME_TODO_LABELS: Record<HomeTodoKey, string> = {
  submitted: '待受理',
  toDispatch: '待派单',
  rectified: '待验收',
  overdue: '超期',
  toSign: '待签收',
  toAnswer: '待答复',
  toRectify: '待整改',
  unitOverdue: '本单位超期',
  deeds: '善行待审',
  hours: '时长待审',
  nominations: '提名待审',
  patrols: '今日巡查'
}

export interface HomeTodo {
  key: HomeTodoKey
  label: string
  count: number
}

/** 首页: the caller's own state (every signed-in person) and, for staff, what waits for them. */
export interface HomeView {
  /** The first 3 of the caller's open problems (newest first) and how many are open. */
  openReports: HomeReport[]
  openReportCount: number
  /** 本月获得: the figure 我的善行 shows for the month (the ledger's). */
  pointsThisMonth: number
  /** The next activity the caller signed up for (not a waitlist place), or null. */
  nextActivity: { id: string; title: string; startAt: string } | null
  /** The newest published board of the caller's village, or null. */
  board: { id: string; title: string; scopeName: string; publishedAt: string } | null
  /** What waits for the caller by role; empty for a resident. */
  todo: HomeTodo[]
}

export const userActions = {
  'users.home': action<HomeView>()({
    title: '首页：我的问题、积分、活动、光荣榜和待办',
    access: { roles: signedIn },
    input: v.object({})
  }),
  'users.me': action<MyProfile>()({
    title: '我的资料（同意隐私保护指引后才建档）',
    access: { roles: 'anyone', beforeConsent: true },
    input: v.object({})
  }),
  'users.updateProfile': action<MyProfile>()({
    title: '修改我的资料',
    access: { roles: signedIn },
    input: profileInput
  }),
  'users.acceptPrivacy': action<MyProfile>()({
    title: '同意隐私保护指引',
    access: { roles: 'anyone', beforeConsent: true },
    input: v.object({ version: v.literal(PRIVACY_VERSION, '隐私指引版本已更新，请重新阅读') })
  }),
  'users.setPreferences': action<MyProfile>()({
    title: '设置（长辈模式）',
    access: { roles: signedIn },
    input: v.object({ largeFont: v.boolean('设置值不正确') })
  }),
  'users.list': action<Page<UserSummary>>()({
    title: '人员名单',
    access: inVillage,
    input: paged({
      villageId: v.optional(id('村（居）编号')),
      keyword: v.optional(v.pipe(v.string('请输入姓名'), v.trim(), printable('搜索词中有无法显示的字符，请删除后再试'), v.minLength(1, '请输入姓名'), v.maxLength(20, '搜索词最多 20 个字')))
    })
  }),
  'users.assignRole': action<UserSummary>()({
    title: '分配角色',
    access: { roles: town },
    // the place each role needs: a village for its admin, a grid for a grid worker, a unit for its staff
    input: v.pipe(
      roleTarget,
      v.forward(
        v.partialCheck([['role'], ['villageId']], (t) => t.role !== 'village_admin' || t.villageId !== undefined, '请选择村（居）'),
        ['villageId']
      ),
      v.forward(
        v.partialCheck([['role'], ['gridId']], (t) => t.role !== 'grid_worker' || t.gridId !== undefined, '请选择网格'),
        ['gridId']
      ),
      v.forward(
        v.partialCheck([['role'], ['unitId']], (t) => t.role !== 'unit_staff' || t.unitId !== undefined, '请选择责任单位'),
        ['unitId']
      )
    )
  }),
  'users.revokeRole': action<UserSummary>()({
    title: '取消角色',
    access: { roles: town },
    input: roleTarget
  }),
  'users.cancelMove': action<MyProfile>()({
    title: '撤回迁往其他村（居）的申请',
    access: { roles: signedIn },
    input: v.object({})
  }),
  'users.moves': action<Page<MoveRequest>>()({
    title: '待确认的迁入',
    access: inVillage,
    input: paged({ villageId: v.optional(id('村（居）编号')) })
  }),
  'users.confirmMove': action<UserSummary>()({
    title: '同意迁入',
    access: inVillage,
    input: moveDecision
  }),
  'users.refuseMove': action<UserSummary>()({
    title: '不同意迁入',
    access: inVillage,
    input: v.object({ ...moveDecision.entries, reason: v.optional(lineField('理由', 1, 100)) })
  })
} as const
