/**
 * Who sees which problem (enforced here, from data; which step someone may take is decided by
 * src/domain/report-flow.ts):
 * - the town office: every problem, with the reporter's identity;
 * - the reporter: their own problems, with their own identity;
 * - a village admin and a grid worker: every problem of their village (a grid worker acts only in
 *   their grid, as the state machine decides; seeing the village lets them spot duplicates and
 *   cover for a neighbour);
 * - a unit: the problems currently dispatched to it (kept after 退单 until re-dispatched elsewhere);
 * - anyone else: nothing but 曝光台 and the nearby-duplicates hint (de-identified).
 * Nobody but the reporter and the town office ever sees who reported, anonymous or not.
 */
import type { RoleGrant, ReportSource, ReportStatus } from '@/contract'
import type { Ctx } from '../_shared/router'
import { fail } from '../_shared/errors'
import type { Filter } from '../_shared/store'
import type { ReportDoc } from './docs'

export interface Viewer {
  userId: string
  isTown: boolean
  grants: RoleGrant[]
}

export const viewerOf = (ctx: Ctx): Viewer => ({ userId: ctx.userId, isTown: ctx.isTown, grants: ctx.user?.grants ?? [] })

function staffSees(r: Pick<ReportDoc, 'villageId' | 'unitId'>, g: RoleGrant): boolean {
  switch (g.role) {
    case 'town_admin':
      return true
    case 'village_admin':
    case 'grid_worker':
      return g.villageId === r.villageId
    case 'unit_staff':
      return r.unitId !== null && g.unitId === r.unitId
  }
}

/** Sees the problem as staff (not merely as its reporter). */
export function isStaffViewer(r: Pick<ReportDoc, 'villageId' | 'unitId'>, v: Viewer): boolean {
  return v.isTown || v.grants.some((g) => staffSees(r, g))
}

export function canView(r: Pick<ReportDoc, 'villageId' | 'unitId' | 'reporterId'>, v: Viewer): boolean {
  return r.reporterId === v.userId || isStaffViewer(r, v)
}

/** Who may learn who reported: the reporter and the town office. */
export function seesIdentity(r: Pick<ReportDoc, 'reporterId'>, v: Viewer): boolean {
  return v.isTown || r.reporterId === v.userId
}

export function requireView(r: ReportDoc, v: Viewer): void {
  if (!canView(r, v)) fail('FORBIDDEN', '您无权查看该问题')
}

/** Index keys of the lists a staff member may see (see facetsOf): 'all' for the town office. */
export function scopeKeys(v: Viewer, roles: ReadonlyArray<RoleGrant['role']>): string[] {
  if (v.isTown) return ['all']
  const keys = new Set<string>()
  for (const g of v.grants) {
    if (!roles.includes(g.role)) continue
    if ((g.role === 'village_admin' || g.role === 'grid_worker') && g.villageId) keys.add(`v:${g.villageId}`)
    if (g.role === 'unit_staff' && g.unitId) keys.add(`u:${g.unitId}`)
  }
  return [...keys]
}

export interface ListFilter {
  status?: ReportStatus
  villageId?: string
  gridId?: string
  category?: string
  unitId?: string
  source?: ReportSource
  overdue?: boolean
  /** Only problems 挂起 (true); false or absent = no condition. */
  suspended?: boolean
}

type Conds = Record<string, unknown>

/** The scope's own restriction as a field condition; null when it contradicts the filter. */
function applyScope(conds: Conds, scope: string): Conds | null {
  if (scope === 'all') return conds
  const [kind, value] = [scope.slice(0, 2), scope.slice(2)]
  const field = kind === 'v:' ? 'villageId' : 'unitId'
  if (conds[field] !== undefined && conds[field] !== value) return null
  return { ...conds, [field]: value }
}

/** Most selective key first; the chosen field's condition is then implied by the key. */
const KEY_ORDER: Array<[field: string, key: (v: unknown) => string]> = [
  ['gridId', (v) => `g:${String(v)}`],
  ['unitId', (v) => `u:${String(v)}`],
  ['overdue', () => 'od'],
  ['suspended', () => 'sus'],
  ['villageId', (v) => `v:${String(v)}`],
  ['category', (v) => `c:${String(v)}`],
  ['source', (v) => `src:${String(v)}`]
]

function branchFor(conds: Conds): Filter {
  for (const [field, key] of KEY_ORDER) {
    const value = conds[field]
    if (value === undefined || ((field === 'overdue' || field === 'suspended') && value !== true)) continue
    const rest = { ...conds }
    delete rest[field]
    return { facets: key(value), ...rest }
  }
  return { facets: 'all', ...conds }
}

/**
 * The query of a filtered list within the viewer's scopes: one branch per scope, each served by
 * (facets[, status], createdAt). null = nothing can match.
 */
export function listQuery(scopes: string[], filter: ListFilter, extra: Conds = {}): Filter | null {
  const conds: Conds = {}
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) conds[k] = v
  const branches = new Map<string, Filter>()
  for (const scope of scopes) {
    const scoped = applyScope(conds, scope)
    if (!scoped) continue
    const branch = { ...branchFor(scoped), ...extra }
    branches.set(JSON.stringify(branch), branch)
  }
  const list = [...branches.values()]
  if (list.length === 0) return null
  return list.length === 1 ? list[0] : { $or: list }
}
