/**
 * Recording a household visit (民情日记). The visit, the problems it files into the loop (代录 for the
 * household: the household head is the reporter, the visitor is named as the one who entered it), the
 * household's mark for the month, the village's month counts and the audit entry are one transaction.
 * The visit's id follows from the recorder and the form's key and the audit entry's from the visit, so
 * a retry (or the same form sent twice at once) finds the first record and files nothing twice.
 */
import { VISIT_BACKDATE_DAYS, type CategoryItem, type ParsedInputOf, type VisitDetail } from '@/contract'
import { chinaDayAfter } from '@/domain/china-time'
import type { Ctx } from '../_shared/router'
import { C } from '../_shared/collections'
import { auditEntry } from '../_shared/audit'
import { chinaDay } from '@/domain/china-time'
import type { UserDoc } from '../_shared/docs'
import { AppError, fail, isDuplicateKeyError, sdkErrorKind } from '../_shared/errors'
import { tempUrls } from '../_shared/files'
import { checkPhotos, checkText, type SecVerdict } from '../_shared/security'
import type { TxStore } from '../_shared/store'
import { prefetchedOne, withPrefetch } from '../_shared/prefetch'
import { prefetchVillageWithGrids, prefetchedVillageWithGrids, villageWithGrids } from '../_shared/villages'
import type { WorkCalendar } from '../_shared/workdays'
import type { HouseholdDoc } from '../deeds/docs'
import { fileInTx, type Filed } from '../reports/filing'
import { reportIdFor } from '../reports/model'
import { loadCalendar, prefetchCalendar, prefetchedCalendar } from '../reports/repo'
import { submitStep } from '../reports/steps'
import { mayPatrolIn, mayVisit } from './access'
import type { PersonDoc, VisitCountsDoc, VisitDoc, VisitMarkDoc, VisitProblemDoc } from './docs'
import { countsKnownOf, enabledCategories, usersByIds, type CountsKnown } from './repo'
import { monthOf, visitCountsIdFor, visitIdFor, visitMarkIdFor } from './rules'
import { toVisitDetail } from './view'

type In = ParsedInputOf<'supervision.recordVisit'>

const WRITE_ATTEMPTS = 8
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt))

export const visitEntryId = (visitId: string) => `${visitId}.record`

async function shown(ctx: Ctx, v: VisitDoc): Promise<VisitDetail> {
  return toVisitDetail(v, ctx, await tempUrls(v.photos))
}

/** The co-visitors, in the order given: staff of the village (its grid workers and admins) or the town office. */
async function coVisitors(ctx: Ctx, ids: string[], villageId: string): Promise<PersonDoc[]> {
  const others = ids.filter((id) => id !== ctx.userId)
  if (others.length === 0) return []
  const users = (ctx.prefetched?.get('others') as UserDoc[] | undefined) ?? (await usersByIds<UserDoc>(ctx.store, others, { _id: true, name: true, grants: true }))
  const byId = new Map(users.map((u) => [u._id, u]))
  return others.map((id) => {
    const u = byId.get(id)
    if (!u || !mayPatrolIn(u.grants, villageId)) {
      return fail('INVALID_INPUT', `${u?.name ?? '所选人员'}不是本村（居）的网格员、管理员或镇创建办人员`, { coVisitorIds: '同行人员不正确' })
    }
    return { userId: u._id, name: u.name }
  })
}

function checkDate(date: string, now: Date): void {
  if (date > chinaDay(now)) fail('INVALID_INPUT', '走访日期不能晚于今天', { date: '走访日期不能晚于今天' })
  if (date < chinaDayAfter(now, -VISIT_BACKDATE_DAYS)) fail('INVALID_INPUT', `只能补记 ${VISIT_BACKDATE_DAYS} 天内的走访`, { date: `只能补记 ${VISIT_BACKDATE_DAYS} 天内的走访` })
}

interface Household {
  doc: HouseholdDoc
  head: UserDoc | null
  villageName: string
  grid: { _id: string; name: string } | null
}

async function requireHousehold(ctx: Ctx, input: In): Promise<Household> {
  const doc = await prefetchedOne<HouseholdDoc>(ctx, 'household', () => ctx.store.findOne<HouseholdDoc>(C.households, { _id: input.householdId }))
  if (!doc || doc.villageId !== input.villageId) return fail('NOT_FOUND', '没有找到这个家庭')
  // (the village prefetched is the input's, which is the household's)
  const known = prefetchedVillageWithGrids(ctx)
  const [found, head] = await Promise.all([
    known === undefined ? villageWithGrids(ctx.store, doc.villageId) : known,
    prefetchedOne<UserDoc>(ctx, 'head', () => ctx.store.findOne<UserDoc>(C.users, { _id: doc.headUserId }))
  ])
  if (!found) return fail('NOT_FOUND', '没有找到这个家庭')
  // the household's grid is its head's, while the head lives in the household's village
  const grid = head && head.villageId === doc.villageId ? (found.grids.find((g) => g._id === head.gridId) ?? null) : null
  return { doc, head, villageName: found.village.name, grid: grid ? { _id: grid._id, name: grid.name } : null }
}

/** The visit's checked photos (the evidence a filed problem carries) and their verdict. */
interface VisitPhotos {
  kept: string[]
  verdict: SecVerdict
}

/**
 * A problem 转问题 as a report of the household (its head the reporter, 代录 by the visitor), linked to
 * the visit. It carries what a report needs: the visit's photos (as reports.create asks for one), the
 * place as text (the address given, else the household's village and grid) and a description of at
 * least the length reports.create asks for (checked by the input schema).
 */
function fileProblem(
  h: Household,
  head: UserDoc,
  visitId: string,
  i: number,
  p: NonNullable<In['problems']>[number],
  categoryName: string,
  textVerdict: SecVerdict,
  photos: VisitPhotos,
  ctx: Ctx,
  now: Date,
  calendar: WorkCalendar
): Filed {
  // ":" keeps it apart from every key the head can send to reports.create (its pattern has no ":")
  const clientKey = `visit:${visitId}:${i}`
  const { report, event } = submitStep(
    {
      id: reportIdFor(head._id, clientKey),
      clientKey,
      source: 'resident',
      category: { code: p.category as string, name: categoryName, enabled: true },
      description: p.text,
      photos: photos.kept,
      location: null,
      address: p.address ?? `${h.villageName}${h.grid ? ` ${h.grid.name}` : ''}`,
      village: { _id: h.doc.villageId, name: h.villageName },
      grid: h.grid,
      reporter: { id: head._id, openid: head.openid, name: head.name, phone: head.phone, as: 'resident' },
      anonymous: false,
      secStatus: textVerdict === 'pass' && (photos.kept.length === 0 || photos.verdict === 'pass') ? 'pass' : 'review'
    },
    now,
    calendar
  )
  // the household head is the reporter; the one who entered it is the visitor, and the event says so
  const byRole = ctx.isTown ? 'town_admin' : ctx.roles.includes('village_admin') ? 'village_admin' : 'grid_worker'
  const byName = ctx.user?.name ?? ''
  return {
    report: { ...report, onBehalf: { byId: ctx.userId, byName, visitId } },
    event: { ...event, by: ctx.userId, byRole, byName, note: '村（居）工作人员入户走访时代录' }
  }
}

/** The month's counts with increments (they exist: 'yes'), inserted ('no') or read and set ('read'); see CountsKnown. */
async function writeVisitCounts(tx: TxStore, known: CountsKnown, id: string, next: Omit<VisitCountsDoc, '_id'>, add: Record<VisitCountField, number>, now: Date): Promise<boolean> {
  if (known === 'no') {
    await tx.insert(C.visit_counts, { _id: id, ...next })
    return true
  }
  if (known !== 'yes') return false
  const patch: Record<string, unknown> = { updatedAt: now }
  for (const [k, n] of Object.entries(add)) if (n) patch[k] = tx.op.inc(n)
  return (await tx.update(C.visit_counts, id, patch).catch((e: unknown) => (sdkErrorKind(e) === 'missing' ? 0 : Promise.reject(e)))) > 0
}

type VisitCountField = 'visits' | 'visited' | 'problemsRaised' | 'solvedOnSite' | 'filed'

async function countVisit(tx: TxStore, v: VisitDoc, now: Date, counts: CountsKnown): Promise<void> {
  const markId = visitMarkIdFor(v.householdId, v.month)
  const mark = await tx.get<VisitMarkDoc>(C.visit_marks, markId)
  const later = !mark || v.date >= mark.lastDate
  const nextMark: Omit<VisitMarkDoc, '_id'> = {
    householdId: v.householdId,
    villageId: v.villageId,
    month: v.month,
    visits: (mark?.visits ?? 0) + 1,
    lastDate: later ? v.date : (mark as VisitMarkDoc).lastDate,
    lastVisitId: later ? v._id : (mark as VisitMarkDoc).lastVisitId,
    updatedAt: now
  }
  await tx.set(C.visit_marks, markId, nextMark)
  const countsId = visitCountsIdFor(v.villageId, v.month)
  const solved = v.problems.filter((p) => p.outcome === 'solved').length
  const add: Record<VisitCountField, number> = { visits: 1, visited: mark ? 0 : 1, problemsRaised: v.problems.length, solvedOnSite: solved, filed: v.problems.length - solved }
  const fresh: Omit<VisitCountsDoc, '_id'> = { villageId: v.villageId, month: v.month, ...add, updatedAt: now }
  if (await writeVisitCounts(tx, counts, countsId, fresh, add, now)) return
  const cur = await tx.get<VisitCountsDoc>(C.visit_counts, countsId)
  const next: Omit<VisitCountsDoc, '_id'> = { ...fresh }
  for (const k of Object.keys(add) as VisitCountField[]) next[k] = (cur?.[k] ?? 0) + add[k]
  await tx.set(C.visit_counts, countsId, next)
}

/** The household and, when problems are filed, the categories; refuses a household outside the caller's scope. */
async function loadChecked(ctx: Ctx, input: In, filing: boolean): Promise<{ h: Household; categories: Map<string, CategoryItem> }> {
  const [h, categories] = await Promise.all([requireHousehold(ctx, input), filing ? enabledCategories(ctx.store) : Promise.resolve(new Map<string, CategoryItem>())])
  if (!mayVisit(ctx, h.doc.villageId, h.grid?._id ?? null)) fail('FORBIDDEN', '只能走访本网格（本村居）的家庭')
  ;(input.problems ?? []).forEach((p, i) => {
    if (p.outcome === 'report' && !categories.has(p.category as string)) fail('INVALID_INPUT', `第 ${i + 1} 个问题的类别不存在或已停用`, { [`problems.${i}.category`]: '问题类别不存在或已停用' })
  })
  if (filing && !h.head) fail('INVALID_INPUT', '这个家庭没有登记户主，不能转为问题，请先完善家庭档案')
  return { h, categories }
}

/** Each problem as the visit keeps it; those to file become reports (built, not yet written). */
function planProblems(
  ctx: Ctx,
  input: In,
  h: Household,
  categories: Map<string, CategoryItem>,
  id: string,
  textVerdict: SecVerdict,
  photos: VisitPhotos,
  calendar: WorkCalendar | null,
  now: Date
): { problemDocs: VisitProblemDoc[]; filed: Filed[] } {
  const filed: Filed[] = []
  const problemDocs: VisitProblemDoc[] = (input.problems ?? []).map((p, i) => {
    const base: VisitProblemDoc = { text: p.text, outcome: p.outcome, done: p.done ?? null, category: null, categoryName: null, reportId: null, reportNo: null }
    if (p.outcome === 'solved') return base
    const categoryName = categories.get(p.category as string)?.name ?? (p.category as string)
    // the report carries the problem and the visit's photos, never the visit's notes: their checks decide whether it may be shown
    const one = fileProblem(h, h.head as UserDoc, id, i, p, categoryName, textVerdict, photos, ctx, now, calendar as WorkCalendar)
    filed.push(one)
    return { ...base, category: p.category as string, categoryName, reportId: one.report._id }
  })
  return { problemDocs, filed }
}

/** The visit, its reports, its audit entry and its counts in one transaction; a lost race answers with the first visit. */
async function writeVisit(ctx: Ctx, visit: VisitDoc, filed: Filed[], now: Date, counts: CountsKnown): Promise<VisitDetail> {
  const id = visit._id
  for (let attempt = 1; ; attempt++) {
    try {
      const written = await ctx.store.transaction(async (tx) => {
        await tx.insert(C.audit_log, {
          _id: visitEntryId(id),
          ...auditEntry(ctx, 'visit', id, 'record', { householdId: visit.householdId, date: visit.date, visitors: visit.visitorIds, problems: visit.problems.length, filed: filed.length })
        })
        const numbers = new Map((await fileInTx(tx, filed)).map((r) => [r._id, r.no]))
        const doc: VisitDoc = { ...visit, problems: visit.problems.map((p) => (p.reportId ? { ...p, reportNo: numbers.get(p.reportId) ?? null } : p)) }
        await tx.insert(C.visits, doc)
        // a retry reads the counts in its transaction: what was prefetched may be out of date
        await countVisit(tx, doc, now, attempt === 1 ? counts : 'read')
        return doc
      })
      return await shown(ctx, written)
    } catch (e) {
      // the same form recorded meanwhile, or another write took the report number or the counts
      const lost = isDuplicateKeyError(e) || (e instanceof AppError && e.code === 'CONFLICT')
      if (!lost || attempt >= WRITE_ATTEMPTS) throw e
      const first = await ctx.store.findOne<VisitDoc>(C.visits, { _id: id })
      if (first) return shown(ctx, first)
      await pause(attempt)
    }
  }
}

/**
 * The form's visit (a retry finds it), the household with its head, the village with its grids, the
 * co-visitors, the calendar (when filing) and the month's counts come with the caller's profile
 * (../_shared/prefetch.ts): one request. The household's month mark decides and is read in the transaction.
 */
export const recordVisit = withPrefetch<'supervision.recordVisit'>((input, caller) => {
  const others = (input.coVisitorIds ?? []).filter((id) => id !== caller.userId)
  const filing = (input.problems ?? []).some((p) => p.outcome === 'report')
  return {
    again: { coll: C.visits, match: { _id: visitIdFor(caller.userId, input.key) } },
    household: { coll: C.households, match: { _id: input.householdId }, omit: ['memberIds'] },
    head: { coll: C.users, match: {}, join: { key: 'household', field: 'headUserId', on: '_id' } },
    ...prefetchVillageWithGrids(input.villageId),
    ...(others.length ? { others: { coll: C.users, match: { _id: caller.op.in(others) }, limit: others.length } } : {}),
    ...(filing ? { calendar: prefetchCalendar(caller.op, caller.now) } : {}),
    counts: { coll: C.visit_counts, match: { _id: visitCountsIdFor(input.villageId, monthOf(input.date)) } }
  }
}, record)

async function record(input: In, ctx: Ctx): Promise<VisitDetail> {
  const now = ctx.now()
  checkDate(input.date, now)
  const id = visitIdFor(ctx.userId, input.key)
  const again = await prefetchedOne<VisitDoc>(ctx, 'again', () => ctx.store.findOne<VisitDoc>(C.visits, { _id: id }))
  if (again) return shown(ctx, again)
  const problems = input.problems ?? []
  const filing = problems.some((p) => p.outcome === 'report')
  const { h, categories } = await loadChecked(ctx, input, filing)
  const others = await coVisitors(ctx, input.coVisitorIds ?? [], h.doc.villageId)
  const texts = [input.situation, input.suggestions, input.issues, ...problems.flatMap((p) => [p.text, p.done, p.address])]
  const [textVerdict, checked, calendar] = await Promise.all([
    checkText(ctx.openid, texts),
    checkPhotos([...new Set(input.photos ?? [])], [ctx.openid, ctx.userId]),
    filing ? (prefetchedCalendar(ctx) ?? loadCalendar(ctx.store, now)) : Promise.resolve(null)
  ])
  const photos = [...new Set(await checked.keep())]
  const secStatus: SecVerdict = textVerdict === 'pass' && checked.verdict === 'pass' ? 'pass' : 'review'
  const { problemDocs, filed } = planProblems(ctx, input, h, categories, id, textVerdict, { kept: photos, verdict: checked.verdict }, calendar, now)
  const me: PersonDoc = { userId: ctx.userId, name: ctx.user?.name ?? '' }
  const visitors = [me, ...others]
  const visit: VisitDoc = {
    _id: id,
    key: input.key,
    villageId: h.doc.villageId,
    villageName: h.villageName,
    gridId: h.grid?._id ?? null,
    gridName: h.grid?.name ?? null,
    householdId: h.doc._id,
    householdName: h.doc.name,
    date: input.date,
    month: monthOf(input.date),
    visitorIds: visitors.map((x) => x.userId),
    visitors,
    situation: input.situation,
    suggestions: input.suggestions ?? null,
    issues: input.issues ?? null,
    problems: problemDocs,
    photos,
    secStatus,
    createdAt: now,
    createdBy: ctx.userId,
    createdByName: me.name
  }
  return writeVisit(ctx, visit, filed, now, countsKnownOf(ctx))
}
