/**
 * 订阅消息 (one-time subscribe messages): the front end asks for these templates in a tap
 * (services/subscribe), the cloud functions send them (reports/notify, volunteers/notify).
 * The ids belong to the mini-program's own account: config/subscribe-templates.json, read at build time.
 */
import ids from '../../config/subscribe-templates.json'

export type SubscribeTemplate = 'reportStatus' | 'reportResult' | 'activityChange' | 'waitlistPromoted' | 'activityReminder' | 'teamDecision' | 'bulletinPublished'

/** The keywords of each template as 公众平台 lists them; `data` of a send has exactly these keys. */
export const SUBSCRIBE_TEMPLATE_KEYS = {
  /** 问题处理进度提醒: 问题编号, 问题类别, 处理状态, 更新日期, 问题地点 */
  reportStatus: ['character_string1', 'thing2', 'phrase3', 'date4', 'thing5'],
  /** 问题办结通知: 问题编号, 问题类别, 办理结果, 办结日期, 温馨提示 */
  reportResult: ['character_string1', 'thing2', 'phrase3', 'date4', 'thing5'],
  /** 活动变更通知: 活动名称, 活动时间, 活动地点, 变更内容 */
  activityChange: ['thing1', 'time2', 'thing3', 'thing4'],
  /** 候补成功通知: 活动名称, 活动时间, 活动地点, 温馨提示 */
  waitlistPromoted: ['thing1', 'time2', 'thing3', 'thing4'],
  /** 活动开始提醒: 活动名称, 活动时间, 活动地点, 温馨提示 */
  activityReminder: ['thing1', 'time2', 'thing3', 'thing4'],
  /** 入队申请结果通知: 队伍名称, 审核结果, 审核时间, 备注 */
  teamDecision: ['thing1', 'phrase2', 'time3', 'thing4'],
  /** 通报发布通知: 通报名称, 发布时间, 备注 */
  bulletinPublished: ['thing1', 'time2', 'thing3']
} as const satisfies Record<SubscribeTemplate, readonly string[]>

export type SubscribeData<T extends SubscribeTemplate> = Record<(typeof SUBSCRIBE_TEMPLATE_KEYS)[T][number], { value: string }>

export const SUBSCRIBE_TEMPLATE_IDS: Readonly<Record<SubscribeTemplate, string>> = {
  reportStatus: ids.reportStatus,
  reportResult: ids.reportResult,
  activityChange: ids.activityChange,
  waitlistPromoted: ids.waitlistPromoted,
  activityReminder: ids.activityReminder,
  teamDecision: ids.teamDecision,
  bulletinPublished: ids.bulletinPublished
}

/** Placeholders are capital letters and underscores ('REPORT_STATUS_TEMPLATE_ID'); real ids are mixed-case. */
/**
 * What a reporter is asked for: one 允许 lets one message through, so the outcome (销号, 不予受理,
 * 重复问题) has its own template and arrives even after the first progress message used the other.
 */
export const REPORT_TEMPLATES: readonly SubscribeTemplate[] = ['reportStatus', 'reportResult']

export const isTemplateConfigured = (id: string): boolean => !/^[A-Z_]*$/.test(id)
