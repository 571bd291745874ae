/** 评选: create/edit, list and detail with live counts, nomination and its review, close (counts frozen), winners → board. */
import type { ActionName, CandidateReview, HonourBoardDetail, Page, ParsedInputOf, SelectionDetail, SelectionSummary } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C, TOWN_ID } from '../../_shared/collections'
import { auditEntry, insertAudited, updateAudited } from '../../_shared/audit'
import { iso, type TownDoc } from '../../_shared/docs'
import { fail, isDuplicateKeyError, unlessDuplicate } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { keyedId, newId } from '../../_shared/ids'
import { mapPage, offsetPage } from '../../_shared/paging'
import { prefetchedDoc, prefetchedOne, withPrefetch, type PrefetchPlan } from '../../_shared/prefetch'
import { takeDailySlot } from '../../_shared/safeguards'
import { checkPhotos, checkText } from '../../_shared/security'
import { chinaDay } from '@/domain/china-time'
import { byRank, closedAtOf, decide, decideCandidate, myBallotOf, noticeEndsAtOf, type BallotCounts, type SelectionStep } from '@/domain/selection-flow'
import { mayManage, maySee, requireManage, scopesOf } from '../access'
import { TOWN_SCOPE, type BoardDoc, type CandidateDoc, type SelectionDoc } from '../docs'
import { findCandidate, findCandidates, findSelections, prefetchSelectionWithTally, requireBoard, requireCandidate, requireSelection, scopeOf } from '../repo'
import { ballotIdOf, periodKey } from '../rules'
import { ballotCountsOf, ballotField, counted, emptyTally, freezeVotes, freezeVotesWithTally, liveTally, requireTally, tallyOf, votingClosed, type Tally, type TallyView } from '../tally'
import { toCandidate, toReview, toSelectionSummary } from '../view'
import { detailOf, publishChange, publishDraft } from './boards'

type In<A extends ActionName> = ParsedInputOf<A>

/** Approved candidates shown on a selection's page (a selection has far fewer). */
const MAX_CANDIDATES = 200

/** The limits myBallot is read against once voting has closed: no vote left. */
const NO_VOTES_LEFT = { votesPerDay: 0, votesTotal: 0 }

export async function selections(input: In<'honour.selections'>, ctx: Ctx): Promise<Page<SelectionSummary>> {
  const page = await offsetPage(input, (skip, limit) => findSelections(ctx.store, scopesOf(ctx), skip, limit))
  const now = ctx.now()
  return mapPage(page, (rows) => rows.map((s) => toSelectionSummary(s, now)))
}

/** The lifecycle's word on `step` now (src/domain/selection-flow.ts): refused → its error; `again` = already done. */
function requireStep(ctx: Ctx, s: SelectionDoc, step: SelectionStep, now: Date): { again: boolean } {
  const d = decide(s, step, { manages: mayManage(ctx, s.villageId) }, now)
  return d.ok ? d : fail(d.code, d.message)
}

async function visibleSelection(ctx: Ctx, id: string): Promise<SelectionDoc> {
  const s = await requireSelection(ctx.store, id)
  if (!maySee(ctx, s.villageId)) fail('NOT_FOUND', '没有找到这项评选')
  return s
}

/** Approved candidates by stored `votes` (the final order once frozen, which then serves `limit`): one request. */
function approvedCandidates(ctx: Ctx, s: SelectionDoc, limit: number): Promise<CandidateDoc[]> {
  return ctx.store.find<CandidateDoc>(
    C.selection_candidates,
    { selectionId: s._id, status: 'approved' },
    {
      sort: [
        ['votes', 'desc'],
        ['approvedAt', 'asc']
      ],
      limit: s.votesFrozenAt ? limit : MAX_CANDIDATES
    }
  )
}

/**
 * Approved candidates with their counts in `votes`, most first (ties: earlier approval first): two
 * requests whatever the number of candidates — the candidates and, while the counts are live, the
 * tally's counts (tally.ts); once frozen, the stored order serves `limit`.
 */
async function ranking(ctx: Ctx, s: SelectionDoc, limit = MAX_CANDIDATES): Promise<CandidateDoc[]> {
  const [rows, tally] = await Promise.all([approvedCandidates(ctx, s, limit), liveTally(ctx.store, s, ctx.now())])
  return ranked(rows, tally, limit)
}

/**
 * Approved candidates read beforehand (with the caller's profile, unsorted) ranked with their counts:
 * as `ranking` gives them, without its requests (a selection has far fewer than MAX_CANDIDATES).
 */
function ranked(rows: CandidateDoc[], tally: Tally, limit = MAX_CANDIDATES): CandidateDoc[] {
  return rows
    .map((c) => counted(c, tally))
    .sort(byRank)
    .slice(0, limit)
}

/**
 * The selection's counts (null once frozen) and the caller's ballot, from its tally: `seen` when it
 * came with the caller's profile, else read (one request; a legacy selection's is built first, closed
 * when its voting has closed). No ballot once the tally is closed (the close deletes the ballots):
 * the page then offers no vote, and myBallot says nothing is left.
 */
async function standingOf(ctx: Ctx, s: SelectionDoc, seen: TallyView | null | undefined): Promise<{ tally: Tally; ballot: BallotCounts | null }> {
  const key = ballotIdOf(s._id, ctx.userId)
  const now = ctx.now()
  const doc = seen ?? (await requireTally(ctx.store, s._id, ['closed', 'counts', ballotField(key)], votingClosed(s, now)))
  return { tally: s.votesFrozenAt ? null : tallyOf(doc), ballot: ballotCountsOf(doc.ballots?.[key], chinaDay(now)) }
}

/**
 * `seen`: the selection's tally (its counts and the caller's ballot) when it was read already (null:
 * there is none yet); `rows`: the ranking when it is known already (a new selection has no candidates).
 */
export async function detail(ctx: Ctx, s: SelectionDoc, seen?: TallyView | null, rows?: CandidateDoc[]): Promise<SelectionDetail> {
  const now = ctx.now()
  const [standing, found] = await Promise.all([standingOf(ctx, s, seen), rows ?? approvedCandidates(ctx, s, MAX_CANDIDATES)])
  return detailWith(ctx, s, rows ?? ranked(found, standing.tally), standing.ballot, now)
}

async function detailWith(ctx: Ctx, s: SelectionDoc, rows: CandidateDoc[], ballot: BallotCounts | null, now: Date): Promise<SelectionDetail> {
  const urls = await tempUrls(rows.map((c) => c.photo ?? ''))
  const closed = closedAtOf(s, now)
  return {
    ...toSelectionSummary(s, now),
    rules: s.rules,
    votesPerDay: s.votesPerDay,
    votesTotal: s.votesTotal,
    noticeDays: s.noticeDays,
    closedAt: iso(closed),
    noticeEndsAt: iso(noticeEndsAtOf(s, now)),
    boardId: s.boardId,
    candidates: rows.map((c, i) => toCandidate(c, i + 1, closed !== null && i < s.winners, urls)),
    // voting closed: nothing left to vote (the ballot itself is gone once the tally is closed)
    myBallot: myBallotOf(ballot, closed ? NO_VOTES_LEFT : s, chinaDay(now)),
    canManage: mayManage(ctx, s.villageId)
  }
}

/** The selection and its tally (the counts and the caller's ballot) come with the caller's profile (one request); then the candidates (one). */
export const selection = withPrefetch<'honour.selection'>(
  (input, { userId }) => prefetchSelectionWithTally(input.selectionId, ballotIdOf(input.selectionId, userId)),
  async (input, ctx) => {
    const s = prefetchedDoc<SelectionDoc>(ctx, 'selection')
    if (s === undefined) return detail(ctx, await visibleSelection(ctx, input.selectionId))
    if (!s || !maySee(ctx, s.villageId)) return fail('NOT_FOUND', '没有找到这项评选')
    return detail(ctx, s, prefetchedDoc<TallyView>(ctx, 'tally'))
  }
)

/**
 * The selection's place (the village, or the town) and, for an edit, the selection and its tally (the
 * counts and the caller's ballot) come with the caller's profile (one request); the transaction reads
 * the selection again.
 */
export const saveSelection = withPrefetch<'honour.saveSelection'>(
  (input, { userId }) => ({
    place: input.villageId === null ? { coll: C.towns, match: { _id: TOWN_ID } } : { coll: C.villages, match: { _id: input.villageId, townId: TOWN_ID } },
    ...(input.id ? prefetchSelectionWithTally(input.id, ballotIdOf(input.id, userId)) : {})
  }),
  saveSelectionFor
)

/** The scope of a new selection from the prefetched village or town (scopeOf's answer), else read. */
async function placeOf(ctx: Ctx, villageId: string | null): Promise<{ scope: string; scopeName: string }> {
  const doc = prefetchedDoc<{ _id: string; name: string }>(ctx, 'place')
  if (doc === undefined) return scopeOf(ctx.store, villageId)
  if (villageId === null) return { scope: TOWN_SCOPE, scopeName: doc?.name ?? '本镇' }
  return doc ? { scope: doc._id, scopeName: doc.name } : fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
}

async function saveSelectionFor(input: In<'honour.saveSelection'>, ctx: Ctx): Promise<SelectionDetail> {
  requireManage(ctx, input.villageId)
  const now = ctx.now()
  const id = input.id
  const [place, existing] = await Promise.all([
    placeOf(ctx, input.villageId),
    id ? prefetchedOne<SelectionDoc>(ctx, 'selection', () => ctx.store.findOne<SelectionDoc>(C.selections, { _id: id })).then((x) => x ?? fail('NOT_FOUND', '没有找到这项评选')) : Promise.resolve(null)
  ])
  if (existing && existing.villageId !== input.villageId) fail('INVALID_INPUT', '评选不属于该村（居）', { villageId: '评选不属于该村（居）' })
  if (existing) requireStep(ctx, existing, 'edit', now)
  await checkText(ctx.openid, [input.title, input.rules])
  const fields = {
    title: input.title,
    rules: input.rules,
    category: input.category,
    nominateFrom: new Date(input.nominateFrom),
    nominateTo: new Date(input.nominateTo),
    voteFrom: new Date(input.voteFrom),
    voteTo: new Date(input.voteTo),
    votesPerDay: input.votesPerDay,
    votesTotal: input.votesTotal,
    noticeDays: input.noticeDays,
    winners: input.winners,
    updatedAt: now
  }
  let doc: SelectionDoc
  if (existing) {
    doc = { ...existing, ...fields }
    await updateAudited<SelectionDoc>(ctx, C.selections, existing._id, 'selection', 'update', (cur) =>
      cur && new Date(cur.voteFrom).getTime() === new Date(existing.voteFrom).getTime() ? { patch: fields, detail: { title: doc.title } } : fail('CONFLICT', '评选刚被他人修改，请刷新后再试')
    )
  } else {
    doc = { _id: newId('sel'), villageId: input.villageId, ...place, ...fields, closedAt: null, votesFrozenAt: null, boardId: null, createdAt: now, createdBy: ctx.userId }
    // the selection, its tally (nothing counted yet) and the audit entry: one transaction
    const tally = emptyTally(doc._id)
    await insertAudited(ctx, C.selections, doc, 'selection', 'create', { title: doc.title }, [{ coll: C.selection_tallies, doc: tally }])
    // a new selection has no candidates and nobody has a ballot in it yet
    return detail(ctx, doc, tally, [])
  }
  return detail(ctx, doc, prefetchedDoc<TallyView>(ctx, 'tally'))
}

/** A keyed nomination's id: a retry (same person, same key) has the same one. */
const keyedCandidateId = (userId: string, key: string) => keyedId('cand', userId, key)

/** The nomination a keyed retry already made comes with the caller's profile (../../_shared/prefetch.ts): no extra request. */
export const nominate = withPrefetch<'honour.nominate'>(
  (input, caller): PrefetchPlan => (input.clientKey ? { again: { coll: C.selection_candidates, match: { _id: keyedCandidateId(caller.userId, input.clientKey) } } } : {}),
  nominateFor
)

async function nominateFor(input: In<'honour.nominate'>, ctx: Ctx): Promise<CandidateReview> {
  const s = await visibleSelection(ctx, input.selectionId)
  // A retry answers the nomination already made — even once nominating has closed meanwhile —
  // without taking a second slot of the daily cap.
  const candidateId = input.clientKey ? keyedCandidateId(ctx.userId, input.clientKey) : newId('cand')
  const again = input.clientKey ? await prefetchedOne(ctx, 'again', () => findCandidate(ctx.store, candidateId)) : null
  if (again) return shownAgain(again, ctx, s._id)
  const now = ctx.now()
  requireStep(ctx, s, 'nominate', now)
  // The nominator's daily cap, before the content check spends its quota; the slot stays taken if the nomination then fails.
  await takeDailySlot(ctx.store, ctx.userId, 'nomination', now)
  const [textVerdict, checked] = await Promise.all([checkText(ctx.openid, [input.name, input.story]), checkPhotos(input.photo ? [input.photo] : [], [])])
  const verdict = textVerdict === 'pass' && checked.verdict === 'pass' ? 'pass' : 'review'
  const [photo] = await checked.keep()
  const doc: CandidateDoc = {
    _id: candidateId,
    selectionId: s._id,
    subject: input.subject,
    name: input.name,
    userId: input.userId ?? null,
    story: input.story,
    photo: photo ?? null,
    status: 'pending',
    reason: null,
    contentCheck: verdict,
    votes: 0,
    nominatedBy: ctx.userId,
    nominatedAt: now,
    reviewedBy: null,
    reviewedAt: null,
    approvedAt: null
  }
  // two taps of one retry at once: the second insert meets the first one's id
  if (!(await unlessDuplicate(() => ctx.store.insert(C.selection_candidates, doc)))) {
    const first = await findCandidate(ctx.store, candidateId)
    return first ? shownAgain(first, ctx, s._id) : fail('CONFLICT', '提名正在提交，请稍后刷新查看')
  }
  const urls = await tempUrls(doc.photo ? [doc.photo] : [])
  return toReview(doc, urls)
}

/** The nomination a keyed retry already made (its id comes from the nominator and the key), as the first call answered it. */
async function shownAgain(c: CandidateDoc, ctx: Ctx, selectionId: string): Promise<CandidateReview> {
  if (c.selectionId !== selectionId || c.nominatedBy !== ctx.userId) fail('CONFLICT', '提交编号已用于另一次提名，请刷新后再试')
  return toReview(c, await tempUrls(c.photo ? [c.photo] : []))
}

export async function candidates(input: In<'honour.candidates'>, ctx: Ctx): Promise<Page<CandidateReview>> {
  const s = await requireSelection(ctx.store, input.selectionId)
  requireManage(ctx, s.villageId)
  const page = await offsetPage(input, (skip, limit) => findCandidates(ctx.store, s._id, input.status, skip, limit))
  return mapPage(page, async (items) => {
    const approved = items.filter((c) => c.status === 'approved').map((c) => c._id)
    const [urls, tally] = await Promise.all([tempUrls(items.map((c) => c.photo ?? '')), liveTally(ctx.store, s, ctx.now(), approved)])
    return items.map((c) => toReview(counted(c, tally), urls))
  })
}

export async function reviewCandidate(input: In<'honour.reviewCandidate'>, ctx: Ctx): Promise<CandidateReview> {
  const c = await requireCandidate(ctx.store, input.candidateId)
  const s = await requireSelection(ctx.store, c.selectionId)
  const now = ctx.now()
  requireStep(ctx, s, 'review', now)
  // approving what the automatic check could not decide is the town office's look that clears it
  const cleared = input.approve && c.contentCheck === 'review'
  const refused = decideCandidate(c, input.approve, ctx)
  if (!refused.ok && refused.code === 'FORBIDDEN') fail(refused.code, refused.message)
  const patch = input.approve
    ? { status: 'approved' as const, reason: null, reviewedBy: ctx.userId, reviewedAt: now, approvedAt: now, contentCheck: 'pass' as const }
    : { status: 'rejected' as const, reason: input.reason ?? null, reviewedBy: ctx.userId, reviewedAt: now, approvedAt: null }
  const detail = cleared ? { selectionId: s._id, reason: patch.reason, contentReviewed: true } : { selectionId: s._id, reason: patch.reason }
  await updateAudited<CandidateDoc>(ctx, C.selection_candidates, c._id, 'selection_candidate', input.approve ? 'approve' : 'reject', (cur) =>
    cur && decideCandidate(cur, input.approve, ctx).ok ? { patch, detail } : fail('CONFLICT', '这份提名已经审核过了')
  )
  const updated = { ...c, ...patch }
  return toReview(updated, await tempUrls(c.photo ? [c.photo] : []))
}

/**
 * The selection, its tally (for the caller's ballot) and its approved candidates come with the
 * caller's profile (one request). The close is one audited transaction that reads the selection
 * again; the freeze (tally.ts) then closes the tally (deleting its ballots), reads its counts and
 * counts them onto the candidates, and the page's counts are the prefetched candidates with those
 * same counts (what the freeze stored), so the candidates are not read again. A legacy selection
 * (no tally yet) has its tally built closed first, and marked and read once more.
 */
export const closeSelection = withPrefetch<'honour.closeSelection'>(
  (input, { userId }) => ({
    ...prefetchSelectionWithTally(input.selectionId, ballotIdOf(input.selectionId, userId)),
    candidates: { coll: C.selection_candidates, match: { selectionId: input.selectionId, status: 'approved' }, limit: MAX_CANDIDATES }
  }),
  closeSelectionFor
)

async function closeSelectionFor(input: In<'honour.closeSelection'>, ctx: Ctx): Promise<SelectionDetail> {
  const pre = ctx.prefetched?.has('selection') ? ctx.prefetched : null
  const s = pre ? (prefetchedDoc<SelectionDoc>(ctx, 'selection') ?? fail('NOT_FOUND', '没有找到这项评选')) : await requireSelection(ctx.store, input.selectionId)
  const now = ctx.now()
  const known = prefetchedDoc<TallyView>(ctx, 'tally')
  const frozenDetail = async (cur: SelectionDoc) => {
    const { selection, tally } = await freezeVotesWithTally(ctx.store, cur, now, known)
    if (!pre || tally === undefined) return detail(ctx, selection)
    const { ballot } = await standingOf(ctx, selection, known)
    return detailWith(ctx, selection, ranked((pre.get('candidates') ?? []) as CandidateDoc[], tally), ballot, now)
  }
  // already closed (early, or at the end of its window): the counts are frozen if they are not yet
  if (requireStep(ctx, s, 'close', now).again) return frozenDetail(s)
  // closed meanwhile (by another organiser, or this same call a moment ago): nothing to write
  const { read, written } = await updateAudited<SelectionDoc>(ctx, C.selections, s._id, 'selection', 'close', (cur) =>
    cur && !cur.closedAt ? { patch: { closedAt: now, updatedAt: now }, detail: {} } : null
  )
  const cur = read ?? fail('NOT_FOUND', '没有找到这项评选')
  // no vote is taken after the close: the tally's counts are frozen onto the candidates once and for all
  return frozenDetail(written ? { ...cur, closedAt: now, updatedAt: now } : cur)
}

/** The board of a selection has a deterministic id: two concurrent publishes create one board. */
const boardIdOf = (selectionId: string) => `hb_${selectionId}`

/**
 * The winners become a draft board — published at once with `publish` — the board, the selection's
 * link, the audit entries (publishWinners, and publish) in one transaction. The selection, any board
 * made before (its id is the selection's) and the town's name come with the caller's profile; a
 * publish made again finds the board there, one made at the same time makes the board's insert a
 * duplicate and takes the board written first.
 */
export const publishWinners = withPrefetch<'honour.publishWinners'>(
  (input) => ({
    selection: { coll: C.selections, match: { _id: input.selectionId } },
    board: { coll: C.honour_boards, match: { _id: boardIdOf(input.selectionId) } },
    town: { coll: C.towns, match: { _id: TOWN_ID } }
  }),
  async (input, ctx): Promise<HonourBoardDetail> => {
    const s = (await prefetchedOne<SelectionDoc>(ctx, 'selection', () => ctx.store.findOne<SelectionDoc>(C.selections, { _id: input.selectionId }))) ?? fail('NOT_FOUND', '没有找到这项评选')
    const now = ctx.now()
    requireStep(ctx, s, 'publish', now)
    // voting closed (at least its window ended): the results become stored numbers before they are published
    const winners = await ranking(ctx, await freezeVotes(ctx.store, s, now), s.winners)
    if (winners.length === 0) fail('CONFLICT', '没有获评的候选人')
    const closed = closedAtOf(s, now) as Date
    const period = input.period ?? { kind: 'year' as const, year: Number(chinaDay(closed).slice(0, 4)) }
    const place = { scope: s.scope, scopeName: s.scopeName }
    const draft: BoardDoc = {
      _id: boardIdOf(s._id),
      villageId: s.villageId,
      ...place,
      title: s.title,
      period,
      periodKey: periodKey(period),
      status: 'draft',
      entries: winners.map((c) => ({ subject: c.subject, name: c.name, userId: c.userId, category: s.category, story: c.story, photo: c.photo, secStatus: c.photo ? c.contentCheck : 'pass' })),
      entryCount: winners.length,
      selectionId: s._id,
      createdAt: now,
      createdBy: ctx.userId,
      updatedAt: now,
      publishedAt: null,
      publishedBy: null,
      rev: 1
    }
    const there = await prefetchedOne<BoardDoc>(ctx, 'board', () => ctx.store.findOne<BoardDoc>(C.honour_boards, { _id: draft._id }))
    let b = there ?? (await newBoard(ctx, s, draft, input.publish === true))
    if (there && !s.boardId) await ctx.store.updateWhere(C.selections, { _id: s._id }, { boardId: draft._id, updatedAt: now })
    if (input.publish) b = await publishDraft(ctx, b)
    const town = prefetchedDoc<TownDoc>(ctx, 'town')
    return detailOf(ctx, b, town === undefined ? undefined : (town?.name ?? '本镇'))
  }
)

/**
 * Writes the draft board — already published when asked and allowed — with the selection's link and
 * the audit entries in one transaction. A publish that is refused (a photo waiting for review, a text
 * that fails the check) still leaves the draft, as publishing it later would; the refusal follows.
 */
async function newBoard(ctx: Ctx, s: SelectionDoc, draft: BoardDoc, publish: boolean): Promise<BoardDoc> {
  const now = ctx.now()
  let refusal: unknown = null
  const change = publish ? await publishChange(ctx, draft).catch((e: unknown) => void (refusal = e)) : undefined
  const board = change ? { ...draft, ...change.patch } : draft
  try {
    await ctx.store.transaction(async (tx) => {
      // made at the same time by another publish: a duplicate (below)
      await tx.insert(C.honour_boards, board)
      await tx.update(C.selections, s._id, { boardId: draft._id, updatedAt: now })
      await tx.insert(C.audit_log, auditEntry(ctx, 'selection', s._id, 'publishWinners', { boardId: draft._id, winners: draft.entryCount }))
      if (change) await tx.insert(C.audit_log, auditEntry(ctx, 'honour_board', draft._id, 'publish', change.detail))
    })
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    return requireBoard(ctx.store, draft._id)
  }
  if (refusal) throw refusal
  return board
}
