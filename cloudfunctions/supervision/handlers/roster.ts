/** 排班: one patrol, a month at a cadence, cancelling, and a village's month. */
import { DEFAULT_PATROL_EVERY_DAYS, type ActionName, type Page, type ParsedInputOf, type PatrolDetail, type PatrolSummary, type RosterResult } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import { chinaDay } from '@/domain/china-time'
import { fail, isDuplicateKeyError } from '../../_shared/errors'
import { mapPage, offsetPage } from '../../_shared/paging'
import type { UserDoc } from '../../_shared/docs'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import type { TxStore } from '../../_shared/store'
import { prefetchVillageWithGrids, prefetchedVillageWithGrids } from '../../_shared/villages'
import { endOfChinaDay } from '../../_shared/workdays'
import { requireManageVillage, requireSee } from '../access'
import type { PatrolDoc, PersonDoc, TemplateDoc } from '../docs'
import { countsKnownOf, incCounts, insertCounts, patrolsWithin, requirePatrol, requirePatrollers, requirePlace, requireTemplate, type CountsKnown, type Place, writeCounts } from '../repo'
import { calendarYearsOf, closeEntryId, countsIdFor, daysInMonth, monthRange, patrolIdFor, rosterDays, rotation } from '../rules'
import { toDetail, toSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

function newPatrol(id: string, round: number, place: Place, date: string, people: PersonDoc[], t: TemplateDoc, ctx: Ctx, now: Date): PatrolDoc {
  return {
    _id: id,
    round,
    ...place,
    date,
    patrollerIds: people.map((x) => x.userId),
    patrollers: people,
    templateId: t._id,
    templateName: t.name,
    version: t.version,
    items: t.items,
    status: 'scheduled',
    late: false,
    closeAt: endOfChinaDay(date),
    calendarYears: calendarYearsOf(date),
    results: null,
    findings: null,
    deductions: null,
    score: null,
    scoreFormula: null,
    submitKey: null,
    submittedBy: null,
    submittedByName: null,
    submittedAt: null,
    cancelReason: null,
    createdAt: now,
    createdBy: ctx.userId,
    updatedAt: now
  }
}

/**
 * Writes a new patrol in the transaction unless the same patrol (place, checklist, day) is already
 * scheduled or closed; a cancelled one is scheduled again as its next round. Returns whether it wrote.
 */
async function putPatrol(tx: TxStore, doc: PatrolDoc, now: Date, counts: CountsKnown = 'read'): Promise<PatrolDoc | null> {
  const cur = await tx.get<PatrolDoc>(C.patrols, doc._id)
  if (cur && cur.status !== 'cancelled') return null
  const next = { ...doc, round: cur ? cur.round + 1 : 1 }
  const { _id, ...body } = next
  void _id
  await tx.set(C.patrols, doc._id, body)
  await writeCounts(tx, counts, doc.villageId, doc.date, { scheduled: 1 }, now)
  return next
}

/** `known`: the checklist when already read (null: there is none); undefined = read it. */
async function usableTemplate(ctx: Ctx, templateId: string, known?: TemplateDoc | null): Promise<TemplateDoc> {
  const t = known === undefined ? await requireTemplate(ctx.store, templateId) : (known ?? fail('NOT_FOUND', '没有找到这张巡查表'))
  if (!t.enabled) fail('INVALID_INPUT', '这张巡查表已停用，请选择其他巡查表', { templateId: '巡查表已停用' })
  return t
}

/**
 * The checklist, the village with its grids, the people and the day's counts come with the caller's
 * profile (one request); the patrol itself is read in the transaction (it decides).
 */
export const schedule = withPrefetch<'supervision.schedule'>(
  (input, { op }) => ({
    template: { coll: C.patrol_templates, match: { _id: input.templateId } },
    ...prefetchVillageWithGrids(input.villageId),
    people: { coll: C.users, match: { _id: op.in(input.patrollerIds) }, limit: input.patrollerIds.length },
    counts: { coll: C.supervision_counts, match: { _id: countsIdFor(input.villageId, input.date) } }
  }),
  scheduleOne
)

async function scheduleOne(input: In<'supervision.schedule'>, ctx: Ctx): Promise<PatrolDetail> {
  requireManageVillage(ctx, input.villageId)
  const now = ctx.now()
  const today = chinaDay(now)
  if (input.date < today) fail('INVALID_INPUT', '不能安排已经过去的日期', { date: '不能安排已经过去的日期' })
  const [t, place, people] = await Promise.all([
    prefetchedOne<TemplateDoc>(ctx, 'template', () => ctx.store.findOne<TemplateDoc>(C.patrol_templates, { _id: input.templateId })).then((doc) => usableTemplate(ctx, input.templateId, doc)),
    requirePlace(ctx.store, input.villageId, input.gridId, prefetchedVillageWithGrids(ctx)),
    requirePatrollers(ctx.store, input.patrollerIds, input.villageId, ctx.prefetched?.get('people') as UserDoc[] | undefined)
  ])
  const doc = newPatrol(patrolIdFor(place.villageId, place.gridId, t._id, input.date), 1, place, input.date, people, t, ctx, now)
  const write = (counts: CountsKnown) =>
    ctx.store.transaction(async (tx) => {
      const put = await putPatrol(tx, doc, now, counts)
      if (!put) return fail('CONFLICT', `${input.date} 已安排了同一地点、同一巡查表的巡查`)
      await tx.insert(
        C.audit_log,
        auditEntry(ctx, 'patrol', put._id, 'schedule', { date: put.date, villageId: put.villageId, gridId: put.gridId, templateId: t._id, version: t.version, patrollers: put.patrollerIds })
      )
      return put
    })
  // the day's counts inserted when they were not there: written meanwhile, the write runs again reading them
  const written = await write(countsKnownOf(ctx)).catch((e: unknown) => (isDuplicateKeyError(e) ? write('read') : Promise.reject(e)))
  return toDetail(written, ctx, new Map(), today)
}

/** The days a roster fills (none when `fromDay` is not in the month: the handler says why). */
function plannedDays(input: In<'supervision.generateRoster'>, now: Date): string[] {
  const fromDay = input.fromDay ?? 1
  if (fromDay > daysInMonth(input.year, input.month)) return []
  return rosterDays(input.year, input.month, input.everyDays ?? DEFAULT_PATROL_EVERY_DAYS, fromDay, chinaDay(now))
}

const rosterIds = (input: In<'supervision.generateRoster'>, days: string[]) => ({
  patrols: days.map((date) => patrolIdFor(input.villageId, input.gridId, input.templateId, date)),
  counts: days.map((date) => countsIdFor(input.villageId, date))
})

/** What is already there among a roster's patrols and day counts. */
interface Existing {
  patrols: Map<string, Pick<PatrolDoc, '_id' | 'status'>>
  counts: Set<string>
}

const existingOf = (patrols: ReadonlyArray<Pick<PatrolDoc, '_id' | 'status'>>, counts: ReadonlyArray<{ _id: string }>): Existing => ({
  patrols: new Map(patrols.map((p) => [p._id, p])),
  counts: new Set(counts.map((c) => c._id))
})

async function readExisting(ctx: Ctx, ids: { patrols: string[]; counts: string[] }): Promise<Existing> {
  const [patrols, counts] = await Promise.all([
    ctx.store.find<Pick<PatrolDoc, '_id' | 'status'>>(C.patrols, { _id: ctx.store.op.in(ids.patrols) }, { limit: ids.patrols.length, fields: { _id: true, status: true } }),
    ctx.store.find<{ _id: string }>(C.supervision_counts, { _id: ctx.store.op.in(ids.counts) }, { limit: ids.counts.length, fields: { _id: true } })
  ])
  return existingOf(patrols, counts)
}

/**
 * A new day of the roster without reading: the patrol and the day's counts are inserted (an
 * increment when the counts exist). An insert fails as a duplicate if the document was written
 * since it was read as absent; the whole roster then runs again on fresh reads. A cancelled patrol
 * is read in the transaction and scheduled again as its next round (putPatrol).
 */
async function putRosterDay(tx: TxStore, doc: PatrolDoc, existing: Existing, now: Date): Promise<PatrolDoc | null> {
  const cur = existing.patrols.get(doc._id)
  if (cur) return cur.status === 'cancelled' ? putPatrol(tx, doc, now) : null
  await tx.insert(C.patrols, doc)
  const countsId = countsIdFor(doc.villageId, doc.date)
  const bumped = existing.counts.has(countsId) && (await tx.update(C.supervision_counts, countsId, { scheduled: tx.op.inc(1), updatedAt: now })) > 0
  if (!bumped) await insertCounts(tx, doc.villageId, doc.date, { scheduled: 1 }, now)
  return doc
}

/** Runs again on fresh reads this many times when a day was written meanwhile. */
const ROSTER_RUNS = 3

/**
 * Fills a month: from `fromDay` (default the 1st), every `everyDays` days (default 2), the chosen
 * people in turn (`perPatrol` at a time), skipping past days and days that already have this patrol.
 * One transaction: the month is scheduled whole or not at all. The checklist, the place, the people
 * and which of the month's patrols and day counts exist come with the caller's profile (one request);
 * the transaction then writes each new day without reading it (putRosterDay).
 */
export const generateRoster = withPrefetch<'supervision.generateRoster'>(
  (input, { now, op }) => {
    const ids = rosterIds(input, plannedDays(input, now))
    const n = ids.patrols.length
    return {
      template: { coll: C.patrol_templates, match: { _id: input.templateId } },
      ...prefetchVillageWithGrids(input.villageId),
      people: { coll: C.users, match: { _id: op.in(input.patrollerIds) }, limit: input.patrollerIds.length },
      // no day left to fill: the handler refuses before it needs them
      ...(n > 0
        ? {
            patrols: { coll: C.patrols, match: { _id: op.in(ids.patrols) }, limit: n, omit: ['items', 'results', 'findings', 'patrollers'] },
            counts: { coll: C.supervision_counts, match: { _id: op.in(ids.counts) }, limit: n }
          }
        : {})
    }
  },
  async (input, ctx): Promise<RosterResult> => {
    requireManageVillage(ctx, input.villageId)
    const now = ctx.now()
    const everyDays = input.everyDays ?? DEFAULT_PATROL_EVERY_DAYS
    const fromDay = input.fromDay ?? 1
    if (fromDay > daysInMonth(input.year, input.month)) fail('INVALID_INPUT', `${input.month} 月没有 ${fromDay} 日`, { fromDay: '起始日不正确' })
    const days = plannedDays(input, now)
    if (days.length === 0) fail('INVALID_INPUT', '这个月已经没有可以安排的日期', { month: '请选择本月或以后的月份' })
    const pre = ctx.prefetched
    const [t, place, people] = await Promise.all([
      prefetchedOne<TemplateDoc>(ctx, 'template', () => ctx.store.findOne<TemplateDoc>(C.patrol_templates, { _id: input.templateId })).then((doc) => usableTemplate(ctx, input.templateId, doc)),
      requirePlace(ctx.store, input.villageId, input.gridId, prefetchedVillageWithGrids(ctx)),
      requirePatrollers(ctx.store, input.patrollerIds, input.villageId, pre?.get('people') as UserDoc[] | undefined)
    ])
    const perPatrol = input.perPatrol ?? 1
    const planned = days.map((date, k) => newPatrol(patrolIdFor(place.villageId, place.gridId, t._id, date), 1, place, date, rotation(people, k, perPatrol), t, ctx, now))
    const ids = rosterIds(input, days)
    let existing = pre?.has('patrols') ? existingOf((pre.get('patrols') ?? []) as PatrolDoc[], (pre.get('counts') ?? []) as Array<{ _id: string }>) : await readExisting(ctx, ids)
    for (let run = 1; ; run++) {
      try {
        const created = await ctx.store.transaction(async (tx) => {
          const out: PatrolDoc[] = []
          for (const doc of planned) {
            const put = await putRosterDay(tx, doc, existing, now)
            if (put) out.push(put)
          }
          if (out.length > 0) {
            const key = `${place.villageId}:${place.gridId ?? '-'}:${input.year}-${input.month}`
            await tx.insert(
              C.audit_log,
              auditEntry(ctx, 'patrol_roster', key, 'generate', { templateId: t._id, version: t.version, everyDays, perPatrol, patrols: out.map((p) => p._id), dates: out.map((p) => p.date) })
            )
          }
          return out
        })
        // every day of the cadence this month, past ones included: those not created were skipped
        const cadence = rosterDays(input.year, input.month, everyDays, fromDay, '0000-00-00').length
        return { created: created.length, skipped: cadence - created.length, patrols: created.map((p) => toSummary(p, ctx)) }
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e
        if (run >= ROSTER_RUNS) return fail('CONFLICT', '这个月的排班刚被他人修改，请刷新后再试')
        existing = await readExisting(ctx, ids)
      }
    }
  }
)

export async function cancelPatrol(input: In<'supervision.cancelPatrol'>, ctx: Ctx): Promise<PatrolDetail> {
  const p = await requirePatrol(ctx.store, input.patrolId)
  // as everywhere (reports, visits): a patrol outside the caller's scope is not found, so ids cannot be probed
  requireSee(ctx, p)
  requireManageVillage(ctx, p.villageId)
  if (p.status !== 'scheduled') fail('CONFLICT', p.status === 'cancelled' ? '这次巡查已经取消了' : '这次巡查已提交或已记为缺巡，不能取消')
  const now = ctx.now()
  // a patrol's own day (or a past one) is not cancelled: not done by the end of it is 缺巡
  if (p.date <= chinaDay(now)) fail('CONFLICT', '当天和已过去的巡查不能取消；当天未提交的将记为缺巡')
  const patch = { status: 'cancelled' as const, closeAt: null, cancelReason: input.reason, updatedAt: now }
  try {
    await ctx.store.transaction(async (tx) => {
      // the closing entry's id is the round's: a submission or the 缺巡 job that closed it first wins
      await tx.insert(C.audit_log, { _id: closeEntryId(p._id, p.round), ...auditEntry(ctx, 'patrol', p._id, 'cancel', { reason: input.reason, date: p.date }) })
      await tx.update(C.patrols, p._id, patch)
      await incCounts(ctx.store, tx, p.villageId, p.date, { scheduled: -1 }, now)
    })
  } catch (e) {
    if (isDuplicateKeyError(e)) fail('CONFLICT', '这次巡查刚刚已提交或已记为缺巡，不能取消')
    throw e
  }
  return toDetail({ ...p, ...patch }, ctx, new Map(), chinaDay(now))
}

export async function roster(input: In<'supervision.roster'>, ctx: Ctx): Promise<Page<PatrolSummary>> {
  requireManageVillage(ctx, input.villageId)
  const { from, to } = monthRange(input.year, input.month)
  const page = await offsetPage(input, (skip, limit) => patrolsWithin(ctx.store, input.villageId, from, to, skip, limit))
  return mapPage(page, (rows) => rows.map((p) => toSummary(p, ctx)))
}
