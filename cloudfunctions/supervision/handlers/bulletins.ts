/**
 * 周通报 / 月通报 actions: the scoring scheme, drafting on demand, editing, 申诉 (review window of one
 * working day), answering, publishing (immutable after; 流动红旗 history and 月问效 letters in the same
 * transaction), the xlsx, the public part for residents, and the 工作提示函 with their answers.
 * Every write by staff is audited in its own transaction (updateAudited / insertAudited).
 */
import {
  BULLETIN_FIGURE_LABELS,
  CONTEST_WORKDAYS,
  type ActionName,
  type BulletinDetail,
  type BulletinExport,
  type BulletinLetter,
  type BulletinOwnFigures,
  type BulletinPlaceKind,
  type BulletinSummary,
  type Page,
  type ParsedInputOf,
  type PublicBulletin,
  type ScoringSchemeView
} from '@/contract'
import { chinaDay } from '@/domain/china-time'
import { lastPeriod, periodOfKey } from '@/domain/bulletin'
import type { ScoreItem, ScoringScheme } from '@/domain/ranking'
import { holdsPlace, placesHeld } from '../../_shared/access'
import { auditEntry, updateAudited } from '../../_shared/audit'
import { C } from '../../_shared/collections'
import { fail } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { mapPage, offsetPage } from '../../_shared/paging'
import { withPrefetch } from '../../_shared/prefetch'
import type { Ctx } from '../../_shared/router'
import { loadCalendar } from '../../reports/repo'
import { SCHEME_CURRENT_ID, schemeVersionId, flagIdOf, type BulletinDoc, type BulletinLetterDoc, type ContestDoc, type FlagDoc, type SchemeDoc } from '../bulletin-docs'
import { exportBulletin as writeWorkbook } from '../bulletin-export'
import { notifyPublished } from '../bulletin-notify'
import {
  composeDraft,
  issueMonthLetters,
  prefetchDraftReads,
  prefetchedDraftReads,
  photosOf,
  publishBlockers,
  schemeInForce,
  schemeView,
  toContest,
  toDetail,
  toLetter,
  toPublic,
  toSummary
} from '../bulletins'

type In<A extends ActionName> = ParsedInputOf<A>

const VERSIONS_SHOWN = 20

/* ---------------------------------------------------------------- helpers */

async function requireBulletin(ctx: Ctx, id: string): Promise<BulletinDoc> {
  return (await ctx.store.findOne<BulletinDoc>(C.bulletins, { _id: id })) ?? fail('NOT_FOUND', '通报不存在')
}

async function lettersOf(ctx: Ctx, b: BulletinDoc): Promise<BulletinLetterDoc[]> {
  if (b.letterIds.length === 0) return []
  return ctx.store.find<BulletinLetterDoc>(C.bulletin_letters, { _id: ctx.store.op.in(b.letterIds) }, { limit: 100 })
}

async function detailOf(ctx: Ctx, b: BulletinDoc): Promise<BulletinDetail> {
  const [urls, letters] = await Promise.all([tempUrls(photosOf(b)), lettersOf(ctx, b)])
  return toDetail(b, ctx.now(), urls, letters)
}

const staleRev = () => fail('CONFLICT', '通报已被他人修改，请刷新后再试')
const published = () => fail('CONFLICT', '通报已发布，不能再修改')

/* ---------------------------------------------------------------- scheme */

async function versionsOf(ctx: Ctx): Promise<SchemeDoc[]> {
  return ctx.store.find<SchemeDoc>(C.scoring_schemes, { kind: 'version' }, { sort: [['version', 'desc']], limit: VERSIONS_SHOWN })
}

export async function scoringScheme(input: In<'supervision.scoringScheme'>, ctx: Ctx): Promise<ScoringSchemeView> {
  const [inForce, versions] = await Promise.all([schemeInForce(ctx.store), versionsOf(ctx)])
  if (input.version === undefined || input.version === inForce.scheme.version) return schemeView(inForce, versions)
  const old = versions.find((v) => v.version === input.version) ?? (await ctx.store.findOne<SchemeDoc>(C.scoring_schemes, { _id: schemeVersionId(input.version) }))
  if (!old) return fail('NOT_FOUND', '没有这个版本的评分办法')
  return schemeView({ scheme: old.scheme, flagThreshold: old.flagThreshold, savedAt: old.savedAt, savedByName: old.savedByName }, versions)
}

function schemeOf(input: In<'supervision.saveScoringScheme'>, version: number, now: Date): ScoringScheme {
  const w = input.weights
  const rates = (['onTimeRate', 'closureRate', 'satisfactionRate', 'reworkRate', 'reopenRate'] as const).filter((k) => (w[k] ?? 0) > 0)
  const items: ScoreItem[] = rates.map((indicator) => ({ indicator, weight: w[indicator] ?? 0 }))
  if (w.avgHandlingDays > 0) items.push({ indicator: 'avgHandlingDays', weight: w.avgHandlingDays, worst: input.worstDays })
  return {
    version,
    name: input.name,
    effectiveFrom: chinaDay(now),
    minVolume: input.minVolume,
    z: 1.96,
    priorWeight: input.minVolume,
    items,
    deductions: input.overduePoints > 0 ? [{ indicator: 'overdue', points: input.overduePoints, max: input.overdueMax }] : []
  }
}

/** A new version (conditional on the version edited): the current document, the version's own and the audit entry, in one transaction. */
export async function saveScoringScheme(input: In<'supervision.saveScoringScheme'>, ctx: Ctx): Promise<ScoringSchemeView> {
  const now = ctx.now()
  const saved = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<SchemeDoc>(C.scoring_schemes, SCHEME_CURRENT_ID)
    const base = cur?.version ?? 1
    if (input.baseVersion !== base) fail('CONFLICT', `评分办法已更新为第 ${base} 版，请刷新后再修改`)
    const version = base + 1
    const doc: Omit<SchemeDoc, '_id' | 'kind'> = {
      version,
      scheme: schemeOf(input, version, now),
      flagThreshold: input.flagThreshold,
      savedAt: now,
      savedBy: ctx.userId,
      savedByName: ctx.user?.name ?? ''
    }
    await tx.set(C.scoring_schemes, SCHEME_CURRENT_ID, { ...doc, kind: 'current' })
    await tx.insert(C.scoring_schemes, { _id: schemeVersionId(version), ...doc, kind: 'version' })
    await tx.insert(C.audit_log, auditEntry(ctx, 'scoring_scheme', schemeVersionId(version), 'save', { version, scheme: doc.scheme, flagThreshold: input.flagThreshold }))
    return doc
  })
  return schemeView({ scheme: saved.scheme, flagThreshold: saved.flagThreshold, savedAt: saved.savedAt, savedByName: saved.savedByName }, await versionsOf(ctx))
}

/* ---------------------------------------------------------------- drafts */

/** The town's villages and units, the scheme and the calendar come with the caller's profile (one request). */
export const generateBulletin = withPrefetch<'supervision.generateBulletin'>((input, { op, now }) => prefetchDraftReads(op, now, periodAsked(input, now)), generate)

/** The period asked for (the last one ended when none is named); null: no such period. */
const periodAsked = (input: In<'supervision.generateBulletin'>, now: Date) => (input.periodKey ? periodOfKey(input.kind, input.periodKey) : lastPeriod(input.kind, now))

async function generate(input: In<'supervision.generateBulletin'>, ctx: Ctx): Promise<BulletinDetail> {
  const now = ctx.now()
  const period = periodAsked(input, now) ?? fail('INVALID_INPUT', '统计期不正确', { periodKey: '统计期不正确' })
  if (chinaDay(now) <= period.last) fail('INVALID_INPUT', `${period.label}尚未结束，不能生成通报`, { periodKey: '统计期尚未结束' })
  const draft = await composeDraft(ctx.store, input.kind, period, now, ctx.userId, prefetchedDraftReads(ctx))
  const doc = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<BulletinDoc>(C.bulletins, draft._id)
    if (cur && cur.status !== 'draft') fail('CONFLICT', cur.status === 'published' ? '该期通报已发布，不能重新生成' : '该期通报已发给村居和单位核对，不能重新生成')
    const next: BulletinDoc = { ...draft, rev: (cur?.rev ?? 0) + 1 }
    const { _id, ...body } = next
    await tx.set(C.bulletins, _id, body)
    await tx.insert(C.audit_log, auditEntry(ctx, 'bulletin', draft._id, cur ? 'regenerate' : 'generate', { kind: input.kind, periodKey: draft.periodKey, schemeVersion: draft.scheme.version }))
    return next
  })
  return detailOf(ctx, doc)
}

export async function bulletins(input: In<'supervision.bulletins'>, ctx: Ctx): Promise<Page<BulletinSummary>> {
  // villages and units see bulletins once opened to them (shared: review or published)
  if (!ctx.isTown && input.status === 'draft') return { items: [], next: null }
  const scope = input.status ? { status: input.status } : ctx.isTown ? {} : { shared: true }
  const filter = { ...(input.kind ? { kind: input.kind } : {}), ...scope }
  const page = await offsetPage(input, (skip, limit) =>
    ctx.store.find<BulletinDoc>(C.bulletins, filter, { sort: [['first', 'desc']], skip, limit, fields: { groups: false, cases: false, overdueByUnit: false, longOverdue: false, text: false } })
  )
  return mapPage(page, (rows) => rows.map((b) => toSummary({ ...b, contests: b.contests ?? [] })))
}

export async function bulletin(input: In<'supervision.bulletin'>, ctx: Ctx): Promise<BulletinDetail> {
  return detailOf(ctx, await requireBulletin(ctx, input.bulletinId))
}

/** An audited change of a bulletin not yet published, conditional on its revision; returns the bulletin as written. */
async function changeBulletin(ctx: Ctx, id: string, action: string, decide: (b: BulletinDoc) => { patch: Partial<BulletinDoc>; detail: Record<string, unknown> }): Promise<BulletinDoc> {
  const now = ctx.now()
  let written: BulletinDoc | null = null
  await updateAudited<BulletinDoc>(ctx, C.bulletins, id, 'bulletin', action, (cur) => {
    if (!cur) return fail('NOT_FOUND', '通报不存在')
    const { patch, detail } = decide(cur)
    const full = { ...patch, rev: cur.rev + 1, updatedAt: now }
    written = { ...cur, ...full }
    return { patch: full, detail }
  })
  return written as unknown as BulletinDoc
}

export async function editBulletin(input: In<'supervision.editBulletin'>, ctx: Ctx): Promise<BulletinDetail> {
  const b = await changeBulletin(ctx, input.bulletinId, 'edit', (cur) => {
    if (cur.status === 'published') published()
    if (cur.rev !== input.rev) staleRev()
    return { patch: { text: input.text }, detail: { before: cur.text, after: input.text } }
  })
  return detailOf(ctx, b)
}

export async function openBulletinReview(input: In<'supervision.openBulletinReview'>, ctx: Ctx): Promise<BulletinDetail> {
  const now = ctx.now()
  const until = (await loadCalendar(ctx.store, now)).addWorkdays(now, CONTEST_WORKDAYS).due
  const b = await changeBulletin(ctx, input.bulletinId, 'open_review', (cur) => {
    if (cur.status !== 'draft') fail('CONFLICT', cur.status === 'published' ? '通报已发布' : '通报已发给村居和单位核对')
    if (cur.rev !== input.rev) staleRev()
    return { patch: { status: 'review', shared: true, reviewFrom: now, reviewUntil: until }, detail: { reviewUntil: until.toISOString() } }
  })
  return detailOf(ctx, b)
}

/* ---------------------------------------------------------------- 申诉 */

function ownFigures(ctx: Ctx, b: BulletinDoc, placeKind: BulletinPlaceKind, placeId: string): BulletinOwnFigures {
  const rows = b.groups.flatMap((g) => g.rows).filter((r) => r.placeKind === placeKind && r.placeId === placeId)
  const contests = b.contests.filter((c) => c.placeKind === placeKind && c.placeId === placeId)
  const now = ctx.now()
  const inWindow = b.status === 'review' && b.reviewUntil !== null && now.getTime() <= new Date(b.reviewUntil).getTime()
  const note = b.status === 'published' ? '通报已发布' : !inWindow ? '申诉期已过' : contests.length > 0 ? '本期已提出过申诉' : rows.length === 0 ? '通报中没有本村居（本单位）的数据' : null
  return {
    bulletin: toSummary(b),
    placeKind,
    placeId,
    placeName: rows[0]?.name ?? contests[0]?.placeName ?? '',
    rows,
    contests: contests.map(toContest),
    canContest: note === null && holdsPlace(ctx, placeKind, placeId),
    contestNote: note
  }
}

async function visibleTo(ctx: Ctx, bulletinId: string, placeKind: BulletinPlaceKind, placeId: string): Promise<BulletinDoc> {
  if (!ctx.isTown && !holdsPlace(ctx, placeKind, placeId)) fail('FORBIDDEN', '只能查看本村居（本单位）的数据')
  const b = await requireBulletin(ctx, bulletinId)
  if (!ctx.isTown && b.status === 'draft') fail('NOT_FOUND', '通报尚未发给村居和单位核对')
  return b
}

export async function bulletinFigures(input: In<'supervision.bulletinFigures'>, ctx: Ctx): Promise<BulletinOwnFigures> {
  return ownFigures(ctx, await visibleTo(ctx, input.bulletinId, input.placeKind, input.placeId), input.placeKind, input.placeId)
}

export async function contestBulletin(input: In<'supervision.contestBulletin'>, ctx: Ctx): Promise<BulletinOwnFigures> {
  if (!holdsPlace(ctx, input.placeKind, input.placeId)) fail('FORBIDDEN', '只能对本村居（本单位）的数据提出申诉')
  const now = ctx.now()
  const b = await changeBulletin(ctx, input.bulletinId, 'contest', (cur) => {
    if (cur.status === 'draft') fail('NOT_FOUND', '通报尚未发给村居和单位核对')
    if (cur.status === 'published') fail('CONFLICT', '通报已发布，不能再申诉')
    if (!cur.reviewUntil || now.getTime() > new Date(cur.reviewUntil).getTime()) fail('CONFLICT', '申诉期已过，不能再申诉')
    const row = cur.groups.flatMap((g) => g.rows).find((r) => r.placeKind === input.placeKind && r.placeId === input.placeId)
    if (!row) fail('INVALID_INPUT', '通报中没有本村居（本单位）的数据')
    const id = `${input.placeKind}-${input.placeId}`
    if (cur.contests.some((c) => c.id === id)) fail('CONFLICT', '本期通报已提出过申诉，每期只能申诉一次')
    const contest: ContestDoc = {
      id,
      placeKind: input.placeKind,
      placeId: input.placeId,
      placeName: row.name,
      figure: input.figure,
      reason: input.reason,
      status: 'open',
      by: ctx.userId,
      byName: ctx.user?.name ?? '',
      at: now,
      answer: null,
      answeredAt: null,
      answeredBy: null,
      answeredByName: null
    }
    return { patch: { contests: [...cur.contests, contest] }, detail: { contestId: id, figure: input.figure, reason: input.reason } }
  })
  return ownFigures(ctx, b, input.placeKind, input.placeId)
}

export async function answerContest(input: In<'supervision.answerContest'>, ctx: Ctx): Promise<BulletinDetail> {
  const now = ctx.now()
  const b = await changeBulletin(ctx, input.bulletinId, 'answer_contest', (cur) => {
    if (cur.status === 'published') published()
    const c = cur.contests.find((x) => x.id === input.contestId) ?? fail('NOT_FOUND', '申诉不存在')
    if (c.status !== 'open') fail('CONFLICT', '该申诉已答复')
    const accepted = input.decision === 'accept'
    const answered: ContestDoc = { ...c, status: accepted ? 'accepted' : 'rejected', answer: input.note, answeredAt: now, answeredBy: ctx.userId, answeredByName: ctx.user?.name ?? '' }
    const groups = accepted
      ? cur.groups.map((g) => ({
          ...g,
          rows: g.rows.map((r) => (r.placeKind === c.placeKind && r.placeId === c.placeId ? { ...r, corrections: [...r.corrections, `${BULLETIN_FIGURE_LABELS[c.figure]}：${input.note}`] } : r))
        }))
      : cur.groups
    return { patch: { contests: cur.contests.map((x) => (x.id === c.id ? answered : x)), groups }, detail: { contestId: c.id, decision: input.decision, note: input.note } }
  })
  return detailOf(ctx, b)
}

/* ---------------------------------------------------------------- publishing */

/** The weekly bulletins starting in a month (月问效 counts their 黑榜). */
async function weeklyOf(ctx: Ctx, month: string): Promise<BulletinDoc[]> {
  return ctx.store.find<BulletinDoc>(C.bulletins, { kind: 'week', first: ctx.store.op.range({ gte: `${month}-01`, lte: `${month}-31` }) }, { sort: [['first', 'desc']], limit: 6 })
}

export async function publishBulletin(input: In<'supervision.publishBulletin'>, ctx: Ctx): Promise<BulletinDetail> {
  const now = ctx.now()
  // a month's id names its month (bulletinIdOf): its weekly bulletins are read before the transaction
  const month = /^bulletin-month-(\d{4}-\d{2})$/.exec(input.bulletinId)?.[1]
  const weekly = month ? await weeklyOf(ctx, month) : []
  const b = await ctx.store.transaction(async (tx) => {
    const cur = (await tx.get<BulletinDoc>(C.bulletins, input.bulletinId)) ?? fail('NOT_FOUND', '通报不存在')
    if (cur.status === 'published') published()
    if (cur.rev !== input.rev) staleRev()
    const blockers = publishBlockers(cur, now)
    if (blockers.length > 0) fail('CONFLICT', `暂不能发布：${blockers.join('；')}`)
    const letters = cur.kind === 'month' ? await issueMonthLetters(tx, cur, weekly, now) : []
    if (cur.flag) {
      const flag: FlagDoc = {
        _id: flagIdOf(cur._id),
        kind: cur.kind,
        periodKey: cur.periodKey,
        first: cur.first,
        bulletinId: cur._id,
        villageId: cur.flag.villageId,
        name: cur.flag.name,
        score: cur.flag.score,
        awardedAt: now
      }
      await tx.insert(C.bulletin_flags, flag)
    }
    const patch = { status: 'published' as const, shared: true, publishedAt: now, publishedBy: ctx.userId, letterIds: letters.map((l) => l._id), rev: cur.rev + 1, updatedAt: now }
    await tx.update(C.bulletins, cur._id, patch)
    await tx.insert(C.audit_log, auditEntry(ctx, 'bulletin', cur._id, 'publish', { flag: cur.flag?.villageId ?? null, letters: letters.map((l) => l.no) }))
    return { ...cur, ...patch }
  })
  await notifyPublished(ctx.store, b, now)
  return detailOf(ctx, b)
}

export async function exportBulletin(input: In<'supervision.exportBulletin'>, ctx: Ctx): Promise<BulletinExport> {
  return writeWorkbook(await requireBulletin(ctx, input.bulletinId), ctx.now())
}

/* ---------------------------------------------------------------- public */

export async function publicBulletins(input: In<'supervision.publicBulletins'>, ctx: Ctx): Promise<Page<PublicBulletin>> {
  const filter = { status: 'published', ...(input.kind ? { kind: input.kind } : {}) }
  const page = await offsetPage(input, (skip, limit) =>
    ctx.store.find<BulletinDoc>(C.bulletins, filter, { sort: [['first', 'desc']], skip, limit, fields: { cases: false, overdueByUnit: false, longOverdue: false, contests: false, text: false } })
  )
  return mapPage(page, (rows) => rows.map(toPublic))
}

export async function publicBulletin(input: In<'supervision.publicBulletin'>, ctx: Ctx): Promise<PublicBulletin> {
  const b = await ctx.store.findOne<BulletinDoc>(C.bulletins, { _id: input.bulletinId })
  if (!b || b.status !== 'published') return fail('NOT_FOUND', '通报不存在或尚未发布')
  return toPublic(b)
}

/* ---------------------------------------------------------------- 工作提示函 */

export async function bulletinLetters(input: In<'supervision.bulletinLetters'>, ctx: Ctx): Promise<Page<BulletinLetter>> {
  const held = [...new Set(placesHeld(ctx).map((p) => p.id))]
  if (!ctx.isTown && held.length === 0) return { items: [], next: null }
  const filter = { ...(ctx.isTown ? {} : { placeId: ctx.store.op.in(held) }), ...(input.month ? { month: input.month } : {}) }
  const page = await offsetPage(input, (skip, limit) => ctx.store.find<BulletinLetterDoc>(C.bulletin_letters, filter, { sort: [['issuedAt', 'desc']], skip, limit }))
  return mapPage(page, (rows) => rows.map((l) => toLetter(l, holdsPlace(ctx, l.placeKind, l.placeId))))
}

export async function answerBulletinLetter(input: In<'supervision.answerBulletinLetter'>, ctx: Ctx): Promise<BulletinLetter> {
  const now = ctx.now()
  let out: BulletinLetterDoc | null = null
  await updateAudited<BulletinLetterDoc>(ctx, C.bulletin_letters, input.letterId, 'bulletin_letter', 'answer', (cur) => {
    if (!cur) return fail('NOT_FOUND', '提示函不存在')
    if (!holdsPlace(ctx, cur.placeKind, cur.placeId)) fail('FORBIDDEN', '只能答复发给本村居（本单位）的提示函')
    if (cur.answer !== null) fail('CONFLICT', '该提示函已答复')
    const patch = { answer: input.answer, answeredAt: now, answeredBy: ctx.userId, answeredByName: ctx.user?.name ?? '' }
    out = { ...cur, ...patch }
    return { patch, detail: { answer: input.answer } }
  })
  return toLetter(out as unknown as BulletinLetterDoc, true)
}
