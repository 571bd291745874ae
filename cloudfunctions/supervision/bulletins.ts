/**
 * 周通报 / 月通报 in the functions: the town office's scoring scheme (versioned), drafting a period
 * from the daily problem counts (problem_counts, one query) and the open problems' gauges (two
 * aggregations) — never scanning history — plus two bounded, indexed reads of reports (the overdue
 * list and the typical-case candidates); the timer's idempotent drafts; 月问效 letters; views.
 */
import {
  BULLETIN_FIGURE_LABELS,
  BULLETIN_KIND_LABELS,
  BULLETIN_STATUS_LABELS,
  CONTEST_STATUS_LABELS,
  DEFAULT_FLAG_THRESHOLD,
  LETTER_BLACK_TIMES,
  LETTER_OVERDUE_COUNT,
  LETTER_OVERDUE_WORKDAYS,
  type BulletinContest,
  type BulletinDetail,
  type BulletinKind,
  type BulletinLetter,
  type BulletinOverdueUnit,
  type BulletinSummary,
  type PublicBulletin,
  type ScoringSchemeView
} from '@/contract'
import { chinaDay, chinaParts } from '@/domain/china-time'
import { bulletinIdOf, bulletinTitle, composeBoards, defaultText, duePeriod, keyOfPeriod, letterCandidates } from '@/domain/bulletin'
import { INDICATOR_DEFINITIONS, sumCounts, zeroFigures, type Gauges, type Period } from '@/domain/indicators'
import { DEFAULT_SCHEME, type ScoringScheme } from '@/domain/ranking'
import { WorkCalendar } from '@/domain/workdays'
import { C, TOWN_ID } from '../_shared/collections'
import { iso, type UnitDoc, type VillageDoc } from '../_shared/docs'
import { isDuplicateKeyError } from '../_shared/errors'
import type { Ops } from '../_shared/ops'
import type { Prefetch, PrefetchPlan } from '../_shared/prefetch'
import type { Ctx } from '../_shared/router'
import type { Store, TxStore } from '../_shared/store'
import { byOrder } from '../_shared/villages'
import { openGauges, prefetchCounts, readCounts, type ProblemCountsDoc } from '../reports/counts'
import type { ReportDoc } from '../reports/docs'
import { chinaYear, formatLetterNo, letterCounterId, OPEN_STATUSES } from '../reports/model'
import { loadCalendar, nextNumber, prefetchCalendar, prefetchedCalendar } from '../reports/repo'
import { bulletinLetterIdOf, SCHEME_CURRENT_ID, type BulletinDoc, type BulletinLetterDoc, type CaseDoc, type ContestDoc, type FlagDoc, type LongOverdueDoc, type SchemeDoc } from './bulletin-docs'

/* ---------------------------------------------------------------- scheme */

export interface SchemeInForce {
  scheme: ScoringScheme
  flagThreshold: number
  savedAt: Date | null
  savedByName: string | null
}

export const DEFAULT_IN_FORCE: SchemeInForce = { scheme: DEFAULT_SCHEME, flagThreshold: DEFAULT_FLAG_THRESHOLD, savedAt: null, savedByName: null }

/** The scheme in force (the defaults until the office saves one): one read. */
/** `known`: the scheme document when already read (null: there is none); undefined = read it. */
export async function schemeInForce(store: Store, known?: SchemeDoc | null): Promise<SchemeInForce> {
  const doc = known === undefined ? await store.findOne<SchemeDoc>(C.scoring_schemes, { _id: SCHEME_CURRENT_ID }) : known
  return doc ? { scheme: doc.scheme, flagThreshold: doc.flagThreshold, savedAt: doc.savedAt, savedByName: doc.savedByName } : DEFAULT_IN_FORCE
}

const ITEM_LABEL = (indicator: string) => INDICATOR_DEFINITIONS[indicator as keyof typeof INDICATOR_DEFINITIONS]?.label ?? indicator

export function describeScheme(s: ScoringScheme, flagThreshold: number): string {
  const items = s.items.map((i) => `${ITEM_LABEL(i.indicator)} ${i.weight} 分${i.indicator === 'avgHandlingDays' ? `（${i.worst} 个工作日及以上为 0）` : ''}`)
  const overdue = s.deductions.find((d) => d.indicator === 'overdue')
  return [
    `${s.name}（第 ${s.version} 版，${s.effectiveFrom} 起）：${items.join('、')}；`,
    '比率按威尔逊下限（越低越好的按 1 − 威尔逊上限，z = 1.96）计分，平均处置时长按贝叶斯平均（向全镇均值收拢）计分，各项按权重加权为百分制；',
    overdue ? `超期每件扣 ${overdue.points} 分，最多扣 ${overdue.max} 分；` : '',
    `统计期内问题数少于 ${s.minVolume} 件的显示「数据不足」，不计分、不排名；村（居）最高分达到 ${flagThreshold} 分的授予流动红旗。`
  ].join('')
}

export function schemeView(inForce: SchemeInForce, versions: SchemeDoc[]): ScoringSchemeView {
  const s = inForce.scheme
  const overdue = s.deductions.find((d) => d.indicator === 'overdue')
  const listed: ScoringSchemeView['versions'] = versions.map((v) => ({ version: v.version, name: v.scheme.name, savedAt: iso(v.savedAt), savedByName: v.savedByName }))
  if (!listed.some((v) => v.version === DEFAULT_SCHEME.version)) listed.push({ version: DEFAULT_SCHEME.version, name: DEFAULT_SCHEME.name, savedAt: null, savedByName: null })
  return {
    version: s.version,
    name: s.name,
    effectiveFrom: s.effectiveFrom,
    minVolume: s.minVolume,
    flagThreshold: inForce.flagThreshold,
    z: s.z,
    priorWeight: s.priorWeight,
    items: s.items.map((i) => ({ indicator: i.indicator, label: ITEM_LABEL(i.indicator), weight: i.weight, worst: i.indicator === 'avgHandlingDays' ? i.worst : null })),
    overduePoints: overdue?.points ?? 0,
    overdueMax: overdue?.max ?? 0,
    savedAt: iso(inForce.savedAt),
    savedByName: inForce.savedByName,
    description: describeScheme(s, inForce.flagThreshold),
    versions: listed.sort((a, b) => b.version - a.version)
  }
}

/* ---------------------------------------------------------------- drafting */

/** Open overdue problems read for the list by unit and 月问效 (bounded by open overdue problems). */
const OVERDUE_ROWS = 500
const CASE_ROWS = 100
const OVERDUE_PER_UNIT = 10
const CASES = 2

const MAX_PLACES = 1000

async function placesOf(store: Store, known: DraftReads): Promise<{ villages: VillageDoc[]; units: UnitDoc[] }> {
  const [villages, units] = await Promise.all([
    known.villages ? byOrder(known.villages) : store.find<VillageDoc>(C.villages, { townId: TOWN_ID }, { sort: [['order', 'asc']], limit: MAX_PLACES }),
    known.units ? byOrder(known.units) : store.find<UnitDoc>(C.units, { townId: TOWN_ID }, { sort: [['order', 'asc']], limit: MAX_PLACES })
  ])
  return { villages, units }
}

/** The open overdue problems (the overdue list) and the period's closed ones (the case candidates), by the reports' indexes. */
const overdueFilter = (op: Ops) => ({ facets: 'od', status: op.in(OPEN_STATUSES) })
const casesFilter = (op: Ops, period: Period) => ({
  status: 'closed',
  closedAt: op.range({ gte: new Date(`${period.first}T00:00:00+08:00`), lte: new Date(`${period.last}T23:59:59.999+08:00`) })
})
const withCounts = (counts: Prefetch | null): PrefetchPlan => (counts ? { counts } : {})

/** Fields the case candidates leave out; the overdue list (which names its fields when read on its own) leaves out these and more. */
const CASE_OMIT = ['description', 'reporterName', 'reporterPhone', 'reporterOpenid', 'reporterId', 'location']
const OVERDUE_OMIT = [...CASE_OMIT, 'photos', 'afterPhotos', 'measures', 'dispatcher', 'reminders', 'patrol', 'onBehalf', 'facets', 'rating']

/**
 * What a draft reads that can come with the caller's profile (../_shared/prefetch.ts): the town's
 * villages and units, the scheme in force, the calendar and — when the period is known — the overdue
 * list and the case candidates, in their order (keys villages, units, scheme, calendar, overdue, cases).
 */
export function prefetchDraftReads(op: Ops, now: Date, period: Period | null): PrefetchPlan {
  return {
    villages: { coll: C.villages, match: { townId: TOWN_ID }, limit: MAX_PLACES },
    units: { coll: C.units, match: { townId: TOWN_ID }, limit: MAX_PLACES },
    scheme: { coll: C.scoring_schemes, match: { _id: SCHEME_CURRENT_ID } },
    calendar: prefetchCalendar(op, now),
    ...(period
      ? {
          ...withCounts(prefetchCounts(op, { from: period.first, to: period.last })),
          overdue: { coll: C.reports, match: overdueFilter(op), sort: { createdAt: -1 }, limit: OVERDUE_ROWS, omit: OVERDUE_OMIT },
          cases: { coll: C.reports, match: casesFilter(op, period), sort: { closedAt: 1 }, limit: CASE_ROWS, omit: CASE_OMIT }
        }
      : {})
  }
}

/** Reads composeDraft need not make (read already, e.g. prefetched); each left out is read. */
export interface DraftReads {
  villages?: VillageDoc[]
  units?: UnitDoc[]
  /** null: there is none. */
  scheme?: SchemeDoc | null
  calendar?: WorkCalendar
  overdue?: OverdueRow[]
  cases?: CaseRow[]
  /** The period's problem_counts documents (readCounts' `known`). */
  counts?: ProblemCountsDoc[]
}

/** The reads prefetchDraftReads brought (none when nothing was prefetched). */
export function prefetchedDraftReads(ctx: Pick<Ctx, 'prefetched'>): DraftReads {
  const p = ctx.prefetched
  if (!p?.has('villages')) return {}
  return {
    villages: p.get('villages') as VillageDoc[],
    units: (p.get('units') ?? []) as UnitDoc[],
    scheme: ((p.get('scheme') ?? [])[0] as SchemeDoc | undefined) ?? null,
    calendar: prefetchedCalendar(ctx),
    overdue: p.get('overdue') as OverdueRow[] | undefined,
    cases: p.get('cases') as CaseRow[] | undefined,
    counts: p.get('counts') as ProblemCountsDoc[] | undefined
  }
}

function sumGauges(m: Map<string, Gauges>): Gauges {
  let open = 0
  let overdue = 0
  for (const g of m.values()) {
    open += g.open
    overdue += g.overdue
  }
  return { open, overdue }
}

type OverdueRow = Pick<ReportDoc, '_id' | 'no' | 'categoryName' | 'villageId' | 'villageName' | 'unitId' | 'unitName' | 'rectifyDeadline' | 'due'>

/** Overdue problems by unit (longest first) and the places with ≥ 1 problem overdue > LETTER_OVERDUE_WORKDAYS working days. */
export function overdueOf(rows: readonly OverdueRow[], calendar: WorkCalendar, now: Date, units: readonly UnitDoc[]): { byUnit: BulletinOverdueUnit[]; long: LongOverdueDoc[] } {
  const unitName = new Map(units.map((u) => [u._id, u.name]))
  const items = rows.map((r) => ({ r, days: r.due ? calendar.workdaysOverdue(new Date(r.due.at), now) : 0 }))
  const byUnit = new Map<string, BulletinOverdueUnit>()
  const long = new Map<string, LongOverdueDoc>()
  const bump = (placeKind: 'village' | 'unit', placeId: string, name: string) => {
    const key = `${placeKind}:${placeId}`
    const cur = long.get(key) ?? long.set(key, { placeKind, placeId, name, count: 0 }).get(key)!
    cur.count++
  }
  for (const { r, days } of items.sort((a, b) => b.days - a.days || a.r.no.localeCompare(b.r.no))) {
    if (days > LETTER_OVERDUE_WORKDAYS) {
      bump('village', r.villageId, r.villageName)
      if (r.unitId) bump('unit', r.unitId, r.unitName ?? unitName.get(r.unitId) ?? '')
    }
    if (!r.unitId) continue
    const u = byUnit.get(r.unitId) ?? byUnit.set(r.unitId, { unitId: r.unitId, name: r.unitName ?? unitName.get(r.unitId) ?? '', overdue: 0, open: 0, items: [] }).get(r.unitId)!
    u.overdue++
    if (u.items.length < OVERDUE_PER_UNIT)
      u.items.push({ reportId: r._id, no: r.no, categoryName: r.categoryName, villageName: r.villageName, rectifyDeadline: r.rectifyDeadline, workdaysOverdue: days })
  }
  return { byUnit: [...byUnit.values()].sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh')), long: [...long.values()] }
}

type CaseRow = Pick<
  ReportDoc,
  '_id' | 'no' | 'categoryName' | 'villageId' | 'villageName' | 'unitName' | 'address' | 'closedAt' | 'handlingWorkdays' | 'photos' | 'afterPhotos' | 'secStatus' | 'reopenCount'
>

/**
 * Two typical cases: closed in the period, with before and after photos, passed the content check,
 * never reopened; the quickest handled first (then by number), from two villages when there are two.
 */
export function pickCases(rows: readonly CaseRow[]): CaseDoc[] {
  const fit = rows
    .filter((r) => r.secStatus === 'pass' && r.photos.length > 0 && r.afterPhotos.length > 0 && (r.reopenCount ?? 0) === 0 && r.closedAt)
    .sort((a, b) => (a.handlingWorkdays ?? 0) - (b.handlingWorkdays ?? 0) || a.no.localeCompare(b.no))
  const picked: CaseRow[] = []
  for (const r of fit) if (picked.length < CASES && !picked.some((p) => p.villageId === r.villageId)) picked.push(r)
  for (const r of fit) if (picked.length < CASES && !picked.includes(r)) picked.push(r)
  return picked.map((r) => ({
    reportId: r._id,
    no: r.no,
    categoryName: r.categoryName,
    villageName: r.villageName,
    unitName: r.unitName,
    address: r.address,
    closedAt: new Date(r.closedAt as Date).toISOString(),
    handlingWorkdays: r.handlingWorkdays ?? 0,
    before: r.photos.slice(0, 3),
    after: r.afterPhotos.slice(0, 3)
  }))
}

async function previousFlag(store: Store, kind: BulletinKind, first: string): Promise<FlagDoc | null> {
  const [doc] = await store.find<FlagDoc>(C.bulletin_flags, { kind, first: store.op.lt(first) }, { sort: [['first', 'desc']], limit: 1 })
  return doc ?? null
}

/** Everything a draft of the period holds, from the counts and two bounded report reads. */
export async function composeDraft(store: Store, kind: BulletinKind, period: Period, now: Date, by: string, known: DraftReads = {}): Promise<Omit<BulletinDoc, 'rev'>> {
  const [{ villages, units }, rows, gv, gu, inForce, calendar, overdueRows, caseRows] = await Promise.all([
    placesOf(store, known),
    readCounts(store, { from: period.first, to: period.last }, known.counts),
    openGauges(store, 'villageId'),
    openGauges(store, 'unitId'),
    schemeInForce(store, known.scheme),
    known.calendar ?? loadCalendar(store, now),
    known.overdue ??
      store.find<OverdueRow>(C.reports, overdueFilter(store.op), {
        sort: [['createdAt', 'desc']],
        limit: OVERDUE_ROWS,
        fields: { _id: true, no: true, categoryName: true, villageId: true, villageName: true, unitId: true, unitName: true, rectifyDeadline: true, due: true }
      }),
    known.cases ?? store.find<CaseRow>(C.reports, casesFilter(store.op, period), { sort: [['closedAt', 'asc']], limit: CASE_ROWS, fields: Object.fromEntries(CASE_OMIT.map((f) => [f, false])) })
  ])
  const townFigures = sumCounts(rows, period, 'town').get('town') ?? zeroFigures()
  const boards = composeBoards(
    {
      villages: villages.map((v) => ({ id: v._id, name: v.name, kind: 'village' })),
      units: units.map((u) => ({ id: u._id, name: u.name, kind: 'unit' })),
      byVillage: sumCounts(rows, period, 'village'),
      byUnit: sumCounts(rows, period, 'unit'),
      gaugesByVillage: gv,
      gaugesByUnit: gu,
      town: townFigures,
      townGauges: sumGauges(gv)
    },
    inForce.scheme,
    inForce.flagThreshold
  )
  const overdue = overdueOf(overdueRows, calendar, now, units)
  const prev = boards.flag ? await previousFlag(store, kind, period.first) : null
  const key = keyOfPeriod(kind, period)
  return {
    _id: bulletinIdOf(kind, key),
    kind,
    periodKey: key,
    first: period.first,
    last: period.last,
    periodLabel: period.label,
    title: bulletinTitle(kind, period),
    status: 'draft',
    shared: false,
    generatedAt: now,
    generatedBy: by,
    text: defaultText(kind, period, boards, { total: overdue.byUnit.reduce((s, u) => s + u.overdue, 0), units: overdue.byUnit.length }),
    scheme: { version: inForce.scheme.version, name: inForce.scheme.name },
    minVolume: inForce.scheme.minVolume,
    flagThreshold: inForce.flagThreshold,
    groups: boards.groups,
    flag: boards.flag ? { ...boards.flag, previousName: prev?.name ?? null } : null,
    flagNote: boards.flagNote,
    overdueByUnit: overdue.byUnit,
    longOverdue: overdue.long,
    cases: pickCases(caseRows),
    contests: [],
    reviewFrom: null,
    reviewUntil: null,
    publishedAt: null,
    publishedBy: null,
    letterIds: [],
    updatedAt: now
  }
}

/* ---------------------------------------------------------------- the timer */

export interface BulletinJobResult {
  drafted: string[]
}

/**
 * The timer's part (every 30 minutes): from Monday 08:00 (China) last week's draft, from the 1st
 * 08:00 last month's. Idempotent: the draft's id is the period's, so a run finding it does nothing,
 * and two runs racing insert it once (the second insert is a duplicate and is skipped).
 */
export async function runBulletinJob(store: Store, now: Date): Promise<BulletinJobResult> {
  const drafted: string[] = []
  for (const kind of ['week', 'month'] as const) {
    const period = duePeriod(kind, now)
    const id = bulletinIdOf(kind, keyOfPeriod(kind, period))
    if (await store.findOne<{ _id: string }>(C.bulletins, { _id: id })) continue
    const doc = await composeDraft(store, kind, period, now, 'system')
    try {
      await store.transaction(async (tx) => {
        await tx.insert(C.bulletins, { ...doc, rev: 1 })
        await tx.insert(C.audit_log, { targetType: 'bulletin', targetId: id, action: 'draft', by: 'system', byRoles: [], at: now, detail: { kind, periodKey: doc.periodKey } })
      })
      drafted.push(id)
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
    }
  }
  return { drafted }
}

/* ---------------------------------------------------------------- 月问效 */

/** To whom a 工作提示函 goes: the place's leader. */
export const leaderOf = (placeKind: 'village' | 'unit', name: string) => (placeKind === 'village' ? `${name}党组织书记` : `${name}主要负责人`)

export function letterBody(to: string, monthLabel: string, reasons: string[], now: Date): string {
  const p = chinaParts(now)
  return [
    `${to}：`,
    `${monthLabel}城乡环境综合整治月问效中，你处${reasons.join('；')}。`,
    `根据「日督导、周通报、月问效」工作要求，现予工作提示。请于 ${LETTER_OVERDUE_WORKDAYS} 个工作日内查明原因、落实整改，并将整改情况答复镇创建办。`,
    '镇创建办',
    `${p.year}年${p.month}月${p.day}日`
  ].join('\n')
}

/**
 * The letters of a month, in the publishing transaction of its monthly bulletin: places on a 黑榜
 * twice in the month's published weekly bulletins (those starting in the month) or with ≥ 3
 * problems overdue > 5 working days at drafting. One per place and month (its id), numbered with
 * the 工作提示函 of the problem loop (提示〔2026〕N号).
 */
export async function issueMonthLetters(tx: TxStore, b: BulletinDoc, weekly: readonly BulletinDoc[], now: Date): Promise<BulletinLetterDoc[]> {
  const black = weekly
    .filter((w) => w.status === 'published' && w.first.slice(0, 7) === b.periodKey)
    .map((w) => w.groups.flatMap((g) => g.black.map((e) => ({ placeKind: g.peer === 'unit' ? ('unit' as const) : ('village' as const), placeId: e.placeId, name: e.name }))))
  const candidates = letterCandidates(black, b.longOverdue, { blackTimes: LETTER_BLACK_TIMES, overdueCount: LETTER_OVERDUE_COUNT, overdueDays: LETTER_OVERDUE_WORKDAYS })
  const out: BulletinLetterDoc[] = []
  for (const c of candidates) {
    const _id = bulletinLetterIdOf(b.periodKey, c.placeKind, c.placeId)
    if (await tx.get(C.bulletin_letters, _id)) continue
    const year = chinaYear(now)
    const seq = await nextNumber(tx, letterCounterId('reminder', year))
    const to = leaderOf(c.placeKind, c.placeName)
    const doc: BulletinLetterDoc = {
      _id,
      no: formatLetterNo('reminder', year, seq),
      year,
      seq,
      month: b.periodKey,
      bulletinId: b._id,
      placeKind: c.placeKind,
      placeId: c.placeId,
      placeName: c.placeName,
      to,
      reasons: c.reasons,
      body: letterBody(to, b.periodLabel, c.reasons, now),
      issuedAt: now,
      answer: null,
      answeredAt: null,
      answeredBy: null,
      answeredByName: null
    }
    await tx.insert(C.bulletin_letters, doc)
    out.push(doc)
  }
  return out
}

/* ---------------------------------------------------------------- views */

export const openContests = (b: Pick<BulletinDoc, 'contests'>) => b.contests.filter((c) => c.status === 'open').length

/** What names a bulletin, to staff and residents alike. */
function heading(b: BulletinDoc): Pick<BulletinSummary & PublicBulletin, 'id' | 'kind' | 'kindLabel' | 'periodKey' | 'periodLabel' | 'title'> {
  return { id: b._id, kind: b.kind, kindLabel: BULLETIN_KIND_LABELS[b.kind], periodKey: b.periodKey, periodLabel: b.periodLabel, title: b.title }
}

export function toSummary(b: BulletinDoc): BulletinSummary {
  return {
    ...heading(b),
    first: b.first,
    last: b.last,
    status: b.status,
    statusLabel: BULLETIN_STATUS_LABELS[b.status],
    generatedAt: new Date(b.generatedAt).toISOString(),
    reviewUntil: iso(b.reviewUntil),
    publishedAt: iso(b.publishedAt),
    openContests: openContests(b),
    flagName: b.flag?.name ?? null
  }
}

export function toContest(c: ContestDoc): BulletinContest {
  return {
    id: c.id,
    placeKind: c.placeKind,
    placeId: c.placeId,
    placeName: c.placeName,
    figure: c.figure,
    figureLabel: BULLETIN_FIGURE_LABELS[c.figure],
    reason: c.reason,
    status: c.status,
    statusLabel: CONTEST_STATUS_LABELS[c.status],
    byName: c.byName,
    at: new Date(c.at).toISOString(),
    answer: c.answer,
    answeredAt: iso(c.answeredAt),
    answeredByName: c.answeredByName
  }
}

/** Why publishing is refused now (empty: it may be published). */
export function publishBlockers(b: BulletinDoc, now: Date): string[] {
  if (b.status === 'published') return ['通报已发布']
  if (b.status === 'draft') return ['请先发给村居和单位核对（申诉期 1 个工作日）']
  const out: string[] = []
  if (b.reviewUntil && now.getTime() <= new Date(b.reviewUntil).getTime()) out.push(`申诉期至 ${chinaDay(new Date(b.reviewUntil))} 结束，申诉期内不能发布`)
  const open = openContests(b)
  if (open > 0) out.push(`还有 ${open} 条申诉未答复，请先答复`)
  return out
}

export function toLetter(l: BulletinLetterDoc, canAnswer: boolean): BulletinLetter {
  return {
    id: l._id,
    no: l.no,
    month: l.month,
    placeKind: l.placeKind,
    placeId: l.placeId,
    placeName: l.placeName,
    to: l.to,
    reasons: l.reasons,
    body: l.body,
    issuedAt: new Date(l.issuedAt).toISOString(),
    answer: l.answer,
    answeredAt: iso(l.answeredAt),
    answeredByName: l.answeredByName,
    canAnswer: canAnswer && l.answer === null
  }
}

export function toDetail(b: BulletinDoc, now: Date, urls: Map<string, string>, letters: BulletinLetterDoc[]): BulletinDetail {
  const blockers = publishBlockers(b, now)
  const link = (f: string) => ({ fileId: f, url: urls.get(f) ?? '' })
  return {
    ...toSummary(b),
    rev: b.rev,
    text: b.text,
    scheme: b.scheme,
    minVolume: b.minVolume,
    flagThreshold: b.flagThreshold,
    groups: b.groups,
    flag: b.flag,
    flagNote: b.flagNote,
    overdueByUnit: b.overdueByUnit,
    cases: b.cases.map((c) => ({ ...c, before: c.before.map(link), after: c.after.map(link) })),
    contests: b.contests.map(toContest),
    reviewFrom: iso(b.reviewFrom),
    canEdit: b.status !== 'published',
    canRegenerate: b.status === 'draft',
    canOpenReview: b.status === 'draft',
    canPublish: blockers.length === 0,
    publishBlockers: blockers,
    letters: letters.map((l) => toLetter(l, false))
  }
}

/** The public part: rankings, 红黑榜, 流动红旗 — no person, no problem, no formula inputs. */
export function toPublic(b: BulletinDoc): PublicBulletin {
  return {
    ...heading(b),
    publishedAt: new Date(b.publishedAt ?? b.updatedAt).toISOString(),
    groups: b.groups.map((g) => ({
      peer: g.peer,
      label: g.label,
      rows: g.rows.map((r) => ({ placeId: r.placeId, name: r.name, score: r.score, rank: r.rank, rankLabel: r.rankLabel })),
      red: g.red.map((e) => ({ ...e })),
      black: g.black.map((e) => ({ ...e }))
    })),
    flag: b.flag ? { villageId: b.flag.villageId, name: b.flag.name, score: b.flag.score } : null,
    schemeNote: `按${b.scheme.name}（第 ${b.scheme.version} 版）计分；问题数少于 ${b.minVolume} 件的不排名。`
  }
}

export const photosOf = (b: Pick<BulletinDoc, 'cases'>) => b.cases.flatMap((c) => [...c.before, ...c.after])
