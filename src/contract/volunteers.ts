import * as v from 'valibot'
import type { ExportFile, Page } from './models'
import { action, signedIn, town, villageScope, villageStaff } from './define'
import { geoPoint as point, id, instant, lineField as line, mobilePhone, paged, personName, printable, textField as text } from './schemas'

/* ---------------------------------------------------------------- vocabulary */

export const ACTIVITY_CATEGORIES = ['environment', 'elderly', 'traffic', 'science', 'neighbourhood', 'culture', 'other'] as const
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number]
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  environment: '环境整治',
  elderly: '助老助残',
  traffic: '文明交通',
  science: '科普宣传',
  neighbourhood: '邻里守望',
  culture: '文化文艺',
  other: '其他'
}

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' }

export const SIGNUP_STATUSES = ['signed', 'waitlisted', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]

/**
 * How volunteers check in: 'activity_code' — each scans the organiser's rotating activity code on
 * their own phone (the default); 'personal_code' — the organiser scans each volunteer's personal
 * rotating code, so a photo of a code relayed to someone absent checks nobody in. The town office
 * can require personal_code per activity (volunteers.setCheckInMode).
 */
export const CHECK_IN_MODES = ['activity_code', 'personal_code'] as const
export type CheckInMode = (typeof CHECK_IN_MODES)[number]
export const CHECK_IN_MODE_LABELS: Record<CheckInMode, string> = { activity_code: '扫活动签到码', personal_code: '一人一码（组织者扫志愿者签到码）' }

/** Hours from a manual check-in/out or a correction wait for a second person's approval. */
export type HoursStatus = 'none' | 'counted' | 'pending' | 'rejected'

export const VOLUNTEER_SKILLS = ['环境清洁', '交通劝导', '助老陪护', '医疗救护', '文艺表演', '宣传讲解', '摄影摄像', '法律咨询', '心理疏导', '电工维修'] as const

/** The seeds' rules for a healthy team. */
export const TEAM_RULES = { minMembers: 5, minActivitiesPerMonth: 2 } as const

/* ---------------------------------------------------------------- views */

export interface VolunteerProfile {
  userId: string
  realName: string
  /** Masked (110***********1234) for everyone but the town office. */
  idNumber: string
  /** Full for the volunteer and the town office, masked elsewhere. */
  phone: string
  skills: string[]
  villageId: string
  villageName: string
  registeredAt: string
  totalHours: number
  teams: Array<{ teamId: string; teamName: string; status: 'pending' | 'approved'; leader: boolean }>
}

export interface Team {
  id: string
  villageId: string
  villageName: string
  name: string
  leaderId: string | null
  leaderName: string | null
  memberCount: number
  activitiesThisMonth: number
  hoursThisMonth: number
  /** Rules the team falls below this month, e.g. '队员不足 5 人', '本月活动不足 2 次'. */
  flags: string[]
}

export interface TeamMember {
  userId: string
  name: string
  phone: string
  status: 'pending' | 'approved' | 'rejected'
  appliedAt: string
  hours: number
}

export interface Venue {
  name: string
  address: string
  location: { lng: number; lat: number }
}

export interface MySignup {
  status: SignupStatus
  /** 1-based place in the waitlist while waitlisted. */
  position: number | null
  checkInAt: string | null
  checkOutAt: string | null
  hours: number
  hoursStatus: HoursStatus
}

export interface Activity {
  id: string
  title: string
  category: ActivityCategory
  categoryLabel: string
  villageId: string
  villageName: string
  /** The organising team: only its approved members may sign up. null = open to every volunteer. */
  teamId: string | null
  teamName: string | null
  venue: Venue
  startAt: string
  endAt: string
  signupDeadline: string
  capacity: number
  signedCount: number
  waitlistCount: number
  remaining: number
  hoursCredit: number
  status: ActivityStatus
  statusLabel: string
  mine: MySignup | null
}

export interface ActivityDetail extends Activity {
  description: string
  organiserName: string
  /** Whether the viewer may edit, publish, cancel, show the code and see the roster. */
  canManage: boolean
  checkInMode: CheckInMode
}

export interface RosterRow {
  /** The sign-up's id (one per activity and person). */
  id: string
  userId: string
  name: string
  phone: string
  status: SignupStatus
  position: number | null
  signedAt: string
  checkInAt: string | null
  checkOutAt: string | null
  hours: number
  hoursStatus: HoursStatus
  /** e.g. '未签退，已自动结束' (missing check-out closed automatically), '手工签到：…' */
  flags: string[]
  /**
   * Why a scan of this person looks relayed (its position repeats another person's scan), for the
   * organiser to check that they were really there; null when nothing is suspect.
   */
  relaySuspect: string | null
}

/** The organiser's totals for the whole roster, whatever page is loaded. */
export interface RosterCounts {
  signed: number
  waitlisted: number
  /** Signed and checked in. */
  checkedIn: number
  /** Rows with a flag (auto check-out, manual check, hours waiting for approval, a suspected relayed scan). */
  flagged: number
  /** Rows whose scan looks relayed (relaySuspect). */
  relaySuspect: number
}

/** A page of the roster in sign-up order, with the totals of all of it. */
export interface RosterPage extends Page<RosterRow> {
  counts: RosterCounts
}

export interface HoursPendingItem {
  id: string
  activityId: string
  activityTitle: string
  userId: string
  name: string
  kind: 'manual_checkin' | 'manual_checkout' | 'correction'
  hours: number
  reason: string
  requestedBy: string
  /** Who asked (added with the back end; optional so older fixtures still type-check). */
  requestedByName?: string
  /** The time a manual check-in/out records; null for a correction. */
  at?: string | null
  requestedAt: string
}

/** A decided hours request: what the volunteer's hours are now. */
export interface HoursDecision {
  pendingId: string
  approved: boolean
  /** The sign-up's counted hours after the decision. */
  hours: number
}

export interface HoursEntry {
  activityId: string
  title: string
  date: string
  hours: number
  status: HoursStatus
}

export interface Certificate {
  no: string
  realName: string
  idNumber: string
  totalHours: number
  activities: Array<{ title: string; date: string; hours: number }>
  issuer: string
  issuedAt: string
}

export interface CheckinCode {
  activityId: string
  /** The text encoded in the QR code; it changes every `rotateSeconds`. */
  code: string
  expiresAt: string
  rotateSeconds: number
  /** Six digits for the same slot (the activity code only): typed by a volunteer who cannot scan. */
  shortCode?: string
}

export interface ScanResult {
  kind: 'checkin' | 'checkout'
  at: string
  hours: number | null
  activityTitle: string
  /** A check-out whose hours wait for an organiser's approval (the person organises the activity, or a scan looked relayed). */
  pendingReview?: true
  /** Why they wait, for the person (with pendingReview). */
  reviewReason?: string
}

/** The volunteer's own rotating code, for the organiser to scan (personal_code activities). */
export interface PersonalCode extends CheckinCode {
  /** The volunteer's sign-up as it stands: the page moves on when the organiser has scanned. */
  checkInAt: string | null
  checkOutAt: string | null
}

/** What the organiser's scan of a personal code did, and to whom (to compare with the person in front of them). */
export interface PersonalScanResult extends ScanResult {
  userId: string
  name: string
}

export interface VolunteerSettings {
  /** Hours are rounded down to a multiple of this (0.5 = half hours). */
  roundingHours: number
  /** How far from the venue a scan is accepted. */
  maxDistanceM: number
  rotateSeconds: number
  /** Check-in opens this many minutes before the start. */
  checkinOpensMinutes: number
}

/* ---------------------------------------------------------------- inputs */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** Mainland resident ID number (GB 11643-1999): 17 digits + check character, with a real birth date. */
export function isValidIdNumber(raw: string): boolean {
  const s = raw.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return false
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return false
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0)
  return CHECK[sum % 11] === s[17]
}

const idNumber = v.pipe(v.string('请填写身份证号'), v.trim(), v.toUpperCase(), v.regex(/^\d{17}[\dX]$/, '身份证号应为 18 位'), v.check(isValidIdNumber, '身份证号不正确，请核对'))
const activityId = id('活动编号')
const teamId = id('队伍编号')
const userId = id('用户编号')

export const volunteerRegistration = v.object({
  realName: personName,
  idNumber,
  phone: mobilePhone,
  skills: v.pipe(
    v.array(v.pipe(v.string('特长不正确'), v.trim(), printable('特长中有无法显示的字符，请删除后再试'), v.minLength(1, '特长不能为空'), v.maxLength(10, '特长最多 10 个字')), '特长不正确'),
    v.maxLength(10, '特长最多选 10 项')
  ),
  villageId: id('村（居）'),
  /** Its own consent, beside the privacy notice: the ID number is the most sensitive thing we keep. */
  idConsent: v.literal(true, '请阅读身份证号的使用说明，同意后再注册')
})

export const activityInput = v.object({
  id: v.optional(activityId),
  title: line('活动名称', 2, 40),
  description: text('活动内容', 5, 1000),
  category: v.picklist(ACTIVITY_CATEGORIES, '请选择活动类别'),
  villageId: id('村（居）'),
  teamId: v.nullable(teamId),
  venue: v.object({ name: line('地点名称', 2, 40), address: line('详细地址', 2, 100), location: point }),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  signupDeadline: instant('报名截止时间'),
  capacity: v.pipe(v.number('请填写人数'), v.integer('人数应为整数'), v.minValue(1, '人数至少 1 人'), v.maxValue(1000, '人数最多 1000 人')),
  hoursCredit: v.pipe(v.number('请填写时长'), v.minValue(0.5, '时长至少 0.5 小时'), v.maxValue(24, '时长最多 24 小时'))
})

const organisers = ['volunteer', 'village_admin', 'town_admin'] as const

/** volunteers.activities with `to` not after `from` (given, or today's China midnight when left out). */
export const ACTIVITY_RANGE_OUT_OF_ORDER = '开始日期应早于结束日期'

const scanCode = v.pipe(v.string('签到码不正确'), v.minLength(6, '签到码不正确'), v.maxLength(200, '签到码不正确'), printable('签到码不正确'))
/** How far off the phone says its position may be, in metres (optional: not every phone tells). */
const accuracy = v.optional(v.pipe(v.number('定位精度不正确'), v.minValue(0, '定位精度不正确'), v.maxValue(100_000, '定位精度不正确')))

export const volunteerActions = {
  'volunteers.me': action<VolunteerProfile | null>()({
    title: '我的志愿者信息',
    access: { roles: signedIn },
    input: v.object({})
  }),
  'volunteers.register': action<VolunteerProfile>()({
    title: '实名注册志愿者',
    access: { roles: signedIn },
    input: volunteerRegistration
  }),
  'volunteers.teams': action<Team[]>()({
    title: '志愿队伍',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({ villageId: v.optional(id('村（居）')) })
  }),
  'volunteers.saveTeam': action<Team>()({
    title: '新建或修改队伍',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ id: v.optional(teamId), villageId: id('村（居）'), name: line('队伍名称', 2, 30), leaderId: v.nullable(userId) })
  }),
  'volunteers.joinTeam': action<VolunteerProfile>()({
    title: '申请加入队伍',
    access: { roles: ['volunteer'] },
    input: v.object({ teamId })
  }),
  'volunteers.members': action<TeamMember[]>()({
    title: '队员与入队申请',
    access: { roles: organisers },
    input: v.object({ teamId })
  }),
  'volunteers.reviewMember': action<TeamMember[]>()({
    title: '审批入队申请',
    access: { roles: organisers },
    input: v.object({ teamId, userId, approve: v.boolean() })
  }),
  'volunteers.teamOverview': action<Team[]>()({
    title: '队伍概况（看板）',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ villageId: v.optional(id('村（居）')) })
  }),
  'volunteers.activities': action<Page<Activity>>()({
    title: '志愿活动',
    access: { roles: signedIn, beforeConsent: true },
    input: v.pipe(
      paged({
        villageId: v.optional(id('村（居）')),
        category: v.optional(v.picklist(ACTIVITY_CATEGORIES, '活动类别不正确')),
        from: v.optional(instant('开始日期')),
        to: v.optional(instant('结束日期')),
        /** Organisers' view: their own drafts and cancelled activities too. */
        managed: v.optional(v.boolean())
      }),
      v.forward(
        v.partialCheck([['from'], ['to']], (r) => !r.from || !r.to || !(Date.parse(r.from) >= Date.parse(r.to)), ACTIVITY_RANGE_OUT_OF_ORDER),
        ['from']
      )
    )
  }),
  'volunteers.activity': action<ActivityDetail>()({
    title: '活动详情',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({ activityId })
  }),
  'volunteers.saveActivity': action<ActivityDetail>()({
    title: '新建或修改活动（已报名的人会收到通知）',
    access: { roles: organisers },
    input: v.pipe(
      activityInput,
      // instants, not strings: 10:00+08:00 is before 03:00Z of the same day
      // (a time that is not one has its own message)
      v.forward(
        v.partialCheck([['startAt'], ['endAt']], (a) => !(Date.parse(a.endAt) <= Date.parse(a.startAt)), '结束时间应晚于开始时间'),
        ['endAt']
      ),
      v.forward(
        v.partialCheck([['startAt'], ['signupDeadline']], (a) => !(Date.parse(a.signupDeadline) > Date.parse(a.startAt)), '报名截止时间不能晚于活动开始时间'),
        ['signupDeadline']
      )
    )
  }),
  'volunteers.publishActivity': action<ActivityDetail>()({
    title: '发布活动',
    access: { roles: organisers },
    input: v.object({ activityId })
  }),
  'volunteers.cancelActivity': action<ActivityDetail>()({
    title: '取消活动（通知已报名的人）',
    access: { roles: organisers },
    input: v.object({ activityId, reason: text('取消原因', 2, 200) })
  }),
  'volunteers.signup': action<ActivityDetail>()({
    title: '报名（满员时进入候补）',
    access: { roles: ['volunteer'] },
    input: v.object({ activityId })
  }),
  'volunteers.cancelSignup': action<ActivityDetail>()({
    title: '取消报名',
    access: { roles: ['volunteer'] },
    input: v.object({ activityId })
  }),
  'volunteers.checkinCode': action<CheckinCode>()({
    title: '签到码（定时更换）',
    access: { roles: organisers },
    input: v.object({ activityId })
  }),
  'volunteers.scan': action<ScanResult>()({
    title: '扫码签到/签退',
    access: { roles: ['volunteer'] },
    input: v.object({
      code: scanCode,
      location: point,
      accuracy,
      /** The activity the volunteer means to check in to (scanning from its page): a code of another one is refused. */
      activityId: v.optional(activityId)
    })
  }),
  'volunteers.setCheckInMode': action<ActivityDetail>()({
    title: '设置签到方式（镇创建办可要求一人一码）',
    access: { roles: town },
    input: v.object({ activityId, mode: v.picklist(CHECK_IN_MODES, '签到方式不正确') })
  }),
  'volunteers.personalCode': action<PersonalCode>()({
    title: '我的签到码（一人一码，定时更换）',
    access: { roles: ['volunteer'] },
    input: v.object({ activityId })
  }),
  'volunteers.scanPersonal': action<PersonalScanResult>()({
    title: '组织者扫志愿者签到码（签到/签退）',
    access: { roles: organisers },
    input: v.object({
      code: scanCode,
      /** Where the organiser is: the scan happens in front of them. */
      location: point,
      accuracy,
      /** The activity the organiser is checking people in to: a code for another one is refused. */
      activityId: v.optional(activityId)
    })
  }),
  'volunteers.manualCheck': action<RosterRow[]>()({
    title: '手工签到/签退（需他人审核时长）',
    access: { roles: organisers },
    input: v.object({ activityId, userId, kind: v.picklist(['checkin', 'checkout'] as const), at: instant('时间'), reason: text('原因', 2, 200) })
  }),
  'volunteers.correctHours': action<RosterRow[]>()({
    title: '更正时长（需他人审核）',
    access: { roles: organisers },
    input: v.object({ activityId, userId, hours: v.pipe(v.number('时长不正确'), v.minValue(0, '时长不正确'), v.maxValue(24, '时长不正确')), reason: text('原因', 2, 200) })
  }),
  'volunteers.pendingHours': action<Page<HoursPendingItem>>()({
    title: '待审核的时长',
    access: { roles: organisers },
    input: paged({ villageId: v.optional(id('村（居）')) })
  }),
  'volunteers.approveHours': action<HoursDecision>()({
    title: '审核时长（不能审核自己提交的）',
    access: { roles: organisers },
    input: v.object({ pendingId: id('审核编号'), approve: v.boolean(), note: v.optional(text('说明', 1, 200)) })
  }),
  'volunteers.roster': action<RosterPage>()({
    title: '报名与签到名单',
    access: { roles: organisers },
    input: paged({ activityId })
  }),
  'volunteers.exportRoster': action<ExportFile>()({
    title: '导出名单（Excel）',
    access: { roles: organisers },
    input: v.object({ activityId })
  }),
  'volunteers.myHours': action<{ totalHours: number; page: Page<HoursEntry> }>()({
    title: '我的服务时长',
    access: { roles: ['volunteer'] },
    input: paged()
  }),
  'volunteers.certificate': action<Certificate>()({
    title: '志愿服务证明',
    access: { roles: ['volunteer'] },
    input: v.object({})
  }),
  'volunteers.settings': action<VolunteerSettings>()({
    title: '志愿服务规则',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({})
  }),
  'volunteers.saveSettings': action<VolunteerSettings>()({
    title: '设置志愿服务规则',
    access: { roles: town },
    input: v.object({
      roundingHours: v.picklist([0.25, 0.5, 1] as const, '取整规则不正确'),
      maxDistanceM: v.pipe(v.number('请填写签到距离'), v.integer('签到距离应为整数'), v.minValue(50, '距离至少 50 米'), v.maxValue(5000, '距离最多 5000 米')),
      rotateSeconds: v.pipe(v.number('请填写签到码更换间隔'), v.integer('签到码更换间隔应为整数'), v.minValue(15, '至少 15 秒'), v.maxValue(600, '最多 600 秒')),
      checkinOpensMinutes: v.pipe(
        v.number('请填写提前开放签到的分钟数'),
        v.integer('提前开放签到应为整数'),
        v.minValue(0, '提前开放签到应在 0–240 分钟之间'),
        v.maxValue(240, '提前开放签到应在 0–240 分钟之间')
      )
    })
  })
} as const
