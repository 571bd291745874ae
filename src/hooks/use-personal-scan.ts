import { useCallback, useRef, useState } from 'react'
import type { GeoPoint, PersonalScanResult } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { locateHere } from '@/services/location'
import { CAN_SCAN, scanPersonalCode } from '@/services/scan'

export const PERSONAL_SCAN_PRIVACY_REFUSED = '扫码签到需要确认您在活动现场，要用到位置信息。您未同意隐私保护指引，暂不能扫码；可以在“我的”页查看并同意。'
export const PERSONAL_SCAN_LOCATION_DENIED = '没有获得位置权限，无法确认您在活动现场。请在设置中允许使用位置信息后再扫码。'
export const PERSONAL_SCAN_LOCATION_UNAVAILABLE = '暂时无法获取您的位置，请到开阔处稍后再试。'

/** One position serves a run of scans at the desk: it is taken again after this long. */
const PLACE_TTL_MS = 2 * 60_000
/** The latest results shown under the button. */
const KEEP = 20

export type PersonalScanPhase = 'idle' | 'scanning' | 'locating' | 'sending'

/**
 * 扫志愿者签到码 (personal_code activities): the volunteer's code (scanned in WeChat, typed in the
 * browser), the organiser's position (taken once every two minutes, after the privacy consent),
 * then volunteers.scanPersonal. The server checks the code, the sign-up and who may scan; the
 * latest results stay listed with the volunteer's name, to compare with the person in front.
 */
export function usePersonalScan(activityId: string) {
  const { ensurePrivacy } = useAppStore()
  const [phase, setPhase] = useState<PersonalScanPhase>('idle')
  const [error, setError] = useState<string | null>(null)
  const [results, setResults] = useState<PersonalScanResult[]>([])
  const place = useRef<{ at: number; location: GeoPoint; accuracy?: number } | null>(null)
  const busy = useRef(false)

  const here = useCallback(async (): Promise<{ location: GeoPoint; accuracy?: number } | string> => {
    if (place.current && Date.now() - place.current.at < PLACE_TTL_MS) return place.current
    if (!(await ensurePrivacy())) return PERSONAL_SCAN_PRIVACY_REFUSED
    const found = await locateHere({ fresh: true })
    if (!found.ok) return found.reason === 'denied' ? PERSONAL_SCAN_LOCATION_DENIED : PERSONAL_SCAN_LOCATION_UNAVAILABLE
    place.current = { at: Date.now(), location: found.place.location, ...(found.place.accuracy === undefined ? {} : { accuracy: found.place.accuracy }) }
    return place.current
  }, [ensurePrivacy])

  const run = useCallback(
    async (typed?: string): Promise<PersonalScanResult | null> => {
      if (busy.current) return null
      busy.current = true
      setError(null)
      try {
        let code = (typed ?? '').trim()
        if (CAN_SCAN) {
          setPhase('scanning')
          const scanned = await scanPersonalCode()
          if (!scanned.ok) {
            if (!scanned.cancelled) setError(scanned.message)
            return null
          }
          code = scanned.code
        }
        if (!code) {
          setError('请输入志愿者手机上显示的签到码')
          return null
        }
        setPhase('locating')
        const at = await here()
        if (typeof at === 'string') {
          setError(at)
          return null
        }
        setPhase('sending')
        const res = await call('volunteers.scanPersonal', { code, location: at.location, ...(at.accuracy === undefined ? {} : { accuracy: at.accuracy }), activityId })
        if (!res.ok) {
          setError(res.message)
          return null
        }
        setResults((prev) => [res.data, ...prev].slice(0, KEEP))
        return res.data
      } finally {
        busy.current = false
        setPhase('idle')
      }
    },
    [activityId, here]
  )

  return { run, phase, error, results, canScan: CAN_SCAN }
}
