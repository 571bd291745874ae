import type { BulletinDetail, BulletinLetter, BulletinOwnFigures, BulletinRow, BulletinSummary, PublicBulletin, ScoringSchemeView } from '@/contract'
import { profile } from './fixtures'

const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }
export const townAdmin = profile({ roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })
export const villageAdmin = profile({ roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })
export const resident = profile({ roles: ['resident'], grants: [] })

const ratio = (num: number, den: number) => ({ num, den, value: den ? num / den : null })

export function row(over: Partial<BulletinRow> = {}): BulletinRow {
  return {
    placeKind: 'village',
    placeId: 'v-dongshan',
    name: '东山村',
    peer: 'village',
    score: 93.4,
    rank: 1,
    rankLabel: '第 1 名',
    insufficient: false,
    volume: 12,
    created: 12,
    closed: 10,
    overdue: 1,
    open: 2,
    onTimeRate: ratio(9, 10),
    closureRate: ratio(10, 12),
    reworkRate: ratio(1, 10),
    satisfactionRate: ratio(8, 9),
    avgHandlingDays: { num: 31, den: 10, value: 3.1 },
    inputs: [{ indicator: 'onTimeRate', label: '按期办结率', weight: 40, raw: ratio(9, 10), method: 'Wilson 下界 0.596', adjusted: 0.596 }],
    deductions: [{ indicator: 'overdue', label: '超期', count: 1, points: 2 }],
    formula: '得分 = Σ 权重 × 调整后比率 − 超期扣分',
    schemeVersion: 1,
    corrections: [],
    ...over
  }
}

export function summary(over: Partial<BulletinSummary> = {}): BulletinSummary {
  return {
    id: 'bulletin-week-2026-W48',
    kind: 'week',
    kindLabel: '周通报',
    periodKey: '2026-W48',
    first: '2026-11-23',
    last: '2026-11-29',
    periodLabel: '2026年11月23日—11月29日',
    title: '西岗镇第48周通报',
    status: 'draft',
    statusLabel: '草稿',
    generatedAt: '2026-11-30T00:00:00.000Z',
    reviewUntil: null,
    publishedAt: null,
    openContests: 0,
    flagName: '东山村',
    ...over
  }
}

export function detail(over: Partial<BulletinDetail> = {}): BulletinDetail {
  const rows = [
    row(),
    row({ placeId: 'v-beiling', name: '北岭村', score: 71.5, rank: 2, rankLabel: '第 2 名' }),
    row({ placeId: 'v-tiny', name: '小岙村', score: null, rank: null, rankLabel: '数据不足', insufficient: true, volume: 1, created: 1 })
  ]
  return {
    ...summary(),
    rev: 3,
    text: '本周全镇共受理问题 25 件，已销号 20 件。',
    scheme: { version: 2, name: '2026年评分办法' },
    minVolume: 5,
    flagThreshold: 90,
    groups: [
      {
        peer: 'village',
        label: '村',
        rows,
        red: [
          { placeId: 'v-dongshan', name: '东山村', score: 93.4, rank: 1 },
          { placeId: 'v-beiling', name: '北岭村', score: 71.5, rank: 2 }
        ],
        black: [{ placeId: 'v-beiling', name: '北岭村', score: 71.5, rank: 2 }]
      }
    ],
    flag: { villageId: 'v-dongshan', name: '东山村', score: 93.4, previousName: '北岭村' },
    flagNote: null,
    overdueByUnit: [
      {
        unitId: 'u-road',
        name: '镇交通站',
        overdue: 2,
        open: 4,
        items: [{ reportId: 'r1', no: 'SSP-0012', categoryName: '道路破损', villageName: '东山村', rectifyDeadline: '2026-11-20', workdaysOverdue: 6 }]
      }
    ],
    cases: [],
    contests: [],
    reviewFrom: null,
    canEdit: true,
    canRegenerate: true,
    canOpenReview: true,
    canPublish: false,
    publishBlockers: ['还没有发给村（居）和单位核对'],
    letters: [],
    ...over
  }
}

export function publicBulletin(over: Partial<PublicBulletin> = {}): PublicBulletin {
  return {
    id: 'bulletin-week-2026-W48',
    kind: 'week',
    kindLabel: '周通报',
    periodKey: '2026-W48',
    periodLabel: '2026年11月23日—11月29日',
    title: '西岗镇第48周通报',
    publishedAt: '2026-12-01T02:00:00.000Z',
    groups: [
      {
        peer: 'village',
        label: '村',
        rows: [
          { placeId: 'v-dongshan', name: '东山村', score: 93.4, rank: 1, rankLabel: '第 1 名' },
          { placeId: 'v-beiling', name: '北岭村', score: 71.5, rank: 2, rankLabel: '第 2 名' }
        ],
        red: [{ placeId: 'v-dongshan', name: '东山村', score: 93.4, rank: 1 }],
        black: [{ placeId: 'v-beiling', name: '北岭村', score: 71.5, rank: 2 }]
      }
    ],
    flag: { villageId: 'v-dongshan', name: '东山村', score: 93.4 },
    schemeNote: '按 2026年评分办法（第 2 版）计分',
    ...over
  }
}

export function own(over: Partial<BulletinOwnFigures> = {}): BulletinOwnFigures {
  return {
    bulletin: summary({ status: 'review', statusLabel: '征求意见（申诉期）', reviewUntil: '2026-12-01T10:00:00.000Z' }),
    placeKind: 'village',
    placeId: 'v-dongshan',
    placeName: '东山村',
    rows: [row()],
    contests: [],
    canContest: true,
    contestNote: null,
    ...over
  }
}

export function scheme(over: Partial<ScoringSchemeView> = {}): ScoringSchemeView {
  return {
    version: 2,
    name: '2026年评分办法',
    effectiveFrom: '2026-11-01',
    minVolume: 5,
    flagThreshold: 90,
    z: 1.96,
    priorWeight: 5,
    items: [
      { indicator: 'onTimeRate', label: '按期办结率', weight: 40, worst: null },
      { indicator: 'closureRate', label: '结案率', weight: 20, worst: null },
      { indicator: 'satisfactionRate', label: '满意率', weight: 20, worst: null },
      { indicator: 'reworkRate', label: '返工率', weight: 10, worst: null },
      { indicator: 'avgHandlingDays', label: '平均处置时长', weight: 10, worst: 10 }
    ],
    overduePoints: 2,
    overdueMax: 20,
    savedAt: '2026-11-01T01:00:00.000Z',
    savedByName: '王主任',
    description: '满分 100 分：按期办结率 40 分……',
    versions: [{ version: 1, name: '默认评分办法', savedAt: null, savedByName: null }],
    ...over
  }
}

export function letter(over: Partial<BulletinLetter> = {}): BulletinLetter {
  return {
    id: 'bl-1',
    no: '提示〔2026〕3号',
    month: '2026-11',
    placeKind: 'village',
    placeId: 'v-beiling',
    placeName: '北岭村',
    to: '党组织书记',
    reasons: ['11月两次上周通报黑榜'],
    body: '请于收到本函 5 个工作日内书面答复整改措施。',
    issuedAt: '2026-12-01T02:00:00.000Z',
    answer: null,
    answeredAt: null,
    answeredByName: null,
    canAnswer: true,
    ...over
  }
}
