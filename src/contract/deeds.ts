/* 善行档案, points ledger and 积分超市. */
import * as v from 'valibot'
import type { Page } from './models'
import { action, signedIn, town, villageScope, villageStaff } from './define'
import { calendarDate, fileId, id, lineField as line, paged, personName, textField as text } from './schemas'
import {
  VIRTUES as DEED_GROUPS,
  type Virtue as DeedGroup,
  VIRTUE_LABELS as DEED_GROUP_LABELS,
  DEED_KINDS as DEED_CATEGORIES,
  type DeedKind as DeedCategory,
  DEED_KIND_LABELS as DEED_CATEGORY_LABELS,
  DEED_KIND_VIRTUE as DEED_CATEGORY_GROUP
} from './virtues'

/* ---------------------------------------------------------------- vocabulary */

export { DEED_GROUPS, type DeedGroup, DEED_GROUP_LABELS, DEED_CATEGORIES, type DeedCategory, DEED_CATEGORY_LABELS, DEED_CATEGORY_GROUP }

export type DeedStatus = 'pending' | 'approved' | 'rejected'
export const DEED_STATUS_LABELS: Record<DeedStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' }

export const POINT_SOURCES = ['deed', 'volunteer_hours', 'report_accepted', 'redemption', 'correction'] as const
export type PointSource = (typeof POINT_SOURCES)[number]
export const POINT_SOURCE_LABELS: Record<PointSource, string> = { deed: '善行', volunteer_hours: '志愿服务时长', report_accepted: '随手拍被受理', redemption: '积分兑换', correction: '积分更正' }

/** Keys of the rule table: one per deed category, plus hours and accepted reports. */
export const POINT_RULE_KEYS = [...DEED_CATEGORIES.map((c) => `deed:${c}` as const), 'volunteer_hours', 'report_accepted'] as const
export type PointRuleKey = (typeof POINT_RULE_KEYS)[number]

/* ---------------------------------------------------------------- views */

export interface PointRule {
  key: PointRuleKey
  label: string
  /** Points per deed / per accepted report / per volunteer hour. */
  points: number
  /** Most points one person may earn under this rule per China day and per month. */
  dailyCap: number
  monthlyCap: number
}

export interface Deed {
  id: string
  villageId: string
  subjectUserId: string | null
  subjectName: string
  householdId: string | null
  householdName: string | null
  declarerName: string
  /** 代录: entered by a grid worker on the subject's behalf. */
  onBehalf: boolean
  category: DeedCategory
  categoryLabel: string
  group: DeedGroup
  groupLabel: string
  title: string
  occurredOn: string
  place: string
  description: string
  photos: Array<{ fileID: string; url: string }>
  status: DeedStatus
  statusLabel: string
  reason: string | null
  /** Points awarded on approval (0 when a cap was reached). */
  points: number | null
  capped: boolean
  createdAt: string
  reviewedAt: string | null
}

export interface PointEntry {
  id: string
  delta: number
  source: PointSource
  sourceLabel: string
  refId: string
  note: string
  capped: boolean
  at: string
}

export interface Balance {
  balance: number
  earnedThisMonth: number
  /** After a move: the part earned in the person's current village, the only part its 积分超市 takes (absent: all of it). */
  spendableHere?: number
}

export type CorrectionStatus = 'pending' | 'approved' | 'rejected'
export const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = { pending: '待审批', approved: '已批准', rejected: '未批准' }

/** A correction above the town's approval threshold: recorded only when a second person approves it. */
export interface CorrectionRequest {
  id: string
  userId: string
  personName: string
  villageId: string | null
  delta: number
  reason: string
  status: CorrectionStatus
  statusLabel: string
  requestedByName: string
  requestedAt: string
  /** Whether the caller may approve or reject it: not their own request, not about them or their household. */
  canDecide: boolean
  decidedByName: string | null
  decidedAt: string | null
  /** The approver's note (the reason of a rejection). */
  note: string | null
}

/** What a correction did: recorded at once, or waiting for a second person (above the threshold). */
export type CorrectionOutcome = { status: 'posted'; entry: PointEntry } | { status: 'pending'; request: CorrectionRequest; threshold: number }

export interface Household {
  id: string
  villageId: string
  name: string
  headUserId: string
  members: Array<{ userId: string; name: string }>
}

/** A household in the village admin's list, with its cached points balance. */
export interface HouseholdSummary extends Household {
  balance: number
}

/**
 * One registered resident matched by exact name in a village, for declaring someone else's deed
 * or 代录. Only the grid is shown to tell namesakes apart: no phone, no household.
 */
export interface ResidentMatch {
  userId: string
  name: string
  villageId: string
  gridName: string | null
}

/** A resident's points as the village admin sees them before a correction. */
export interface PersonPoints {
  person: { id: string; name: string; villageId: string | null; householdName: string | null }
  balance: Balance
  page: Page<PointEntry>
}

export interface HouseholdRecord {
  household: Household
  balance: number
  deeds: Deed[]
  ledger: Page<PointEntry>
}

export interface Goods {
  id: string
  villageId: string
  name: string
  price: number
  stock: number
  photo: string | null
  photoUrl: string | null
  enabled: boolean
}

export type RedemptionStatus = 'awaiting' | 'handed_over' | 'cancelled'
export interface Redemption {
  id: string
  villageId: string
  goodsId: string
  goodsName: string
  price: number
  userId: string
  userName: string
  /** Shown to the resident; the village admin enters it when handing over. */
  code: string
  status: RedemptionStatus
  createdAt: string
  handedOverAt: string | null
}

/* ---------------------------------------------------------------- inputs */

const deedId = id('善行编号')
const userId = id('用户编号')
const villageId = id('村（居）')
const points = (label: string) => v.pipe(v.number(`请填写${label}`), v.integer(`${label}应为整数`), v.minValue(0, `${label}不能为负`), v.maxValue(10_000, `${label}最多 10000`))
const fileID = fileId('图片不正确')

export const deedDeclaration = v.object({
  /** A person in the town… */
  subjectUserId: v.optional(userId),
  /** …or a named person of a household. */
  subjectName: v.optional(personName),
  householdId: v.optional(id('家庭编号')),
  /** 代录 by the grid worker of the subject's grid. */
  onBehalf: v.optional(v.boolean()),
  category: v.picklist(DEED_CATEGORIES, '请选择善行类别'),
  title: line('善行事迹', 2, 40),
  occurredOn: calendarDate('日期'),
  place: line('地点', 2, 60),
  description: text('详细经过', 5, 1000),
  photos: v.pipe(v.array(fileID), v.maxLength(9, '最多 9 张照片')),
  /** Same key on a retry → the same declaration. */
  clientKey: v.optional(id('提交编号'))
})

export const deedActions = {
  'deeds.rules': action<PointRule[]>()({
    title: '积分规则',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({})
  }),
  'deeds.saveRules': action<PointRule[]>()({
    title: '修改积分规则',
    access: { roles: town },
    input: v.object({
      rules: v.pipe(
        v.array(
          v.pipe(
            v.object({ key: v.picklist(POINT_RULE_KEYS, '规则不正确'), points: points('分值'), dailyCap: points('每日上限'), monthlyCap: points('每月上限') }),
            v.forward(
              v.partialCheck([['dailyCap'], ['monthlyCap']], (r) => r.dailyCap <= r.monthlyCap, '每月上限不能小于每日上限'),
              ['monthlyCap']
            )
          )
        ),
        v.minLength(1, '请填写规则'),
        v.maxLength(POINT_RULE_KEYS.length, '规则过多')
      )
    })
  }),
  'deeds.declare': action<Deed>()({
    title: '申报善行',
    access: { roles: signedIn },
    input: deedDeclaration
  }),
  'deeds.mine': action<Page<Deed>>()({
    title: '我申报的善行',
    access: { roles: signedIn },
    input: paged()
  }),
  'deeds.record': action<{ balance: Balance; deeds: Page<Deed> }>()({
    title: '我的善行档案',
    access: { roles: signedIn },
    input: paged()
  }),
  'deeds.ledger': action<{ balance: Balance; page: Page<PointEntry> }>()({
    title: '我的积分明细',
    access: { roles: signedIn },
    input: paged()
  }),
  'deeds.household': action<HouseholdRecord>()({
    title: '我家的善行档案（户主）',
    access: { roles: signedIn },
    input: paged({ householdId: v.optional(id('家庭编号')) })
  }),
  'deeds.findResidents': action<ResidentMatch[]>()({
    title: '按姓名查找本村（居）居民（为他人申报、代录）',
    access: { roles: signedIn },
    input: v.object({ villageId, name: personName })
  }),
  'deeds.households': action<Page<HouseholdSummary>>()({
    title: '家庭名单（村居）',
    access: { roles: villageStaff, scope: villageScope },
    input: paged({ villageId })
  }),
  'deeds.person': action<PersonPoints>()({
    title: '居民积分明细（村居管理员）',
    access: { roles: villageStaff },
    input: paged({ userId })
  }),
  'deeds.saveHousehold': action<Household>()({
    title: '新建或修改家庭',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ id: v.optional(id('家庭编号')), villageId, name: line('家庭名称', 2, 20), headUserId: userId, memberIds: v.pipe(v.array(userId), v.maxLength(20, '成员最多 20 人')) })
  }),
  'deeds.queue': action<Page<Deed>>()({
    title: '待审核的善行',
    access: { roles: villageStaff, scope: villageScope },
    input: paged({ villageId })
  }),
  'deeds.approve': action<Deed>()({
    title: '审核通过善行（按规则记积分）',
    access: { roles: villageStaff },
    input: v.object({ deedId })
  }),
  'deeds.reject': action<Deed>()({
    title: '退回善行（说明原因）',
    access: { roles: villageStaff },
    input: v.object({ deedId, reason: text('原因', 2, 200) })
  }),
  'deeds.correct': action<CorrectionOutcome>()({
    title: '更正积分（记一条新明细；超过审批线的须另一人批准）',
    access: { roles: villageStaff },
    input: v.object({
      userId,
      delta: v.pipe(
        v.number('请填写分值'),
        v.integer('分值应为整数'),
        v.minValue(-10_000, '分值过大'),
        v.maxValue(10_000, '分值过大'),
        v.check((n) => n !== 0, '分值不能为 0')
      ),
      reason: text('原因', 2, 200)
    })
  }),
  'deeds.pendingCorrections': action<Page<CorrectionRequest>>()({
    title: '待审批的积分更正（镇创建办可不选村居，看全镇）',
    access: { roles: villageStaff, scope: villageScope },
    input: paged({ villageId: v.optional(villageId) })
  }),
  'deeds.approveCorrection': action<CorrectionRequest>()({
    title: '审批积分更正（不能审批自己提出的；不批准须说明理由）',
    access: { roles: villageStaff },
    input: v.pipe(
      v.object({ requestId: id('更正编号'), approve: v.boolean('请选择批准或不批准'), note: v.optional(text('说明', 2, 200)) }),
      v.forward(
        v.partialCheck([['approve'], ['note']], (r) => r.approve || r.note !== undefined, '请填写不批准的理由'),
        ['note']
      )
    )
  }),
  'deeds.goods': action<Goods[]>()({
    title: '积分超市商品',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({ villageId: v.optional(villageId), all: v.optional(v.boolean()) })
  }),
  'deeds.saveGoods': action<Goods>()({
    title: '上架或修改商品',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({
      id: v.optional(id('商品编号')),
      villageId,
      name: line('商品名称', 1, 30),
      price: v.pipe(points('积分'), v.minValue(1, '积分至少 1')),
      stock: points('库存'),
      photo: v.nullable(fileID),
      enabled: v.boolean()
    })
  }),
  'deeds.redeem': action<Redemption>()({
    title: '积分兑换',
    access: { roles: signedIn },
    input: v.object({ goodsId: id('商品编号') })
  }),
  'deeds.myRedemptions': action<Page<Redemption>>()({
    title: '我的兑换',
    access: { roles: signedIn },
    input: paged()
  }),
  'deeds.redemptions': action<Page<Redemption>>()({
    title: '兑换记录（村居）',
    access: { roles: villageStaff, scope: villageScope },
    input: paged({ villageId })
  }),
  'deeds.handOver': action<Redemption>()({
    title: '凭兑换码发放',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ villageId, code: v.pipe(v.string('请输入兑换码'), v.trim(), v.regex(/^\d{8}$/, '兑换码为 8 位数字')) })
  }),
  'deeds.cancelRedemption': action<Redemption>()({
    title: '取消兑换（退回积分和库存）',
    access: { roles: villageStaff, scope: villageScope },
    input: v.object({ villageId, redemptionId: id('兑换编号'), reason: text('原因', 2, 200) })
  })
} as const
