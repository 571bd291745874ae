/**
 * Submitting a patrol: the whole patrol (drafted on the phone, offline if need be) arrives once, with
 * the draft's key. Each failed item becomes a problem in the loop (source 督导, linked to the patrol
 * and the item) — unless an open problem of its village and category lies within 50 m, which is
 * linked instead (the village's open problems come with the patrol in one request, loadForSubmit).
 * The patrol's record, its problems, the day's counts and the closing audit entry are one transaction;
 * the audit entry's id is the patrol round's, so two submissions (the same draft sent twice at once,
 * or two patrollers), a cancellation and the 缺巡 job can never all close it: one wins, the others
 * find the patrol closed.
 */
import { PATROL_LINK_METRES, type ParsedInputOf, type PatrolDetail, type Role } from '@/contract'
import type { Ctx } from '../_shared/router'
import { C } from '../_shared/collections'
import { auditEntry } from '../_shared/audit'
import { chinaDay } from '@/domain/china-time'
import { AppError, fail, isDuplicateKeyError } from '../_shared/errors'
import { tempUrls } from '../_shared/files'
import { checkPhotos, checkText, type SecVerdict } from '../_shared/security'
import type { Store, TxStore } from '../_shared/store'
import { endOfChinaDay, type WorkCalendar } from '../_shared/workdays'
import type { EventDoc, ReportDoc } from '../reports/docs'
import { fileInTx, type Filed } from '../reports/filing'
import { distanceM, eventIdFor, lngLatOf, OPEN_STATUSES, reportIdFor } from '../reports/model'
import { submitStep } from '../reports/steps'
import { maySubmit, requireSee } from './access'
import type { ItemDoc, PatrolDoc, ResultDoc } from './docs'
import { incCounts, loadForSubmit, openReportsNear, requirePatrol, type CountChange, type OpenProblem } from './repo'
import { closeEntryId, lateEntryId, scoreOf } from './rules'
import { toDetail } from './view'

type In = ParsedInputOf<'supervision.submitPatrol'>
type ResultInput = In['results'][number]
type LngLat = [number, number]

/** Attempts when other reports race for the year's number counter (each waits a random moment, longer each time). */
const WRITE_ATTEMPTS = 8
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * attempt))
/** (Villages with more open problems than come with the patrol) one geo query finds the open problems near every failure when they lie this close together; farther apart, one query each. */
const ONE_QUERY_SPREAD_M = 3000
const NEAR_ROWS = 100

interface Failure {
  item: ItemDoc
  no: number
  result: ResultInput
  at: LngLat
}

interface Existing {
  reportId: string
  reportNo: string
}

/** Checks the submission against the patrol as it stands; returns the patrol when it is already this draft's submission. */
function decide(p: PatrolDoc, input: In, ctx: Ctx, today: string): 'submitted' | 'open' {
  if (p.submitKey !== null) {
    // the key answers with the submission only for the one who sent it: another person's retry learns nothing of it
    if (p.submitKey === input.key && p.submittedBy === ctx.userId) return 'submitted'
    return fail('CONFLICT', `这次巡查已由${p.submittedByName ?? '他人'}提交`)
  }
  if (p.status === 'cancelled') fail('CONFLICT', '这次巡查已取消，无需提交')
  if (!maySubmit(ctx, p)) fail('FORBIDDEN', '只有安排的巡查人员可以提交这次巡查')
  if (p.date > today) fail('CONFLICT', `还没到巡查日期（${p.date}），请当天再提交`)
  if (input.version !== p.version) fail('CONFLICT', '这次巡查的检查项已更新，请刷新后重新填写')
  const keys = new Set(p.items.map((i) => i.key))
  const unknown = input.results.filter((r) => !keys.has(r.itemKey))
  if (unknown.length > 0) fail('INVALID_INPUT', '有检查项不属于这次巡查，请刷新后重新填写', { results: '检查项不正确' })
  const missing = p.items.length - input.results.length
  if (missing > 0) fail('INVALID_INPUT', `还有 ${missing} 项没有填写`, { results: `还有 ${missing} 项没有填写` })
  return 'open'
}

/** For each failure, the open problem of its category nearest to it within 50 m (a failure with none is absent). */
function nearestOpen(failures: Failure[], rows: OpenProblem[]): Map<string, Existing> {
  const out = new Map<string, Existing>()
  for (const f of failures) {
    let best: { d: number; r: OpenProblem } | null = null
    for (const r of rows) {
      const at = lngLatOf(r.location)
      if (r.category !== f.item.category || !at) continue
      const d = distanceM(f.at, at)
      if (d <= PATROL_LINK_METRES && (!best || d < best.d)) best = { d, r }
    }
    if (best) out.set(f.item.key, { reportId: best.r._id, reportNo: best.r.no })
  }
  return out
}

/**
 * The same by geo queries, for a village with more open problems than come with the patrol
 * (loadForSubmit): one query when the failures lie close together, else one per failure.
 */
async function openProblemsNear(store: Store, villageId: string, failures: Failure[]): Promise<Map<string, Existing>> {
  if (failures.length === 0) return new Map()
  const query = (at: LngLat, radius: number, categories: string[], limit: number) => openReportsNear(store, villageId, at, radius, categories, OPEN_STATUSES, limit)
  const centre: LngLat = [failures.reduce((s, f) => s + f.at[0], 0) / failures.length, failures.reduce((s, f) => s + f.at[1], 0) / failures.length]
  const spread = Math.max(...failures.map((f) => distanceM(centre, f.at)))
  let rows: ReportDoc[] | null = null
  if (spread <= ONE_QUERY_SPREAD_M) {
    rows = await query(centre, spread + PATROL_LINK_METRES, [...new Set(failures.map((f) => f.item.category))], NEAR_ROWS)
    // a full page may have left out a problem near one failure but far from the centre
    if (rows.length >= NEAR_ROWS) rows = null
  }
  if (rows === null) rows = (await Promise.all(failures.map((f) => query(f.at, PATROL_LINK_METRES, [f.item.category], 5)))).flat()
  return nearestOpen(failures, rows)
}

function reporterRole(ctx: Ctx, villageId: string): Role {
  if (ctx.isTown) return 'town_admin'
  return (ctx.user?.grants ?? []).some((g) => g.role === 'grid_worker' && g.villageId === villageId) ? 'grid_worker' : 'village_admin'
}

/** A failure linked to an open problem already in the loop: the problem's timeline records it (督导巡查再次发现). */
interface Recurrence {
  reportId: string
  no: number
  /** The failure's photos that passed the content check. */
  photos: string[]
}

interface Plan {
  results: ResultDoc[]
  filed: Filed[]
  created: number
  linked: number
  recurred: Recurrence[]
}

/** A failed item filed as a new 督导 problem (built by the loop's own submitStep), linked to the patrol and the item. */
function fileFailure(p: PatrolDoc, f: Failure, kept: string[], secStatus: SecVerdict, ctx: Ctx, now: Date, calendar: WorkCalendar): Filed {
  // ":" keeps it apart from every key a person can send to reports.create (its pattern has no ":")
  const clientKey = `patrol:${p._id}:${p.round}:${f.item.key}`
  const { report, event } = submitStep(
    {
      id: reportIdFor(ctx.userId, clientKey),
      clientKey,
      source: 'inspection',
      category: { code: f.item.category, name: f.item.categoryName, enabled: true },
      description: `督导巡查（${p.templateName}）第${f.no}项不合格：${f.item.text}。${f.result.note ?? ''}`,
      photos: [...new Set(kept)],
      location: new ctx.store.db.Geo.Point(f.at[0], f.at[1]),
      address: f.result.address ?? `${p.villageName}${p.gridName ?? ''}`,
      village: { _id: p.villageId, name: p.villageName },
      grid: p.gridId ? { _id: p.gridId, name: p.gridName ?? '' } : null,
      reporter: { id: ctx.userId, openid: ctx.openid, name: ctx.user?.name ?? '', phone: ctx.user?.phone ?? null, as: reporterRole(ctx, p.villageId) },
      anonymous: false,
      secStatus
    },
    now,
    calendar
  )
  return { report: { ...report, patrol: { patrolId: p._id, itemKey: f.item.key } }, event: { ...event, note: `督导巡查发现（${p.date} ${p.templateName} 第${f.no}项）` } }
}

/**
 * What the submission writes: each failure linked to an open problem near it (one already in the
 * loop, or one this patrol files for an earlier item of the same category), or filed as a new one.
 */
function plan(
  p: PatrolDoc,
  input: In,
  failures: Failure[],
  near: Map<string, Existing>,
  photos: Map<string, { kept: string; verdict: SecVerdict }>,
  textVerdict: SecVerdict,
  ctx: Ctx,
  now: Date,
  calendar: WorkCalendar
): Plan {
  const byKey = new Map(input.results.map((r) => [r.itemKey, r]))
  const failureOf = new Map(failures.map((f) => [f.item.key, f]))
  // problems filed by this submission: numbered in the transaction, the results learn the numbers there
  const filedHere: Array<{ at: LngLat; category: string; existing: Existing }> = []
  const filed: Filed[] = []
  const recurred: Recurrence[] = []
  let linked = 0
  const results = p.items.map((item): ResultDoc => {
    const r = byKey.get(item.key) as ResultInput
    const f = failureOf.get(item.key)
    const kept = (r.photos ?? []).map((x) => photos.get(x)?.kept ?? x)
    const base: ResultDoc = {
      itemKey: item.key,
      result: r.result,
      note: r.note ?? null,
      photos: kept,
      location: r.location ? [r.location.lng, r.location.lat] : null,
      address: r.address ?? null,
      reportId: null,
      reportNo: null,
      linked: false
    }
    if (!f) return base
    const inLoop = near.get(item.key)
    const link = inLoop ?? filedHere.find((x) => x.category === item.category && distanceM(x.at, f.at) <= PATROL_LINK_METRES)?.existing
    if (link) {
      linked++
      if (inLoop) recurred.push({ reportId: inLoop.reportId, no: f.no, photos: (r.photos ?? []).filter((x) => photos.get(x)?.verdict === 'pass').map((x) => photos.get(x)?.kept ?? x) })
      return { ...base, reportId: link.reportId, reportNo: link.reportNo, linked: true }
    }
    const secStatus = textVerdict === 'pass' && (r.photos ?? []).every((x) => photos.get(x)?.verdict === 'pass') ? 'pass' : 'review'
    const one = fileFailure(p, f, kept, secStatus, ctx, now, calendar)
    filed.push(one)
    filedHere.push({ at: f.at, category: item.category, existing: { reportId: one.report._id, reportNo: '' } })
    return { ...base, reportId: one.report._id }
  })
  return { results, filed, created: filed.length, linked, recurred }
}

/**
 * Each open problem a failure was linked to gets one event naming the patrol and its items, with the
 * failures' photos: its next event number, so a step taken on it at the same moment (the same number)
 * makes one of the two writes a duplicate, and the submission runs again.
 */
async function recordRecurrences(tx: TxStore, ctx: Ctx, p: PatrolDoc, recurred: Recurrence[], now: Date): Promise<void> {
  const byReport = new Map<string, Recurrence[]>()
  for (const r of recurred) byReport.set(r.reportId, [...(byReport.get(r.reportId) ?? []), r])
  for (const [reportId, list] of byReport) {
    const r = await tx.get<ReportDoc>(C.reports, reportId)
    if (!r) continue
    const seq = r.eventSeq + 1
    const event: EventDoc = {
      _id: eventIdFor(reportId, seq),
      reportId,
      seq,
      at: now,
      by: ctx.userId,
      byRole: reporterRole(ctx, p.villageId),
      byName: ctx.user?.name ?? '',
      action: 'recur',
      from: r.status,
      to: r.status,
      note: `督导巡查再次发现：${p.villageName}${p.gridName ?? ''} ${p.date}「${p.templateName}」第${list.map((x) => x.no).join('、')}项不合格（巡查 ${p._id}）`,
      photos: [...new Set(list.flatMap((x) => x.photos))]
    }
    // one request per event: a transaction allows single-record operations only (no batch add)
    await tx.insert(C.report_events, event)
    await tx.update(C.reports, reportId, { eventSeq: seq, rev: r.rev + 1, updatedAt: now })
  }
}

async function write(ctx: Ctx, p: PatrolDoc, input: In, planned: Plan, now: Date): Promise<PatrolDoc> {
  const score = scoreOf(p.items, input.results)
  // after its day a patrol is late whether or not the job has marked it yet: the outcome never depends on the job's timing
  const marked = p.status === 'missed'
  const late = marked || now.getTime() > endOfChinaDay(p.date).getTime()
  const entryId = marked ? lateEntryId(p._id, p.round) : closeEntryId(p._id, p.round)
  const counted: CountChange = late ? { late: 1, missed: marked ? 0 : 1 } : { done: 1 }
  return ctx.store.transaction(async (tx) => {
    await tx.insert(C.audit_log, {
      _id: entryId,
      ...auditEntry(ctx, 'patrol', p._id, late ? 'submit_late' : 'submit', { key: input.key, score: score.score, findings: score.findings, created: planned.created, linked: planned.linked })
    })
    // every result naming a problem filed here (its own, or an earlier item's it was linked to) learns the number
    const numbers = new Map((await fileInTx(tx, planned.filed)).map((r) => [r._id, r.no]))
    const results = planned.results.map((r) => (r.reportId && numbers.has(r.reportId) ? { ...r, reportNo: numbers.get(r.reportId) as string } : r))
    const patch = {
      status: 'done' as const,
      late,
      closeAt: null,
      results,
      findings: score.findings,
      deductions: score.deductions,
      score: score.score,
      scoreFormula: score.formula,
      submitKey: input.key,
      submittedBy: ctx.userId,
      submittedByName: ctx.user?.name ?? '',
      submittedAt: now,
      updatedAt: now
    }
    await tx.update(C.patrols, p._id, patch)
    await recordRecurrences(tx, ctx, p, planned.recurred, now)
    await incCounts(ctx.store, tx, p.villageId, p.date, { ...counted, findings: score.findings, deductions: score.deductions, problemsCreated: planned.created, problemsLinked: planned.linked }, now)
    return { ...p, ...patch }
  })
}

export async function submitPatrol(input: In, ctx: Ctx): Promise<PatrolDetail> {
  const now = ctx.now()
  const today = chinaDay(now)
  // the open problems of the village that failures could be linked to come with the patrol (one request)
  const failedKeys = input.results.filter((r) => r.result === 'fail').map((r) => r.itemKey)
  const loaded = await loadForSubmit(ctx.store, input.patrolId, failedKeys)
  if (!loaded) return fail('NOT_FOUND', '没有找到这次巡查')
  let p = loaded.patrol
  requireSee(ctx, p)
  const detail = async (doc: PatrolDoc) => toDetail(doc, ctx, await tempUrls((doc.results ?? []).flatMap((r) => r.photos)), today)
  if (decide(p, input, ctx, today) === 'submitted') return detail(p)

  const failures: Failure[] = []
  p.items.forEach((item, i) => {
    const r = input.results.find((x) => x.itemKey === item.key) as ResultInput
    if (r.result === 'fail' && r.location) failures.push({ item, no: i + 1, result: r, at: [r.location.lng, r.location.lat] })
  })
  const texts = input.results.flatMap((r) => [r.note, r.address])
  const fresh = [...new Set(input.results.flatMap((r) => r.photos ?? []))]
  const [textVerdict, checked, near] = await Promise.all([
    checkText(ctx.openid, texts),
    checkPhotos(fresh, [ctx.openid, ctx.userId]),
    loaded.open ? nearestOpen(failures, loaded.open) : openProblemsNear(ctx.store, p.villageId, failures)
  ])
  const kept = await checked.keep()
  const photos = new Map(fresh.map((f, i) => [f, { kept: kept[i], verdict: checked.verdicts[i] }]))

  for (let attempt = 1; ; attempt++) {
    try {
      const planned = plan(p, input, failures, near, photos, textVerdict, ctx, now, loaded.calendar)
      return await detail(await write(ctx, p, input, planned, now))
    } catch (e) {
      // another submission, a cancellation or the 缺巡 job closed it first, or a report took the number
      const lost = isDuplicateKeyError(e) || (e instanceof AppError && e.code === 'CONFLICT')
      if (!lost || attempt >= WRITE_ATTEMPTS) throw e
      await pause(attempt)
      p = await requirePatrol(ctx.store, input.patrolId)
      if (decide(p, input, ctx, today) === 'submitted') return detail(p)
    }
  }
}
