/**
 * 首页's named queries (users.home): every figure is a `$lookup` + pipeline over the caller's profile, each
 * starting with a `$match` an index of its collection serves (the pattern of prefetch.ts), so the whole
 * home is ONE request after the profile. Every count is limited to the caller's own scope.
 */
import { REPORT_STATUSES, type ReportStatus, type RoleGrant } from '@/contract'
import { isOpen } from '@/domain/report-flow'
import { chinaDay } from '@/domain/china-time'
import { C, type CollectionName } from '../_shared/collections'
import { lookupCommandOf, type LookupCommand, type SubPipeline } from '../_shared/pipeline'
import { personBalanceId } from '../_shared/points'
import type { Ctx } from '../_shared/router'
import type { Filter } from '../_shared/store'

const OPEN: ReportStatus[] = REPORT_STATUSES.filter(isOpen)
/** What the responders (grid workers, village admins, the town office) act on, and the dispatchers. */
const RESPOND_STATUSES: ReportStatus[] = ['submitted', 'accepted', 'returned', 'rectified']
/** What a responsible unit acts on: sign, answer, rectify. */
const UNIT_STATUSES: ReportStatus[] = ['dispatched', 'signed', 'answered']
/** Selections whose nominations are looked at (the newest of the caller's scopes). */
const SELECTIONS_LOOKED_AT = 20
const TOWN_SCOPE = 'town'

type Figure = { coll: CollectionName; pipeline: (p: SubPipeline) => SubPipeline }

/** The caller's places by role. */
export interface Places {
  isTown: boolean
  responderVillages: string[]
  dispatcherVillages: string[]
  units: string[]
  adminVillages: string[]
  patrols: boolean
  responds: boolean
  dispatches: boolean
  administers: boolean
}

export function placesOf(grants: RoleGrant[]): Places {
  const isTown = grants.some((g) => g.role === 'town_admin')
  const of = (roles: RoleGrant['role'][], field: 'villageId' | 'unitId') => [...new Set(grants.filter((g) => roles.includes(g.role) && g[field]).map((g) => g[field] as string))]
  const responderVillages = of(['grid_worker', 'village_admin'], 'villageId')
  const adminVillages = of(['village_admin'], 'villageId')
  const units = of(['unit_staff'], 'unitId')
  return {
    isTown,
    responderVillages,
    dispatcherVillages: adminVillages,
    units,
    adminVillages,
    patrols: isTown || grants.some((g) => g.role === 'grid_worker' || g.role === 'village_admin'),
    responds: isTown || responderVillages.length > 0,
    dispatches: isTown || adminVillages.length > 0,
    administers: isTown || adminVillages.length > 0
  }
}

const count = (p: SubPipeline) => p.count('n')

/** The figures to read, by key: the caller's own, then by role. */
function figuresFor(ctx: Ctx, places: Places, _: LookupCommand): Record<string, Figure> {
  const user = ctx.user
  const me = ctx.userId
  const now = ctx.now()
  const op = ctx.store.op
  const mine: Filter = { reporterId: me, status: op.in(OPEN) }
  const figures: Record<string, Figure> = {
    myReports: { coll: C.reports, pipeline: (p) => p.match(mine).sort({ createdAt: -1 }).limit(3).project({ no: 1, categoryName: 1, status: 1, overdue: 1, createdAt: 1 }) },
    myReportCount: { coll: C.reports, pipeline: (p) => count(p.match(mine)) },
    balance: {
      coll: C.point_balances,
      pipeline: (p) =>
        p
          .match({ _id: personBalanceId(me) })
          .limit(1)
          .project({ earned: 1, monthEarned: 1 })
    },
    nextActivity: {
      coll: C.activity_signups,
      pipeline: (p) =>
        p
          .match({ userId: me, activityStartAt: op.gte(now), status: 'signed' })
          .sort({ activityStartAt: 1 })
          .limit(1)
          .project({ activityId: 1, activityTitle: 1, activityStartAt: 1 })
    }
  }
  if (user?.villageId) {
    figures.board = {
      coll: C.honour_boards,
      pipeline: (p) => p.match({ scope: user.villageId, status: 'published' }).sort({ publishedAt: -1 }).limit(1).project({ title: 1, scopeName: 1, publishedAt: 1 })
    }
  }
  Object.assign(figures, reportFigures(ctx, places), adminFigures(ctx, places, _))
  if (places.patrols) {
    figures.patrols = { coll: C.patrols, pipeline: (p) => count(p.match({ patrollerIds: me, date: chinaDay(now), status: 'scheduled' })) }
  }
  return figures
}

/** 问题处置: by status in the caller's villages (or the town), and in their units. */
function reportFigures(ctx: Ctx, places: Places): Record<string, Figure> {
  const op = ctx.store.op
  const figures: Record<string, Figure> = {}
  const byStatus = (p: SubPipeline) => p.group({ _id: '$status', n: op.sum(1) })
  if (places.responds || places.dispatches) {
    const keys = places.isTown ? ['all'] : [...new Set([...places.responderVillages, ...places.dispatcherVillages])].map((v) => `v:${v}`)
    figures.respond = { coll: C.reports, pipeline: (p) => byStatus(p.match({ facets: op.in(keys), status: op.in(RESPOND_STATUSES) })) }
    const scope = places.isTown ? {} : { villageId: op.in(places.responderVillages.concat(places.dispatcherVillages)) }
    figures.overdue = { coll: C.reports, pipeline: (p) => count(p.match({ facets: 'od', status: op.in(OPEN), ...scope })) }
  }
  if (places.units.length) {
    const keys = places.units.map((u) => `u:${u}`)
    figures.unit = { coll: C.reports, pipeline: (p) => byStatus(p.match({ facets: op.in(keys), status: op.in(UNIT_STATUSES) })) }
    figures.unitOverdue = { coll: C.reports, pipeline: (p) => count(p.match({ facets: 'od', status: op.in(OPEN), unitId: op.in(places.units) })) }
  }
  return figures
}

/** 善行审核, 时长审核, 评选提名: the caller's villages, or the town. */
function adminFigures(ctx: Ctx, places: Places, _: LookupCommand): Record<string, Figure> {
  if (!places.administers) return {}
  const op = ctx.store.op
  const villages = places.adminVillages
  const deedMatch: Filter = places.isTown ? { status: 'pending' } : { villageId: op.in(villages), status: 'pending' }
  const hoursScopes = places.isTown ? ['all'] : villages.map((v) => `v:${v}`)
  const selectionScopes = places.isTown ? [TOWN_SCOPE, ...villages] : villages
  const $ = _.aggregate
  return {
    deeds: { coll: C.deeds, pipeline: (p) => count(p.match(deedMatch)) },
    hours: { coll: C.hours_requests, pipeline: (p) => count(p.match({ scopes: op.in(hoursScopes), status: 'pending' })) },
    // the newest selections of the scopes, each with its count of nominations waiting (selection_status_nominated)
    nominations: {
      coll: C.selections,
      pipeline: (p) =>
        p
          .match({ scope: op.in(selectionScopes) })
          .sort({ createdAt: -1 })
          .limit(SELECTIONS_LOOKED_AT)
          .lookup({
            from: C.selection_candidates,
            let: { sid: '$_id' },
            pipeline: $.pipeline()
              .match(_.and([_.expr($.eq(['$selectionId', '$$sid'])), { status: 'pending' }]))
              .count('n')
              .done(),
            as: 'pending'
          })
          .project({ pending: 1 })
    }
  }
}

const joinedAs = (i: number) => `_home${i}`
export type Row = Record<string, unknown>

/** All figures in one aggregate over the caller's profile. */
async function readFigures(ctx: Ctx, figures: Record<string, Figure>): Promise<Map<string, Row[]>> {
  const _ = lookupCommandOf(ctx.store)
  const keys = Object.keys(figures)
  const rows = await ctx.store.aggregate<Row>(C.users, (a) => {
    let q = a.match({ _id: ctx.userId }).limit(1)
    keys.forEach((key, i) => {
      const f = figures[key]
      q = q.lookup({ from: f.coll, pipeline: f.pipeline(_.aggregate.pipeline()).done(), as: joinedAs(i) } as Parameters<typeof q.lookup>[0])
    })
    return q
  })
  const row = rows[0] ?? {}
  return new Map(keys.map((key, i) => [key, Array.isArray(row[joinedAs(i)]) ? (row[joinedAs(i)] as Row[]) : []]))
}

/** The home's figures for the caller's places, by key. */
export const readHomeFigures = (ctx: Ctx, places: Places): Promise<Map<string, Row[]>> => readFigures(ctx, figuresFor(ctx, places, lookupCommandOf(ctx.store)))
