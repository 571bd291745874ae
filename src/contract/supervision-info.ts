/*
 * 信息报送 (seed 004 四.五): villages (their admins) and units (their staff) send the town office
 * items — 经验做法 / 工作动态 / 典型事例 — with a title, the text and photos. The town office adopts an
 * item (采用, at the level it was used: 镇 / 县 / 市及以上) or returns it with a reason; while it waits
 * (待审) the sender may edit or withdraw it, and a returned item may be edited and sent again. Counts
 * per sender and half month (1st–15th, 16th–end, China time); a village that sent nothing in a closed
 * half month is 未报送. Part of the supervision function.
 */
import * as v from 'valibot'
import type { Page } from './models'
import { action, town, villageOrUnit, villageOrUnitStaff } from './define'
import { fileId as fileIdOf, id, intBetween as int, lineField as line, paged, rev, submissionKey, textField as text } from './schemas'

/* ---------------------------------------------------------------- vocabulary */

export const INFO_KINDS = ['practice', 'news', 'case'] as const
export type InfoKind = (typeof INFO_KINDS)[number]
export const INFO_KIND_LABELS: Record<InfoKind, string> = { practice: '经验做法', news: '工作动态', case: '典型事例' }

export const INFO_STATUSES = ['pending', 'adopted', 'returned', 'withdrawn'] as const
export type InfoStatus = (typeof INFO_STATUSES)[number]
export const INFO_STATUS_LABELS: Record<InfoStatus, string> = { pending: '待审', adopted: '已采用', returned: '已退回', withdrawn: '已撤回' }

/** Where an adopted item was used. */
export const INFO_LEVELS = ['town', 'county', 'city'] as const
export type InfoLevel = (typeof INFO_LEVELS)[number]
export const INFO_LEVEL_LABELS: Record<InfoLevel, string> = { town: '镇级采用', county: '县级采用', city: '市及以上采用' }

export const INFO_SUBMITTER_KINDS = ['village', 'unit'] as const
export type InfoSubmitterKind = (typeof INFO_SUBMITTER_KINDS)[number]

export const INFO_DECISIONS = ['adopt', 'return'] as const
export type InfoDecision = (typeof INFO_DECISIONS)[number]

export const MAX_INFO_PHOTOS = 9
export const INFO_HALF_DEFINITION = '每月 1–15 日为上半月、16 日至月末为下半月（北京时间）；一条信息计入它首次报送的半月，撤回的不计。半月结束时本村（居）报送数为 0 的，标记为「未报送」。'

/* ---------------------------------------------------------------- views */

export interface InfoSubmitter {
  kind: InfoSubmitterKind
  id: string
  name: string
}

export interface InfoSummary {
  id: string
  kind: InfoKind
  kindLabel: string
  title: string
  status: InfoStatus
  statusLabel: string
  /** Set once adopted. */
  level: InfoLevel | null
  levelLabel: string | null
  submitter: InfoSubmitter
  /** The half month it counts in (its first submission): YYYY-MM-1 / YYYY-MM-2, and as words. */
  half: string
  halfLabel: string
  /** The latest (re)submission. */
  submittedAt: string
  submittedByName: string
  decidedAt: string | null
  photoCount: number
  /** Times it was returned and sent again. */
  resubmissions: number
}

export interface InfoHistoryEntry {
  action: 'submit' | 'edit' | 'resubmit' | 'withdraw' | 'adopt' | 'return'
  actionLabel: string
  at: string
  byName: string
  note: string | null
}

export interface InfoDetail extends InfoSummary {
  text: string
  /** The stored photos (checked copies) with a link each: an edit sends back the ones it keeps. */
  photos: Array<{ fileId: string; url: string }>
  /** The latest return's reason (退回原因), kept after it is sent again. */
  returnReason: string | null
  decidedByName: string | null
  history: InfoHistoryEntry[]
  /** Bumped by every change; edit and withdraw are conditional on it. */
  rev: number
  canEdit: boolean
  canWithdraw: boolean
  canDecide: boolean
}

export interface InfoHalfRow {
  kind: InfoSubmitterKind
  id: string
  name: string
  /** Sent in the half month and not withdrawn. */
  submitted: number
  pending: number
  returned: number
  adopted: number
  adoptedByLevel: Record<InfoLevel, number>
  /** A village with nothing sent in a closed half month (units are not flagged). */
  missing: boolean
}

export interface InfoHalfTable {
  year: number
  month: number
  half: 1 | 2
  key: string
  label: string
  /** China days, YYYY-MM-DD. */
  from: string
  to: string
  /** The half month is over: 未报送 is decided. */
  closed: boolean
  villages: InfoHalfRow[]
  units: InfoHalfRow[]
  /** Villages flagged 未报送. */
  missing: number
  definition: string
}

/* ---------------------------------------------------------------- inputs */

const infoId = id('信息')

/** What the form edits: the same fields on submit and on edit. */
export const infoFields = {
  kind: v.picklist(INFO_KINDS, '请选择信息类型'),
  title: line('标题', 4, 60),
  text: text('正文', 10, 3000),
  photos: v.optional(v.pipe(v.array(fileIdOf('图片格式不正确'), '图片格式不正确'), v.maxLength(MAX_INFO_PHOTOS, `最多 ${MAX_INFO_PHOTOS} 张照片`)))
}

export const infoInput = v.object({
  /** Made by the form; a retry with the same key returns the first item. */
  key: submissionKey,
  submitterKind: v.picklist(INFO_SUBMITTER_KINDS, '请选择报送单位'),
  submitterId: id('报送单位'),
  ...infoFields
})

export const infoActions = {
  'supervision.submitInfo': action<InfoDetail>()({
    title: '报送一条信息（经验做法、工作动态、典型事例；同一提交编号重试不会重复）',
    access: { roles: villageOrUnit },
    input: infoInput
  }),
  'supervision.editInfo': action<InfoDetail>()({
    title: '修改待审的信息；已退回的信息修改后重新报送',
    access: { roles: villageOrUnit },
    input: v.object({ infoId, rev, ...infoFields })
  }),
  'supervision.withdrawInfo': action<InfoDetail>()({
    title: '撤回待审的信息',
    access: { roles: villageOrUnit },
    input: v.object({ infoId, rev })
  }),
  'supervision.decideInfo': action<InfoDetail>()({
    title: '审核信息：采用（镇级、县级、市及以上）或退回（写明原因）',
    access: { roles: town },
    input: v.pipe(
      v.object({
        infoId,
        decision: v.picklist(INFO_DECISIONS, '请选择采用或退回'),
        level: v.optional(v.picklist(INFO_LEVELS, '请选择采用级别')),
        reason: v.optional(text('退回原因', 2, 200))
      }),
      v.check((d) => d.decision !== 'adopt' || d.level !== undefined, '采用请选择级别'),
      v.check((d) => d.decision !== 'return' || d.reason !== undefined, '退回请写明原因')
    )
  }),
  'supervision.infos': action<Page<InfoSummary>>()({
    title: '报送的信息（村居、单位看本村居本单位的，镇创建办看全部；可按状态筛选，待审的先报先审）',
    access: { roles: villageOrUnitStaff },
    input: paged({
      villageId: v.optional(id('村（居）')),
      unitId: v.optional(id('单位')),
      status: v.optional(v.picklist(INFO_STATUSES, '状态不正确'))
    })
  }),
  'supervision.info': action<InfoDetail>()({
    title: '一条信息：正文、照片、审核结果和经过',
    access: { roles: villageOrUnitStaff },
    input: v.object({ infoId })
  }),
  'supervision.infoHalf': action<InfoHalfTable>()({
    title: '半月信息报送统计：各村居和单位的报送、采用数，未报送的村居',
    access: { roles: town },
    input: v.object({ year: int('年份', 2000, 2100), month: int('月份', 1, 12), half: v.picklist([1, 2] as const, '请选择上半月或下半月') })
  })
} as const
