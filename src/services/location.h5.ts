import type { GeoPoint } from '@/contract'

export interface PickedPlace {
  location: GeoPoint
  address: string | null
  /** How far off the fix may be, in metres (the current position only). */
  accuracy?: number
}

export type LocationResult = { ok: true; place: PickedPlace } | { ok: false; reason: 'denied' | 'cancelled' | 'unavailable'; message: string }

export const LOCATION_DENIED_MESSAGE = '浏览器没有允许定位。您可以直接填写地址；如需定位，请在浏览器设置中允许本网站使用位置。'

/** No map picker in the browser build (it would need a map service key). */
export const CAN_PICK_ON_MAP = false

export function canLocate(): boolean {
  return typeof navigator !== 'undefined' && Boolean(navigator.geolocation)
}

const round = (value: number) => Math.round(value * 1e6) / 1e6

/**
 * navigator.geolocation (WGS-84; the local demo does not convert to GCJ-02). `fresh` refuses a
 * cached position (check-in must prove where the person is now).
 */
export function locateHere(options: { fresh?: boolean } = {}): Promise<LocationResult> {
  if (!canLocate()) return Promise.resolve({ ok: false, reason: 'unavailable', message: '这个浏览器不支持定位，请直接填写地址' })
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const accuracy = Number.isFinite(pos.coords.accuracy) ? Math.round(pos.coords.accuracy) : undefined
        resolve({ ok: true, place: { location: { lng: round(pos.coords.longitude), lat: round(pos.coords.latitude) }, address: null, ...(accuracy === undefined ? {} : { accuracy }) } })
      },
      (err) =>
        resolve(err.code === err.PERMISSION_DENIED ? { ok: false, reason: 'denied', message: LOCATION_DENIED_MESSAGE } : { ok: false, reason: 'unavailable', message: '暂时无法定位，请直接填写地址' }),
      { enableHighAccuracy: true, timeout: 10000, maximumAge: options.fresh ? 0 : 60000 }
    )
  })
}

export function pickOnMap(): Promise<LocationResult> {
  return Promise.resolve({ ok: false, reason: 'unavailable', message: '浏览器版不支持地图选点，请直接填写地址' })
}
