import { ADMINS, ADMINS_ONLY, BULLETIN_READERS, ORGANISERS, ORGANISERS_ONLY, PATROL_STAFF, REPORT_STAFF, SIGNED_IN, type GuardRule } from './rules'

/** What the Guard of a page needs besides its name: the title over the page, who may open it, and why others may not. */
export interface PageGuard {
  title: string
  rule: GuardRule
  /** Why someone else sees nothing here. */
  denied: string
}

/**
 * Who may open which staff page, in one table: the key is the page's marker (its root gets
 * `page-<key>`); the page itself is `export default guardedPage('<key>', Body)`. A page whose title
 * depends on the route (活动编辑) and the deed pages with a village choice above the body still
 * write their Guard themselves.
 */
export const GUARDED_PAGES = {
  // admin
  'admin-org': { title: '组织架构', rule: ADMINS, denied: ADMINS_ONLY },
  'admin-safeguards': { title: '防刷与审批规则', rule: ['town_admin'], denied: '只有镇创建办可以查看和设置防刷与审批规则' },
  'admin-users': { title: '人员与角色', rule: ADMINS, denied: ADMINS_ONLY },
  // reports
  calendar: { title: '节假日与调休', rule: ADMINS, denied: '节假日设置只对镇创建办开放' },
  ledger: { title: '问题台账', rule: ADMINS, denied: '问题台账只对村（居）管理员和镇创建办开放' },
  letter: { title: '函件', rule: REPORT_STAFF, denied: '函件只对处置问题的工作人员开放' },
  'report-categories': { title: '问题类别', rule: SIGNED_IN, denied: '' },
  'report-inspect': { title: '督导上报', rule: ['grid_worker', 'town_admin'], denied: '督导上报只对网格员和镇创建办开放' },
  'report-queue': { title: '问题处置', rule: REPORT_STAFF, denied: '只有网格员、责任单位、村（居）管理员和镇创建办可以处置问题' },
  'report-staff-detail': { title: '问题处置', rule: REPORT_STAFF, denied: '只有网格员、责任单位、村（居）管理员和镇创建办可以处置问题' },
  // bulletins
  bulletin: { title: '通报', rule: BULLETIN_READERS, denied: '通报只对村（居）管理员、责任单位和镇创建办开放' },
  'bulletin-letters': { title: '工作提示函', rule: BULLETIN_READERS, denied: '工作提示函只对村（居）管理员、责任单位和镇创建办开放' },
  'bulletin-print': { title: '通报打印版', rule: BULLETIN_READERS, denied: '通报只对村（居）管理员、责任单位和镇创建办开放' },
  'bulletin-scheme': { title: '评分办法', rule: BULLETIN_READERS, denied: '评分办法只对村（居）管理员、责任单位和镇创建办开放' },
  bulletins: { title: '周通报 · 月通报', rule: BULLETIN_READERS, denied: '通报管理只对村（居）管理员、责任单位和镇创建办开放' },
  // dashboard
  dashboard: { title: '数据看板', rule: BULLETIN_READERS, denied: '数据看板只对镇创建办、村（居）管理员和责任单位开放' },
  // supervision
  cleaners: { title: '保洁员与月度考核', rule: ADMINS, denied: '保洁员名册由村（居）管理员和镇创建办管理' },
  cleaning: { title: '保洁考核', rule: PATROL_STAFF, denied: '保洁考核只对网格员、村（居）管理员和镇创建办开放' },
  'cleaning-rules': { title: '保洁考核规则', rule: PATROL_STAFF, denied: '保洁考核规则只对网格员、村（居）管理员和镇创建办开放' },
  findings: { title: '扣款与申诉', rule: ADMINS, denied: '保洁扣款和申诉由村（居）管理员和镇创建办处理' },
  'info-form': { title: '报送信息', rule: ['village_admin', 'unit_staff'], denied: '信息由村（居）管理员或责任单位报送' },
  'info-half': { title: '半月信息报送统计', rule: ['town_admin'], denied: '半月统计只对镇创建办开放' },
  infos: { title: '信息报送', rule: BULLETIN_READERS, denied: '信息报送只对村（居）管理员、责任单位和镇创建办开放' },
  'patrol-mine': { title: '我的巡查', rule: PATROL_STAFF, denied: '督导巡查只对网格员、村（居）管理员和镇创建办开放' },
  'patrol-roster': { title: '巡查排班', rule: ADMINS, denied: '巡查排班由村（居）管理员和镇创建办安排' },
  'rectify-notices': { title: '整改通知', rule: BULLETIN_READERS, denied: '整改通知只对责任单位、村（居）管理员和镇创建办开放' },
  'visit-form': { title: '记走访', rule: PATROL_STAFF, denied: '走访记录由网格员、村（居）管理员和镇创建办填写' },
  visits: { title: '走访记录', rule: PATROL_STAFF, denied: '走访记录由网格员、村（居）管理员和镇创建办填写和查看' },
  // volunteers
  'activity-manage': { title: '志愿活动管理', rule: ORGANISERS, denied: ORGANISERS_ONLY },
  'checkin-code': { title: '签到码', rule: ORGANISERS, denied: ORGANISERS_ONLY },
  'hours-review': { title: '时长审核', rule: ORGANISERS, denied: ORGANISERS_ONLY },
  roster: { title: '报名与签到名单', rule: ORGANISERS, denied: ORGANISERS_ONLY },
  teams: { title: '志愿队伍', rule: ORGANISERS, denied: ORGANISERS_ONLY },
  'volunteer-settings': { title: '志愿服务规则', rule: SIGNED_IN, denied: '' }
} as const satisfies Record<string, PageGuard>

export type GuardedPageName = keyof typeof GUARDED_PAGES
