import Taro from '@tarojs/taro'
import type { GeoPoint } from '@/contract'

export interface PickedPlace {
  location: GeoPoint
  /** Address text when the platform gives one (map pick), else null. */
  address: string | null
  /** How far off the fix may be, in metres, when the platform says (the current position only). */
  accuracy?: number
}

export type LocationResult = { ok: true; place: PickedPlace } | { ok: false; reason: 'denied' | 'cancelled' | 'unavailable'; message: string }

export const LOCATION_DENIED_MESSAGE = '没有获得位置权限。您可以直接填写地址；如需定位，请在小程序设置中允许使用位置信息。'
const UNAVAILABLE = '暂时无法定位，请直接填写地址'

/** Map picking exists in WeChat (chooseLocation); the H5 build has none. */
export const CAN_PICK_ON_MAP = true

export function canLocate(): boolean {
  return true
}

function failure(err: unknown): LocationResult {
  const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? err ?? '')
  if (/cancel/i.test(msg)) return { ok: false, reason: 'cancelled', message: '' }
  if (/auth|deny|denied|privacy|permission|scope/i.test(msg)) return { ok: false, reason: 'denied', message: LOCATION_DENIED_MESSAGE }
  return { ok: false, reason: 'unavailable', message: UNAVAILABLE }
}

const round = (value: number) => Math.round(value * 1e6) / 1e6

/**
 * Current position (GCJ-02, what WeChat maps use). Call after ensurePrivacy(). `fresh` asks for a
 * high-accuracy fix instead of a recent cached one (check-in).
 */
export async function locateHere(options: { fresh?: boolean } = {}): Promise<LocationResult> {
  try {
    const res = await Taro.getLocation(options.fresh ? { type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 } : { type: 'gcj02' })
    const accuracy = typeof res.accuracy === 'number' && Number.isFinite(res.accuracy) && res.accuracy >= 0 ? Math.round(res.accuracy) : undefined
    return { ok: true, place: { location: { lng: round(res.longitude), lat: round(res.latitude) }, address: null, ...(accuracy === undefined ? {} : { accuracy }) } }
  } catch (err) {
    return failure(err)
  }
}

/** Pick the spot on a map; gives the address text too. Call after ensurePrivacy(). */
export async function pickOnMap(): Promise<LocationResult> {
  try {
    const res = await Taro.chooseLocation({})
    const address = [res.address, res.name].filter(Boolean).join(' ').trim()
    return { ok: true, place: { location: { lng: round(res.longitude), lat: round(res.latitude) }, address: address || null } }
  } catch (err) {
    return failure(err)
  }
}
