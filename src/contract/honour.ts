/* 善行义举四德榜 honour boards and 评选 selections (nominate → review → vote → 公示 → publish). */
import * as v from 'valibot'
import type { Page } from './models'
import { action, signedIn, villageScope, villageStaff } from './define'
import { fileId as fileIdOf, id, instant, lineField as line, paged, submissionKey, textField as text } from './schemas'
import {
  VIRTUES as HONOUR_VIRTUES,
  type Virtue as HonourVirtue,
  VIRTUE_LABELS as HONOUR_VIRTUE_LABELS,
  DEED_KINDS as HONOUR_CATEGORIES,
  type DeedKind as HonourCategory,
  DEED_KIND_LABELS as HONOUR_CATEGORY_LABELS,
  DEED_KIND_VIRTUE as HONOUR_CATEGORY_VIRTUE
} from './virtues'

/* ---------------------------------------------------------------- vocabulary */

/** The four virtues of 四德榜, and the finer categories of a board entry, each under one virtue. */
export { HONOUR_VIRTUES, type HonourVirtue, HONOUR_VIRTUE_LABELS, HONOUR_CATEGORIES, type HonourCategory, HONOUR_CATEGORY_LABELS, HONOUR_CATEGORY_VIRTUE }

export const HONOUR_PERIOD_KINDS = ['month', 'quarter', 'year'] as const
export type HonourPeriodKind = (typeof HONOUR_PERIOD_KINDS)[number]

export const HONOUR_SUBJECTS = ['person', 'household'] as const
export type HonourSubject = (typeof HONOUR_SUBJECTS)[number]

export const MAX_BOARD_ENTRIES = 100

/* ---------------------------------------------------------------- views */

export interface HonourPeriod {
  kind: HonourPeriodKind
  year: number
  /** Month 1–12 or quarter 1–4; absent for a year. */
  index?: number
}

export interface HonourEntry {
  subject: HonourSubject
  name: string
  userId: string | null
  category: HonourCategory
  categoryLabel: string
  virtueLabel: string
  story: string
  photo: string | null
  /** Temporary URL of the photo (detail only). */
  photoUrl: string | null
  /** 'review' = the photo's automatic check could not decide: the board waits for the town office to look at it before publishing. */
  secStatus: 'pass' | 'review'
}

export interface HonourBoardSummary {
  id: string
  title: string
  period: HonourPeriod
  /** 2026年11月 / 2026年第四季度 / 2026年度 */
  periodLabel: string
  /** null = a town-level board. */
  villageId: string | null
  /** The village's or the town's name. */
  scopeName: string
  status: 'draft' | 'published'
  entryCount: number
  publishedAt: string | null
  updatedAt: string
  selectionId: string | null
}

/** Everything the poster (drawn on a canvas by the front end) needs. */
export interface HonourBoardDetail extends HonourBoardSummary {
  townName: string
  /** 东山村村民委员会 / 西岗镇文明创建办公室 */
  issuer: string
  /** China date (YYYY-MM-DD) of publishing; null for a draft. */
  issuedOn: string | null
  entries: HonourEntry[]
  canManage: boolean
}

export type SelectionPhase = 'upcoming' | 'nominating' | 'reviewing' | 'voting' | 'notice' | 'finished' | 'published'

export interface SelectionSummary {
  id: string
  title: string
  villageId: string | null
  scopeName: string
  category: HonourCategory
  categoryLabel: string
  nominateFrom: string
  nominateTo: string
  voteFrom: string
  voteTo: string
  phase: SelectionPhase
  phaseLabel: string
  winners: number
  createdAt: string
}

export interface SelectionCandidate {
  id: string
  subject: HonourSubject
  name: string
  story: string
  photoUrl: string | null
  /** Live count of votes; who voted is never stored against a candidate. */
  votes: number
  /** 1-based place by votes (ties share the order of approval). */
  rank: number
  /** In the top N once voting has closed. */
  winner: boolean
}

export interface MyBallot {
  votedToday: number
  votedTotal: number
  remainingToday: number
  remainingTotal: number
}

export interface SelectionDetail extends SelectionSummary {
  rules: string
  votesPerDay: number
  votesTotal: number
  noticeDays: number
  /** When voting closed (the window's end, or earlier by the admin); null while open. */
  closedAt: string | null
  /** End of the public notice (公示). */
  noticeEndsAt: string | null
  boardId: string | null
  /** Approved candidates, by votes (most first). */
  candidates: SelectionCandidate[]
  /** The caller's votes in this selection (counts only). */
  myBallot: MyBallot
  canManage: boolean
}

export type CandidateStatus = 'pending' | 'approved' | 'rejected'

/** A nomination as its reviewer (or the person who made it) sees it. */
export interface CandidateReview {
  id: string
  selectionId: string
  subject: HonourSubject
  name: string
  userId: string | null
  story: string
  photoUrl: string | null
  status: CandidateStatus
  statusLabel: string
  reason: string | null
  /** 'review' = the content check could not decide; the reviewer reads it before approving. */
  contentCheck: 'pass' | 'review'
  votes: number
  nominatedAt: string
}

export interface VoteResult {
  candidateId: string
  votes: number
  myBallot: MyBallot
}

/* ---------------------------------------------------------------- inputs */

const boardId = id('光荣榜编号')
const selectionId = id('评选编号')
const candidateId = id('候选人编号')
const fileId = fileIdOf('图片不正确', 500)
const subject = v.picklist(HONOUR_SUBJECTS, '请选择个人或家庭')
const category = v.picklist(HONOUR_CATEGORIES, '请选择类别')
const count = (label: string, max: number) => v.pipe(v.number(`请填写${label}`), v.integer(`${label}应为整数`), v.minValue(1, `${label}至少为 1`), v.maxValue(max, `${label}最多为 ${max}`))
/** null = the town level (only the town office); otherwise a village. */
const scopeVillage = v.nullable(id('村（居）'))

export const honourPeriod = v.pipe(
  v.object({
    kind: v.picklist(HONOUR_PERIOD_KINDS, '请选择周期'),
    year: v.pipe(v.number('请选择年份'), v.integer('年份不正确'), v.minValue(2000, '年份不正确'), v.maxValue(2100, '年份不正确')),
    index: v.optional(v.pipe(v.number('周期不正确'), v.integer('周期不正确'), v.minValue(1, '周期不正确'), v.maxValue(12, '周期不正确')))
  }),
  v.check((p) => (p.kind === 'year' ? p.index === undefined : p.index !== undefined && (p.kind === 'month' || p.index <= 4)), '周期不正确')
)

export const honourEntryInput = v.object({
  subject,
  name: line('姓名或户名', 1, 30),
  userId: v.optional(v.nullable(id('用户编号'))),
  category,
  story: text('事迹', 5, 500),
  photo: v.optional(v.nullable(fileId))
})

export const honourBoardInput = v.object({
  id: v.optional(boardId),
  villageId: scopeVillage,
  title: line('榜单标题', 2, 40),
  period: honourPeriod,
  entries: v.pipe(v.array(honourEntryInput), v.minLength(1, '请至少填写一位上榜人'), v.maxLength(MAX_BOARD_ENTRIES, `每期最多 ${MAX_BOARD_ENTRIES} 位上榜人`))
})

export const selectionInput = v.object({
  id: v.optional(selectionId),
  villageId: scopeVillage,
  title: line('评选名称', 2, 40),
  rules: text('评选规则', 5, 2000),
  category,
  nominateFrom: instant('提名开始时间'),
  nominateTo: instant('提名截止时间'),
  voteFrom: instant('投票开始时间'),
  voteTo: instant('投票截止时间'),
  votesPerDay: count('每人每天票数', 50),
  votesTotal: count('每人总票数', 1000),
  noticeDays: v.pipe(v.number('请填写公示天数'), v.integer('公示天数应为整数'), v.minValue(0, '公示天数不正确'), v.maxValue(30, '公示最多 30 天')),
  winners: count('评选名额', MAX_BOARD_ENTRIES)
})

export const honourActions = {
  // ---------- honour boards ----------
  'honour.boards': action<Page<HonourBoardSummary>>()({
    title: '光荣榜（本村和全镇，新的在前）',
    access: { roles: signedIn, beforeConsent: true },
    input: paged()
  }),
  'honour.manageBoards': action<Page<HonourBoardSummary>>()({
    title: '管理光荣榜（含草稿）；不选村（居）即镇级榜单',
    access: { roles: villageStaff, scope: villageScope },
    input: paged({ villageId: v.optional(id('村（居）')) })
  }),
  'honour.board': action<HonourBoardDetail>()({
    title: '光荣榜详情（海报所需的全部内容）',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({ boardId })
  }),
  'honour.saveBoard': action<HonourBoardDetail>()({
    title: '新建或修改光荣榜草稿',
    access: { roles: villageStaff, scope: villageScope },
    input: honourBoardInput
  }),
  'honour.publishBoard': action<HonourBoardDetail>()({
    title: '发布光荣榜（先过内容安全检查；自动检查不能确定的照片由镇创建办人工复核后发布）',
    access: { roles: villageStaff },
    input: v.object({ boardId, photosReviewed: v.optional(v.boolean('请选择是否已人工复核照片')) })
  }),
  'honour.withdrawBoard': action<HonourBoardDetail>()({
    title: '撤回已发布的光荣榜（回到草稿，改好后可重新发布）',
    access: { roles: villageStaff },
    input: v.object({ boardId, reason: text('撤回原因', 2, 200) })
  }),
  // ---------- selections ----------
  'honour.selections': action<Page<SelectionSummary>>()({
    title: '评选活动（本村和全镇，新的在前）',
    access: { roles: signedIn, beforeConsent: true },
    input: paged()
  }),
  'honour.selection': action<SelectionDetail>()({
    title: '评选详情：规则、候选人与实时票数',
    access: { roles: signedIn, beforeConsent: true },
    input: v.object({ selectionId })
  }),
  'honour.saveSelection': action<SelectionDetail>()({
    title: '新建或修改评选（投票开始前）',
    access: { roles: villageStaff, scope: villageScope },
    input: v.pipe(
      selectionInput,
      // instants, not strings: 10:00+08:00 is before 03:00Z of the same day
      v.forward(
        v.partialCheck([['nominateFrom'], ['nominateTo']], (s) => Date.parse(s.nominateFrom) < Date.parse(s.nominateTo), '提名截止时间应晚于开始时间'),
        ['nominateTo']
      ),
      v.forward(
        v.partialCheck([['voteFrom'], ['voteTo']], (s) => Date.parse(s.voteFrom) < Date.parse(s.voteTo), '投票截止时间应晚于开始时间'),
        ['voteTo']
      ),
      v.forward(
        v.partialCheck(
          [['nominateFrom'], ['nominateTo'], ['voteFrom'], ['voteTo']],
          (s) => Date.parse(s.nominateFrom) <= Date.parse(s.voteFrom) && Date.parse(s.nominateTo) <= Date.parse(s.voteTo),
          '投票应在提名开始之后、提名截止之后结束'
        ),
        ['voteFrom']
      ),
      v.forward(
        v.partialCheck([['votesPerDay'], ['votesTotal']], (s) => s.votesPerDay <= s.votesTotal, '每天票数不能多于总票数'),
        ['votesPerDay']
      )
    )
  }),
  'honour.nominate': action<CandidateReview>()({
    title: '提名（本人或他人，附事迹）',
    access: { roles: signedIn },
    input: v.object({
      selectionId,
      subject,
      name: line('被提名人姓名或户名', 1, 30),
      userId: v.optional(v.nullable(id('用户编号'))),
      story: text('事迹', 10, 1000),
      photo: v.optional(v.nullable(fileId)),
      /** Same key from the same person on a retry → the same nomination, counted once against the daily cap. */
      clientKey: v.optional(submissionKey)
    })
  }),
  'honour.candidates': action<Page<CandidateReview>>()({
    title: '提名审核列表',
    access: { roles: villageStaff },
    input: paged({ selectionId, status: v.optional(v.picklist(['pending', 'approved', 'rejected'] as const, '状态不正确')) })
  }),
  'honour.reviewCandidate': action<CandidateReview>()({
    title: '审核提名（不通过须说明理由）',
    access: { roles: villageStaff },
    input: v.pipe(
      v.object({ candidateId, approve: v.boolean(), reason: v.optional(text('理由', 2, 200)) }),
      v.forward(
        v.partialCheck([['approve'], ['reason']], (r) => r.approve || r.reason !== undefined, '请填写不通过的理由'),
        ['reason']
      )
    )
  }),
  'honour.vote': action<VoteResult>()({
    title: '投票（每人每天、总票数有限）',
    access: { roles: signedIn },
    input: v.object({ candidateId })
  }),
  'honour.closeSelection': action<SelectionDetail>()({
    title: '结束投票，开始公示',
    access: { roles: villageStaff },
    input: v.object({ selectionId })
  }),
  'honour.publishWinners': action<HonourBoardDetail>()({
    title: '公示期满后把获评者发布到光荣榜',
    access: { roles: villageStaff },
    input: v.object({ selectionId, publish: v.boolean(), period: v.optional(honourPeriod) })
  })
} as const
