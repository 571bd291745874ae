/** 民情日记: a village's visits, one visit, the month's coverage (户户到) and the households still to visit. */
import { VISIT_COVERAGE_DEFINITION, type ActionName, type Page, type ParsedInputOf, type VisitCoverage, type VisitDetail, type VisitHousehold, type VisitSummary } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import type { UserDoc, VillageDoc } from '../../_shared/docs'
import { fail } from '../../_shared/errors'
import { tempUrls } from '../../_shared/files'
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor } from '../../_shared/paging'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import type { Filter } from '../../_shared/store'
import type { HouseholdDoc } from '../../deeds/docs'
import { gridsOf, managesVillage, requireSeeVisit } from '../access'
import type { VisitCountsDoc, VisitDoc, VisitMarkDoc } from '../docs'
import { householdChunkWithMarks, prefetchCoverage } from '../repo'
import { coverageRate, monthKey, visitCountsIdFor } from '../rules'
import { recordVisit } from '../visit'
import { toVisitDetail, toVisitSummary } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

export { recordVisit }

/** The village's admins and the town office see every visit of the village; a grid worker only those they made. */
export async function visits(input: In<'supervision.visits'>, ctx: Ctx): Promise<Page<VisitSummary>> {
  const filter: Filter = input.householdId ? { householdId: input.householdId, villageId: input.villageId } : { villageId: input.villageId, month: monthKey(input.year, input.month) }
  if (!managesVillage(ctx, input.villageId)) filter.visitorIds = ctx.userId
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  const skip = decodeCursor(input.cursor)
  const rows = await ctx.store.find<VisitDoc>(C.visits, filter, { sort: [['date', 'desc']], skip, limit: size + 1, fields: { situation: false, suggestions: false, issues: false } })
  return { items: rows.slice(0, size).map((v) => toVisitSummary(v, ctx)), next: rows.length > size ? encodeCursor(skip + size) : null }
}

export async function visit(input: In<'supervision.visit'>, ctx: Ctx): Promise<VisitDetail> {
  const v = (await ctx.store.findOne<VisitDoc>(C.visits, { _id: input.visitId })) ?? fail('NOT_FOUND', '没有找到这条走访记录')
  requireSeeVisit(ctx, v)
  return toVisitDetail(v, ctx, await tempUrls(v.photos))
}

/**
 * Two requests whatever the number of visits: the month's counts and the village with the caller's
 * profile (prefetch.ts), then the households' count.
 */
export const visitCoverage = withPrefetch<'supervision.visitCoverage'>((input) => prefetchCoverage(input.villageId, visitCountsIdFor(input.villageId, monthKey(input.year, input.month))), coverage)

async function coverage(input: In<'supervision.visitCoverage'>, ctx: Ctx): Promise<VisitCoverage> {
  const month = monthKey(input.year, input.month)
  const [counts, households, village] = await Promise.all([
    prefetchedOne<VisitCountsDoc>(ctx, 'counts', () => ctx.store.findOne<VisitCountsDoc>(C.visit_counts, { _id: visitCountsIdFor(input.villageId, month) })),
    ctx.store.count(C.households, { villageId: input.villageId }),
    prefetchedOne<VillageDoc>(ctx, 'village', () => ctx.store.findOne<VillageDoc>(C.villages, { _id: input.villageId }))
  ])
  if (!village) return fail('NOT_FOUND', '没有找到这个村（居）')
  const visited = counts?.visited ?? 0
  return {
    villageId: input.villageId,
    villageName: village.name,
    year: input.year,
    month: input.month,
    households,
    visited,
    rate: coverageRate(visited, households),
    visits: counts?.visits ?? 0,
    problemsRaised: counts?.problemsRaised ?? 0,
    solvedOnSite: counts?.solvedOnSite ?? 0,
    filed: counts?.filed ?? 0,
    definition: VISIT_COVERAGE_DEFINITION
  }
}

type Head = Pick<UserDoc, '_id' | 'name' | 'villageId' | 'gridId' | 'gridName'>

/** A household with its grid (its head's, while the head lives in the village) and its visits this month. */
function householdRow(h: HouseholdDoc, head: Head | undefined, mark: VisitMarkDoc | undefined): VisitHousehold {
  const gridId = head && head.villageId === h.villageId ? (head.gridId ?? null) : null
  return { householdId: h._id, name: h.name, headName: head?.name ?? '', gridId, gridName: gridId ? (head?.gridName ?? null) : null, visits: mark?.visits ?? 0, lastVisitDate: mark?.lastDate ?? null }
}

/** Whether a household is on the caller's list: in their grids (null = the whole village), not visited yet if only those. */
function listed(row: VisitHousehold, grids: Set<string> | null, only: In<'supervision.visitHouseholds'>['only']): boolean {
  if (grids && (row.gridId === null || !grids.has(row.gridId))) return false
  return only !== 'unvisited' || row.visits === 0
}

/** Households are read in name order this many at a time, with their heads and month marks (one request: repo.ts). */
const HEAD_FIELDS = { name: 1, villageId: 1, gridId: 1, gridName: 1 } as const
const CHUNK = 100
const MAX_CHUNKS = 10

/**
 * The village's households (a grid worker: those of their grids) with their visits this month, or only
 * those not visited yet. Filtering happens per chunk, so a page with rows costs at most MAX_CHUNKS
 * requests however many households were visited; the cursor is the offset in the village's household list.
 * A page is never empty while more households follow: with nothing found yet the scan goes on past
 * MAX_CHUNKS to the first match or the end (bounded by the village's size), so an empty page means the
 * end (next = null) and a client never pages through blanks.
 */
export async function visitHouseholds(input: In<'supervision.visitHouseholds'>, ctx: Ctx): Promise<Page<VisitHousehold>> {
  const month = monthKey(input.year, input.month)
  const grids = managesVillage(ctx, input.villageId) ? null : new Set(gridsOf(ctx, input.villageId))
  const size = input.pageSize ?? DEFAULT_PAGE_SIZE
  let offset = decodeCursor(input.cursor)
  const items: VisitHousehold[] = []
  for (let chunk = 0; chunk < MAX_CHUNKS || items.length === 0; chunk++) {
    const rows = await householdChunkWithMarks<HouseholdDoc, Head>(ctx.store, input.villageId, month, offset, CHUNK, HEAD_FIELDS)
    if (rows.length === 0) return { items, next: null }
    for (const [i, h] of rows.entries()) {
      const row = householdRow(h, h.head ?? undefined, h.mark ?? undefined)
      if (!listed(row, grids, input.only)) continue
      items.push(row)
      if (items.length === size) {
        const next = offset + i + 1
        return { items, next: rows.length > i + 1 || rows.length === CHUNK ? encodeCursor(next) : null }
      }
    }
    offset += rows.length
    if (rows.length < CHUNK) return { items, next: null }
  }
  return { items, next: encodeCursor(offset) }
}
