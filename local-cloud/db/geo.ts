/**
 * Geo support: `$nearSphere`, `$geoWithin`, `$geoIntersects` as mingo query operators on GeoJSON
 * geometries (documents store points as `{type:'Point', coordinates:[lng, lat]}`, the SDK's Geo.Point).
 * Distances are great-circle distances on a sphere of radius 6378.1 km (MongoDB's constant).
 */
import { Context } from 'mingo'
import { resolve } from 'mingo/util'
import { isPlainObject } from './values'

export const EARTH_RADIUS_M = 6378100

export type LngLat = [number, number]

export interface Geometry {
  type: string
  coordinates: unknown
}

export function isGeometry(v: unknown): v is Geometry {
  return isPlainObject(v) && typeof v.type === 'string' && Array.isArray(v.coordinates)
}

export function pointOf(v: unknown): LngLat | null {
  if (isGeometry(v) && v.type === 'Point') {
    const c = v.coordinates as unknown[]
    if (typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]]
  }
  if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]]
  return null
}

const rad = (d: number) => (d * Math.PI) / 180

/** Great-circle distance in metres. */
export function distanceM(a: LngLat, b: LngLat): number {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Point in polygon (first ring = shell, others = holes); planar on lng/lat, fine for town-sized areas. */
function inPolygon(p: LngLat, rings: LngLat[][]): boolean {
  if (!rings.length || !inRing(p, rings[0])) return false
  return !rings.slice(1).some((hole) => inRing(p, hole))
}

function pointsOf(g: Geometry): LngLat[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates as LngLat]
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates as LngLat[]
    case 'MultiLineString':
    case 'Polygon':
      return (g.coordinates as LngLat[][]).flat()
    case 'MultiPolygon':
      return (g.coordinates as LngLat[][][]).flat(2)
    default:
      return []
  }
}

function polygonsOf(g: Geometry): LngLat[][][] {
  if (g.type === 'Polygon') return [g.coordinates as LngLat[][]]
  if (g.type === 'MultiPolygon') return g.coordinates as LngLat[][][]
  return []
}

export interface NearSpec {
  point: LngLat
  max: number
  min: number
}

/** Parses `{$geometry, $maxDistance, $minDistance}` (metres). */
export function parseNear(spec: unknown): NearSpec {
  const s = isPlainObject(spec) ? spec : {}
  const point = pointOf(s.$geometry ?? spec)
  if (!point) throw new Error('$nearSphere requires a GeoJSON point in $geometry')
  const max = typeof s.$maxDistance === 'number' ? s.$maxDistance : Infinity
  const min = typeof s.$minDistance === 'number' ? s.$minDistance : 0
  return { point, max, min }
}

export type WithinSpec = { kind: 'circle'; center: LngLat; radiusM: number } | { kind: 'polygons'; polygons: LngLat[][][] }

export function parseWithin(spec: unknown): WithinSpec {
  const s = isPlainObject(spec) ? spec : {}
  if (Array.isArray(s.$centerSphere)) {
    const [c, r] = s.$centerSphere as [unknown, unknown]
    const center = pointOf(c)
    if (!center || typeof r !== 'number') throw new Error('$centerSphere requires [[lng, lat], radiusInRadians]')
    return { kind: 'circle', center, radiusM: r * EARTH_RADIUS_M }
  }
  if (isGeometry(s.$geometry)) return { kind: 'polygons', polygons: polygonsOf(s.$geometry) }
  throw new Error('$geoWithin requires $geometry (Polygon/MultiPolygon) or $centerSphere')
}

function within(g: Geometry, w: WithinSpec): boolean {
  const pts = pointsOf(g)
  if (!pts.length) return false
  if (w.kind === 'circle') return pts.every((p) => distanceM(p, w.center) <= w.radiusM)
  return pts.every((p) => w.polygons.some((poly) => inPolygon(p, poly)))
}

function intersects(g: Geometry, q: Geometry): boolean {
  const gp = pointsOf(g)
  const qp = pointsOf(q)
  const gPolys = polygonsOf(g)
  const qPolys = polygonsOf(q)
  const same = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1]
  if (gp.some((p) => qp.some((x) => same(p, x)))) return true
  if (gp.some((p) => qPolys.some((poly) => inPolygon(p, poly)))) return true
  if (qp.some((p) => gPolys.some((poly) => inPolygon(p, poly)))) return true
  return false
}

function geometryAt(obj: Record<string, unknown>, selector: string): Geometry | null {
  const v = resolve(obj, selector) as unknown
  if (isGeometry(v)) return v
  const p = pointOf(v)
  return p ? { type: 'Point', coordinates: p } : null
}

type QueryOp = (selector: string, value: unknown) => (obj: Record<string, unknown>) => boolean

const $nearSphere: QueryOp = (selector, value) => {
  const near = parseNear(value)
  return (obj) => {
    const g = geometryAt(obj, selector)
    const p = g && pointOf(g)
    if (!p) return false
    const d = distanceM(p, near.point)
    return d <= near.max && d >= near.min
  }
}

const $geoWithin: QueryOp = (selector, value) => {
  const w = parseWithin(value)
  return (obj) => {
    const g = geometryAt(obj, selector)
    return !!g && within(g, w)
  }
}

const $geoIntersects: QueryOp = (selector, value) => {
  const s = isPlainObject(value) ? value : {}
  if (!isGeometry(s.$geometry)) throw new Error('$geoIntersects requires $geometry')
  const q = s.$geometry
  return (obj) => {
    const g = geometryAt(obj, selector)
    return !!g && intersects(g, q)
  }
}

/** The mingo context adding the geo operators. */
type ContextInit = NonNullable<Parameters<typeof Context.init>[0]>
type QueryOps = NonNullable<ContextInit['query']>

/** The mingo context adding the geo operators. */
export const geoContext = Context.init({
  query: { $nearSphere, $near: $nearSphere, $geoWithin, $geoIntersects } as unknown as QueryOps
})

export const GEO_OPERATORS = ['$nearSphere', '$near', '$geoWithin', '$geoIntersects'] as const

/** Grid cell of a point for the geo index (0.01° ≈ 1.1 km). */
export const GEO_CELL_DEG = 0.01
export function cellOf(p: LngLat): string {
  return `${Math.floor(p[0] / GEO_CELL_DEG)}:${Math.floor(p[1] / GEO_CELL_DEG)}`
}

/** Cells covering a circle, or null when too many (caller scans everything). */
export function cellsAround(center: LngLat, radiusM: number, maxCells = 4096): string[] | null {
  if (!Number.isFinite(radiusM)) return null
  const dLat = radiusM / 111320 + GEO_CELL_DEG
  const cos = Math.max(0.01, Math.cos(rad(center[1])))
  const dLng = radiusM / (111320 * cos) + GEO_CELL_DEG
  const x0 = Math.floor((center[0] - dLng) / GEO_CELL_DEG)
  const x1 = Math.floor((center[0] + dLng) / GEO_CELL_DEG)
  const y0 = Math.floor((center[1] - dLat) / GEO_CELL_DEG)
  const y1 = Math.floor((center[1] + dLat) / GEO_CELL_DEG)
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > maxCells) return null
  const out: string[] = []
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${x}:${y}`)
  return out
}
