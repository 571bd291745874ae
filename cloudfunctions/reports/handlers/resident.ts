/** 随手拍 for everyone: submit, nearby duplicates, 我也遇到了, my reports, a report, 曝光台. */
import type { ActionName, CategoryItem, NearbyReport, Page, ParsedInputOf, PublicReport, ReportDetail, ReportSummary, Role } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { AppError, fail, isDuplicateKeyError } from '../../_shared/errors'
import type { GridDoc, VillageDoc } from '../../_shared/docs'
import { tempUrls } from '../../_shared/files'
import { mapPage, offsetPage, type PageInput } from '../../_shared/paging'
import { prefetchedDoc, prefetchedOne, withPrefetch, type PlanOf } from '../../_shared/prefetch'
import { prefetchDailySlot, takeDailySlotFor } from '../../_shared/safeguards'
import { checkPhotos, checkText } from '../../_shared/security'
import type { Store } from '../../_shared/store'
import { prefetchedVillageWithGrids, prefetchVillageWithGrids, villageWithGrids } from '../../_shared/villages'
import { requireView, viewerOf, type Viewer } from '../access'
import type { EventDoc, ReportDoc, SupportDoc } from '../docs'
import { chinaYear, distanceM, formatReportNo, isShownNearby, lngLatOf, NEARBY_STATUSES, reportCounterId, reportIdFor } from '../model'
import {
  findNearby,
  findReports,
  loadCalendar,
  loadFull,
  nextNumber,
  prefetchCalendar,
  prefetchCategories,
  prefetchedCalendar,
  prefetchedFull,
  prefetchFull,
  prefetchReport,
  requireCategoryFor,
  requireFull,
  type Loaded
} from '../repo'
import { countNew } from '../counts'
import { detailOf } from '../step'
import { submitStep } from '../steps'
import { toNearby, toPublic, toSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

const NEARBY_METRES = 100
const NEARBY_DAYS = 30
const NEARBY_MAX = 20
const DAY_MS = 24 * 60 * 60 * 1000
/**
 * Attempts at numbering a new report when other submissions race for the same counter: every report
 * of the year takes its number from one counter, so a burst of submissions collides; each retry waits
 * a random moment (longer each time) so the racers spread out instead of colliding again.
 */
const CREATE_ATTEMPTS = 12
const RETRY_JITTER_MS = 15
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt))

/** 督导 is filed by a grid worker of the village or by the town office. */
function mayInspect(v: Viewer, villageId: string): boolean {
  return v.isTown || v.grants.some((g) => g.role === 'grid_worker' && g.villageId === villageId)
}

function reporterRole(v: Viewer, inspection: boolean): Role {
  if (!inspection) return 'resident'
  return v.isTown ? 'town_admin' : 'grid_worker'
}

/**
 * Numbers and writes a new report with its first event; a concurrent or retried submission of the
 * same draft returns the first. The report is not looked for in the transaction: its id is the
 * draft's, so when another call created it meanwhile the insert is refused (duplicate key) or the
 * commit conflicts, nothing of this transaction is written, and the report is read below.
 */
async function insertNew(store: Store, doc: ReportDoc, event: EventDoc): Promise<Loaded> {
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await store.transaction(async (tx) => {
        const year = chinaYear(doc.createdAt)
        const report: ReportDoc = { ...doc, no: formatReportNo(doc.source, year, await nextNumber(tx, reportCounterId(doc.source, year))) }
        await tx.insert(C.reports, report)
        await tx.insert(C.report_events, event)
        await countNew(tx, [{ report, event }], report.createdAt)
        return report
      })
      return { report: created, events: [event], letters: [] }
    } catch (e) {
      // another call created it (or took the number) first
      const lost = (e instanceof AppError && e.code === 'CONFLICT') || isDuplicateKeyError(e)
      if (!lost || attempt >= CREATE_ATTEMPTS) throw e
    }
    const existing = await loadFull(store, doc._id)
    if (existing) return existing
    await pause(attempt)
  }
}

/**
 * What a submission decides on comes with the caller's profile, in one request: the report itself if
 * this draft was submitted before (a retry), the village with its grids, the categories, the
 * safeguards and the person's count of the day (daily cap), the working-day corrections (the first deadline).
 */
const createPlan: PlanOf<'reports.create'> = (input, { userId, now, op }) => ({
  ...prefetchFull(reportIdFor(userId, input.clientKey)),
  ...prefetchVillageWithGrids(input.villageId),
  categories: prefetchCategories(),
  ...prefetchDailySlot('report', userId),
  calendar: prefetchCalendar(op, now)
})

/** The village, grid and category a new report names, as prefetched (read when they were not); refuses unknown ones. */
async function placeOf(ctx: Ctx, input: In<'reports.create'>): Promise<{ village: VillageDoc; grid: GridDoc | null; category: CategoryItem }> {
  const prefetched = prefetchedVillageWithGrids(ctx)
  const [found, category] = await Promise.all([prefetched === undefined ? villageWithGrids(ctx.store, input.villageId) : prefetched, requireCategoryFor(ctx, input.category)])
  if (!found) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  const grid = input.gridId === null ? null : found.grids.find((g) => g._id === input.gridId)
  if (grid === undefined) return fail('INVALID_INPUT', '所选网格不属于该村（居）', { gridId: '所选网格不属于该村（居）' })
  return { village: found.village, grid, category }
}

export const create = withPrefetch(createPlan, async (input, ctx): Promise<ReportDetail> => {
  const now = ctx.now()
  const viewer = viewerOf(ctx)
  const id = reportIdFor(ctx.userId, input.clientKey)
  const pre = prefetchedFull(ctx)
  const existing = pre === undefined ? await loadFull(ctx.store, id) : pre
  if (existing) return detailOf(ctx, existing, now, viewer)
  if (input.inspection && !mayInspect(viewer, input.villageId)) fail('FORBIDDEN', '只有本村（居）网格员和镇创建办可以提交督导问题')
  const { village, grid, category } = await placeOf(ctx, input)
  // A resident's daily cap, before the content check spends its quota (督导 by staff is not capped).
  // The slot stays taken if the report then fails (a photo refused…): trying again counts again.
  if (!input.inspection) await takeDailySlotFor(ctx, 'report', now)
  const [textVerdict, checked] = await Promise.all([checkText(ctx.openid, [input.description, input.address]), checkPhotos([...new Set(input.photos)], [ctx.openid, ctx.userId])])
  const photos = [...new Set(await checked.keep())]
  const { report, event } = submitStep(
    {
      id,
      clientKey: input.clientKey,
      source: input.inspection ? 'inspection' : 'resident',
      category,
      description: input.description,
      photos,
      location: input.location ? new ctx.store.db.Geo.Point(input.location.lng, input.location.lat) : null,
      address: input.address,
      village,
      grid,
      reporter: { id: ctx.userId, openid: ctx.openid, name: ctx.user?.name ?? '', phone: ctx.user?.phone ?? null, as: reporterRole(viewer, input.inspection === true) },
      anonymous: input.anonymous,
      secStatus: textVerdict === 'pass' && checked.verdict === 'pass' ? 'pass' : 'review'
    },
    now,
    prefetchedCalendar(ctx) ?? (await loadCalendar(ctx.store, now))
  )
  return detailOf(ctx, await insertNew(ctx.store, report, event), now, viewer)
})

export async function nearby(input: In<'reports.nearby'>, ctx: Ctx): Promise<NearbyReport[]> {
  const now = ctx.now()
  const here: [number, number] = [input.location.lng, input.location.lat]
  const since = new Date(now.getTime() - NEARBY_DAYS * DAY_MS)
  const rows = await findNearby(ctx.store, { here, metres: NEARBY_METRES, category: input.category, statuses: NEARBY_STATUSES, since, limit: NEARBY_MAX })
  const urls = await tempUrls(rows.flatMap((r) => r.photos.slice(0, 1)))
  return rows.map((r) => toNearby(r, distanceM(here, lngLatOf(r.location) ?? here), urls))
}

/** The support's id: (report, person), so a person counts once. */
const supportIdFor = (reportId: string, userId: string) => `${reportId}_${userId}`

/** The report and the caller's support of it (if any) come with the caller's profile, in one request. */
const supportPlan: PlanOf<'reports.support'> = (input, { userId }) => ({
  target: prefetchReport(input.reportId),
  support: { coll: C.report_supports, match: { _id: supportIdFor(input.reportId, userId) } }
})

/**
 * Adds the person's support and counts it, in one transaction; the support's id is (report, person),
 * so a repeat (a retry, the same person at the same moment) is refused as a duplicate and answered
 * with the count as it is.
 */
async function addSupport(store: Store, reportId: string, userId: string, now: Date): Promise<number> {
  try {
    return await store.transaction(async (tx) => {
      const cur = await tx.get<ReportDoc>(C.reports, reportId)
      if (!cur) return fail('NOT_FOUND', '没有找到这个问题')
      if (!isShownNearby(cur)) return fail('CONFLICT', '该问题已办结，无需补充')
      await tx.insert(C.report_supports, { _id: supportIdFor(reportId, userId), reportId, userId, at: now } satisfies SupportDoc)
      await tx.update(C.reports, reportId, { supportCount: cur.supportCount + 1 })
      return cur.supportCount + 1
    })
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e
    const cur = await store.findOne<ReportDoc>(C.reports, { _id: reportId })
    return cur?.supportCount ?? fail('NOT_FOUND', '没有找到这个问题')
  }
}

export const support = withPrefetch(supportPlan, async (input, ctx): Promise<NearbyReport> => {
  const now = ctx.now()
  const r = await prefetchedOne<ReportDoc>(ctx, 'target', () => ctx.store.findOne<ReportDoc>(C.reports, { _id: input.reportId }))
  if (!r || (!isShownNearby(r) && r.reporterId !== ctx.userId)) return fail('NOT_FOUND', '没有找到这个问题，可能已办结')
  let count = r.supportCount
  // the reporter is its first witness already; everyone else counts once (undefined: not prefetched, the transaction tells)
  if (r.reporterId !== ctx.userId && isShownNearby(r) && !prefetchedDoc<SupportDoc>(ctx, 'support')) {
    count = await addSupport(ctx.store, r._id, ctx.userId, now)
  }
  const urls = await tempUrls(r.photos.slice(0, 1))
  return toNearby({ ...r, supportCount: count }, 0, urls)
})

async function page<T>(ctx: Ctx, filter: Record<string, unknown>, input: PageInput, map: (rows: ReportDoc[]) => Promise<T[]>): Promise<Page<T>> {
  return mapPage(await offsetPage(input, (skip, limit) => findReports(ctx.store, filter, skip, limit)), map)
}

export async function summaries(ctx: Ctx, rows: ReportDoc[]): Promise<ReportSummary[]> {
  const now = ctx.now()
  const urls = await tempUrls(rows.flatMap((r) => r.photos.slice(0, 1)))
  return rows.map((r) => toSummary(r, urls, now))
}

export async function mine(input: In<'reports.mine'>, ctx: Ctx): Promise<Page<ReportSummary>> {
  return page(ctx, { reporterId: ctx.userId }, input, (rows) => summaries(ctx, rows))
}

export async function get(input: In<'reports.get'>, ctx: Ctx): Promise<ReportDetail> {
  const loaded = await requireFull(ctx.store, input.reportId)
  const viewer = viewerOf(ctx)
  requireView(loaded.report, viewer)
  return detailOf(ctx, loaded, ctx.now(), viewer)
}

export async function publicList(input: In<'reports.publicList'>, ctx: Ctx): Promise<Page<PublicReport>> {
  return page(ctx, { facets: input.villageId ? `p:${input.villageId}` : 'p' }, input, async (rows) => {
    const urls = await tempUrls(rows.flatMap((r) => [...r.photos, ...r.afterPhotos]))
    return rows.map((r) => toPublic(r, urls))
  })
}
