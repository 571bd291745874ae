/*
 * 保洁考核 (part of 督导, routed by the supervision function): cleaning zones of a village or of the
 * town centre (集镇) with their responsible cleaners, inspections of a zone whose findings (from the
 * town's checklist, each with photos) deduct the town's amount in 元 from each responsible cleaner's
 * month, the monthly sheet per cleaner and its xlsx export for the payroll, the village's appeal
 * (申诉, within 2 working days) and the town office's decision, and for a unit's office area
 * (办公区域) a numbered 整改通知 — 通报 when the unit had one within 30 days.
 */
import * as v from 'valibot'
import type { ExportFile, Page } from './models'
import { action, fieldStaff, town, villageOrUnitStaff, villageStaff } from './define'
import { checklistKey, fileId as fileIdOf, geoPoint, id, intBetween as int, lineField as line, mobilePhone, paged, personName, rev, submissionKey, textField as text } from './schemas'

/* ---------------------------------------------------------------- vocabulary */

export const ZONE_KINDS = ['street', 'office'] as const
export type ZoneKind = (typeof ZONE_KINDS)[number]
export const ZONE_KIND_LABELS: Record<ZoneKind, string> = { street: '保洁区域', office: '办公区域' }

/** A finding stands (deducts), is under appeal (still deducts until decided), upheld (维持) or withdrawn (撤销, deducts nothing). */
export const FINDING_STATUSES = ['standing', 'appealed', 'upheld', 'withdrawn'] as const
export type FindingStatus = (typeof FINDING_STATUSES)[number]
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { standing: '已扣款', appealed: '申诉中', upheld: '申诉维持', withdrawn: '已撤销' }

export const APPEAL_OUTCOMES = ['uphold', 'withdraw'] as const
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number]
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = { uphold: '维持', withdraw: '撤销' }

export const ESCALATIONS = ['notice', 'bulletin'] as const
export type Escalation = (typeof ESCALATIONS)[number]
export const ESCALATION_LABELS: Record<Escalation, string> = { notice: '整改通知', bulletin: '通报' }

/** The town's deduction per finding when the office has not set one (seed 001 leaves the figure blank). */
export const DEFAULT_CLEANING_DEDUCTION_YUAN = 20
export const MAX_CLEANING_DEDUCTION_YUAN = 1000
/** The village may appeal a finding until the end of the 2nd working day after its day. */
export const APPEAL_WORKDAYS = 2
/** A 整改通知 asks the unit to rectify by the end of the 3rd working day after it. */
export const RECTIFY_WORKDAYS = 3
/** A unit's office-area finding within this many days of its previous 整改通知 is marked 通报. */
export const BULLETIN_WINDOW_DAYS = 30
export const MAX_ZONE_CLEANERS = 5
export const MAX_FINDINGS = 20
export const MAX_FINDING_PHOTOS = 9
export const MAX_CLEANING_ITEMS = 30
/** How the town centre (zones with no village) is named. */
export const TOWN_CENTRE_NAME = '集镇'

/** The checklist until the town office keeps its own (seed 001 五.二 保洁要求). */
export const DEFAULT_CLEANING_ITEMS: ReadonlyArray<{ key: string; text: string }> = [
  { key: 'c1', text: '暴露垃圾未清理' },
  { key: 'c2', text: '小广告未清除' },
  { key: 'c3', text: '积水、淤泥未清理' },
  { key: 'c4', text: '垃圾桶满溢' },
  { key: 'c5', text: '绿化带内有杂物' },
  { key: 'c6', text: '路面、边沟落叶杂物未清扫' }
]

export const CLEANER_SHEET_DEFINITION = '当月扣款 = 当月各条发现的扣款金额之和 − 已撤销的（申诉中的暂按扣款计）；每条发现对该区域的每位责任保洁员各扣一次'

/* ---------------------------------------------------------------- views */

export interface CleaningItem {
  key: string
  text: string
}

export interface CleaningRules {
  items: CleaningItem[]
  /** 元 per finding, taken from each responsible cleaner's month. */
  deductionYuan: number
  /** false: the office has not set an amount, the default applies. */
  deductionSet: boolean
  rev: number
}

export interface Cleaner {
  id: string
  name: string
  /** Full for the town office and the cleaner's village admins; masked (138****0001) for anyone else. */
  phone: string | null
  villageId: string | null
  villageName: string
  userId: string | null
  enabled: boolean
  rev: number
}

export interface PersonRef {
  id: string
  name: string
}

export interface CleaningZone {
  id: string
  /** null: the town centre (集镇). */
  villageId: string | null
  villageName: string
  name: string
  description: string | null
  kind: ZoneKind
  kindLabel: string
  unitId: string | null
  unitName: string | null
  centre: { lng: number; lat: number }
  radiusM: number
  cleaners: PersonRef[]
  enabled: boolean
  rev: number
  canEdit: boolean
  canInspect: boolean
}

export interface RectifyNotice {
  id: string
  /** 整改〔2026〕3号 */
  no: string
  unitId: string
  unitName: string
  zoneId: string
  zoneName: string
  villageName: string
  escalation: Escalation
  escalationLabel: string
  findings: number
  /** China date by which the unit rectifies. */
  deadline: string
  body: string
  issuedAt: string
}

export interface CleaningFinding {
  id: string
  inspectionId: string
  zoneId: string
  zoneName: string
  zoneKind: ZoneKind
  villageId: string | null
  villageName: string
  unitName: string | null
  /** China date of the inspection. */
  date: string
  at: string
  itemKey: string
  itemText: string
  note: string
  photoUrls: string[]
  location: { lng: number; lat: number }
  address: string | null
  /** 元 taken from each responsible cleaner (the rule when found; a later change does not alter it). */
  amountYuan: number
  cleaners: PersonRef[]
  status: FindingStatus
  statusLabel: string
  /** The finding counts in the cleaners' month (every status but withdrawn). */
  deducts: boolean
  /** Until when the village may appeal. */
  appealDueAt: string
  appeal: { reason: string; photoUrls: string[]; byName: string; at: string } | null
  decision: { outcome: AppealOutcome; outcomeLabel: string; reason: string; byName: string; at: string } | null
  notice: { id: string; no: string; escalation: Escalation; escalationLabel: string } | null
  inspectedByName: string
  canAppeal: boolean
  canDecide: boolean
}

export interface CleaningInspection {
  id: string
  zoneId: string
  zoneName: string
  date: string
  at: string
  byName: string
  findings: CleaningFinding[]
  notice: RectifyNotice | null
}

export interface CleanerSheet {
  cleaner: Cleaner
  /** YYYY-MM */
  month: string
  findings: CleaningFinding[]
  /** Findings that deduct (all but withdrawn), withdrawn ones, and those still under appeal. */
  counted: number
  withdrawn: number
  pending: number
  totalYuan: number
  /** e.g. 20 × 3 − 20（已撤销 1 条）= 40 元 */
  formula: string
  definition: string
}

export type CleaningExport = ExportFile

/* ---------------------------------------------------------------- inputs */

const zoneId = id('保洁区域')
const cleanerId = id('保洁员')
const findingId = id('扣分记录')
const villageRef = v.nullable(id('村（居）'))
const month = v.pipe(v.string('请选择月份'), v.regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 年-月（如 2026-11）'))
const photos = (min: number, max: number, label: string) =>
  v.pipe(v.array(fileIdOf('图片格式不正确'), '图片格式不正确'), v.minLength(min, `${label}请至少拍一张照片`), v.maxLength(max, `最多 ${max} 张照片`))

export const cleaningRulesInput = v.pipe(
  v.object({
    items: v.pipe(
      v.array(v.object({ key: v.optional(checklistKey), text: line('检查内容', 2, 40) }), '请填写检查项'),
      v.minLength(1, '请至少填写一个检查项'),
      v.maxLength(MAX_CLEANING_ITEMS, `最多 ${MAX_CLEANING_ITEMS} 个检查项`)
    ),
    /** null: not set, the default 20 元 applies. */
    deductionYuan: v.nullable(int('每次扣款（元）', 0, MAX_CLEANING_DEDUCTION_YUAN)),
    rev
  }),
  v.check((r) => {
    const keys = r.items.map((i) => i.key).filter((k): k is string => k !== undefined)
    return new Set(keys).size === keys.length
  }, '检查项编号有重复')
)

export const cleanerInput = v.object({
  id: v.optional(cleanerId),
  name: personName,
  phone: v.optional(v.nullable(mobilePhone)),
  villageId: villageRef,
  userId: v.optional(v.nullable(id('用户'))),
  enabled: v.boolean('请选择是否在岗'),
  rev: v.optional(rev)
})

export const zoneInput = v.pipe(
  v.object({
    id: v.optional(zoneId),
    villageId: villageRef,
    name: line('区域名称', 2, 30),
    description: v.optional(v.nullable(text('区域说明', 1, 200))),
    kind: v.picklist(ZONE_KINDS, '请选择区域类型'),
    unitId: v.optional(v.nullable(id('责任单位'))),
    centre: geoPoint,
    radiusM: int('范围半径（米）', 10, 5000),
    cleanerIds: v.pipe(
      v.array(cleanerId, '请选择保洁员'),
      v.maxLength(MAX_ZONE_CLEANERS, `最多 ${MAX_ZONE_CLEANERS} 名保洁员`),
      v.check((ids) => new Set(ids).size === ids.length, '保洁员有重复')
    ),
    enabled: v.boolean('请选择是否启用'),
    rev: v.optional(rev)
  }),
  v.check((z) => z.kind !== 'office' || !!z.unitId, '办公区域请选择责任单位'),
  v.check((z) => z.kind !== 'street' || z.cleanerIds.length > 0, '保洁区域请至少选择一名保洁员')
)

export const findingInput = v.object({
  itemKey: checklistKey,
  note: text('问题说明', 2, 200),
  photos: photos(1, MAX_FINDING_PHOTOS, '每条发现'),
  location: geoPoint,
  address: v.optional(line('地点', 2, 60))
})

export const inspectInput = v.pipe(
  v.object({
    zoneId,
    /** Made by the form; a retry with the same key returns the first inspection. */
    key: submissionKey,
    findings: v.pipe(v.array(findingInput, '请填写发现的问题'), v.maxLength(MAX_FINDINGS, `每次检查最多 ${MAX_FINDINGS} 条`))
  }),
  v.check((i) => new Set(i.findings.map((f) => f.itemKey)).size === i.findings.length, '同一检查项填写了两次')
)

export const cleaningActions = {
  'supervision.cleaningRules': action<CleaningRules>()({
    title: '保洁考核规则：检查项和每次扣款金额（元）',
    access: { roles: fieldStaff },
    input: v.object({})
  }),
  'supervision.saveCleaningRules': action<CleaningRules>()({
    title: '修改保洁考核规则（之后的发现按新金额扣，已记的不变）',
    access: { roles: town },
    input: cleaningRulesInput
  }),
  'supervision.cleaners': action<Page<Cleaner>>()({
    title: '保洁员名册（镇创建办全部，村居管理员本村）',
    access: { roles: villageStaff },
    input: paged({ villageId: v.optional(villageRef), includeDisabled: v.optional(v.boolean()) })
  }),
  'supervision.saveCleaner': action<Cleaner>()({
    title: '登记或修改保洁员（无需微信账号）',
    access: { roles: villageStaff },
    input: cleanerInput
  }),
  'supervision.zones': action<Page<CleaningZone>>()({
    title: '保洁区域（村居或集镇；村居管理员和网格员看本村）',
    access: { roles: fieldStaff },
    input: paged({ villageId: v.optional(villageRef), includeDisabled: v.optional(v.boolean()) })
  }),
  'supervision.zone': action<CleaningZone>()({
    title: '一个保洁区域',
    access: { roles: fieldStaff },
    input: v.object({ zoneId })
  }),
  'supervision.saveZone': action<CleaningZone>()({
    title: '新建或修改保洁区域（镇创建办全部，村居管理员本村）',
    access: { roles: villageStaff },
    input: zoneInput
  }),
  'supervision.inspectZone': action<CleaningInspection>()({
    title: '检查保洁区域：每条发现拍照并按规则扣责任保洁员当月工资（同一提交编号重试不会重复）',
    access: { roles: fieldStaff },
    input: inspectInput
  }),
  'supervision.findings': action<Page<CleaningFinding>>()({
    title: '保洁扣款记录（按月、状态；村居管理员看本村）',
    access: { roles: villageStaff },
    input: paged({ villageId: v.optional(villageRef), month: v.optional(month), status: v.optional(v.picklist(FINDING_STATUSES, '状态不正确')) })
  }),
  'supervision.finding': action<CleaningFinding>()({
    title: '一条保洁扣款记录（照片、申诉和处理）',
    access: { roles: villageStaff },
    input: v.object({ findingId })
  }),
  'supervision.cleanerSheet': action<CleanerSheet>()({
    title: '保洁员月度考核表（发现、照片、状态和当月扣款）',
    access: { roles: villageStaff },
    input: v.object({ cleanerId, month })
  }),
  'supervision.exportCleanerSheets': action<CleaningExport>()({
    title: '导出保洁员月度扣款 Excel（供核发工资）',
    access: { roles: villageStaff },
    input: v.object({ month, cleanerId: v.optional(cleanerId), villageId: v.optional(villageRef) })
  }),
  'supervision.appealFinding': action<CleaningFinding>()({
    title: '村居对保洁扣款提出申诉（2 个工作日内，写明理由并附照片）',
    access: { roles: ['village_admin'] },
    input: v.object({ findingId, reason: text('申诉理由', 4, 300), photos: photos(1, 3, '申诉') })
  }),
  'supervision.decideAppeal': action<CleaningFinding>()({
    title: '镇创建办处理申诉：维持或撤销（撤销的不扣款）',
    access: { roles: town },
    input: v.object({ findingId, outcome: v.picklist(APPEAL_OUTCOMES, '请选择维持或撤销'), reason: text('处理理由', 2, 300) })
  }),
  'supervision.rectifyNotices': action<Page<RectifyNotice>>()({
    title: '办公区域整改通知和通报（责任单位看本单位）',
    access: { roles: villageOrUnitStaff },
    input: paged({ unitId: v.optional(id('责任单位')) })
  })
} as const
